"""The TimeML evaluation runner, and accuracy gates on ../shared data (skipped when it is absent)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from warmonitor.errors import UnreadableInput
from warmonitor.evaluate.time import read_tml, run, tml_files

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
TBAQ = SHARED / "data" / "temporal" / "tbaq"
SEED = SHARED / "eval" / "dev" / "seed-homs-2024-12-06"

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>demo</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-12-06" functionInDocument="CREATION_TIME">2024-12-06</TIMEX3></DCT>
<TEXT>
The ferry <EVENT eid="e1">sank</EVENT> <TIMEX3 tid="t1" type="DATE" value="2024-12-05">Thursday</TIMEX3> after a storm that lasted <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_tml_strips_tags_and_reads_the_dct(tmp_path: Path) -> None:
    f = tmp_path / "demo.tml"
    f.write_text(TML, encoding="utf-8")
    text, dct = read_tml(f)
    assert dct == "2024-12-06"
    assert "<" not in text and "The ferry sank Thursday" in text


def test_run_without_a_scorer_writes_predictions(tmp_path: Path) -> None:
    f = tmp_path / "demo.tml"
    f.write_text(TML, encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    assert run(str(tmp_path), str(out), shared=tmp_path / "no-shared", use_doc=False) == {}
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert {(r["value"], r["type"]) for r in rows} == {("2024-12-05", "DATE"), ("P3D", "DURATION")}
    text, _ = read_tml(f)
    assert {text[r["start"]:r["end"]] for r in rows} == {"Thursday", "three days"}


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="no .tml files"):
        tml_files(tmp_path)
    with pytest.raises(UnreadableInput, match="no such file"):
        tml_files(tmp_path / "absent")


@pytest.mark.slow
@pytest.mark.skipif(not TBAQ.is_dir(), reason="../shared/data/temporal/tbaq not present")
def test_tbaq_value_f1_gate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    figures = run(str(TBAQ), str(tmp_path / "tbaq.jsonl"), shared=SHARED)
    assert figures["value_f1"] >= 0.80
    assert figures["strict_f1"] >= 0.80
    assert "VALUE_F1" in capsys.readouterr().out


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/eval/dev/seed-homs-2024-12-06 not present")
def test_founding_article_dates() -> None:
    from warmonitor.ingest import from_text
    from warmonitor.nlp import load_nlp
    from warmonitor.resolve.time import date_event, infer_published, tag

    article = from_text((SEED / "article.txt").read_text(encoding="utf-8"))
    article.published = None
    date, how, conf = infer_published(article)
    assert (date, how) == ("2024-12-06", "inferred") and conf > 0
    body = article.body
    doc = load_nlp()(body)
    timexes = tag(body, date, doc=doc)

    def when(phrase: str, word: str) -> tuple[str | None, bool]:
        at = body.index(phrase) + phrase.index(word)
        got = date_event(doc, at, at + len(word), timexes, date)
        return got.date, got.background

    assert when("entered Rastan", "entered") == ("2024-12-06", False)
    assert when("captured the city of Hama", "captured") == ("2024-12-05", False)
    assert when("statement late on Thursday", "statement") == ("2024-12-05", False)
    background = {t.span.text: t for t in timexes if t.background}
    assert {"2014", "2000", "Oct. 7, 2023"} <= set(background)
    assert not any(t.value.startswith("2024-12") for t in timexes if t.background)
    assert when("partly controlled by rebels", "controlled")[1] is True
    assert when("Hamas attack", "attack") == ("2023-10-07", True)
