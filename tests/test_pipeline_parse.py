"""Pipeline parse modes: every span the stages give indexes the article body, in both modes."""
from __future__ import annotations

import pytest

from warmonitor.errors import UsageError
from warmonitor.pipeline import Pipeline

# Fictional report, written for this test.
REPORT = (
    "Rebels shelled the market in Aleppo on Tuesday, killing four civilians, the mayor said.\n\n"
    "Farmers sold apples and pears in the square. Prices rose slightly over the week.\n"
    "On Wednesday government troops clashed with the rebels near Idlib, a local official told reporters."
)


@pytest.fixture(scope="module")
def results():
    return {mode: Pipeline(parse=mode).process_text(REPORT, {"published": "2024-03-07"}) for mode in ("full", "candidates")}


@pytest.mark.parametrize("mode", ["full", "candidates"])
def test_spans_index_the_body(results, mode):
    res = results[mode]
    body = res.article.body
    spans = [p.span for p in res.places] + [t.span for t in res.timexes] + [c.span for c in res.claims]
    spans += [s for e in res.events for s in (getattr(e, "span", None),) if s is not None]
    assert spans
    for span in spans:
        assert body[span.start: span.end] == span.text


def test_candidates_doc_text_is_the_body():
    pipe = Pipeline(parse="candidates")
    doc = pipe.parse_body(REPORT)
    assert doc.text == REPORT
    assert all(REPORT[t.idx: t.idx + len(t)] == t.text for t in doc)


def test_mode_from_environment(monkeypatch):
    monkeypatch.setenv("WARMONITOR_PARSE", "candidates")
    assert Pipeline().parse == "candidates"
    monkeypatch.delenv("WARMONITOR_PARSE")
    assert Pipeline().parse == "full"


def test_bad_mode():
    with pytest.raises(UsageError, match="parse mode 'quick'"):
        Pipeline(parse="quick")
