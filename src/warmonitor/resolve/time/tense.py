"""Which way a time expression points from the reference date: ``future``, ``past`` or unknown.

With a spaCy doc the verb that governs the expression decides (a future auxiliary "will", an infinitive
under "plans to", a past-tense verb); without one, cue words of ``lexicon.json`` in the same sentence do.
"""
from __future__ import annotations

import re
from typing import Any

from warmonitor.resolve.time.lexicon import lexicon

_SENT_END = re.compile(r"[.!?]\s+(?=[A-Z\"'“])|\n\s*\n")


def _cue_regex(words: list[str]) -> re.Pattern[str]:
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alt})(?![\w])", re.IGNORECASE)


_CUES: dict[str, re.Pattern[str]] = {}


def _cues(kind: str) -> re.Pattern[str]:
    if kind not in _CUES:
        _CUES[kind] = _cue_regex(lexicon()[kind])
    return _CUES[kind]


_REACH = 600  # a sentence is looked for this many characters around the expression at most


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the sentence around ``[start, end)`` by punctuation (no parser needed)."""
    left = max(0, start - _REACH)
    for m in _SENT_END.finditer(text, left, start):
        left = m.end()
    nxt = _SENT_END.search(text, end, min(len(text), end + _REACH))
    return left, (nxt.start() + 1 if nxt else min(len(text), end + _REACH))


def _governor(doc: Any, start: int, end: int) -> Any:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" or tok.head is tok:
            return tok
        tok = tok.head
    return tok


def _verb_direction(verb: Any) -> str | None:
    lx = lexicon()
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    texts = {c.lower_ for c in aux}
    future = texts & set(lx["future_aux"])
    if verb.lemma_.lower() in lx["future_heads"] and not texts & {"had", "'d"}:
        return "future"  # "scheduled a news conference Thursday", "postponed until Tuesday"
    if texts & {"have", "has", "had", "'ve", "'d"} and not future & {"will", "shall", "'ll"}:
        return "past"
    if future:
        return "future"
    if verb.tag_ == "VB" and "to" in texts:
        head = verb.head
        if head is not verb and head.lemma_.lower() in lx["future_heads"]:
            return None if any(c.lower_ == "had" for c in head.children) else "future"
        if head is not verb and head.lemma_.lower() == "be" and head.tag_ in ("VBZ", "VBP"):
            return "future"  # "is to meet on Friday"
    if verb.lemma_.lower() == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"
    if verb.tag_ == "VBD" or texts & {"did", "was", "were"}:
        return "past"
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return _verb_direction_shallow(verb.head)
    return None


def _verb_direction_shallow(verb: Any) -> str | None:
    texts = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if texts & set(lexicon()["future_aux"]):
        return "future"
    if verb.tag_ == "VBD" or texts & {"did", "was", "were", "had"}:
        return "past"
    return None


def _preceded_by_future(text: str, start: int) -> bool:
    before = " ".join(text[max(0, start - 24):start].lower().split())
    return any(before.endswith(p) or before.endswith(p + " on") for p in lexicon()["future_preceding"])


def direction(text: str, start: int, end: int, doc: Any = None) -> str | None:
    """``future``, ``past`` or None for the expression at ``[start, end)`` of ``text``."""
    if _preceded_by_future(text, start):
        return "future"
    before = text[max(0, start - 8):start].split()
    if before and before[-1].lower() in lexicon()["future_unless_past"]:
        return "past" if _direction(text, start, end, doc) == "past" else "future"
    return _direction(text, start, end, doc)


def _direction(text: str, start: int, end: int, doc: Any) -> str | None:
    if doc is not None and len(doc.text) == len(text):
        verb = _governor(doc, start, end)
        if verb is not None and verb.pos_ in ("VERB", "AUX"):
            found = _verb_direction(verb)
            if found is None and verb.tag_ in ("VBP", "VBZ"):  # "are due in March": cues of the clause
                clause = doc[verb.left_edge.i: verb.right_edge.i + 1]
                if _cues("future_cues").search(clause.text):
                    return "future"
            return found
    left, right = sentence_bounds(text, start, end)
    window = text[left:right]
    rel_start = start - left
    futures = [m for m in _cues("future_cues").finditer(window)]
    pasts = [m for m in _cues("past_cues").finditer(window)]
    if not futures and not pasts:
        return None
    # the cue nearest before the expression wins; after it, the nearest after
    def dist(m: re.Match[str]) -> int:
        return rel_start - m.start() if m.start() <= rel_start else 1000 + m.start() - rel_start

    best_future = min((dist(m) for m in futures), default=10**6)
    best_past = min((dist(m) for m in pasts), default=10**6)
    return "future" if best_future < best_past else "past"
