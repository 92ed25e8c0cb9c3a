"""The lexicon's indexed matching (first-item cache) and ``decide_all``'s skip of rules without a
trigger give the same answers as trying every pattern at every token and every rule."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmonitor.extract.classify import _rule_triggers, decide_all
from warmonitor.extract.lexicon import Lexicon, Match, Tok, _match_at, default_lexicon

_WORDS = ["rebels", "shelled", "shelling", "the", "village", "killing", "killed", "three", "civilians", "Army",
          "said", "talks", "airstrike", "air", "strike", "on", "Tuesday", "were", "wounded", "in", "clashes",
          "near", "Ardavia", "protesters", "gathered", "police", "fired", "tear", "gas", "captured", "town",
          "bomb", "exploded", "12", "people", "fled", "their", "homes", "troops", "took", "control", "of"]


def _toks(text: str) -> list[Tok]:
    out = []
    for k, m in enumerate(re.finditer(r"[A-Za-z0-9]+", text)):
        word = m.group(0).lower()
        lemma = word[:-1] if len(word) > 3 and word.endswith("s") else word
        ent = "GPE" if m.group(0)[0].isupper() else ""
        out.append(Tok(word, lemma, ent, k, m.start(), m.end(), word[0].isdigit()))
    return out


def _every_pattern(lex: Lexicon, toks: list[Tok]) -> set[tuple[str, int, int]]:
    """(concept, first, last) of the longest match per (concept, start), trying every pattern, masked."""
    entries = [e for es in lex.by_first.values() for e in es] + list(lex.loose)
    found: dict[tuple[str, int], int] = {}
    for k in range(len(toks)):
        for concept, items, _raw in entries:
            last = _match_at(items, toks, k, lex.max_gap)
            if last is not None and last > found.get((concept, k), -1):
                found[(concept, k)] = last
    masked = [(k, last, lex.masks[c]) for (c, k), last in found.items() if c in lex.masks]
    return {(c, k, last) for (c, k), last in found.items()
            if not any(c in hide and k <= b and a <= last for a, b, hide in masked)}


def _as_set(matches: list[Match]) -> set[tuple[str, int, int]]:
    return {(m.concept, m.first, m.last) for m in matches}


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shelled the village of Ardavia on Tuesday, killing three civilians.",
        "Police fired tear gas at protesters who gathered near the town.",
        "A bomb exploded in a market; 12 people were killed and others fled their homes.",
        "Troops took control of the town after clashes.",
        "The ministers met for talks on trade.",
        "",
    ],
)
def test_indexed_find_equals_trying_every_pattern(text: str) -> None:
    lex = default_lexicon()
    toks = _toks(text)
    assert _as_set(lex.find(toks)) == _every_pattern(lex, toks)
    assert _as_set(lex.find(toks)) == _every_pattern(lex, toks)  # again, from the cache


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=16).map(" ".join))
def test_indexed_find_equals_trying_every_pattern_on_word_salad(text: str) -> None:
    lex = default_lexicon()
    toks = _toks(text)
    assert _as_set(lex.find(toks)) == _every_pattern(lex, toks)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=16).map(" ".join))
def test_decide_all_equals_asking_every_rule(text: str) -> None:
    lex = default_lexicon()
    by_concept: dict[str, list[Match]] = {}
    for m in lex.find(_toks(text)):
        by_concept.setdefault(m.concept, []).append(m)
    every = [(rule, found[0]) for rule in lex.rules if (found := _rule_triggers(rule, by_concept, first_only=True))]
    assert decide_all(_toks(text), lex) == every
