"""``warmonitor eval fakes DIR``: events of FA-KES case folders, scored by score_fakes.py.

Each case folder holds ``article.txt``, ``meta.json`` and the crowd-sourced ``fakes.json`` (never read
here). Predictions are the same JSONL as for score.py (ACLED fields plus ``case``). score_fakes.py
takes, per article, the event with the most fatalities as the main one and compares the summed
fatalities with the article's death toll; its figures are printed and returned.

An FA-KES article is labelled with one incident; with ``main_only`` (the default) the runner writes,
per article, the events of its main incident only: the first event the article tells with a death toll
(a news article leads with its incident; rows come in the order the article tells them), else its first
event, and the events on the same day at the same location (other incidents an article recalls, and
other places struck that day, are left out).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from warmonitor.evaluate.classify import scorer_figures
from warmonitor.evaluate.common import find_shared
from warmonitor.evaluate.events import case_folders, predict_cases, write_jsonl


def main_incident(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per case: the first event told with a toll (else the first event) and the same-day events at
    the same location. ``rows`` come in the order each article tells its events."""
    by_case: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_case.setdefault(row["case"], []).append(row)
    out: list[dict[str, Any]] = []
    for events in by_case.values():
        main = next((r for r in events if int(r.get("fatalities") or 0) > 0), events[0])
        out.extend(r for r in events if r is main or (
            r.get("event_date") == main.get("event_date") and r.get("location") == main.get("location")
            and r.get("admin1") == main.get("admin1") and r.get("iso") == main.get("iso")))
    return out


def run(path: str, out: str, shared: Path | None = None, limit: int | None = None, main_only: bool = True,
        **options: Any) -> dict[str, Any]:
    """Predict every FA-KES case under ``path`` (the first ``limit`` when given) into ``out``; score."""
    cases = case_folders(path)
    if limit:
        cases = cases[:limit]
    rows = predict_cases(cases)
    if main_only:
        rows = main_incident(rows)
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
