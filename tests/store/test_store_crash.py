"""A bulk ingest killed with SIGKILL midway leaves a sound store with no half-written article, and a
restart finishes the rest."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from warmonitor.store import Store

N_ARTICLES = 400

WRITER = textwrap.dedent(
    """
    import sys
    import time

    from warmonitor.context import Result
    from warmonitor.model import Article, Claim, ControlChange, Event, Span
    from warmonitor.store import Store

    store = Store.open(sys.argv[1])
    for i in range(int(sys.argv[2])):
        body = f"Report number {i}: the Grey Company and the Hill Guard fought near outpost {i % 37} on day {i % 9}."
        art = Article(body=body, outlet=f"Outlet {i % 5}", published="2031-06-10", case=f"synthetic-{i}")
        events = [
            Event(event_type="Battles", sub_event_type="Armed clash", event_date=f"2031-06-0{1 + (i + k) % 9}",
                  actor1="Grey Company", actor2="Hill Guard", iso="XA", admin1=f"Zone {i % 7}",
                  location=f"Outpost {i % 37}", latitude=40 + (i % 37) * 0.3, longitude=30 + k * 0.5,
                  article_id=art.id)
            for k in range(3)
        ]
        claims = [Claim(id=f"c{k}", span=Span(0, 6, body[:6]), source="a witness") for k in range(2)]
        control = [ControlChange(place=f"Outpost {i % 37}", controller="Grey Company", date="2031-06-05")]
        added = store.add(Result(article=art, events=events, claims=claims, control=control))
        print(i, added, flush=True)
        time.sleep(0.002)  # keeps the writer from finishing before the test has read a few lines
    store.close()
    print("done", flush=True)
    """
)


def _run(db: Path, n: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(n)], stdout=subprocess.PIPE, text=True, env=dict(os.environ)
    )


def _check_whole(db: Path) -> int:
    with Store.open(db) as store:
        assert store.integrity() == "ok"
        rows = store.conn.execute("SELECT id, n_events, n_claims, n_control FROM articles").fetchall()
        for aid, n_events, n_claims, n_control in rows:
            got = [
                store.conn.execute(f"SELECT count(*) FROM {t} WHERE article_id = ?", (aid,)).fetchone()[0]
                for t in ("reports", "claims", "control_records")
            ]
            assert got == [n_events, n_claims, n_control], f"article {aid} half written"
        orphans = store.conn.execute(
            "SELECT count(*) FROM reports r LEFT JOIN articles a ON a.id = r.article_id WHERE a.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
        dangling = store.conn.execute(
            "SELECT count(*) FROM reports r LEFT JOIN fused_events f ON f.fused_id = r.fused_id WHERE f.fused_id IS NULL"
        ).fetchone()[0]
        assert dangling == 0
        return len(rows)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_midway_then_restart(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    proc = _run(db, N_ARTICLES)
    assert proc.stdout is not None
    seen = 0
    for line in proc.stdout:
        if line.split()[0].isdigit():
            seen += 1
        if seen >= 40:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    stored = _check_whole(db)
    assert 40 <= stored < N_ARTICLES
    # restart: already stored articles are skipped, the rest is written
    rerun = _run(db, N_ARTICLES)
    out, _ = rerun.communicate(timeout=300)
    assert rerun.returncode == 0 and out.rstrip().endswith("done")
    skipped = sum(1 for line in out.splitlines() if line.endswith(" False"))
    assert skipped == stored
    assert _check_whole(db) == N_ARTICLES
    with Store.open(db) as store:
        assert store.counts()["reports"] == 3 * N_ARTICLES
        assert json.dumps(store.counts())  # readable after the crash
