"""warmonitor.evaluate.geo on a tiny geoparsing XML written here (own sentences)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from warmonitor.errors import UnreadableInput, UnsupportedFormat, UsageError
from warmonitor.evaluate import geo

TEXT = "Militias fought in Tripoli while ships waited off Benghazi."


def _xml(tmp_path: Path) -> Path:
    tops = ""
    for name, lat, lon in (("Tripoli", 32.89, 13.19), ("Benghazi", 32.12, 20.07)):
        start = TEXT.index(name)
        tops += (f"<toponym><extractedName>{name}</extractedName><start>{start}</start>"
                 f"<end>{start + len(name)}</end><latitude>{lat}</latitude><longitude>{lon}</longitude></toponym>")
    path = tmp_path / "gold.xml"
    path.write_text(f"<articles><article><text>{TEXT}</text><toponyms>{tops}</toponyms></article></articles>",
                    encoding="utf-8")
    return path


def test_oracle_run_writes_scorer_predictions(tmp_path: Path, small_gazetteer, shared_dir) -> None:
    out = tmp_path / "pred.jsonl"
    figures = geo.run(str(_xml(tmp_path)), str(out), shared=shared_dir, mode="oracle",
                      gazetteer=small_gazetteer, quiet=True)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["doc"], TEXT[r["start"]:r["end"]]) for r in rows] == [(0, "Tripoli"), (0, "Benghazi")]
    assert all(r["lat"] is not None for r in rows)
    assert figures["predictions"] == 2
    if shared_dir is not None and (shared_dir / "eval" / "score_geo.py").exists():
        assert figures["acc161"] == 1.0


def test_bad_inputs(tmp_path: Path, small_gazetteer) -> None:
    with pytest.raises(UnreadableInput):
        geo.read_gold(tmp_path / "missing.xml")
    broken = tmp_path / "broken.xml"
    broken.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(UnsupportedFormat):
        geo.read_gold(broken)
    with pytest.raises(UsageError, match="mode"):
        geo.run(str(_xml(tmp_path)), str(tmp_path / "p.jsonl"), mode="fuzzy", gazetteer=small_gazetteer)
