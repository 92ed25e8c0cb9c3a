"""Actor mentions in text: registry names and aliases, generic words resolved from context, and
unknown named armed groups kept as new actors.

One Aho-Corasick automaton holds every key: registry aliases (``HTS``, ``Syrian Arab Army``), generic
role words (``rebels``, ``government troops``), demonym + state noun (``Russian air force``), country
or capital with 's + state noun (``Syria's military``), leader patterns (``anti-Assad forces``) and
``<demonym>-backed <group>``. Matches are taken longest first; generic ones are resolved through
``ActorRegistry.role_actor`` with the article's country focus, date and the actors it names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import ahocorasick
from spacy.attrs import POS

from warmonitor.model import Actor, ActorMention, Span
from warmonitor.nlp.doc import tokens_where
from warmonitor.resolve.actors.registry import STATE_ROLES, ActorRegistry, active, rank
from warmonitor.resolve.actors.text import bounded, is_acronym, norm, norm_key, word_pattern

_PRIORITY = {"actor": 0, "person": 1, "role": 2, "backed": 3, "new": 4}


@dataclass
class _Target:
    kind: str  # actor | person | role | backed
    alias: str = ""
    actors: list[Actor] = field(default_factory=list)
    role: str = ""
    iso2: str | None = None  # None: the article's focus country
    start: str | None = None  # validity of a leader pattern
    end: str | None = None
    explicit_country: bool = False  # the country was named by a demonym/country word


@dataclass
class _Match:
    start: int
    end: int
    kind: str
    targets: list[_Target]
    actor: Actor | None = None
    generic: bool = False
    confidence: float = 0.0


class ActorResolver:
    """Finds and resolves actor mentions; ``registry`` supplies names, aliases and generic tables."""

    def __init__(self, registry: ActorRegistry) -> None:
        self.registry = registry
        self._keys: dict[str, list[_Target]] = {}
        self._build()
        self._automaton = ahocorasick.Automaton()
        for key in self._keys:
            self._automaton.add_word(key, key)
        self._automaton.make_automaton()
        g = registry.generic
        heads = sorted(g.get("group_heads", []), key=len, reverse=True)
        word = r"(?:[A-Z0-9][\w'\u2019.]*(?:-[\w'\u2019]+)*|al-[\w'\u2019]+|of|for|the|and|de|du|des|wa|al)"
        self._group_re = re.compile(
            r"\b((?:[A-Z0-9][\w'\u2019]*(?:-[\w'\u2019]+)*)(?:\s+" + word + r"){0,5}?\s+(?:"
            + "|".join(re.escape(h) for h in heads) + r"))\b"
        )
        self._armed = [norm_key(w) for w in g.get("armed_context", [])]
        # any armed-context word, whole (one pattern: only whether one occurs matters)
        self._armed_re = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in self._armed) + r")\b") if self._armed else None
        self._lead_words = {"the", "a", "an"} | {
            norm_key(w) for spec in g["roles"].values() for w in spec.get("words", []) if " " not in w
        } | {norm_key(w) for w in g.get("lead_words", [])}
        self._country_names = {
            norm_key(n): c.iso2 for c in registry.countries.values() for n in (c.name, *c.metonyms)
        }
        self._demonyms = {norm_key(d): c.iso2 for c in registry.countries.values() for d in c.demonyms}

    # -- the key table ---------------------------------------------------------------------------
    def _add(self, key: str, target: _Target) -> None:
        k = norm_key(key)
        if k:
            self._keys.setdefault(k, []).append(target)

    def _build(self) -> None:
        reg, g = self.registry, self.registry.generic
        for actor in reg.actors:
            for alias in {actor.name, *actor.aliases}:
                bucket = [t for t in self._keys.get(norm_key(alias), []) if t.kind == "actor" and t.alias == alias]
                if bucket:
                    bucket[0].actors.append(actor)
                else:
                    self._add(alias, _Target("actor", alias=alias, actors=[actor]))
        role_words = {role: spec.get("words", []) for role, spec in g["roles"].items()}
        for role, words in role_words.items():
            for w in words:
                self._add(w, _Target("role", role=role))
        for c in reg.countries.values():
            adjectives = [*c.demonyms]
            possessives = [f"{n}'s" for n in (c.name, *c.metonyms)]
            for noun, role in g["state_nouns"].items():
                for prefix in adjectives + possessives:
                    self._add(f"{prefix} {noun}", _Target("role", role=role, iso2=c.iso2, explicit_country=True))
            for role, words in role_words.items():
                for w in words:
                    for prefix in adjectives:
                        self._add(f"{prefix} {w}", _Target("role", role=role, iso2=c.iso2, explicit_country=True))
            for noun in g.get("backed_nouns", []):
                self._add(f"{c.name}-backed {noun}", _Target("backed", iso2=c.iso2))
            for d in c.demonyms:
                if not d.isupper() and not d.endswith("s") and g.get("plural_demonym_role"):
                    self._add(f"the {d}s", _Target("role", role=g["plural_demonym_role"], iso2=c.iso2,
                                                   explicit_country=True))
                for noun in g.get("backed_nouns", []):
                    self._add(f"{d}-backed {noun}", _Target("backed", iso2=c.iso2))
        for person, name, start, end in reg.people:
            group = reg.get(name)
            if group is not None:
                self._add(person, _Target("person", alias=person, actors=[group], start=start, end=end))
        for iso2, leader, start, end in reg.leaders:
            for pattern, role in g.get("leader_patterns", {}).items():
                self._add(pattern.format(leader=leader),
                          _Target("role", role=role, iso2=iso2, start=start, end=end, explicit_country=True))

    # -- matching --------------------------------------------------------------------------------
    def _raw_matches(self, text: str) -> list[_Match]:
        low = norm(text)
        found: list[_Match] = []
        for end_idx, key in self._automaton.iter(low):
            start, end = end_idx - len(key) + 1, end_idx + 1
            if not bounded(low, start, end):
                continue
            targets = []
            for t in self._keys[key]:
                if t.kind == "actor" and is_acronym(t.alias) and text[start:end].replace("-", " ") != t.alias.replace("-", " "):
                    continue
                targets.append(t)
            if targets:
                kind = min((t.kind for t in targets), key=lambda k: _PRIORITY[k])
                found.append(_Match(start, end, kind, targets))
        found.extend(self._new_groups(text, low))
        return found

    def _new_groups(self, text: str, low: str) -> list[_Match]:
        out = []
        for m in self._group_re.finditer(text):
            words = m.group(1).split()
            while len(words) > 2 and (words[0].lower() in self._lead_words or words[0] in ("of", "for", "and")):
                words.pop(0)
            name = " ".join(words)
            start = m.end(1) - len(name)
            if text[start:m.end(1)] != name:
                continue
            if len(words) < 2 or any(norm_key(" ".join(words[i:])) in self._keys for i in range(len(words))):
                continue
            left = low.rfind(".", 0, start) + 1
            right = low.find(".", m.end(1))
            window = low[max(left, start - 250): (right if right > 0 else len(low))]
            if self._armed_re is None or not self._armed_re.search(window):
                continue
            out.append(_Match(start, m.end(1), "new", []))
        return out

    @staticmethod
    def _select(matches: list[_Match]) -> list[_Match]:
        chosen: list[_Match] = []
        taken: list[tuple[int, int]] = []
        for m in sorted(matches, key=lambda m: (-(m.end - m.start), _PRIORITY[m.kind], m.start)):
            if any(m.start < e and s < m.end for s, e in taken):
                continue
            chosen.append(m)
            taken.append((m.start, m.end))
        return sorted(chosen, key=lambda m: m.start)

    def _country_after(self, text: str, end: int) -> str | None:
        """``rebels in Syria``: the country named right after a generic phrase."""
        m = re.match(r"\s+in\s+((?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,3})", text[end:end + 60])
        if not m:
            return None
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            iso = self._country_names.get(norm_key(" ".join(words[:n])))
            if iso:
                return iso
        return None

    def _coordinated(self, text: str, m: _Match) -> list[_Match]:
        """``Syrian and Russian air forces``: one mention per demonym before a resolved state noun."""
        out: list[_Match] = []
        role_targets = [t for t in m.targets if t.kind == "role" and t.explicit_country]
        if not role_targets:
            return out
        pos = m.start
        while True:
            pre = re.search(r"([A-Z][\w.\u00e9-]*)\s*(?:,\s*and|,|and|or)\s+$", text[max(0, pos - 40):pos])
            if not pre:
                break
            word_start = max(0, pos - 40) + pre.start(1)
            iso = self._demonyms.get(norm_key(pre.group(1)))
            if iso is None:
                break
            t = _Target("role", role=role_targets[0].role, iso2=iso, explicit_country=True)
            out.append(_Match(word_start, word_start + len(pre.group(1)), "role", [t]))
            pos = word_start
        return out

    # -- resolution ------------------------------------------------------------------------------
    def _resolve_actor_target(self, m: _Match, countries: list[str], date: str | None) -> None:
        actors = [a for t in m.targets if t.kind == "actor" for a in t.actors]
        best = rank(actors, countries, date)
        live = [a for a in best if active(a.active_from, a.active_to, date)]
        m.actor = (live or best)[0]
        m.confidence = 0.9 if len({a.name for a in actors}) == 1 else 0.8

    @staticmethod
    def _votes(matches: list[_Match]) -> tuple[dict[str, int], dict[str, int]]:
        """Countries of the actors the text names: non-state actors, and state forces."""
        other: dict[str, int] = {}
        state: dict[str, int] = {}
        for m in matches:
            isos = []
            if m.kind == "actor" and m.actor is not None and m.actor.country:
                isos.append((m.actor.country, m.actor.inter == 1))
            for t in m.targets:
                if t.kind == "role" and t.explicit_country and t.iso2:
                    isos.append((t.iso2, t.role in STATE_ROLES))
                    break
            for iso, is_state in isos:
                bucket = state if is_state else other
                bucket[iso] = bucket.get(iso, 0) + 1
        return other, state

    @staticmethod
    def _pick(countries: list[str], votes: dict[str, int]) -> str | None:
        """The focus country the text's named actors point at most (ties: focus order)."""
        if not countries:
            return None
        voted = [c for c in countries[:3] if votes.get(c)]
        return max(voted, key=lambda c: (votes[c], -countries.index(c))) if voted else countries[0]

    def _resolve_generic(self, text: str, m: _Match, countries: list[str], date: str | None,
                         evidence: list[Actor], votes: tuple[dict[str, int], dict[str, int]] = ({}, {})) -> None:
        for t in m.targets:
            is_state = t.role in STATE_ROLES
            focus = self._pick(countries, votes[1] if is_state else votes[0])
            if t.kind == "role":
                if t.start or t.end:
                    if not active(t.start, t.end, date):
                        continue
                iso = t.iso2 or self._country_after(text, m.end) or focus
                actor, how = self.registry.role_actor(t.role, iso, date, evidence)
                m.actor, m.generic = actor, True
                m.confidence = {"table": 0.75, "context": 0.65, "template": 0.6}.get(how, 0.0)
                if t.explicit_country and actor is not None:
                    m.confidence = max(m.confidence, 0.85)
                return
            if t.kind == "backed":
                iso = self._country_after(text, m.end) or focus
                m.actor, m.generic = self._backed(t.iso2, iso, date), True
                m.confidence = 0.6 if m.actor else 0.0
                return

    def _backed(self, backer_iso: str | None, iso: str | None, date: str | None) -> Actor | None:
        backers = {a.name for a in self.registry.actors if a.country == backer_iso}
        cands = [a for a in self.registry.actors
                 if a.country == iso and a.inter in (2, 3, 4) and set(a.backers) & backers
                 and active(a.active_from, a.active_to, date)]
        return cands[0] if cands else None

    def _new_actor(self, text: str, m: _Match, countries: list[str]) -> Actor:
        name = text[m.start:m.end]
        return Actor(name=name, country=countries[0] if countries else None, new=True)

    def _states_as_agents(self, doc: Any) -> list[_Match]:
        """``Israel struck ...``, ``... shelled by Russia``: a country name acting is its state's forces."""
        out: list[_Match] = []
        if doc is None or isinstance(doc, str):
            return out
        skip = set(self.registry.generic.get("subject_verbs_exclude", []))
        for tok in tokens_where(doc, POS, "PROPN"):
            if tok.ent_type_ not in ("GPE", "ORG", "NORP", ""):
                continue
            iso = self._country_names.get(norm_key(tok.text))
            if iso is None:
                continue
            head = tok.head
            acting = tok.dep_ == "nsubj" and head.pos_ == "VERB" and head.lemma_.lower() not in skip
            by_agent = tok.dep_ == "pobj" and head.dep_ == "agent"
            if acting or by_agent:
                target = _Target("role", role="state_military", iso2=iso, explicit_country=True)
                out.append(_Match(tok.idx, tok.idx + len(tok.text), "role", [target]))
        return out

    def _run(self, text: str, countries: list[str], date: str | None, doc: Any = None) -> list[_Match]:
        countries = [c for c in countries if c]
        matches = self._select(self._raw_matches(text) + self._states_as_agents(doc))
        extra: list[_Match] = []
        for m in matches:
            if m.kind in ("role", "actor"):
                extra.extend(self._coordinated(text, m))
        taken = [(m.start, m.end) for m in matches]
        matches += [x for x in extra if not any(x.start < e and s < x.end for s, e in taken)]
        matches.sort(key=lambda m: m.start)
        evidence: list[Actor] = []
        for m in matches:
            if m.kind == "actor":
                self._resolve_actor_target(m, countries, date)
                if m.actor:
                    evidence.append(m.actor)
            elif m.kind == "person":
                live = [t for t in m.targets if t.kind == "person" and active(t.start, t.end, date)]
                if live:
                    m.actor, m.confidence = live[0].actors[0], 0.7
        votes = self._votes(matches)
        acronyms: dict[str, Actor] = {}
        for m in matches:
            if m.kind == "new":
                m.actor, m.confidence = self._new_actor(text, m, countries), 0.5
                acr = re.match(r"\s*\(([A-Z][A-Z0-9-]{1,7})\)", text[m.end:m.end + 12])
                if acr:
                    acronyms[acr.group(1)] = m.actor
            elif m.kind in ("role", "backed"):
                self._resolve_generic(text, m, countries, date, evidence, votes)
        for short, actor in acronyms.items():
            for hit in word_pattern(short).finditer(text):
                if not any(hit.start() < x.end and x.start < hit.end() for x in matches):
                    matches.append(_Match(hit.start(), hit.end(), "new", [], actor, False, 0.5))
        matches = [m for m in matches if m.kind != "person" or m.actor is not None]
        return sorted(matches, key=lambda m: m.start)

    # -- public API ------------------------------------------------------------------------------
    def mentions(self, doc: Any, countries: list[str], date: str | None) -> list[ActorMention]:
        """Every actor mention in ``doc`` (a spaCy Doc or a plain string), offsets into its text."""
        text = doc if isinstance(doc, str) else doc.text
        return [
            ActorMention(span=Span.of(text, m.start, m.end), actor=m.actor, generic=m.generic, confidence=m.confidence)
            for m in self._run(text, countries or [], date, doc)
        ]

    def resolve(self, text: str, countries: list[str], date: str | None) -> Actor | None:
        """The actor a short phrase names (``rebels``, ``HTS``, ``Syrian army``), or None: a named actor
        before a generic word, then the first in the text (``Syrian and Russian air forces``: Syria's)."""
        found = [m for m in self._run(text, countries or [], date) if m.actor is not None]
        if not found:
            return None
        return min(found, key=lambda m: (m.generic, m.start, -(m.end - m.start))).actor

    def resolve_phrase(self, text: str, countries: list[str], date: str | None) -> list[Actor]:
        """Every actor a phrase names, in order, once each: ``Syrian and Russian air forces`` gives the
        Syrian military then the Russian one."""
        out: list[Actor] = []
        for m in self._run(text, countries or [], date):
            if m.actor is not None and all(a.name != m.actor.name for a in out):
                out.append(m.actor)
        return out


def inter_for(actor: Actor | None, event_country: str | None) -> int | None:
    """ACLED's inter code of ``actor`` in an event in ``event_country``: a state's forces acting
    abroad are External/Other forces (8)."""
    if actor is None:
        return None
    if actor.inter == 1 and actor.country and event_country and actor.country != event_country:
        return 8
    return actor.inter


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (``12``); one actor alone gives
    ``<inter>0`` (``10``)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


__all__ = ["ActorResolver", "inter_for", "interaction"]
