"""The geoparser: find toponyms, resolve them in the context of the whole article, read spatial phrases.

Resolution scores every candidate place of every mention by its prior (feature type, population,
how the name matched: ``gazetteer.prior_score``) plus context, in two passes:

- country focus: the share of the article's other mentions that lie in the candidate's country;
- nearness: closeness to the places chosen for the other names of the article;
- hierarchy: a town in an admin1 area the article names;
- qualifiers: "Homs province", "the city of Hama", "provinces of Latakia and Tartus" allow only the
  features the word names (``lexicon.json`` ``qualifiers``); after a country or state name ("a U.S.
  city") the word describes the next words and is ignored, unless the whole is a place ("Quebec City").

A mention gets no nearness or admin1 support from a mention that chose the same place under another
name ("Suffolk" and "Suffolk County" do not vouch for each other).

A name the gazetteer does not know exactly, nor without its article, is looked up by its loose key
(another romanisation: "Deir el-Zour", "al-Hassakeh"; ``transliteration.json``); such a candidate is
kept only in a country where the best place of another, exactly named mention lies.

A name the gazetteer does not know (a street, a school) is placed, with confidence 0.1 and precision
2, at a place named inside it ("Colorado State University" -> Colorado) when that place fits the
article, else at a coherent town named nearby in the text, else at the article's main place (the town,
else area, else country its other places support most).

Demonyms ("Syrian") resolve to their country with ``role="demonym"``, and so do adjectives the lists
lack, read by ``lexicon.json`` ``demonym_endings`` ("Sicilian" -> Sicily, large places only); a place named inside an
organisation's name ("the Washington Post") gets ``role="name"``; a place that is the subject of
a speech or agent verb, or owns a government noun ("Damascus said", "Damascus's defense minister"),
gets ``role="actor"`` (metonymy) and is not an event place.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from warmonitor.errors import UsageError
from warmonitor.model import Place, PlaceMention, Span
from warmonitor.resolve.places.focus import ROLE_WEIGHTS, country_weights
from warmonitor.resolve.places.gazetteer import Candidate, Gazetteer, haversine_km
from warmonitor.resolve.places.lexicon import Lexicon, load_lexicon, norm, strip_prefix
from warmonitor.resolve.places.recognize import _can_start, matcher_for, recognise
from warmonitor.resolve.places.spatial import apply_relation, relation_before

_WORD_AFTER = re.compile(r"^\s+([A-Za-z]+)")
_OF_BEFORE = re.compile(r"\b([A-Za-z]+)\s+of\s+(?:the\s+)?$")
_LIST_JOIN = re.compile(r"^\s*(?:,|,?\s+and|,?\s+or|\s*&)\s+(?:the\s+)?$")
_POSSESSIVE = ("'s", "’s", "'", "’")
_PRECISION = {"city": 1, "site": 1, "admin2": 2}

FOCUS_WEIGHT = 2.0
NEAR_WEIGHT = 1.5
NEAR_SCALE_KM = 150.0
ADMIN_WEIGHT = 1.0
LOCAL_FEATURES = ("city", "site", "admin2")
QUALIFIER_BONUS = 2.0  # per rank in the qualifier's feature list ("region": admin1, then admin2)
BACKOFF_RADIUS_KM = 25.0
COHERENT_KM = 500.0
BACKOFF_WINDOW = 1000  # characters: a confident town named this close is taken before the article's main place
CONFIDENT_SCORE = 1.0  # a candidate scoring this much is an even bet on its own
PART_FEATURES = ("country", "admin1", "region", "continent", "water")
PART_MIN_POPULATION = 100000
NEUTRAL_FOCUS = 0.75  # share of the focus bonus a place outside any country (a sea, a region) gets
BACKOFF_CONFIDENCE = 0.1
MODIFIER_FEATURES = ("country", "admin1")  # names that, before a qualifier word, modify the next words


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    source: str
    allowed: tuple[str, ...] | None = None
    inner: tuple[str, tuple[str, ...]] | None = None  # the name inside "X province" and what it allows
    whole: str | None = None  # the name with the qualifier that follows it ("Jabalia camp")
    own_end: int = 0  # the end of the name without a qualifier taken in after it
    from_of: bool = False
    role: str = "place"
    cands: list[Candidate] = field(default_factory=list)
    backoff: str | None = None  # part: a place named inside the name; article: the article's main place
    scores: list[float] = field(default_factory=list)
    choice: int = 0
    loose: bool = False  # its candidates were found by the loose key only (another romanisation)

    @property
    def chosen(self) -> Candidate | None:
        return self.cands[self.choice] if self.cands else None


class Geoparser:
    """Toponyms of a text -> ``PlaceMention`` (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon | None = None) -> None:
        if gazetteer is None:
            raise UsageError("Geoparser needs a Gazetteer (Gazetteer.open() or Gazetteer.from_records(...))")
        self.gazetteer = gazetteer
        self.lex = lexicon or load_lexicon()

    # -- public API --------------------------------------------------------------------------------
    def parse(self, doc: Any, article: Any = None) -> list[PlaceMention]:
        """Find and resolve the toponyms of a spaCy ``Doc`` (of ``article.body``), with spatial phrases."""
        text = doc.text if doc is not None else (article.body if article is not None else "")
        return self._run(text, doc, self._find(text, doc), extend=True)

    def find(self, text: str, doc: Any = None) -> list[PlaceMention]:
        """Find and resolve the toponyms of ``text`` (spaCy is run when no ``doc`` is given)."""
        if doc is None:
            from warmonitor.nlp import load_nlp

            doc = load_nlp()(text)
        return self.parse(doc)

    def resolve_spans(self, text: str, spans: Iterable[Span | tuple[int, int]], doc: Any = None
                      ) -> list[PlaceMention]:
        """Resolve given toponym spans (oracle mode); one PlaceMention per span, in the given order."""
        found = []
        for sp in spans:
            start, end = (sp.start, sp.end) if isinstance(sp, Span) else (int(sp[0]), int(sp[1]))
            if not 0 <= start < end <= len(text):
                raise UsageError(f"span ({start}, {end}) lies outside the text of {len(text)} characters")
            found.append((start, end, "given"))
        return self._run(text, doc, found, extend=False)

    # -- steps -------------------------------------------------------------------------------------
    def _find(self, text: str, doc: Any) -> list[tuple[int, int, str]]:
        matcher = matcher_for(self.gazetteer)
        return [(f.start, f.end, f.source) for f in recognise(text, doc, matcher, self.lex)]

    def _run(self, text: str, doc: Any, found: Sequence[tuple[int, int, str]], extend: bool) -> list[PlaceMention]:
        mentions = [self._mention(text, s, e, src, extend) for s, e, src in found]
        self._share_qualifiers(text, mentions)
        for m in mentions:
            self._candidates(m)
        mentions = self._trust_loose(mentions)
        self._resolve(mentions)
        mentions = self._drop_weak(mentions)
        self._back_off(mentions)
        if doc is not None:
            for m in mentions:
                if m.role == "place" and self._is_metonymy(doc, m):
                    m.role = "actor"
        if extend:  # finding: an unknown single word is more often a person than a street
            mentions = [m for m in mentions if not (m.backoff == "article" and " " not in m.name)]
        out = [self._to_place_mention(text, m) for m in mentions]
        self._between(text, out)
        return out

    def _mention(self, text: str, start: int, end: int, source: str, extend: bool) -> _Mention:
        name = text[start:end].strip()
        if name.lower().startswith("the "):
            name = name[4:]
        for pos in _POSSESSIVE:
            if name.endswith(pos) and len(name) > len(pos) + 1:
                name = name[: -len(pos)]
                break
        m = _Mention(start, end, name, source, own_end=end)
        words = name.split()
        # "Hama province" given as one span: used when the whole is not itself a name ("Cape Town")
        if len(words) > 1 and words[-1].lower() in self.lex.qualifiers:
            m.inner = (" ".join(words[:-1]), self.lex.qualifiers[words[-1].lower()])
        elif len(words) > 2 and words[1].lower() == "of" and words[0].lower() in self.lex.qualifiers:
            m.inner = (" ".join(words[2:]), self.lex.qualifiers[words[0].lower()])
        if m.inner is None:
            after = _WORD_AFTER.match(text[end:end + 30])
            if after and after.group(1).lower() in self.lex.qualifiers:
                m.allowed = self.lex.qualifiers[after.group(1).lower()]
                m.inner = (m.name, m.allowed)
                m.whole = f"{m.name} {after.group(1)}"  # "Jabalia camp" may be a name of its own
                if extend:
                    m.end = end + after.end(1)
            else:
                before = _OF_BEFORE.search(text[max(0, start - 40):start])
                if before and before.group(1).lower() in self.lex.qualifiers:
                    m.allowed = self.lex.qualifiers[before.group(1).lower()]
                    m.inner = (m.name, m.allowed)
                    m.from_of = True
        if source == "demonym" or m.name in self.lex.demonyms:
            m.role = "demonym"
        elif source == "embedded":
            m.role = "name"
        return m

    def _share_qualifiers(self, text: str, mentions: list[_Mention]) -> None:
        """"the provinces of Latakia and Tartus": a qualifier before a list applies to all of it."""
        for a, b in zip(mentions, mentions[1:], strict=False):
            if a.from_of and a.allowed and b.allowed is None and _LIST_JOIN.match(text[a.end:b.start]):
                b.allowed, b.from_of = a.allowed, True
                b.inner = (b.name, a.allowed)

    def _candidates(self, m: _Mention) -> None:
        gaz = self.gazetteer
        if m.role == "demonym":
            target = self.lex.demonyms.get(m.name, "")
            if target.startswith("="):
                m.cands = gaz.candidates(target[1:], limit=1)
            else:
                place = gaz.country(target) if target else None
                m.cands = [Candidate(place, 0, gaz.radius_km(place), 10.0)] if place else []
            return
        if not m.name or (m.name[0].islower() and m.name[0].isascii() and not _can_start(m.name, self.lex.name_prefixes)) \
                or m.name in self.lex.stopwords:
            # "the streets": a common noun; "Congress", "the West": stop-words, not the towns so named
            m.backoff = "article"
            return
        cands = gaz.candidates(m.name, loose=False)
        if m.whole and self._modifies_next(m, cands):
            m.inner = m.allowed = m.whole = None  # "a U.S. city", "the Texas town of": the word is not its kind
            m.end = m.own_end
        if m.inner is not None:  # "Donetsk region": the oblast before the raion; "Cape Town" stays a town
            inner_name, allowed = m.inner
            seen = {c.place.geonameid for c in cands}
            pool = cands + [c for c in gaz.candidates(inner_name, loose=not cands) if c.place.geonameid not in seen]
            if m.whole:
                seen = {c.place.geonameid for c in pool}
                pool += [c for c in gaz.candidates(m.whole) if c.place.geonameid not in seen]
            fitting = [replace(c, prior=c.prior + QUALIFIER_BONUS * (len(allowed) - allowed.index(c.place.feature)))
                       for c in pool if c.place.feature in allowed]
            if fitting:
                if not cands:
                    m.name = inner_name
                m.allowed = allowed
                cands = sorted(fitting, key=lambda c: -c.prior)
        short = strip_prefix(m.name, self.lex.name_prefixes)
        if not cands and short:
            cands = gaz.candidates(short, loose=False)
        if not cands and m.name.isupper() and len(m.name) > 3:
            cands = gaz.candidates(m.name.title(), loose=False)
        if not cands:  # another romanisation ("Deir el-Zour", "al-Hassakeh"): by the loose key
            cands = gaz.candidates(m.name) or (gaz.candidates(short) if short else [])
            m.loose = bool(cands)
        m.cands = self._fitting(m, cands or self._unknown_name_candidates(m))

    def _unknown_name_candidates(self, m: _Mention) -> list[Candidate]:
        """The last resorts for a name the gazetteer lacks: an adjective, else a place named inside it."""
        cands = self._demonym_candidates(m.name)
        if cands:
            m.role = "demonym"
            return cands
        cands = self._part_candidates(m.name)
        m.backoff = "part" if cands else "article"
        return cands

    @staticmethod
    def _fitting(m: _Mention, cands: list[Candidate]) -> list[Candidate]:
        fitting = [c for c in cands if c.place.feature in m.allowed] if m.allowed else []
        return fitting or cands

    def _trust_loose(self, mentions: list[_Mention]) -> list[_Mention]:
        """A name found by its loose key only keeps the candidates in a country where the best place
        of another, exactly named mention lies ("Ashara" in a Syrian article: not Ajaria, "Achara");
        with none left it is an unknown name, dropped when only its loose key made it a find."""
        countries = {m.cands[0].place.country for m in mentions if m.cands and not m.loose} - {None}
        out = []
        for m in mentions:
            if m.loose:
                m.loose = False
                m.cands = [c for c in m.cands if c.place.country in countries]
                if not m.cands:
                    if m.source == "gazetteer":
                        continue
                    m.cands = self._fitting(m, self._unknown_name_candidates(m))
            out.append(m)
        return out

    def _modifies_next(self, m: _Mention, cands: list[Candidate]) -> bool:
        """Whether a qualifier after a name ("U.S. city") describes the next words, not the name: the
        name most likely stands for a country or state the qualifier does not allow, and the name
        with the qualifier ("Quebec City", "Texas City") is not itself a place."""
        if not cands or m.allowed is None or not m.whole:
            return False
        top = cands[0].place.feature
        return top in MODIFIER_FEATURES and top not in m.allowed and not self.gazetteer.candidates(m.whole, limit=1)

    def _demonym_candidates(self, name: str) -> list[Candidate]:
        """A name the gazetteer lacks read as the adjective of a large place by the endings of
        ``lexicon.json`` ``demonym_endings`` ("Sicilian" -> Sicily, "Sudanese" -> Sudan)."""
        if not name[:1].isupper():
            return []
        for ending, replacement in self.lex.demonym_endings:
            if not name.endswith(ending) or len(name) < len(ending) + 3:
                continue
            base = name[: len(name) - len(ending)] + replacement
            found = [c for c in self.gazetteer.candidates(base, loose=False)
                     if c.place.feature in PART_FEATURES or c.place.population >= PART_MIN_POPULATION]
            if found:
                return found
        return []

    def _part_candidates(self, name: str) -> list[Candidate]:
        """Places named by the longest run of capitalised words inside an unknown name ("Colorado State
        University" -> Colorado), skipping stop-words; their priors are lowered."""
        words = [w for w in re.split(r"[\s\-–/]+", name) if w]  # "Kaduna-Abuja Expressway" -> Kaduna, Abuja
        for size in range(len(words) - 1, 0, -1):
            for i in range(len(words) - size + 1):
                part = words[i:i + size]
                if not part[0][:1].isupper() or not part[-1][:1].isupper():
                    continue
                text = " ".join(part)
                target = self.lex.demonyms.get(text)  # "European Commission" -> Europe
                if target:
                    found_places = self.gazetteer.lookup(target[1:], limit=1) if target.startswith("=") else []
                    place = found_places[0] if found_places else self.gazetteer.country(target) \
                        if not target.startswith("=") else None
                    if place is not None:
                        return [Candidate(place, 2, self.gazetteer.radius_km(place), 1.0)]
                if text in self.lex.stopwords or any(w in self.lex.stopwords for w in part if len(part) == 1):
                    continue
                found = [c for c in self.gazetteer.candidates(text, loose=False)
                         if c.place.feature in PART_FEATURES or c.place.population >= PART_MIN_POPULATION]
                if found:
                    return [replace(c, kind=2, prior=c.prior - 1.0) for c in found]
        return []

    def _back_off(self, mentions: list[_Mention]) -> None:
        """A name the gazetteer does not know (a street, a building) is placed at a confidently
        resolved town named within ``BACKOFF_WINDOW`` characters, else at the article's main place:
        the town (else area, else country) that the article's other places support most (their confidence, and
        for each its nearness or its admin1/country membership), with low confidence."""
        pending = [m for m in mentions if not m.cands and m.role == "place" and m.backoff == "article"]
        if not pending and not any(m.backoff == "part" for m in mentions):
            return
        solid = [m for m in mentions if m.chosen is not None and m.backoff != "article"
                 and m.role in ("place", "actor") and m.chosen.place.lat is not None]
        says = [_weight(m) for m in solid]  # each resolved mention's say in choosing the main place
        main = None
        for level in (LOCAL_FEATURES, ("admin1", "region"), ("country",)):
            own: dict[int | None, float] = defaultdict(float)
            options: dict[int | None, Candidate] = {}
            for m, say in zip(solid, says, strict=True):
                if m.chosen is not None and m.chosen.place.feature in level:
                    options[m.chosen.place.geonameid] = m.chosen
                    own[m.chosen.place.geonameid] += say
            if options:
                main = max(options.values(), key=lambda c: own[c.place.geonameid] + _support(c, solid, says))
                break
        if main is None:
            return
        local = [m for m in solid if m.chosen is not None and m.chosen.place.feature in LOCAL_FEATURES
                 and not m.backoff and _confidence(m.scores, m.choice) >= 0.5
                 and _coherent(m.chosen, main)]
        # a town read inside an unknown name ("Vienna/Fairfax Metro") far from the article's main place
        # is a namesake: the unknown name takes a place of the article instead
        pending += [m for m in mentions if m.backoff == "part" and m.chosen is not None
                    and m.chosen.place.feature in LOCAL_FEATURES and not _coherent(m.chosen, main)]
        for m in pending:
            best = main
            near = [(abs(o.start - m.start), o) for o in local if abs(o.start - m.start) <= BACKOFF_WINDOW]
            if near:
                best = min(near, key=lambda x: x[0])[1].chosen or main
            m.cands = [replace(best, kind=2, radius_km=max(best.radius_km, BACKOFF_RADIUS_KM))]
            m.scores = [0.0]
            m.choice = 0

    def _resolve(self, mentions: list[_Mention]) -> None:
        for m in mentions:
            m.scores = [c.prior for c in m.cands]
            m.choice = 0
        # great-circle distances between a candidate's point and an anchor's: both passes share them
        distances: dict[tuple[float, float, float, float], float] = {}
        # closeness to the nearest other-named anchor: it depends only on the name, the candidate and
        # the anchors (a mention's own anchor has its name), so repeated names share it, and so does
        # the second pass when no choice changed the anchors
        nearness: dict[tuple[str, int | None, float, float], float] = {}
        previous: list[tuple[str, int | None, float, float]] = []
        for _ in range(2):
            weights = country_weights([(m.chosen.place.country, _confidence(m.scores, m.choice))
                                       for m in mentions if m.chosen is not None])
            top = max(weights.values(), default=0.0)
            share = {k: v / top for k, v in weights.items()} if top else {}
            anchors = [(m, m.chosen) for m in mentions if m.chosen is not None]
            admin1s: dict[tuple[str | None, str | None], set[str]] = defaultdict(set)  # area -> names naming it
            for other, oc in anchors:
                if oc.place.feature == "admin1":
                    admin1s[(oc.place.country, oc.place.admin1)].add(norm(other.name))
            # the anchors a local candidate can lie near: (its name's key, geonameid, lat, lon), each
            # once (a place named again under the same name adds nothing to the nearest distance)
            located = list(dict.fromkeys(
                (norm(other.name), oc.place.geonameid, oc.place.lat, oc.place.lon) for other, oc in anchors
                if oc.place.lat is not None and oc.place.lon is not None
                and oc.place.feature in LOCAL_FEATURES + ("admin1",)))
            if located != previous:
                nearness, previous = {}, located
            for m in mentions:
                if len(m.cands) <= 1:
                    continue
                key = norm(m.name)
                scores = []
                for c in m.cands:
                    s = c.prior + FOCUS_WEIGHT * (share.get(c.place.country, 0.0) if c.place.country else NEUTRAL_FOCUS)
                    if c.place.feature in LOCAL_FEATURES and c.place.lat is not None:
                        lat, lon, gid = c.place.lat, c.place.lon or 0.0, c.place.geonameid
                        near = nearness.get((key, gid, lat, lon))
                        if near is None:
                            nearest = math.inf  # the closest anchor of another name (and another place)
                            for other_key, other_gid, olat, olon in located:
                                if other_key == key or other_gid == gid:  # its own name, or the same place
                                    continue
                                d = distances.get((lat, lon, olat, olon))
                                if d is None:
                                    d = distances[(lat, lon, olat, olon)] = haversine_km(lat, lon, olat, olon)
                                if d < nearest:
                                    nearest = d
                            # exp is monotonic: the nearest anchor gives the largest closeness
                            near = math.exp(-nearest / NEAR_SCALE_KM) if nearest < math.inf else 0.0
                            nearness[(key, gid, lat, lon)] = near
                        s += NEAR_WEIGHT * near
                        if admin1s.get((c.place.country, c.place.admin1), set()) - {key}:  # named by another name
                            s += ADMIN_WEIGHT
                    scores.append(s)
                m.scores = scores
                m.choice = max(range(len(scores)), key=scores.__getitem__)

    def _drop_weak(self, mentions: list[_Mention]) -> list[_Mention]:
        """Weak finds (a name NER reads as a person) stay only when they resolve, confidently, into
        the country most of the article's other places lie in."""
        weights = country_weights([(m.chosen.place.country, ROLE_WEIGHTS.get(m.role, 1.0)) for m in mentions
                                   if m.chosen is not None and m.source != "weak"])
        main = max(weights, key=weights.__getitem__) if weights else None
        return [m for m in mentions if m.source != "weak" or (
            m.chosen is not None and m.chosen.place.country == main and _confidence(m.scores, m.choice) >= 0.5)]

    def _is_metonymy(self, doc: Any, m: _Mention) -> bool:
        chosen = m.chosen
        if chosen is None or chosen.place.feature not in ("country", "city", "admin1", "site"):
            return False
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return False
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in (self.lex.speech_verbs | self.lex.agent_verbs):
            return True
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.text in _POSSESSIVE:
            for tok in doc[span.end + 1: span.end + 4]:
                if tok.lemma_.lower() in self.lex.possessed_nouns:
                    return True
        return root.dep_ == "poss" and root.head.lemma_.lower() in self.lex.possessed_nouns

    def _to_place_mention(self, text: str, m: _Mention) -> PlaceMention:
        span = Span.of(text, m.start, m.end)
        chosen = m.chosen
        if chosen is None:
            return PlaceMention(span=span, place=None, confidence=0.0, role=m.role)
        place = chosen.place
        runner = _runner_up(m)
        precision = _PRECISION.get(place.feature, 3)
        confidence = _confidence(m.scores, m.choice)
        if m.backoff:
            precision, confidence = max(2, precision), min(confidence, BACKOFF_CONFIDENCE)
        pm = PlaceMention(span=span, place=place, confidence=round(confidence, 3),
                          runner_up=runner, precision=precision, radius_km=round(chosen.radius_km, 1),
                          lat=place.lat, lon=place.lon, role=m.role)
        if m.role == "place" and place.lat is not None and place.lon is not None:
            rel = relation_before(text, m.start)
            if rel is not None:
                lat, lon, radius, prec, dist = apply_relation(rel, place.lat, place.lon, chosen.radius_km, precision)
                pm.lat, pm.lon, pm.radius_km, pm.precision = lat, lon, round(radius, 1), prec
                pm.relation = rel.phrase.lower() if rel.kind != "part" else f"{rel.phrase.lower()} part of"
                pm.distance_km = dist
                pm.relation_span = Span.of(text, rel.start, rel.end)
        return pm

    def _between(self, text: str, out: list[PlaceMention]) -> None:
        """"between X and Y": both mentions get the midpoint, a radius of half the distance."""
        for a, b in zip(out, out[1:], strict=False):
            if a.place is None or b.place is None or a.role != "place" or None in (a.lat, a.lon, b.lat, b.lon):
                continue
            assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
            lead = re.search(r"\bbetween\s+(?:the\s+)?$", text[max(0, a.span.start - 20):a.span.start], re.I)
            if not lead or not re.fullmatch(r"\s+and\s+(?:the\s+)?", text[a.span.end:b.span.start]):
                continue
            d = haversine_km(a.lat, a.lon, b.lat, b.lon)
            lat, lon = (a.lat + b.lat) / 2, (a.lon + b.lon) / 2
            rel_start = max(0, a.span.start - 20) + lead.start()
            for pm in (a, b):
                pm.lat, pm.lon = round(lat, 5), round(lon, 5)
                pm.radius_km = round(max(2.0, d / 2), 1)
                pm.precision = max(2, pm.precision)
                pm.relation = "between"
                pm.relation_span = Span.of(text, rel_start, b.span.end)


