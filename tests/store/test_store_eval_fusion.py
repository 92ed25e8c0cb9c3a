"""The fusion runner: cases into one store, fused JSONL with ``cases`` (a fake pipeline, no ../shared)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wm_store_factories import story_set  # noqa: E402

from warmonitor.evaluate import fusion  # noqa: E402


class FakePipeline:
    """Yields the hand-made results of the cases it is given, by case folder name."""

    def __init__(self) -> None:
        self.by_case = {r.article.case: r for r in story_set()}

    def process_paths(self, paths):
        for path in paths:
            yield self.by_case[Path(path).name]


def test_run_writes_report_rows_with_fused_ids(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    for name in ("case-a", "case-b", "case-c", "case-d", "case-e"):
        (cases / name).mkdir(parents=True)
        (cases / name / "article.txt").write_text("A fictional article.\n", encoding="utf-8")
    out = tmp_path / "out" / "fusion.jsonl"
    figures = fusion.run(str(cases), str(out), shared=tmp_path / "no-shared", pipeline=FakePipeline())
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert figures == {"fused_events": 3, "reports": 5}
    assert len(rows) == 5  # one row per report, grouped by the fused event's id
    assert all(r["event_id"] and r["cases"] == [r["case"]] for r in rows)
    groups: dict[str, list[str]] = {}
    for r in rows:
        groups.setdefault(r["event_id"], []).append(r["case"])
    assert sorted(sorted(g) for g in groups.values()) == [["case-a", "case-b", "case-c"], ["case-d"], ["case-e"]]
    # a second run starts from a fresh store
    assert fusion.run(str(cases), str(out), shared=tmp_path / "no-shared", pipeline=FakePipeline()) == figures
