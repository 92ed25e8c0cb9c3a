"""Gazetteer build time and geoparser throughput.

Builds the default gazetteer from package data into a temporary folder (timed), then resolves the gold
toponym spans of GeoWebNews (oracle mode, ../shared/data/geoparsing/GWN.xml) and finds + resolves
toponyms in its texts (spaCy parse not timed); sentences written here stand in when ../shared is absent.

    python benchmarks/bench_places.py [--shared ../shared] [--skip-build] [--articles 200]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from warmonitor.resolve.places import Gazetteer, Geoparser, build_gazetteer

FALLBACK_TEXT = ("Rebels entered Rastan and Talbiseh, just north of Homs, a day after they took Hama. "
                 "Jets struck villages in Idlib province, 20 km south-west of Aleppo, and near Latakia. ")


def load(shared: Path, articles: int) -> list[tuple[str, list[tuple[int, int]]]]:
    gwn = shared / "data" / "geoparsing" / "GWN.xml"
    if not gwn.exists():
        text = FALLBACK_TEXT * 3
        spans = []
        for name in ("Rastan", "Talbiseh", "Homs", "Hama", "Idlib", "Aleppo", "Latakia"):
            start = text.index(name)
            spans.append((start, start + len(name)))
        return [(text, spans)] * 50
    from warmonitor.evaluate.geo import read_gold

    return read_gold(gwn)[:articles]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared")
    ap.add_argument("--skip-build", action="store_true", help="use the default gazetteer, do not time a build")
    ap.add_argument("--articles", type=int, default=200)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.skip_build:
            gaz = Gazetteer.open()
        else:
            start = time.perf_counter()
            path = build_gazetteer(Path(tmp) / "gazetteer.sqlite", progress=False)
            built = time.perf_counter() - start
            gaz = Gazetteer.open(path)
            print(f"gazetteer build: {built:.1f} s, {len(gaz)} places, {path.stat().st_size / 1e6:.0f} MB")
        docs = load(args.shared, args.articles)
        parser = Geoparser(gaz)
        n = sum(len(spans) for _, spans in docs)
        start = time.perf_counter()
        for text, spans in docs:
            parser.resolve_spans(text, spans)
        took = time.perf_counter() - start
        print(f"oracle resolution: {n} toponyms in {took:.2f} s = {n / took:.0f} toponyms/s")
        from warmonitor.nlp import load_nlp

        nlp = load_nlp()
        parsed = [nlp(text) for text, _ in docs]
        start = time.perf_counter()
        found = sum(len(parser.parse(doc)) for doc in parsed)
        took = time.perf_counter() - start
        print(f"find + resolve (spaCy parse not timed): {found} toponyms in {took:.2f} s = {found / took:.0f} toponyms/s, "
              f"{len(parsed) / took:.1f} articles/s")
        gaz.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
