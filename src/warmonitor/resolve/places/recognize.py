"""Toponym recognition: spaCy NER (GPE, LOC, FAC; NORP for demonyms) plus gazetteer matching with an
indexed lookup of every capitalised run of words, filtered by stop-lists and evidence of place-ness.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import numpy

from warmonitor.resolve.places.lexicon import Lexicon, load_lexicon, load_loose_folds, norm

PLACE_LABELS = {"GPE", "LOC", "FAC"}
_QUALIFIER_AFTER = re.compile(r"^\s+([A-Za-z]+)")
_POSSESSIVE = ("'s", "’s")
EMBEDDED_MIN_POPULATION = 100000  # a place named inside an organisation's name is kept when at least this big


@dataclass
class Found:
    """A toponym found in the text: ``source`` ner | gazetteer | demonym | weak (a gazetteer name
    that NER reads as a person: kept only when it resolves into the article's main country) |
    embedded (a place named inside an organisation's name: role "name")."""

    start: int
    end: int
    text: str
    source: str
    label: str = ""


_TOKEN = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*\.?")
MAX_WORDS = 5


def _latin(s: str) -> bool:
    return any("a" <= c.lower() <= "z" for c in s)


@functools.lru_cache(maxsize=65536)  # asked of every word of every text; words repeat
def _can_start(word: str, prefixes: frozenset[str] = frozenset()) -> bool:
    """A word that may begin or end a name: a capital, a letter of a script without case, or an
    Arabic-style article joined to a capitalised word ("al-Bab", "ez-Zor")."""
    first = word[0]
    if first.isupper() or (first.isalpha() and not first.islower() and not first.isupper()):
        return True
    head, dash, rest = word.partition("-")
    return bool(dash) and head.lower() in prefixes and rest[:1].isupper()


class NameMatcher:
    """Gazetteer names in a text: every run of up to five words that starts with a capital (or a
    letter of a script without case) is looked up in the index by its normalised key in one query;
    demonyms come from the lexicon. Nothing is loaded up front, so a matcher costs nothing to make.

    (An Aho-Corasick automaton over all 880,000 written names was measured first: 24 s to build per
    process on the 2-core machine, against milliseconds per article for indexed lookups.)"""

    def __init__(self, gazetteer: Any, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.lex = lexicon

    def matches(self, text: str) -> list[tuple[int, int, int, str]]:
        """Leftmost-longest matches: (start, end, population of the largest place so named, kind)."""
        words = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        grams: dict[str, list[tuple[int, int]]] = {}
        prefixes = self.lex.name_prefixes
        can_start = [_can_start(word, prefixes) for _, _, word in words]
        for i, (start, _, _) in enumerate(words):
            if not can_start[i]:
                continue
            end_i = i
            while end_i < len(words) and end_i - i < MAX_WORDS:
                w_start, w_end, w = words[end_i]
                if end_i > i:
                    gap = text[words[end_i - 1][1]:w_start]
                    if len(gap) > 2 or gap.strip(" -"):
                        break
                    if not can_start[end_i] and w.lower() not in self.lex.name_connectors:
                        break
                if can_start[end_i] or end_i == i:
                    surface_end = w_end - 1 if w.endswith(".") and not _is_abbrev(w) else w_end
                    grams.setdefault(norm(text[start:surface_end]), []).append((start, surface_end))
                end_i += 1
        found = self.gazetteer.max_populations(list(grams))
        found.update(self.gazetteer.loose_populations(
            [k for k, spans in grams.items() if k not in found and self._may_be_loose(text, k, spans)]))
        raw: list[tuple[int, int, int, str]] = []
        for key, (pop, plain) in found.items():
            for start, end in grams[key]:
                # "Al" is not "AL" (Alabama): a short capital form names only text so written
                size = pop if text[start:end].isupper() else plain
                if size >= 0:
                    raw.append((start, end, size, "name"))
        for spans in grams.values():
            for start, end in spans:
                if text[start:end] in self.lex.demonyms:
                    raw.append((start, end, 0, "demonym"))
        raw.sort(key=lambda m: (m[0], -(m[1] - m[0]), m[3] != "demonym"))
        out: list[tuple[int, int, int, str]] = []
        last_end = -1
        for m in raw:
            if m[0] >= last_end:
                out.append(m)
                last_end = m[1]
        return out


    def _may_be_loose(self, text: str, key: str, spans: list[tuple[int, int]]) -> bool:
        """Whether a name the index lacks may be matched by its loose key (another romanisation):
        it has ``min_words_unaided`` words or more, and does not end in a possessive ("China's")."""
        return key.count(" ") + 1 >= load_loose_folds().min_words_unaided and \
            not any(text[start:end].endswith(_POSSESSIVE) for start, end in spans)

    def exact_form(self, surface: str) -> bool:
        """Whether ``surface`` is written exactly so in the index (for all-capital words: "UK" yes,
        "SANA" for Sana'a no)."""
        return surface in self.gazetteer.forms(norm(surface))


    def names_a_country_or_region(self, surface: str) -> bool:
        """Whether the best place so named is a country, continent or region ("UK", "EU", "UAE")."""
        cands = self.gazetteer.candidates(surface, limit=1)
        return bool(cands) and cands[0].place.feature in ("country", "continent", "region")


def _is_abbrev(word: str) -> bool:
    return word.count(".") >= 2


def matcher_for(gazetteer: Any) -> NameMatcher:
    """A name matcher over ``gazetteer``."""
    return NameMatcher(gazetteer, load_lexicon())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the " and a trailing possessive from an entity span."""
    span = text[start:end]
    if span.lower().startswith("the "):
        start += 4
    for pos in _POSSESSIVE:
        if text[start:end].endswith(pos):
            end -= len(pos)
    return start, end


class TokensByStart:
    """The token of ``doc`` that starts at a character offset (``get``, ``[]``), its index built from
    one array on first use (no ``Token`` object is made for the tokens never asked for). In a doc
    only partly tagged (a ``"candidates"`` parse tags only its stretches), a token without a part of
    speech says nothing of the word, unless it is a stop word (a lexical fact: "She", "So", "But" are
    no place names): ``get`` gives None for it, as for an offset where no token starts, so no
    part-of-speech test vetoes the match."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self._index: dict[int, int] | None = None

    def get(self, start: int) -> Any:
        if self.doc is None:
            return None
        if self._index is None:
            from spacy.attrs import IDX, IS_STOP, POS

            if not len(self.doc):
                self._index = {}
            else:
                arr = self.doc.to_array([IDX, POS, IS_STOP])
                keep = (arr[:, 1] != 0) | (arr[:, 2] != 0) if arr[:, 1].any() else numpy.ones(len(arr), dtype=bool)
                self._index = dict(zip(arr[keep, 0].tolist(), numpy.flatnonzero(keep).tolist(), strict=True))
        i = self._index.get(start)
        return None if i is None else self.doc[i]

    def __getitem__(self, start: int) -> Any:
        tok = self.get(start)
        if tok is None:
            raise KeyError(start)
        return tok


def recognise(text: str, doc: Any, matcher: NameMatcher, lex: Lexicon) -> list[Found]:
    """Candidate toponym spans, sorted, without overlaps; NER spans win over gazetteer matches."""
    found: list[Found] = []
    blocked: list[tuple[int, int, str]] = []  # person/organisation names etc. that contain a place name
    persons: set[tuple[int, int]] = set()
    if doc is not None:
        for ent in doc.ents:
            start, end = _trim(text, ent.start_char, ent.end_char)
            if end <= start:
                continue
            if ent.label_ in PLACE_LABELS:
                if text[start:end] in lex.stopwords:
                    continue
                found.append(Found(start, end, text[start:end], "ner", ent.label_))
            elif ent.label_ == "NORP" and text[start:end] in lex.demonyms:
                found.append(Found(start, end, text[start:end], "demonym", ent.label_))
            elif ent.label_ in ("PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "NORP", "LANGUAGE"):
                blocked.append((start, end, ent.label_))
                if ent.label_ == "PERSON":
                    persons.add((start, end))
    taken = [(f.start, f.end) for f in found]
    tokens_by_start = TokensByStart(doc)
    for start, end, pop, kind in matcher.matches(text):
        inner = [f for f in found if f.source == "ner" and start <= f.start and f.end <= end
                 and (f.start, f.end) != (start, end)]
        if inner and kind == "name" and not any(s < end and start < e for s, e in taken
                                                if not any((f.start, f.end) == (s, e) for f in inner)):
            for f in inner:  # NER cut the name short ("Deir" of "Deir ez-Zor"): the whole name wins
                found.remove(f)
                taken.remove((f.start, f.end))
            found.append(Found(start, end, text[start:end], "ner", inner[0].label))
            taken.append((start, end))
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        surface = text[start:end]
        if kind == "demonym":  # kept inside organisation names too ("Syrian Observatory")
            found.append(Found(start, end, surface, "demonym"))
            continue
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in blocked):
            inside_person = any(s <= start and end <= e and label == "PERSON" for s, e, label in blocked)
            if not inside_person and pop >= EMBEDDED_MIN_POPULATION and surface not in lex.stopwords \
                    and (tokens_by_start.get(start) is None or tokens_by_start[start].pos_ == "PROPN"):
                found.append(Found(start, end, surface, "embedded"))  # "the Washington Post", "Jamaica Cancer Society"
            continue
        if surface in lex.stopwords:
            continue
        if surface.isupper() and len(surface) <= 5 and not matcher.exact_form(surface):
            continue
        if surface.replace(".", "").isupper() and len(surface.replace(".", "")) <= 3 \
                and not matcher.names_a_country_or_region(surface):
            continue  # "AP", "MP", "BA": initials far more often than the areas so abbreviated
        if (start, end) in persons:  # NER says person: kept as "weak", dropped unless the context agrees
            found.append(Found(start, end, surface, "weak"))
            continue
        if not _credible(text, start, end, pop, tokens_by_start, lex) or _inside_other_name(text, start, end, pop, lex):
            continue
        found.append(Found(start, end, surface, "gazetteer"))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


_CAP_BEFORE = re.compile(r"(?:^|\s)([A-Z][\w'\u2019-]*) $")
_CAP_AFTER = re.compile(r" ([A-Z][\w'\u2019-]*)")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"\u201c\u201d(\n])\s*$")


def _inside_other_name(text: str, start: int, end: int, pop: int, lex: Lexicon) -> bool:
    """A gazetteer-only match of a small place (population under ``other_name_max_population``) that is
    one word of a longer capitalised name the gazetteer does not hold ("Iron Dome": neither Iron County
    nor Dome; "Robert Trent Jones Golf Club"): a neighbour word that is a place qualifier ("Hama
    Province"), a name connector, a common capitalised word of ``stopwords`` ("Kharkiv Police") or the
    first word of the sentence does not count."""
    if pop >= lex.other_name_max_population:
        return False
    before = _CAP_BEFORE.search(text[max(0, start - 40):start])
    after = _CAP_AFTER.match(text[end:end + 40])
    for m in (before, after):
        if m is None:
            continue
        word = m.group(1)
        low = word.lower()
        if low in lex.qualifiers or low in lex.name_connectors or word in lex.stopwords:
            continue
        if m is before and _SENTENCE_END.search(text[:start - 1 - len(word)]):
            continue  # the first word of a sentence is capitalised anyway
        return True
    return False


def _credible(text: str, start: int, end: int, pop: int, tokens: TokensByStart, lex: Lexicon) -> bool:
    """Whether a gazetteer-only match is likely a place: a non-Latin script name, a big or
    administrative place, a qualifier after it, or a locative preposition before it; and spaCy does
    not read it as an ordinary word."""
    tok = tokens.get(start)
    if tok is not None:
        if tok.is_sent_start and tok.pos_ != "PROPN":
            return False
        if tok.pos_ not in ("PROPN", "X", "NOUN", "ADJ"):
            return False
    if not _latin(text[start:end]):
        return True
    if pop >= lex.min_match_population:
        return True
    after = _QUALIFIER_AFTER.match(text[end:end + 30])
    if after and after.group(1).lower() in lex.qualifiers:
        return True
    before = text[max(0, start - 25):start].split()
    return bool(before) and before[-1].lower().strip(",;:(") in lex.locative_prepositions
