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


@pytest.mark.parametrize("text", ["The council met to discuss the budget.", "Quiet day. Calm night."])
def test_a_doc_with_nothing_to_parse_has_sentences(text):
    doc = Pipeline(parse="candidates").parse_body(text)
    assert [s.text for s in doc.sents] == [s.text for s in Pipeline(parse="full").parse_body(text).sents]


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


# Fictional reports, written for these tests: a batch gives what each article gives alone.
BATCH_TEXTS = [
    REPORT,
    "Militants stormed a police post in Kano on Friday, killing three officers, police said.",
    "The council met to discuss the budget for the new school year.",
    "Protesters marched through Nairobi on Monday demanding lower fuel prices.",
]


@pytest.mark.parametrize("mode", ["full", "candidates"])
def test_process_many_is_each_alone(mode):
    from warmonitor.ingest import from_text

    def key(result):
        return sorted((e.sub_event_type, e.location, e.event_date, e.actor1, e.fatalities) for e in result.events)

    pipe = Pipeline(parse=mode)
    meta = {"published": "2024-03-08"}
    together = pipe.process_many([from_text(t, dict(meta)) for t in BATCH_TEXTS])
    alone = [pipe.process_text(t, dict(meta)) for t in BATCH_TEXTS]
    assert [key(r) for r in together] == [key(r) for r in alone]
    assert [r.article.body for r in together] == [r.article.body for r in alone]
    assert any(r.events for r in together) and not together[2].events


def test_process_paths_batches_keep_order_and_reject_only_the_bad(tmp_path, monkeypatch):
    from warmonitor.errors import InputError

    for i, text in enumerate(BATCH_TEXTS):
        (tmp_path / f"a{i}.txt").write_text(text, encoding="utf-8")
    pipe = Pipeline(parse="candidates")
    real = pipe.annotate_many

    def picky(articles):
        if any("council" in a.body for a in articles):
            raise InputError("unreadable on purpose", input="a2.txt")
        return real(articles)

    monkeypatch.setattr(pipe, "annotate_many", picky)
    out = list(pipe.process_paths(sorted(tmp_path.iterdir()), batch=3))
    assert len(out) == len(BATCH_TEXTS)
    assert [type(r).__name__ for r in out] == ["Result", "Result", "Rejection", "Result"]
    assert "unreadable on purpose" in out[2].reason
