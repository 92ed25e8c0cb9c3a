"""Pipeline parse modes: every span the stages give indexes the article body, in both modes."""
from __future__ import annotations

import pytest

from warmonitor.errors import UsageError
from warmonitor.pipeline import DEFAULT_PARSE, Pipeline

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


@pytest.mark.parametrize("env,mode", [("candidates", "candidates"), ("full", "full"), (None, DEFAULT_PARSE)])
def test_mode_from_environment(monkeypatch, env, mode):
    if env is None:
        monkeypatch.delenv("WARMONITOR_PARSE", raising=False)
    else:
        monkeypatch.setenv("WARMONITOR_PARSE", env)
    assert Pipeline().parse == mode
    assert Pipeline(parse="full").parse == "full"


def test_default_is_candidates():
    assert DEFAULT_PARSE == "candidates"


def test_both_modes_find_the_same_events(results):
    def key(ev):
        return (ev.event_type, ev.sub_event_type, ev.location, ev.event_date, ev.actor1, ev.actor2, ev.fatalities)

    assert results["full"].events
    assert sorted(map(key, results["candidates"].events)) == sorted(map(key, results["full"].events))


def test_bad_mode():
    with pytest.raises(UsageError, match="parse mode 'quick'"):
        Pipeline(parse="quick")
