"""``may_hold_event`` reads only words: surrounding spaces and repeated asks give the same answer."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmonitor.extract.prefilter import _forms, _may_hold_event, may_hold_event

_WORDS = ["rebels", "shelled", "the", "village", "killing", "three", "civilians", "Army", "said", "talks",
          "airstrike", "on", "Tuesday", "were", "wounded", "in", "clashes", "near", "Ardavia", "."]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shelled the village of Ardavia on Tuesday, killing three civilians.",
        "The ministers met for talks on trade.",
        "An airstrike hit a market.",
        "",
    ],
)
def test_padding_does_not_change_the_answer(text: str) -> None:
    assert may_hold_event(text) == may_hold_event(f"  \n{text}\n ") == _may_hold_event.__wrapped__(text)


@settings(max_examples=80)
@given(st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join), st.sampled_from(["", " ", "\n", " \t"]))
def test_cached_answer_equals_uncached(text: str, pad: str) -> None:
    assert may_hold_event(pad + text + pad) == _may_hold_event.__wrapped__(pad + text + pad)


@pytest.mark.parametrize(
    "raw, forms",
    [
        ("Shells", ("shells", "shell", "GPE", False)),
        ("militias", ("militias", "militia", "", False)),
        ("press", ("press", "press", "", False)),
        ("12", ("12", "12", "", True)),
        ("Ardavia", ("ardavia", "ardavia", "GPE", False)),
    ],
)
def test_word_forms(raw: str, forms: tuple[str, str, str, bool]) -> None:
    assert _forms(raw) == _forms.__wrapped__(raw) == forms
