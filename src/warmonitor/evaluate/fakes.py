"""``warmonitor eval fakes DIR``: events of FA-KES case folders, scored by score_fakes.py.

Each case folder holds ``article.txt``, ``meta.json`` and the crowd-sourced ``fakes.json`` (never read
here). Predictions are the same JSONL as for score.py (ACLED fields plus ``case``). score_fakes.py
takes, per article, the event with the most fatalities as the main one and compares the summed
fatalities with the article's death toll; its figures are printed and returned.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from warmonitor.evaluate.classify import scorer_figures
from warmonitor.evaluate.common import find_shared
from warmonitor.evaluate.events import case_folders, predict_cases, write_jsonl


def run(path: str, out: str, shared: Path | None = None, limit: int | None = None, **options: Any) -> dict[str, Any]:
    """Predict every FA-KES case under ``path`` (the first ``limit`` when given) into ``out``; score."""
    cases = case_folders(path)
    if limit:
        cases = cases[:limit]
    rows = predict_cases(cases)
    write_jsonl(rows, out)
    shared = find_shared(shared)
    if shared is None or not (shared / "eval" / "score_fakes.py").is_file():
        print(f"wrote {len(rows)} events to {out} (score_fakes.py not found)", file=sys.stderr)
        return {"events": len(rows)}
    proc = subprocess.run(
        [sys.executable, str(shared / "eval" / "score_fakes.py"), "--gold", str(path), "--pred", str(out)],
        capture_output=True, text=True, check=False,
    )
    sys.stdout.write(proc.stdout)
    if proc.returncode:
        sys.stderr.write(proc.stderr)
    return scorer_figures(proc.stdout)
