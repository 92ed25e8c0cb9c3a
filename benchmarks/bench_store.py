"""Store benchmark: ingest throughput and fusion cost as the store grows.

Synthetic, fictional events: points spread over a 40 x 60 degree area at a steady rate of events per day
(the store grows because time passes, as a real one does: the density of events per place and day stays
the same), and a share of repeat reports (another outlet telling an earlier event again, a few km and at
most a day off) so that fusion has merges to make. For each size (default 10k and 100k events) a fresh
store is filled and the per-event CPU cost of ``Store.add`` and of its fusion step is printed per tenth of
the run: the cost per event must stay flat or grow like log n (n log n in total), not like n. CPU time
(``time.process_time``) is reported because wall time on a shared machine measures the neighbours too.

    python benchmarks/bench_store.py [--sizes 10000 100000] [--events-per-article 5] [--events-per-day 20]
                                     [--postgres postgresql://user@host/db]

``--postgres URL`` runs the same figures on a PostgreSQL database: each size fills its own schema
``wm_bench_<size>`` there (dropped first if it exists; nothing else in the database is touched).
There the CPU figures are this process's only (the server's work is not in them): compare wall events/s.
"""
from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from warmonitor.context import Result
from warmonitor.model import Article, Event
from warmonitor.store import Store
from warmonitor.store import store as store_module

SUB_TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Strategic developments", "Non-violent transfer of territory"),
]
ACTORS = [f"Group {c}" for c in "ABCDEFGHIJ"]


def synthetic(n_events: int, per_article: int, seed: int = 7, repeat: float = 0.3, per_day: int = 20) -> list[Result]:
    """Articles of ``per_article`` events each, ``per_day`` events a day in date order; ``repeat`` of the
    events re-tell an earlier one."""
    rng = random.Random(seed)
    made: list[dict] = []
    results: list[Result] = []
    for a in range(math.ceil(n_events / per_article)):
        day0 = (a * per_article) // per_day + rng.randrange(3)
        body = f"Synthetic report {a}: " + " ".join(rng.choice(ACTORS) + f" near point {rng.randrange(10**6)}." for _ in range(8))
        art = Article(body=body, outlet=f"Outlet {a % 40}", published=_iso(day0 + 1), case=f"bench-{a}")
        events = []
        for _ in range(per_article):
            if made and rng.random() < repeat:
                base = rng.choice(made[-4 * per_day :])  # a recent event, told again
                spec = dict(base, lat=base["lat"] + rng.uniform(-0.03, 0.03), lon=base["lon"] + rng.uniform(-0.03, 0.03),
                            day=base["day"] + rng.choice((0, 0, 1, -1)))
            else:
                etype, sub = rng.choice(SUB_TYPES)
                spec = dict(etype=etype, sub=sub, lat=rng.uniform(0, 40), lon=rng.uniform(0, 60), day=day0,
                            a1=rng.choice(ACTORS), a2=rng.choice(ACTORS), admin1=f"Area {rng.randrange(400)}")
                made.append(spec)
            events.append(
                Event(event_type=spec["etype"], sub_event_type=spec["sub"], event_date=_iso(spec["day"]),
                      actor1=spec["a1"], actor2=spec["a2"], iso="XA", admin1=spec["admin1"],
                      location=f"Place {round(spec['lat'], 2)} {round(spec['lon'], 2)}", latitude=spec["lat"],
                      longitude=spec["lon"], article_id=art.id)
            )
        results.append(Result(article=art, events=events))
    return results


def _iso(day: int) -> str:
    import datetime as dt

    return (dt.date(2020, 1, 1) + dt.timedelta(days=day)).isoformat()


def postgres_target(url: str, size: int) -> str:
    """The URL of a fresh schema ``wm_bench_<size>`` in the database at ``url``."""
    import psycopg

    schema = f"wm_bench_{int(size)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"


def run(size: int, per_article: int, db_dir: Path, per_day: int = 20, postgres: str | None = None) -> dict[str, float]:
    results = synthetic(size, per_article, per_day=per_day)
    path = db_dir / f"bench-{size}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    target = postgres_target(postgres, size) if postgres else str(path)
    name = f"PostgreSQL schema wm_bench_{size}" if postgres else path.name
    fusion_time = [0.0]
    original = store_module.refuse

    def timed_refuse(*args, **kwargs):
        t = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            fusion_time[0] += time.process_time() - t

    store_module.refuse = timed_refuse
    try:
        store = Store.open(target)
        store.add(synthetic(1, 1, seed=99)[0])  # imports and caches warmed before timing
        tenth = max(1, len(results) // 10)
        rows = []
        started, cpu_started = time.perf_counter(), time.process_time()
        for part in range(10):
            chunk = results[part * tenth : (part + 1) * tenth] if part < 9 else results[9 * tenth :]
            n_ev = sum(len(r.events) for r in chunk)
            f0, t0 = fusion_time[0], time.process_time()
            for r in chunk:
                store.add(r)
            spent = time.process_time() - t0
            rows.append((part, store.counts()["reports"], n_ev, spent, fusion_time[0] - f0))
        total = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        counts = store.counts()
        store.close()
    finally:
        store_module.refuse = original
    print(f"\n== {size} synthetic events, {len(results)} articles ({per_article} events each) into {name}")
    print(f"{'tenth':>5} {'reports':>9} {'CPU ms/event add':>17} {'CPU ms/event fusion':>20}")
    for part, reports, n_ev, spent, fuse in rows:
        print(f"{part + 1:>5} {reports:>9} {1000 * spent / max(n_ev, 1):>17.3f} {1000 * fuse / max(n_ev, 1):>20.3f}")
    n = counts["reports"]
    first = statistics.mean(r[4] / max(r[2], 1) for r in rows[:2])
    last = statistics.mean(r[4] / max(r[2], 1) for r in rows[-2:])
    print(f"ingest (wall): {len(results) / total:.1f} articles/s, {n / total:.1f} events/s; CPU {1000 * cpu / n:.3f} ms/event; "
          f"{counts['fused_events']} fused events from {n} reports")
    print(f"fusion ms/event first fifth {1000 * first:.3f}, last fifth {1000 * last:.3f} (ratio {last / first:.2f})")
    return {"size": size, "events_per_s": n / total, "fusion_ms_per_event": 1000 * statistics.mean(r[4] / max(r[2], 1) for r in rows),
            "add_ms_per_event": 1000 * cpu / n}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--events-per-article", type=int, default=5)
    ap.add_argument("--events-per-day", type=int, default=20)
    ap.add_argument("--db-dir", type=Path, default=None)
    ap.add_argument("--postgres", metavar="URL", default=None, help="run on this PostgreSQL database (schemas wm_bench_<size>)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db_dir = args.db_dir or Path(tmp)
        db_dir.mkdir(parents=True, exist_ok=True)
        summary = [run(size, args.events_per_article, db_dir, args.events_per_day, args.postgres) for size in args.sizes]
    print("\nsize      events/s (wall)  CPU add ms/event  CPU fusion ms/event")
    for s in summary:
        print(f"{s['size']:<9} {s['events_per_s']:>15.1f} {s['add_ms_per_event']:>17.3f} {s['fusion_ms_per_event']:>20.3f}")
    if len(summary) > 1:
        a, b = summary[0], summary[-1]
        nlogn = math.log(b["size"]) / math.log(a["size"])
        print(f"fusion cost per event grew x{b['fusion_ms_per_event'] / a['fusion_ms_per_event']:.2f} from {a['size']} to "
              f"{b['size']} events (n log n allows x{nlogn:.2f} per event; linear-per-event would be x{b['size'] / a['size']:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
