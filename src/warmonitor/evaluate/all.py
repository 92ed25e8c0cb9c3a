"""``make eval``: every benchmark runner on the development data in ../shared, then one table.

Each runner writes its predictions under ``--out`` (default ``eval-out/``) and returns its figures; a
runner that fails is reported in the table and the others still run.
"""
from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from warmonitor.evaluate.common import find_shared

# (name, runner module, path under shared, options, the figures shown first)
RUNS: tuple[tuple[str, str, str, dict[str, Any]], ...] = (
    ("events (gold cases dev)", "events", "eval/dev", {}),
    ("geo oracle (GeoWebNews)", "geo", "data/geoparsing/GWN.xml", {"mode": "oracle"}),
    ("geo e2e (GeoWebNews)", "geo", "data/geoparsing/GWN.xml", {"mode": "e2e"}),
    ("time (TimeBank+AQUAINT)", "time", "data/temporal/tbaq", {}),
    ("classify (CASE 2021 dev)", "classify", "data/classification/case2021-dev.tsv", {}),
    ("fakes (FA-KES dev)", "fakes", "data/fakes/dev", {}),
    ("fusion (gold cases dev)", "fusion", "eval/dev", {}),
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", help="the shared folder (default ../shared)")
    ap.add_argument("--out", default="eval-out", help="folder for prediction files")
    ap.add_argument("--only", action="append", help="run only these runner kinds (repeatable)")
    args = ap.parse_args(argv)
    shared = find_shared(args.shared)
    if shared is None:
        print("warmonitor eval: ../shared not found; nothing to score", file=sys.stderr)
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str, float]] = []
    for name, kind, rel, options in RUNS:
        if args.only and kind not in args.only:
            continue
        print(f"\n== {name}", flush=True)
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"warmonitor.evaluate.{kind}")
            suffix = f"-{options['mode']}" if "mode" in options else ""
            figures = module.run(str(shared / rel), str(out / f"{kind}{suffix}.jsonl"), shared=shared, **options)
            summary = "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in (figures or {}).items())
        except Exception as err:  # one failing runner must not hide the others
            traceback.print_exc()
            summary = f"FAILED: {type(err).__name__}: {err}"
        rows.append((name, summary, time.perf_counter() - started))
    print("\n== summary")
    width = max(len(r[0]) for r in rows) if rows else 10
    for name, summary, seconds in rows:
        print(f"{name:<{width}}  {seconds:6.1f}s  {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
