"""``make demo``: ingest the bundled example articles into a new SQLite store, print the events,
write a GeoJSON file and an offline HTML map of them.

    python -m warmonitor.demo [--examples examples] [--out demo-out]
"""
from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from warmonitor.model import Rejection


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", default="examples", help="folder of example case folders")
    ap.add_argument("--out", default="demo-out", help="output folder (recreated)")
    args = ap.parse_args(argv)

    from warmonitor.export import write
    from warmonitor.pipeline import Pipeline
    from warmonitor.render import events_table
    from warmonitor.store import Store
    from warmonitor.web.page import copy_vendor, load_world, render_map

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "warmonitor.db"
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    cases = sorted(p for p in Path(args.examples).iterdir() if p.is_dir())
    print(f"Ingesting {len(cases)} example articles from {args.examples}/ into {db} ...", file=sys.stderr)
    pipe = Pipeline()
    store = Store.open(db)
    try:
        for item in pipe.process_paths(cases):
            if isinstance(item, Rejection):
                print(f"warmonitor: {item.input}: {item.reason} [{item.code}]", file=sys.stderr)
            else:
                store.add(item)
        events = store.events()
        try:
            control = store.control_snapshot(None)
        except Exception as err:  # the map still shows events
            print(f"(control snapshot unavailable: {err})", file=sys.stderr)
            control = None
    finally:
        store.close()

    print(events_table(events))
    buf = io.StringIO()
    write(events, "geojson", buf)
    (out / "events.geojson").write_text(buf.getvalue(), encoding="utf-8")
    vendor = copy_vendor(out)
    page = render_map(json.loads(buf.getvalue()), control if isinstance(control, dict) else None, load_world(vendor))
    (out / "map.html").write_text(page, encoding="utf-8")
    print(f"Wrote {out / 'events.geojson'} and {out / 'map.html'} (open it in a browser; works offline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
