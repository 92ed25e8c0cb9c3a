"""A cheap pre-filter: can a stretch of text hold an event? (no parse needed)

The keys are the most telling word (or word prefix) of every pattern of a concept that triggers an event
rule in ``data/events/triggers.json``; a text holds an event only if one of them starts a word in it.
One Aho-Corasick automaton over the lower-cased text does the test, so a pipeline can parse only the
sentences that pass (``candidate_sentences``).
"""
from __future__ import annotations

import functools
import re

import ahocorasick

from warmonitor.extract.lexicon import Tok, default_lexicon

_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'\u201d\u2019)]*|\n|$)")


@functools.lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    lex = default_lexicon()
    wanted = {c for r in lex.rules if not r.decline for c in r.trigger}
    auto = ahocorasick.Automaton()
    keys: set[str] = set()
    entries = [e for es in lex.by_first.values() for e in es] + list(lex.loose)
    for concept, items, _raw in entries:
        if concept not in wanted:
            continue
        keys.update(_key_item(items))
    for key in keys:
        if key:
            auto.add_word(key, key)
    auto.make_automaton()
    return auto


def _key_item(items: tuple) -> set[str]:
    """The most telling item of a pattern (the one whose shortest alternative is longest)."""
    best: set[str] = set()
    best_len = -1
    for kind, value in items:
        if kind == "form":
            alts = set(value)
        elif kind == "alt":
            lits, pres, _ent = value
            alts = set(lits) | set(pres)
        else:
            continue
        if not alts:
            continue
        shortest = min(len(a) for a in alts)
        if shortest > best_len:
            best, best_len = alts, shortest
    return best


def _has_key(low: str) -> bool:
    for end, key in _automaton().iter(low):
        start = end - len(key) + 1
        if start == 0 or not low[start - 1].isalnum():
            return True
    return False


def _naive_lemma(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def may_hold_event(text: str) -> bool:
    """True when ``text`` may hold an event: a trigger word starts one of its words (Aho-Corasick) and
    the trigger lexicon, run over a regex tokenization with naive lemmas, fires an event rule's
    trigger concept (with its required concepts). No spaCy needed.

    The answer depends only on the words, so it is asked of the stripped text and kept: the pipeline
    asks again, when it extracts, for sentences the pre-filter already read (with their spaces)."""
    return _may_hold_event(text.strip())


@functools.lru_cache(maxsize=8192)
def _may_hold_event(text: str) -> bool:
    low = text.lower()
    if not _has_key(low):
        return False
    toks = []
    for k, m in enumerate(_WORD.finditer(text)):
        word, lemma, ent, num = _forms(m.group(0))
        start, end = m.span()
        toks.append(Tok(word, lemma, ent, k, start, end, num))
    return _fires(toks)


@functools.lru_cache(maxsize=1 << 16)
def _forms(raw: str) -> tuple[str, str, str, bool]:
    """(lower, naive lemma, entity label, number-like) of a word as written; kept, since the same
    words come back in every sentence. A capitalised word may be a place (entity label GPE)."""
    word = raw.lower()
    return word, _naive_lemma(word), "GPE" if raw[0].isupper() else "", word[0].isdigit()


def _fires(toks: list[Tok]) -> bool:
    lex = default_lexicon()
    found = {m.concept for m in lex.find(toks)}
    for rule in lex.rules:
        if rule.decline or found.isdisjoint(rule.trigger):
            continue
        if all(not found.isdisjoint(alts) for alts in rule.requires):
            return True
    return False


def candidate_sentences(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences of ``text`` (a rough split) that may hold an event."""
    out = []
    for m in _SENT.finditer(text):
        if m.group(0).strip() and may_hold_event(m.group(0)):
            out.append((m.start(), m.end()))
    return out
