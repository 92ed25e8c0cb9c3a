"""``warmonitor eval fusion DIR``: ingest every case of a folder into one fresh store, export the fused
events as JSONL and score them with ``shared/eval/score_fusion.py``.

The JSONL rows are the store's reports, one per article's event as that article told it (``warmonitor
export --format jsonl --per-report``), each with ``event_id`` = the fused event it belongs to and ``case`` = its
article's case folder: the scorer pairs each case's gold events with that case's own reading (as score.py
does), then tells which gold events the store merged by their shared ``event_id``. (A fused row carries the
date and place of the event as fused from every outlet, so an outlet that gave no date could not be paired.) Background events (history an article recalls) are left
out, as the events runner leaves them out, unless ``include_background=True``. The store is written beside
``out`` (``<out>.db``; replaced on each run) so it can be inspected afterwards.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from warmonitor.evaluate.common import find_shared
from warmonitor.model import Rejection

FIGURES = ("stories", "story_pairs", "story_pairs_found_both", "merged_pairs", "merge_precision", "merge_recall", "fusion_f1")


def ingest_cases(path: str | Path, db: str | Path, pipeline: Any = None) -> dict[str, int]:
    """Every case under ``path`` into the store at ``db``; counts of what happened."""
    from warmonitor.evaluate.events import case_folders
    from warmonitor.pipeline import Pipeline
    from warmonitor.store import Store

    pipe = pipeline or Pipeline()
    added = skipped = rejected = 0
    with Store.open(db) as store:
        for item in pipe.process_paths(case_folders(path)):
            if isinstance(item, Rejection):
                rejected += 1
                store.add_rejection(item)
                print(f"{item.input}: rejected ({item.code}): {item.reason}", file=sys.stderr)
            elif store.add(item):
                added += 1
            else:
                skipped += 1
        counts = store.counts()
    return {"articles": added, "already_stored": skipped, "rejected": rejected, **counts}


def export_store(db: str | Path, out: str | Path, include_background: bool = False, per_report: bool = True) -> int:
    """The store's events as JSONL at ``out`` (``warmonitor export --format jsonl --per-report``: one row per
    article's report, ``event_id`` its fused event; ``per_report=False``: one row per fused event); returns the
    number of rows."""
    from warmonitor.export import write
    from warmonitor.store import Store

    with Store.open(db) as store:
        events = [e for e in store.events() if include_background or not e.background]
        if per_report:
            events = [r for r in store.fused_reports([e.event_id for e in events]) if include_background or not r.background]
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        return write(events, "jsonl", fh)


def score_fusion(gold: str | Path, pred: str | Path, shared: Path | None, echo: bool = True) -> dict[str, Any]:
    """Run score_fusion.py and return its JSON figures ({} when the scorer is absent)."""
    if shared is None or not (shared / "eval" / "score_fusion.py").is_file():
        if echo:
            print("(score_fusion.py not found: ../shared absent; predictions written only)", file=sys.stderr)
        return {}
    proc = subprocess.run(
        [sys.executable, str(shared / "eval" / "score_fusion.py"), "--gold", str(gold), "--pred", str(pred)],
        capture_output=True, text=True, check=False,
    )
    if echo:
        sys.stdout.write(proc.stdout)
    if proc.returncode:
        sys.stderr.write(proc.stderr)
        return {}
    text = proc.stdout
    data = json.loads(text[text.find("{") : text.rfind("}") + 1])
    return {k: data[k] for k in FIGURES if k in data}


def run(path: str, out: str, shared: Path | None = None, include_background: bool = False, **options: Any) -> dict[str, Any]:
    """Ingest ``path`` into a fresh store, export JSONL to ``out``, score; returns the scorer's figures."""
    db = Path(options.get("db") or f"{out}.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    counts = ingest_cases(path, db, pipeline=options.get("pipeline"))
    rows = export_store(db, out, include_background=include_background)
    print(
        f"fusion: {counts['articles']} articles, {counts['reports']} reports -> {counts.get('fused_events', '?')} fused "
        f"events; {rows} report rows written "
        f"({time.perf_counter() - started:.1f} s); store {db}",
        file=sys.stderr,
    )
    figures = score_fusion(path, out, find_shared(shared))
    return figures or {"fused_events": counts["fused_events"], "reports": counts["reports"]}
