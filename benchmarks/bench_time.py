"""Throughput of the temporal tagger: documents per second on TimeBank+AQUAINT texts (or on sentences
written here when ../shared is absent). The tagger alone (no spaCy doc), then with a doc (parse not timed).

    python benchmarks/bench_time.py [--shared ../shared] [--repeat 3]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from warmonitor.evaluate.time import read_tml
from warmonitor.resolve.time import tag

FALLBACK = [
    ("Farmers blocked the coastal road early on Friday, a day after talks failed on Thursday. "
     "The dispute began in March 2021 and has lasted three years. Officials will meet next Tuesday.", "2024-12-06"),
] * 50


def load(shared: Path) -> list[tuple[str, str | None]]:
    folder = shared / "data" / "temporal" / "tbaq"
    if not folder.is_dir():
        return FALLBACK
    return [read_tml(p) for p in sorted(folder.glob("*.tml"))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--with-doc", action="store_true", help="also time tagging with a spaCy doc (tense)")
    args = ap.parse_args(argv)
    docs = load(args.shared)
    chars = sum(len(t) for t, _ in docs)
    tag(docs[0][0], docs[0][1])  # compile the rules once
    start = time.perf_counter()
    for _ in range(args.repeat):
        for text, ref in docs:
            tag(text, ref)
    elapsed = time.perf_counter() - start
    n = len(docs) * args.repeat
    print(f"time tagger: {n} documents ({chars * args.repeat / n:.0f} chars each) in {elapsed:.2f} s: "
          f"{n / elapsed:.1f} documents/s")
    if args.with_doc:
        from warmonitor.nlp import load_nlp

        nlp = load_nlp()
        parsed = [(nlp(t), t, r) for t, r in docs]
        start = time.perf_counter()
        for doc, text, ref in parsed:
            tag(text, ref, doc=doc)
        elapsed = time.perf_counter() - start
        print(f"time tagger with spaCy doc (parse not counted): {len(parsed) / elapsed:.1f} documents/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
