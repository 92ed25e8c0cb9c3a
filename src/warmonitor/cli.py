"""The ``warmonitor`` command line: argument parsing over library calls, nothing more.

Exit status: 0 success; 2 when any input was rejected (the other inputs are still processed) or the
arguments are wrong; 1 on an unexpected resource error (a missing model prints its install line).
Errors go to stderr as one line each, ``warmonitor: <input>: <reason> [<code>]``.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from warmonitor import __version__
from warmonitor.errors import UsageError, WarmonitorError

DEFAULT_DB = "warmonitor.db"
EXTRACT_FORMATS = ("jsonl", "csv", "geojson", "table")
EXPORT_FORMATS = ("acled-csv", "csv", "jsonl", "geojson", "parquet")
EVAL_KINDS = ("events", "geo", "time", "classify", "fakes", "fusion")


def _err(message: str) -> None:
    print(f"warmonitor: {message}", file=sys.stderr)


def _report_rejection(rej: Any) -> None:
    _err(f"{rej.input}: {rej.reason} [{rej.code}]")


def _shared(arg: str | None) -> Path | None:
    if arg:
        return Path(arg)
    for candidate in (Path.cwd() / ".." / "shared", Path(__file__).resolve().parents[3] / ".." / "shared"):
        if (candidate / "eval").is_dir():
            return candidate.resolve()
    return None


def _open_out(path: str | None, binary: bool = False) -> Any:
    if not path or path == "-":
        return sys.stdout.buffer if binary else sys.stdout
    return open(path, "wb" if binary else "w", encoding=None if binary else "utf-8", newline="" if not binary else None)


def _write_events(events: list[Any], fmt: str, out: TextIO) -> None:
    if fmt == "table":
        from warmonitor.render import events_table

        out.write(events_table(events))
        return
    from warmonitor.export import write

    write(events, fmt, out)


# -- commands ---------------------------------------------------------------------------------------
def cmd_extract(args: argparse.Namespace) -> int:
    from warmonitor.model import Rejection
    from warmonitor.pipeline import Pipeline

    pipe = Pipeline()
    events: list[Any] = []
    rejected = 0
    for item in pipe.process_paths(args.paths):
        if isinstance(item, Rejection):
            rejected += 1
            _report_rejection(item)
            continue
        for flag in item.flags:
            _err(f"{item.article.path or item.article.id}: {flag}")
        events.extend(e for e in item.events if args.background or not e.background)
    fmt = "csv" if args.format == "csv" else args.format
    out = _open_out(args.out)
    try:
        _write_events(events, fmt, out)
    finally:
        if out is not sys.stdout:
            out.close()
    return 2 if rejected else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from warmonitor.model import Rejection
    from warmonitor.pipeline import Pipeline
    from warmonitor.store import Store

    pipe = Pipeline()
    store = Store.open(args.db)
    added = skipped = rejected = events = 0
    try:
        for item in pipe.process_paths(args.paths):
            if isinstance(item, Rejection):
                rejected += 1
                _report_rejection(item)
                store.add_rejection(item)
                continue
            if store.add(item):
                added += 1
                events += len(item.events)
            else:
                skipped += 1
    finally:
        store.close()
    print(
        f"{added} article(s) ingested, {events} event report(s); {skipped} already stored; {rejected} rejected",
        file=sys.stderr,
    )
    return 2 if rejected else 0


def _stored_events(args: argparse.Namespace) -> list[Any]:
    """The store's fused events that pass the filters; with ``--per-report``, each article's own report of
    them instead (``event_id`` the fused event's)."""
    from warmonitor.store import Store

    store = Store.open(args.db)
    try:
        events = list(store.events(since=args.since, until=args.until, country=args.country, type=args.type, actor=args.actor))
        if getattr(args, "per_report", False):
            return store.fused_reports([e.event_id for e in events])
        return events
    finally:
        store.close()


def cmd_events(args: argparse.Namespace) -> int:
    _write_events(_stored_events(args), args.format, sys.stdout)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from warmonitor.export import write

    evs = _stored_events(args)
    binary = args.format == "parquet"
    if binary and (not args.out or args.out == "-"):
        raise UsageError("parquet needs --out FILE")
    out = _open_out(args.out, binary=binary)
    try:
        write(evs, args.format, out)
    finally:
        if out not in (sys.stdout, sys.stdout.buffer):
            out.close()
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    import importlib

    module = importlib.import_module(f"warmonitor.evaluate.{args.kind}")
    options: dict[str, Any] = {}
    if args.kind == "geo":
        options["mode"] = args.mode
    module.run(args.path, args.out, shared=_shared(args.shared), **options)
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from warmonitor.resolve.places import Gazetteer, build_gazetteer

    if args.action == "build":
        path = build_gazetteer(args.out, geonames_files=tuple(args.geonames or ()), alternate_names=args.alternate_names)
        print(path)
        return 0
    if not args.name:
        raise UsageError("gazetteer lookup needs a NAME")
    gaz = Gazetteer.open(args.gazetteer)
    places = gaz.lookup(" ".join(args.name), country=args.country, limit=args.limit)
    if not places:
        _err(f"no gazetteer entry for {' '.join(args.name)!r}")
        return 1
    for p in places:
        print(
            f"{p.geonameid or '-':>9}  {p.name:<28} {p.feature:<7} {p.country or '-':<3} "
            f"{(p.admin1 or '-'):<24} {p.lat if p.lat is not None else '-':>9} {p.lon if p.lon is not None else '-':>9}  pop {p.population}"
        )
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    from warmonitor.resolve.actors import ActorRegistry, format_actor

    reg = ActorRegistry.load()
    found = reg.lookup(" ".join(args.name), country=args.country)
    if not found:
        _err(f"no actor matches {' '.join(args.name)!r}")
        return 1
    print("\n\n".join(format_actor(actor) for actor in found))
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    from warmonitor.resolve.actors import SourceRegistry, format_source

    source = SourceRegistry.load().lookup(" ".join(args.name))
    if source is None:
        _err(f"no source matches {' '.join(args.name)!r}")
        return 1
    print(format_source(source))
    return 0


def cmd_control(args: argparse.Namespace) -> int:
    from warmonitor.store import Store

    store = Store.open(args.db)
    rows: Any
    try:
        if args.words and args.words[0] == "changes":
            rows = store.control_changes(args.since)
        elif args.words:
            rows = store.control_at(" ".join(args.words), args.at)
        elif args.geojson:
            json.dump(store.control_snapshot(args.at, country=args.country), sys.stdout, ensure_ascii=False)
            print()
            return 0
        else:
            snapshot = store.control_snapshot(args.at, country=args.country)
            rows = [f.get("properties", f) for f in snapshot.get("features", [])] if isinstance(snapshot, dict) else snapshot
    finally:
        store.close()
    rows = rows if isinstance(rows, list) else [rows] if rows else []
    for row in rows:
        print(json.dumps(row.to_dict() if hasattr(row, "to_dict") else row, ensure_ascii=False))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from warmonitor.api import create_app

    rules = notifiers = None
    if args.rules:
        from warmonitor.alerts import load_rules, notifiers_from

        rules, notifiers = load_rules(args.rules), notifiers_from(True, args.webhook or ())
    app = create_app(db=args.db, api_key=args.api_key, rules=rules, notifiers=notifiers)
    uvicorn.run(app, host=args.host, port=args.port)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from warmonitor.batch import run_batch

    summary = run_batch(
        args.paths, args.db, scheduler=args.scheduler, workers=args.workers, chunk=args.chunk, limit=args.limit,
        progress=lambda s: print(s.line(), file=sys.stderr, flush=True),
    )
    print(summary.line())
    return 2 if summary.rejected else 0


def cmd_watch(args: argparse.Namespace) -> int:
    from warmonitor.alerts import load_rules, notifiers_from, watch

    watch(
        args.db, load_rules(args.rules), notifiers_from(not args.no_console, args.webhook or ()),
        rounds=1 if args.once else None, interval_s=args.interval, state=args.state, since=args.since,
    )
    return 0


# -- parser ------------------------------------------------------------------------------------------
DB_HELP = f"SQLite file (default ./{DEFAULT_DB}) or postgresql:// URL"


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help=DB_HELP)
    p.add_argument("--since", help="events on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", help="events on or before this date (YYYY-MM-DD)")
    p.add_argument("--country", help="ISO 3166-1 alpha-2 code or country name")
    p.add_argument("--type", help="ACLED event type or sub-event type")
    p.add_argument("--actor", help="actor name (substring, case-insensitive)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="warmonitor", description="Sourced, mapped conflict events from news reporting.")
    parser.add_argument("--version", action="version", version=f"warmonitor {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract events from files or case folders (stateless)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, case folder, or - for stdin")
    p.add_argument("--format", choices=EXTRACT_FORMATS, default="jsonl")
    p.add_argument("--out", help="write here instead of stdout")
    p.add_argument("--background", action="store_true",
                   help="also print background events (history the article recalls, kept with their own dates)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("ingest", help="process articles into the store (SQLite or PostgreSQL)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", default=DEFAULT_DB, help=DB_HELP)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("events", help="list stored events")
    _filters(p)
    p.add_argument("--format", choices=EXTRACT_FORMATS, default="table")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("export", help="export stored events")
    _filters(p)
    p.add_argument("--format", choices=EXPORT_FORMATS, default="acled-csv")
    p.add_argument("--out", help="output file (default stdout)")
    p.add_argument("--per-report", action="store_true",
                   help="one row per article's report (as that article told it), event_id = its fused event")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("eval", help="score the system on gold data (../shared/eval)")
    p.add_argument("kind", choices=EVAL_KINDS)
    p.add_argument("path", help="gold folder, case folder or file")
    p.add_argument("--out", required=True, help="predictions JSONL to write")
    p.add_argument("--mode", choices=("oracle", "e2e"), default="oracle", help="geo only")
    p.add_argument("--shared", help="path to the shared folder (default ../shared)")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("gazetteer", help="build or query the gazetteer")
    p.add_argument("action", choices=("build", "lookup"))
    p.add_argument("name", nargs="*", help="place name (lookup)")
    p.add_argument("--country", help="ISO2 country filter")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--gazetteer", help="gazetteer file (default: the built-in index)")
    p.add_argument("--geonames", action="append", metavar="FILE", help="GeoNames dump (.zip or .txt), repeatable")
    p.add_argument("--alternate-names", metavar="FILE", help="GeoNames alternateNames file")
    p.add_argument("--out", help="where to write the built index")
    p.set_defaults(func=cmd_gazetteer)

    for name, func, what in (("actors", cmd_actors, "actor"), ("sources", cmd_sources, "source")):
        p = sub.add_parser(name, help=f"look up the {what} registry")
        p.add_argument("action", choices=("lookup",))
        p.add_argument("name", nargs="+")
        if name == "actors":
            p.add_argument("--country", help="ISO2 country")
        p.set_defaults(func=func)

    p = sub.add_parser("control", help="territorial control: PLACE [--at DATE] | --at DATE --country XX | changes --since DATE")
    p.add_argument("words", nargs="*", help="a place name, or 'changes'")
    p.add_argument("--at", help="date (default: latest)")
    p.add_argument("--country", help="ISO2 country")
    p.add_argument("--since", help="changes since this date")
    p.add_argument("--geojson", action="store_true", help="snapshot as GeoJSON")
    p.add_argument("--db", default=DEFAULT_DB, help=DB_HELP)
    p.set_defaults(func=cmd_control)

    p = sub.add_parser("serve", help="run the HTTP API and web map")
    p.add_argument("--db", default=DEFAULT_DB, help=DB_HELP)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--api-key", help="key required for writes (default: $WARMONITOR_API_KEY)")
    p.add_argument("--rules", help="alert rules (JSON) checked on every article posted")
    p.add_argument("--webhook", action="append", metavar="URL", help="deliver alerts here too (repeatable)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("batch", help="process large archives in parallel (Dask, local processes or serial)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, CSV/zip archives")
    p.add_argument("--db", default=DEFAULT_DB, help=DB_HELP)
    p.add_argument("--scheduler", help="serial | processes | local | a Dask scheduler address (default: automatic)")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--chunk", type=int, default=8, help="articles per task")
    p.add_argument("--limit", type=int, help="stop after this many articles")
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("watch", help="alert on new stored events matching watch rules")
    p.add_argument("--db", default=DEFAULT_DB, help=DB_HELP)
    p.add_argument("--rules", required=True, help="rules file (JSON; see data/alerts/README.md)")
    p.add_argument("--webhook", action="append", metavar="URL", help="POST alerts to this URL (repeatable)")
    p.add_argument("--no-console", action="store_true", help="do not print alerts")
    p.add_argument("--interval", type=float, default=60.0, help="seconds between checks")
    p.add_argument("--once", action="store_true", help="check once and exit")
    p.add_argument("--state", help="file remembering which events already alerted")
    p.add_argument("--since", help="only events on or after this date")
    p.set_defaults(func=cmd_watch)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except UsageError as err:
        _err(f"{err} [{err.code}]")
        return 2
    except WarmonitorError as err:
        _err(f"{err} [{err.code}]")
        return 1
    except BrokenPipeError:  # e.g. `warmonitor events | head`
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
