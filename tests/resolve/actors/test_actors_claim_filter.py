"""The claim pre-filter: sentences with a stance verb are parsed even in the candidates parse (own sentences)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warmonitor.resolve.actors.claim_filter import claim_sentences, forms, may_hold_claim


@pytest.mark.parametrize(
    "lemma,expected",
    [
        ("deny", {"deny", "denies", "denied", "denying"}),
        ("accuse", {"accuse", "accuses", "accused", "accusing"}),
        ("dismiss", {"dismiss", "dismisses", "dismissed", "dismissing"}),
        ("vow", {"vow", "vows", "vowed", "vowing"}),
    ],
)
def test_forms(lemma: str, expected: set[str]) -> None:
    assert expected <= forms(lemma)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The Northern Front denied any part in the fire.", True),
        ("A spokesman vowed to retake the hill within days.", True),
        ("The group claimed the ambush on its channel.", True),
        ("The council swore it would rebuild the bridge.", True),
        ("The outlet could not independently verify the footage.", True),
        ("Officials said the market reopened.", False),  # plain reporting: left to the full parse
        ("The weather in Port Vell was mild.", False),
    ],
)
def test_may_hold_claim(text: str, expected: bool) -> None:
    assert may_hold_claim(text) is expected


def test_claim_sentences_are_ranges_of_the_text() -> None:
    text = "Rain fell. The army denied it shelled the school. Shops opened."
    (span,) = claim_sentences(text)
    assert "denied" in text[span[0]:span[1]]


@given(st.text())
def test_claim_sentences_never_fail(text: str) -> None:
    for start, end in claim_sentences(text):
        assert 0 <= start < end <= len(text)


@pytest.mark.slow
def test_candidates_parse_keeps_a_denial_outside_event_sentences() -> None:
    from warmonitor.pipeline import Pipeline

    text = ("Rebels of the Northern Front seized the town of Korvan on Monday, residents said. "
            "The weather was mild for the season and markets stayed open. "
            "The defence ministry denied that its troops had abandoned their posts.")
    full = Pipeline(parse="full").process_text(text, {"published": "2031-03-05"})
    fast = Pipeline(parse="candidates").process_text(text, {"published": "2031-03-05"})
    denied = [c for c in full.claims if c.modality == "denied"]
    assert denied
    assert [(c.span.start, c.modality) for c in fast.claims if c.modality == "denied"] == [
        (c.span.start, c.modality) for c in denied]
