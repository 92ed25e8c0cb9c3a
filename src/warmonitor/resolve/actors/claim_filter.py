"""Which sentences may carry a claim worth a parse when the pipeline parses only candidate sentences.

``Pipeline(parse="candidates")`` runs the models over the sentences that may hold an event; a claim told
in another sentence would get no parse and be lost. Plain reporting ("officials said") outside event
sentences is left to the full parse, but claims with a stance of their own are not: a sentence is let
through when it holds a form of a verb of ``data/sources/claims.json`` ``verbs`` whose modality is in
``parse_modalities`` (claimed, denied, threatened, intended by default: "the group claimed
responsibility", "the ministry denied", "vowed to retake"), or a verification phrase ("could not verify").
No spaCy needed: word forms are generated from the lemmas (plus ``irregular_forms``) and matched on word
boundaries.
"""
from __future__ import annotations

import functools
import re

from warmonitor.resolve.actors.spans import claim_words

_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'\u201d\u2019)]*|\n|$)")
_WORD = re.compile(r"[a-z]+")
_VOWELS = set("aeiou")


def forms(lemma: str) -> set[str]:
    """Regular inflections of an English verb lemma ("deny" -> denies, denied, denying)."""
    if lemma.endswith("e"):
        out = {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in _VOWELS:
        out = {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        out = {lemma, lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        out = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    if len(lemma) >= 3 and lemma[-1] not in _VOWELS | {"w", "x", "y"} and lemma[-2] in _VOWELS and lemma[-3] not in _VOWELS:
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # plan -> planned
    return out


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], tuple[str, ...]]:
    words = claim_words()
    wanted = set(words.get("parse_modalities", ["claimed", "denied", "threatened", "intended"]))
    irregular = words.get("irregular_forms", {})
    verbs: set[str] = set()
    for lemma, (modality, _kind) in words["verbs"].items():
        if modality in wanted:
            verbs |= forms(lemma) | set(irregular.get(lemma, []))
    phrases = tuple(p.lower() for p in words.get("verification", []))
    return frozenset(verbs), phrases


def may_hold_claim(text: str) -> bool:
    """True when ``text`` holds a stance verb's form or a verification phrase."""
    low = text.lower()
    verbs, phrases = _lexicon()
    return any(w in verbs for w in _WORD.findall(low)) or any(p in low for p in phrases)


def claim_sentences(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences of ``text`` (a rough split) that may carry such a claim."""
    return [(m.start(), m.end()) for m in _SENT.finditer(text) if m.group(0).strip() and may_hold_claim(m.group(0))]


__all__ = ["claim_sentences", "forms", "may_hold_claim"]
