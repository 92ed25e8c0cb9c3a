"""``warmonitor eval events DIR``: run the pipeline on gold case folders and score with score.py.

``DIR`` is a folder of case folders (each with ``article.txt`` or ``article.html`` and an optional
``meta.json``) or one case folder. Predictions are written as JSONL, one event per line with ACLED
field names plus ``case`` (the folder name); ``shared/eval/score.py`` is run when present, its
output printed and its figures returned. Background events (history the article recalls) are left
out unless ``include_background=True``.
"""
from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from warmonitor.errors import UnreadableInput
from warmonitor.evaluate.common import find_shared
from warmonitor.model import Event, Rejection

ROW_FIELDS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2",
    "inter2", "interaction", "country", "iso", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "geonameid", "fatalities", "source", "notes", "background", "confidence", "cameo", "plover",
)
ARTICLE_FILES = ("article.txt", "article.html", "article.htm")


def case_folders(path: str | Path) -> list[Path]:
    """The case folders under ``path`` (or ``path`` itself when it is one), sorted by name."""
    root = Path(path)
    if not root.is_dir():
        raise UnreadableInput("not a folder of cases", input=str(path))
    if any((root / f).is_file() for f in ARTICLE_FILES):
        return [root]
    return sorted(d for d in root.iterdir() if d.is_dir() and any((d / f).is_file() for f in ARTICLE_FILES))


def event_row(ev: Event, case: str) -> dict[str, Any]:
    """One prediction line: ACLED field names plus ``case``."""
    row = {k: getattr(ev, k) for k in ROW_FIELDS}
    row["case"] = case
    return row


def first_told(ev: Event) -> int:
    """Where the article first tells the event: the earliest start of its evidence spans."""
    starts = [sp.start for spans in (ev.evidence or {}).values() for sp in spans if sp is not None]
    return min(starts, default=1 << 30)


def predict_cases(cases: Iterable[Path], include_background: bool = False, pipeline: Any = None) -> list[dict[str, Any]]:
    """Prediction rows for every case folder, each case's events in the order the article first tells
    them; a case that cannot be read is reported and skipped."""
    from warmonitor.pipeline import Pipeline

    pipe = pipeline or Pipeline()
    rows: list[dict[str, Any]] = []
    failed = 0
    for case in cases:
        try:
            results = list(pipe.process_paths([case]))
        except Exception as err:  # a bug in one stage must not hide the other cases' scores
            failed += 1
            print(f"{case.name}: FAILED {type(err).__name__}: {err}", file=sys.stderr)
            continue
        for item in results:
            if isinstance(item, Rejection):
                print(f"{case.name}: rejected ({item.code}): {item.reason}", file=sys.stderr)
                continue
            for ev in sorted(item.events, key=first_told):
                if ev.background and not include_background:
                    continue
                rows.append(event_row(ev, case.name))
    if failed:
        print(f"{failed} case(s) failed; see the lines above", file=sys.stderr)
    return rows


def write_jsonl(rows: list[dict[str, Any]], out: str | Path) -> None:
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def score_events(gold: str | Path, pred: str | Path, shared: Path | None, echo: bool = True) -> dict[str, Any]:
    """Run score.py (text output echoed, figures from ``--json``); {} when the scorer is absent."""
    if shared is None or not (shared / "eval" / "score.py").is_file():
        if echo:
            print("(score.py not found: ../shared absent; predictions written only)", file=sys.stderr)
        return {}
    script = str(shared / "eval" / "score.py")
    proc = subprocess.run([sys.executable, script, "--gold", str(gold), "--pred", str(pred), "--json"],
                          capture_output=True, text=True, check=False)
    if proc.returncode:
        sys.stderr.write(proc.stderr)
        return {}
    text = proc.stdout
    data = json.loads(text[text.find("{") : text.rfind("}") + 1])
    if echo:
        for key in ("cases", "gold_events", "predicted", "paired", "precision", "recall", "type_acc",
                    "subtype_acc", "actor1_acc", "actor2_acc", "fatalities_acc", "median_km", "within_25km"):
            print(f"{key:12} {data.get(key)}")
        print(f"F1 {data.get('f1')}")
    return {k: v for k, v in data.items() if isinstance(v, (int, float)) and not isinstance(v, bool)} | {
        "per_case": data.get("per_case", {})
    }


def run(path: str, out: str, shared: Path | None = None, include_background: bool = False, **options: Any) -> dict[str, Any]:
    """Events of every case under ``path`` into ``out``; the figures of score.py (without per-case detail)."""
    rows = predict_cases(case_folders(path), include_background=include_background)
    write_jsonl(rows, out)
    figures = score_events(path, out, find_shared(shared))
    figures.pop("per_case", None)
    return figures or {"events": len(rows)}
