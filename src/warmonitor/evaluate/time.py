"""Evaluate the temporal tagger on TimeML (``.tml``) files with ``shared/eval/score_time.py``.

The text the tagger sees is the ``<TEXT>`` content with every tag removed (the scorer's convention, see
its ``--dump-text``); the reference date is the value of the TIMEX3 inside ``<DCT>``.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from warmonitor.errors import UnreadableInput, UsageError
from warmonitor.evaluate.common import find_shared

_TAG = re.compile(r"<[^>]*>")
SCORER = "score_time.py"


def read_tml(path: Path) -> tuple[str, str | None]:
    """``(text, dct)`` of a TimeML file: the tag-free ``<TEXT>`` content and the creation date."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise UnreadableInput(f"cannot read TimeML: {err}", input=str(path)) from err
    dct = None
    block = re.search(r"<DCT>(.*?)</DCT>", raw, re.S)
    if block:
        m = re.search(r'value="([^"]*)"', block.group(1))
        dct = m.group(1) if m else None
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    return _TAG.sub("", body.group(1) if body else raw), dct


def tml_files(path: str | Path) -> list[Path]:
    """The ``.tml`` files of a folder (sorted), or the one file given."""
    p = Path(path)
    if p.is_dir():
        files = sorted(p.glob("*.tml"))
        if not files:
            raise UnreadableInput("no .tml files in this folder", input=str(p))
        return files
    if p.is_file():
        return [p]
    raise UnreadableInput("no such file or folder", input=str(p))


def predict(files: list[Path], use_doc: bool = True) -> list[dict[str, Any]]:
    """Prediction rows for ``score_time.py``: one per time expression found."""
    from warmonitor.resolve.time import tag

    nlp = None
    if use_doc:
        from warmonitor.nlp import load_nlp

        nlp = load_nlp()
    rows: list[dict[str, Any]] = []
    for f in files:
        text, dct = read_tml(f)
        doc = nlp(text) if nlp is not None else None
        for t in tag(text, dct, doc=doc):
            rows.append({"doc": f.stem, "start": t.span.start, "end": t.span.end, "type": t.type, "value": t.value})
    return rows


def run(path: str, out: str, shared: Path | None = None, use_doc: bool = True, **options: Any) -> dict:
    """Tag every ``.tml`` file under ``path``, write ``out`` (JSONL), score it when the scorer is
    present, print the scorer's figures and return them (``{}`` when there is no scorer)."""
    if options:
        raise UsageError(f"unknown options for eval time: {', '.join(sorted(options))}")
    files = tml_files(path)
    rows = predict(files, use_doc=use_doc)
    out_path = Path(out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    base = find_shared(shared)
    scorer = base / "eval" / SCORER if base else None
    if scorer is None or not scorer.is_file():
        print(f"wrote {len(rows)} predictions to {out_path}; scorer {SCORER} not found")
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(path)
        if not gold.is_dir():  # one file: score it alone
            gold = Path(tmp)
            shutil.copy(path, gold / Path(path).name)
        proc = subprocess.run(
            [sys.executable, str(scorer), "--gold", str(gold), "--pred", str(out_path)],
            capture_output=True, text=True, check=False,
        )
    print(proc.stdout, end="")
    if proc.returncode != 0:
        raise UsageError(f"{SCORER} failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode}")
    text = proc.stdout
    figures = json.loads(text[text.index("{"): text.rindex("}") + 1])
    return figures


if __name__ == "__main__":  # python -m warmonitor.evaluate.time DIR OUT.jsonl
    run(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "time-pred.jsonl")