def _confidence(scores: list[float], choice: int) -> float:
    """The chosen candidate's share of the evidence (softmax over candidates) times how strong its
    own score is (a logistic curve), so that a lone small candidate is not certain."""
    if not scores:
        return 0.0
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    strength = 1.0 / (1.0 + math.exp(-(scores[choice] - CONFIDENT_SCORE)))
    return exps[choice] / sum(exps) * strength


def _coherent(c: Candidate, main: Candidate) -> bool:
    """Whether a town may stand in for the article's main place nearby: within ``COHERENT_KM`` of it."""
    if c.place.lat is None or c.place.lon is None or main.place.lat is None or main.place.lon is None:
        return False
    return haversine_km(c.place.lat, c.place.lon, main.place.lat, main.place.lon) <= COHERENT_KM


def _weight(m: _Mention) -> float:
    """A resolved mention's say in choosing the main place: its confidence, halved for a place found
    inside a longer unknown name."""
    return _confidence(m.scores, m.choice) * (0.5 if m.backoff == "part" else 1.0)


def _support(c: Candidate, solid: list[_Mention], says: list[float]) -> float:
    """How much the article's resolved places support ``c`` as its main place (``says``: their ``_weight``)."""
    total = 0.0
    for m, conf in zip(solid, says, strict=True):
        o = m.chosen
        if o is None or o.place.geonameid == c.place.geonameid:
            continue
        if o.place.feature in LOCAL_FEATURES:
            d = haversine_km(c.place.lat, c.place.lon, o.place.lat, o.place.lon)  # type: ignore[arg-type]
            total += conf * math.exp(-d / NEAR_SCALE_KM)
        elif o.place.feature == "admin1":
            total += conf * (o.place.country == c.place.country and o.place.admin1 == c.place.admin1)
        elif o.place.feature == "country":
            total += 0.3 * conf * (o.place.country == c.place.country)
    return total


def _runner_up(m: _Mention) -> Place | None:
    if len(m.cands) < 2:
        return None
    order = sorted(range(len(m.cands)), key=lambda i: -m.scores[i])
    for i in order:
        if i != m.choice:
            return m.cands[i].place
    return None


def group_by_place(mentions: Iterable[PlaceMention]) -> dict[int | None, list[PlaceMention]]:
    """Mentions grouped by the GeoNames id of their place (None: unresolved)."""
    groups: dict[int | None, list[PlaceMention]] = defaultdict(list)
    for pm in mentions:
        groups[pm.place.geonameid if pm.place else None].append(pm)
    return dict(groups)
