"""The trigger lexicon: concept patterns over spaCy tokens and the rules that turn them into sub-types.

The words live in ``data/events/triggers.json`` (schema in its ``_doc`` key and in
``data/events/README.md``); this module only compiles and applies them. Patterns are matched against
each token's lemma and lower-cased form, punctuation tokens skipped, so the same pattern finds
"shelled", "shelling" and "shells".
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, NamedTuple

from warmonitor.errors import DataFileError

GAP = "..."
PREFIX_KEY = 3  # prefix patterns are indexed by their first three letters
ENT_LABELS = {"GPE", "LOC", "FAC"}


class Tok(NamedTuple):
    """One non-punctuation token: its forms, entity label, index in the doc and character offsets
    (a named tuple: made for every word the pre-filter reads, several times cheaper than a dataclass)."""

    lower: str
    lemma: str
    ent: str
    i: int
    start: int
    end: int
    like_num: bool = False


@dataclass(frozen=True)
class Match:
    """A concept found at tokens ``[first, last]`` of the token list (indices into ``toks``)."""

    concept: str
    first: int
    last: int
    start: int  # character offsets (of whatever text the tokens came from)
    end: int
    pattern: str


@dataclass(frozen=True)
class Rule:
    sub_event_type: str | None
    event_type: str | None
    trigger: tuple[str, ...]
    requires: tuple[tuple[str, ...], ...]
    unless: tuple[str, ...]
    priority: float
    decline: bool = False
    kind: str | None = None
    near: int | None = None
    before: tuple[str, ...] = ()  # one of these concepts within ``window`` tokens before the trigger
    after: tuple[str, ...] = ()  # one of these concepts within ``window`` tokens after the trigger
    window: int = 8
    unless_window: bool = False


@dataclass
class Lexicon:
    """Compiled patterns, indexed by the first literal item, and the ordered rules."""

    max_gap: int
    by_first: dict[str, list[tuple[str, tuple[Any, ...], str]]] = field(default_factory=dict)
    loose: list[tuple[str, tuple[Any, ...], str]] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    concepts: set[str] = field(default_factory=set)
    masks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    refine: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # (lower, lemma) -> the indexed patterns whose first item that word matches (see ``_heads``)
    _head_cache: dict[tuple[str, str], tuple[tuple[str, tuple[Any, ...], str], ...]] = field(
        default_factory=dict, repr=False, compare=False)

    # -- matching ---------------------------------------------------------------------------------
    def find(self, toks: list[Tok], concepts: set[str] | None = None) -> list[Match]:
        """Every (concept, pattern) match over ``toks``; longest match per (concept, start) kept."""
        found: dict[tuple[str, int], Match] = {}
        max_gap, cache = self.max_gap, self._head_cache
        for k, tok in enumerate(toks):
            heads = cache.get((tok.lower, tok.lemma))
            if heads is None:
                heads = self._heads(tok)
            if not heads and not self.loose:
                continue
            for concept, rest, raw in heads:
                if concepts is not None and concept not in concepts:
                    continue
                # the first item is known to match: match the rest from the next token
                last = _match_at(rest, toks, k + 1, max_gap) if rest else k
                if last is not None:
                    _keep(found, concept, k, last, tok, toks, raw)
            for concept, items, raw in self.loose:
                if concepts is not None and concept not in concepts:
                    continue
                last = _match_at(items, toks, k, max_gap)
                if last is not None:
                    _keep(found, concept, k, last, tok, toks, raw)
        matches = list(found.values())
        if self.masks:
            masked: list[tuple[int, int, tuple[str, ...]]] = [
                (m.first, m.last, self.masks[m.concept]) for m in matches if m.concept in self.masks
            ]
            if masked:
                matches = [
                    m for m in matches
                    if not any(m.concept in hide and m.first <= b and a <= m.last for a, b, hide in masked)
                ]
        return sorted(matches, key=lambda m: (m.first, m.concept))

    def _heads(self, tok: Tok) -> tuple[tuple[str, tuple[Any, ...], str], ...]:
        """(concept, items after the first, pattern) of the indexed patterns (``by_first``) whose
        first item matches ``tok``, in index order.

        An indexed pattern starts with a "form" item or an "alt" item without ``@GPE``, so whether
        its first item matches depends only on the token's lower-cased form and lemma: the answer is
        kept per (lower, lemma), since the same words come back in every sentence (the cache is
        emptied when it grows large; ``by_first`` must not change after the first ``find``)."""
        key = (tok.lower, tok.lemma)
        got = self._head_cache.get(key)
        if got is None:
            keys = {tok.lower, tok.lemma, tok.lower[:PREFIX_KEY], tok.lemma[:PREFIX_KEY]}
            cands = {id(e): e for k in keys for e in self.by_first.get(k, ())}
            got = tuple((concept, items[1:], raw) for concept, items, raw in cands.values() if _item_ok(items[0], tok))
            if len(self._head_cache) >= _HEAD_CACHE_SIZE:
                self._head_cache.clear()
            self._head_cache[key] = got
        return got


_HEAD_CACHE_SIZE = 1 << 16


def _keep(found: dict[tuple[str, int], Match], concept: str, k: int, last: int, tok: Tok, toks: list[Tok],
          raw: str) -> None:
    """Record the match of ``concept`` over tokens ``[k, last]`` unless a longer one starts there."""
    key = (concept, k)
    old = found.get(key)
    if old is None or last > old.last:
        found[key] = Match(concept, k, last, tok.start, toks[last].end, raw)


def _item_ok(item: Any, tok: Tok) -> bool:
    kind, value = item
    if kind == "alt":
        lits, pres, ent = value
        if tok.lower in lits or tok.lemma in lits or (ent and tok.ent in ENT_LABELS):
            return True
        return tok.lower.startswith(pres) or tok.lemma.startswith(pres)  # pres: a tuple of prefixes
    if kind == "num":
        return tok.like_num
    if kind == "form":
        return tok.lower in value
    return True  # "any": one token


def _match_at(items: tuple[Any, ...], toks: list[Tok], k: int, max_gap: int) -> int | None:
    """Index of the last token when ``items`` match starting at ``toks[k]``, else None."""
    if not items:
        return None
    head, rest = items[0], items[1:]
    if head[0] == "gap":
        for skip in range(0, max_gap + 1):
            if k + skip >= len(toks):
                break
            got = _match_at(rest, toks, k + skip, max_gap)
            if got is not None:
                return got
        return None
    if k >= len(toks) or not _item_ok(head, toks[k]):
        return None
    if not rest:
        return k
    return _match_at(rest, toks, k + 1, max_gap)


def _compile_item(raw: str) -> tuple[str, Any]:
    if raw == GAP:
        return ("gap", None)
    if raw == "*":
        return ("any", None)
    if raw.upper() == "@NUM":
        return ("num", None)
    alts = [a for a in raw.split("|") if a]
    forms = frozenset(a[1:] for a in alts if a.startswith("="))
    if forms and len(forms) == len(alts):
        return ("form", forms)
    lits = frozenset(a.lstrip("=") for a in alts if not a.endswith("*") and not a.startswith("@"))
    pres = tuple(a[:-1] for a in alts if a.endswith("*"))
    ent = any(a.upper() == "@GPE" for a in alts)
    return ("alt", (lits, pres, ent))


def _split_words(pattern: str) -> list[str]:
    """Pattern words, with hyphens treated like the tokenizer (punctuation skipped)."""
    words: list[str] = []
    for word in pattern.lower().split():
        if word in (GAP, "*") or word.startswith("@"):
            words.append(word)
            continue
        parts = [p for p in word.replace("-", " ").split() if p]
        words.extend(parts if "|" not in word else [word])
    return words


def compile_lexicon(data: dict[str, Any], source: str = "triggers.json") -> Lexicon:
    """Build a ``Lexicon`` from the parsed JSON; a malformed entry raises ``DataFileError``."""
    try:
        lex = Lexicon(max_gap=int(data.get("max_gap", 6)))
        for concept, patterns in data["concepts"].items():
            lex.concepts.add(concept)
            for pattern in patterns:
                items = tuple(_compile_item(w) for w in _split_words(pattern))
                if not items:
                    raise ValueError(f"empty pattern in concept {concept!r}")
                entry = (concept, items, pattern)
                if items[0][0] == "form":
                    for key in items[0][1]:
                        lex.by_first.setdefault(key, []).append(entry)
                elif items[0][0] == "alt" and not items[0][1][2] and all(len(p) >= PREFIX_KEY for p in items[0][1][1]):
                    lits, pres, _ent = items[0][1]
                    for key in {*lits, *(p[:PREFIX_KEY] for p in pres)}:
                        lex.by_first.setdefault(key, []).append(entry)
                else:
                    lex.loose.append(entry)
        for raw in data["rules"]:
            requires = tuple(tuple(r) if isinstance(r, list) else (r,) for r in raw.get("requires", []))
            unless = tuple(u for entry in raw.get("unless", []) for u in (entry if isinstance(entry, list) else [entry]))
            rule = Rule(
                sub_event_type=raw.get("sub_event_type"),
                event_type=raw.get("event_type"),
                trigger=tuple(raw["trigger"]),
                requires=requires,
                unless=unless,
                priority=float(raw["priority"]),
                decline=bool(raw.get("decline", False)),
                kind=raw.get("kind"),
                near=raw.get("near"),
                before=tuple(raw.get("before", ())),
                after=tuple(raw.get("after", ())),
                window=int(raw.get("window", 8)),
                unless_window=bool(raw.get("unless_window", False)),
            )
            for name in (*rule.trigger, *(c for alts in rule.requires for c in alts), *rule.unless, *rule.before, *rule.after):
                if name not in lex.concepts:
                    raise ValueError(f"rule {rule.sub_event_type or rule.kind!r} names unknown concept {name!r}")
            if not rule.decline and not (rule.sub_event_type and rule.event_type):
                raise ValueError(f"rule without sub_event_type/event_type: {raw}")
            lex.rules.append(rule)
        for concept, hidden in data.get("masks", {}).items():
            if concept == "_doc":
                continue
            for name in (concept, *hidden):
                if name not in lex.concepts:
                    raise ValueError(f"mask names unknown concept {name!r}")
            lex.masks[concept] = tuple(hidden)
        for generic, specific in data.get("refine", {}).items():
            if generic != "_doc":
                lex.refine[generic] = tuple(specific)
        lex.rules.sort(key=lambda r: -r.priority)
        return lex
    except (KeyError, TypeError, ValueError) as err:
        raise DataFileError(f"bad trigger lexicon: {err}", input=source) from err


def read_data(name: str) -> dict[str, Any]:
    """Parse ``warmonitor/data/events/<name>``; a missing or invalid file raises ``DataFileError``."""
    try:
        text = resources.files("warmonitor").joinpath("data", "events", name).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ValueError) as err:
        raise DataFileError(f"cannot read events data file: {err}", input=name) from err
    if not isinstance(data, dict):
        raise DataFileError("expected a JSON object", input=name)
    return data


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged lexicon, compiled once per process."""
    return compile_lexicon(read_data("triggers.json"))


def tokens_of(span: Any, places: list[tuple[int, int]] | None = None) -> list[Tok]:
    """Non-punctuation tokens of a spaCy ``Doc`` or ``Span`` (offsets into the doc's text); tokens
    inside one of the ``places`` character ranges (resolved toponyms) count as GPE entities."""
    out = []
    for t in span:
        if t.is_punct or t.is_space:
            continue
        ent = t.ent_type_
        if places and any(a <= t.idx < b for a, b in places):
            ent = "GPE"
        out.append(Tok(t.lower_, t.lemma_.lower(), ent, t.i, t.idx, t.idx + len(t.text), t.like_num))
    return out
