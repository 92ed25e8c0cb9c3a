"""The evaluate runners of the events stage (classify, events, fakes) and the pre-filter."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from warmonitor.errors import UnreadableInput
from warmonitor.evaluate import classify as cls_runner
from warmonitor.evaluate import events as ev_runner
from warmonitor.extract import candidate_sentences, may_hold_event

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def test_classify_runner_writes_predictions(tmp_path: Path) -> None:
    tsv = tmp_path / "snips.tsv"
    tsv.write_text("1\tWarplanes bombed a market in the town.\tAIR_STRIKE\n"
                   "2\tThe ministers met to discuss trade.\tDIPLO\n", encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    figures = cls_runner.run(str(tsv), str(out), shared=tmp_path / "nowhere")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows == [{"id": "1", "label": "Air/drone strike"}, {"id": "2", "label": None}]
    assert figures == {"snippets": 2}


def test_classify_runner_bad_path(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput):
        cls_runner.run(str(tmp_path / "missing.tsv"), str(tmp_path / "o.jsonl"))


def test_case_folders(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "article.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "article.html").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    assert [p.name for p in ev_runner.case_folders(tmp_path)] == ["a", "b"]
    assert ev_runner.case_folders(tmp_path / "a") == [tmp_path / "a"]
    with pytest.raises(UnreadableInput):
        ev_runner.case_folders(tmp_path / "nope")


def test_scorer_figures_parses_json_block() -> None:
    text = '{\n  "weighted_f1": 0.81,\n  "snippets": 3,\n  "name": "x"\n}\nWF1 0.81\n'
    assert cls_runner.scorer_figures(text) == {"weighted_f1": 0.81, "snippets": 3}


@pytest.mark.parametrize(
    "text,expected",
    [("Rebels shelled the town.", True), ("Rebels shell the town.", True), ("The weather was mild and sunny.", False),
     ("Thousands fled.", True), ("He spoke about the economy.", False)],
)
def test_prefilter(text: str, expected: bool) -> None:
    assert may_hold_event(text) is expected


def test_candidate_sentences() -> None:
    text = "The sun rose. Rebels shelled the town! Markets were busy."
    got = [text[a:b].strip() for a, b in candidate_sentences(text)]
    assert got == ["Rebels shelled the town!"]


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "eval" / "dev" / "seed-homs-2024-12-06").is_dir(), reason="../shared absent")
def test_seed_case_end_to_end(tmp_path: Path) -> None:
    seed = SHARED / "eval" / "dev" / "seed-homs-2024-12-06"
    out = tmp_path / "seed.jsonl"
    figures = ev_runner.run(str(seed), str(out), shared=SHARED)
    assert figures["precision"] >= 0.8 and figures["recall"] >= 0.8
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(r["case"] == "seed-homs-2024-12-06" for r in rows)


def test_fakes_main_incident_is_one_place_and_day() -> None:
    """The FA-KES runner keeps the first event told with a toll (not a larger one recalled later) and
    that place's other events of the same day."""
    from warmonitor.evaluate.fakes import main_incident

    def row(case: str, loc: str, date: str, toll: int, sub: str = "Air/drone strike") -> dict:
        return {"case": case, "location": loc, "admin1": "North", "iso": "SY", "event_date": date,
                "fatalities": toll, "sub_event_type": sub}

    rows = [row("a", "Varno", "2016-07-02", 0), row("a", "Korvan", "2016-07-02", 30),
            row("a", "Korvan", "2016-07-02", 4, "Armed clash"), row("a", "Meldra", "2016-07-02", 9),
            row("a", "Korvan", "2016-06-01", 80), row("b", "Tessel", "2016-07-03", 0)]
    kept = main_incident(rows)
    assert [(r["case"], r["location"], r["fatalities"]) for r in kept] == [
        ("a", "Korvan", 30), ("a", "Korvan", 4), ("b", "Tessel", 0)]


def test_fakes_incident_rows_report_the_incident_toll() -> None:
    """One row per case: the incident's deadliest event, its toll the first exact one the article
    tells; an article with no figure keeps the row's own count."""
    from warmonitor.evaluate.fakes import incident_rows

    a1 = {"case": "a", "location": "Korvan", "fatalities": 8}
    a2 = {"case": "a", "location": "Korvan", "fatalities": 2}
    b1 = {"case": "b", "location": "Tessel", "fatalities": 10}
    texts = {"a": "Shelling kills 11 in Korvan. Eight civilians were among the dead, a monitor said.",
             "b": "Shells fell on Tessel and people died."}
    kept = incident_rows([a1, a2, b1], texts)
    assert [(r["case"], r["fatalities"]) for r in kept] == [("a", 11), ("b", 10)]
    assert a1["fatalities"] == 8  # the rows given are not changed


def test_fakes_incident_rows_take_the_publication_day() -> None:
    """Where the article's publication day is known the incident row carries it; else its own day."""
    from warmonitor.evaluate.fakes import incident_rows

    a1 = {"case": "a", "event_date": "2016-07-01", "fatalities": 3}
    b1 = {"case": "b", "event_date": "2016-07-05", "fatalities": 0}
    kept = incident_rows([a1, b1], None, {"a": "2016-07-03", "b": None})
    assert [r["event_date"] for r in kept] == ["2016-07-03", "2016-07-05"]
    assert [r["event_date"] for r in incident_rows([a1], {})] == ["2016-07-01"]
