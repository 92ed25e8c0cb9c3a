"""Object claims whose object comes before the verb (relative clauses): no crash, the object is kept."""
from __future__ import annotations

import pytest

from warmonitor.model import Article
from warmonitor.nlp import load_nlp
from warmonitor.resolve.actors import SourceRegistry, extract_claims


@pytest.mark.parametrize(
    ("text", "contains"),
    [
        ("It was the bombing that the Northern Front claimed.", "Northern Front claimed"),
        ("The evacuation, which the ministry confirmed, began at dawn.", "which the ministry confirmed"),
    ],
)
def test_object_before_verb(text: str, contains: str) -> None:
    doc = load_nlp()(text)
    claims = extract_claims(doc, Article(body=text, outlet="Test Wire", published="2025-01-01"), SourceRegistry.load())
    assert any(contains in c.span.text for c in claims), [c.span.text for c in claims]
