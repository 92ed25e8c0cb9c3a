"""Batch throughput: articles/second with 1 and 2 workers on a CSV archive of news articles.

Each run starts from an empty store, warms its workers (models loaded before the clock starts) and
processes the first ``--limit`` articles with the real pipeline. Prints one line per worker count with
the processing rate and the start-up (worker start + model load) time.

    python benchmarks/bench_batch.py [--limit 40] [--workers 1 2] [--scheduler local|processes|serial]
                                     [--chunk 4] [--corpus PATH]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from warmonitor.batch import dask_available, run_batch

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "corpus" / "Guardian_SDF_sample.csv.zip"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=40, help="articles per run (default 40)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--chunk", type=int, default=4)
    ap.add_argument("--scheduler", default=None, help="default: local Dask cluster when installed, else processes")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"{args.corpus}: not found (the shared corpus lives next to the repository)", file=sys.stderr)
        return 2
    scheduler = args.scheduler or ("local" if dask_available() else "processes")
    print(f"corpus {args.corpus.name}, limit {args.limit}, chunk {args.chunk}, scheduler {scheduler}, "
          f"{os.cpu_count()} CPUs")
    base = None
    for n in args.workers:
        with tempfile.TemporaryDirectory() as tmp:
            s = run_batch([args.corpus], Path(tmp) / "bench.db", scheduler="serial" if n == 1 and scheduler == "serial" else scheduler,
                          workers=n, chunk=args.chunk, limit=args.limit, warm=True)
        rate = s.articles_per_second
        base = base or rate
        print(f"workers={n} ({s.scheduler}): {s.articles} articles, {s.events} events, {s.rejected} rejected in "
              f"{s.seconds:.1f} s -> {rate:.2f} articles/s (x{rate / base:.2f}); start-up {s.startup_seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
