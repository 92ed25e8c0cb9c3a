"""``make bench``: every benchmark with its default settings, one after another; each prints its figures.

    python benchmarks/run_all.py [--shared ../shared] [--quick]

``--quick`` uses small sizes (a smoke run); the figures quoted in the README come from the defaults.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(HERE.parent / ".." / "shared"))
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    quick = args.quick
    runs = [
        ["bench_time.py", "--shared", args.shared],
        ["bench_places.py", "--shared", args.shared, "--skip-build"] + (["--articles", "20"] if quick else []),
        ["bench_pipeline.py", "--shared", args.shared, "--limit", "10" if quick else "40"],
        ["bench_store.py"] + (["--sizes", "1000", "10000"] if quick else []),
        ["bench_batch.py", "--limit", "8" if quick else "40"],
    ]
    failed = 0
    for run in runs:
        print(f"\n== {' '.join(run)}", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / run[0]), *run[1:]], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
