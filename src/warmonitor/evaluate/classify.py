"""``warmonitor eval classify FILE.tsv``: sub-type prediction for CASE 2021 snippets, scored by score_cls.py.

Input: ``id<TAB>snippet<TAB>label`` (the label is ignored). Output JSONL: ``{"id", "label"}`` with an
ACLED sub-event type or ``null`` (no event). The figures of ``shared/eval/score_cls.py`` are returned.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

from warmonitor.errors import UnreadableInput
from warmonitor.evaluate.common import find_shared


def read_snippets(path: str | Path) -> list[tuple[str, str]]:
    """(id, snippet) pairs of a CASE TSV file."""
    p = Path(path)
    if not p.is_file():
        raise UnreadableInput("not a file", input=str(path))
    rows: list[tuple[str, str]] = []
    with p.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 2 and row[0].strip():
                rows.append((row[0].strip(), row[1]))
    return rows


def predict(snippets: list[tuple[str, str]], nlp: Any = None) -> list[dict[str, Any]]:
    """One ``{"id", "label"}`` per snippet."""
    from warmonitor.extract.classify import classify_span
    from warmonitor.nlp import load_nlp

    nlp = nlp or load_nlp()
    out = []
    ids = [i for i, _ in snippets]
    for sid, doc in zip(ids, nlp.pipe([s for _, s in snippets], batch_size=64), strict=True):
        got = classify_span(doc)
        out.append({"id": sid, "label": got.sub_event_type if got else None})
    return out


def scorer_figures(stdout_json: str) -> dict[str, Any]:
    """The JSON object score_cls.py / score_fakes.py print before their last line."""
    text = stdout_json.strip()
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < 0:
        return {}
    try:
        data = json.loads(text[start : end + 1])
    except ValueError:
        return {}
    return {k: v for k, v in data.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}


def run(path: str, out: str, shared: Path | None = None, **options: Any) -> dict[str, Any]:
    """Predict every snippet of ``path`` into ``out`` (JSONL); score with score_cls.py when present."""
    rows = predict(read_snippets(path))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    shared = find_shared(shared)
    if shared is None or not (shared / "eval" / "score_cls.py").is_file():
        print(f"wrote {len(rows)} predictions to {out} (score_cls.py not found)", file=sys.stderr)
        return {"snippets": len(rows)}
    import subprocess

    proc = subprocess.run(
        [sys.executable, str(shared / "eval" / "score_cls.py"), "--gold", path, "--pred", out],
        capture_output=True, text=True, check=False,
    )
    sys.stdout.write(proc.stdout)
    if proc.returncode:
        sys.stderr.write(proc.stderr)
    return scorer_figures(proc.stdout)
