"""``norm`` (translate + ASCII fast path, cached) equals the per-character definition on any text."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warmonitor.resolve.actors.text import _MAP, norm

_ALPHABET = "aZq -'\u2019\u2018\u2013\u2014\n\t\u00a0\u201c\u201d\u0130\u03a3\u03c3\u00c9\u00e9\u1e9e\u00df"


def _reference(text: str) -> str:
    out = []
    for ch in text:
        ch = _MAP.get(ch, ch)
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


@pytest.mark.parametrize(
    "text",
    ["Rebel-held TOWN", "the army\u2019s \u2013 offensive", "\u0130STANBUL", "\u039f\u0394\u039f\u03a3 \u03a3", "", "a\u00a0b\r\nc"],
)
def test_norm_matches_reference_on_table(text: str) -> None:
    assert norm(text) == _reference(text)
    assert len(norm(text)) == len(text)


@given(st.text(alphabet=_ALPHABET, max_size=30) | st.text(max_size=30))
def test_norm_matches_reference(text: str) -> None:
    assert norm(text) == _reference(text)
    assert len(norm(text)) == len(text)
