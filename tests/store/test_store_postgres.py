"""The PostgreSQL store: the SQLite store's behaviours, run against a throwaway server.

A session fixture starts a cluster in a temporary folder (``initdb`` + ``pg_ctl``, unix socket only, run
as the ``postgres`` user when the tests run as root); each test gets a fresh database. The server tests
skip when psycopg, the PostgreSQL binaries or a non-root user are missing, or the server does not start.
"""
from __future__ import annotations

import glob
import os
import pwd
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wm_store_factories import article, check_half_written_article_rolls_back, event, result, story_set  # noqa: E402

from warmonitor.errors import StoreError  # noqa: E402
from warmonitor.model import Rejection  # noqa: E402
from warmonitor.store import Store  # noqa: E402
from warmonitor.store.dialect import POSTGRES, SQLITE, is_postgres_url  # noqa: E402
from warmonitor.store.postgres import redact, to_pyformat  # noqa: E402
from warmonitor.store.schema import migrations  # noqa: E402

# -- no server needed ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT 1 FROM t WHERE a = ? AND b = ?", "SELECT 1 FROM t WHERE a = %s AND b = %s"),
        ("SELECT 1 FROM t WHERE a LIKE '50%' AND b = ?", "SELECT 1 FROM t WHERE a LIKE '50%%' AND b = %s"),
        ("SELECT 1", "SELECT 1"),
    ],
)
def test_placeholders_become_pyformat(sql: str, expected: str) -> None:
    assert to_pyformat(sql) == expected


@pytest.mark.parametrize(
    ("conflict", "key", "sqlite", "postgres"),
    [
        ("", (), "INSERT INTO t (a, b) VALUES (?,?)", "INSERT INTO t (a, b) VALUES (?,?)"),
        ("ignore", (), "INSERT OR IGNORE INTO t (a, b) VALUES (?,?)", "INSERT INTO t (a, b) VALUES (?,?) ON CONFLICT DO NOTHING"),
        ("replace", ("a",), "INSERT OR REPLACE INTO t (a, b) VALUES (?,?)",
         "INSERT INTO t (a, b) VALUES (?,?) ON CONFLICT (a) DO UPDATE SET b = EXCLUDED.b"),
    ],
)
def test_conflict_clauses(conflict: str, key: tuple[str, ...], sqlite: str, postgres: str) -> None:
    assert SQLITE.insert("t", ("a", "b"), conflict, key) == sqlite
    assert POSTGRES.insert("t", ("a", "b"), conflict, key) == postgres


@pytest.mark.parametrize(
    ("target", "is_url", "shown"),
    [
        ("postgresql://wm:secret@db.example:5433/events", True, "postgresql://wm:***@db.example:5433/events"),
        ("postgres://wm@/events?host=/run/pg", True, "postgres://wm@/events?host=/run/pg"),
        ("stores/postgresql.db", False, "stores/postgresql.db"),
    ],
)
def test_urls_choose_the_backend_and_hide_passwords(target: str, is_url: bool, shown: str) -> None:
    assert is_postgres_url(target) is is_url
    assert redact(target) == shown


def test_both_backends_have_the_same_versions() -> None:
    sqlite, pg = migrations(SQLITE), migrations(POSTGRES)
    assert [v for v, _, _ in pg] == [v for v, _, _ in sqlite]
    assert all(name.startswith("pg_") for _, name, _ in pg)
    assert not any(name.startswith("pg_") for _, name, _ in sqlite)


def test_without_psycopg_the_url_asks_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from warmonitor.errors import DependencyMissing

    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails
    with pytest.raises(DependencyMissing, match="psycopg"):
        Store.open("postgresql://wm:secret@db.example/events")


def test_an_unreachable_server_is_a_store_error(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="cannot connect"):
        Store.open(f"postgresql://nobody:pw@/none?host={tmp_path}&port=1", timeout=1)


# -- a throwaway server -------------------------------------------------------------------------------


def _binary(name: str) -> str | None:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) else (found[-1] if found else None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server() -> Iterator[dict[str, str]]:
    """A PostgreSQL cluster in a temporary folder, listening on a unix socket only."""
    pytest.importorskip("psycopg")
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found")
    prefix: list[str] = []
    folder = tempfile.mkdtemp(prefix="wm-pg-")  # short: a unix socket path has a length limit
    if os.geteuid() == 0:  # initdb refuses root: run the server as the postgres user
        runuser = shutil.which("runuser")
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            user = None
        if not runuser or user is None:
            shutil.rmtree(folder, ignore_errors=True)
            pytest.skip("running as root and no 'postgres' user or runuser to start the server with")
        os.chown(folder, user.pw_uid, user.pw_gid)
        prefix = [runuser, "-u", "postgres", "--"]
    data, port = os.path.join(folder, "data"), _free_port()
    try:
        subprocess.run([*prefix, initdb, "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"],
                       check=True, capture_output=True, timeout=120)
        options = f"-k {folder} -p {port} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        subprocess.run([*prefix, pg_ctl, "-D", data, "-o", options, "-l", os.path.join(folder, "log"), "-w", "-t", "60", "start"],
                       check=True, capture_output=True, timeout=90)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as err:
        log = Path(folder, "log")
        tail = log.read_text(errors="replace")[-400:] if log.exists() else getattr(err, "stderr", b"")
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"PostgreSQL server did not start: {err}; {tail!r}")
    try:
        yield {"host": folder, "port": str(port)}
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


_made = [0]


@pytest.fixture()
def pg_url(pg_server: dict[str, str]) -> str:
    """The URL of a new, empty database on the throwaway server."""
    import psycopg

    _made[0] += 1
    name = f"wm_{os.getpid()}_{_made[0]}"
    where = f"host={pg_server['host']}&port={pg_server['port']}"
    with psycopg.connect(f"postgresql://postgres@/postgres?{where}", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return f"postgresql://postgres@/{name}?{where}"


def _fill(target: str, results: list) -> Store:
    store = Store.open(target)
    for r in results:
        store.add(r)
    return store


def _summary(store: Store) -> dict[str, object]:
    """What must not depend on the backend: fused events (ids, members, figures), aliases, counts."""
    events = [e.to_dict() for e in store.events()]
    for e in events:
        e.pop("updated_at", None)
    aliases = sorted(store.conn.execute("SELECT old_id, fused_id FROM fused_aliases").fetchall())
    return {"events": events, "aliases": [tuple(a) for a in aliases], "counts": store.counts()}


# -- the SQLite store's behaviours ----------------------------------------------------------------------


def test_migrations_are_versioned(pg_url: str) -> None:
    with Store.open(pg_url) as store:
        assert store.dialect is POSTGRES
        rows = store.conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
        assert [v for v, _ in rows] == list(range(1, len(migrations(POSTGRES)) + 1))
        for table in ("articles", "reports", "fused_events", "rejections", "reports_space", "regions_space"):
            assert store.conn.execute("SELECT to_regclass(?)", (table,)).fetchone()[0] is not None
    with Store.open(pg_url.replace("postgresql://", "postgres://")) as store:  # re-opening applies nothing twice
        assert store.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(rows)


def test_reingest_changes_nothing(pg_url: str) -> None:
    with _fill(pg_url, story_set()) as store:
        before = _summary(store)
    with Store.open(pg_url) as store:
        assert not any(store.add(r) for r in story_set())
        assert _summary(store) == before


def test_fusion_equals_sqlite(pg_url: str) -> None:
    with _fill(":memory:", story_set()) as lite, _fill(pg_url, story_set()) as pg:
        assert _summary(pg) == _summary(lite)
        assert sorted(sorted(e.cases) for e in pg.events()) == [["case-a", "case-b", "case-c"], ["case-d"], ["case-e"]]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_reports_fuse_as_on_sqlite(pg_url: str, seed: int) -> None:
    """Generated articles (dated and undated, place- and region-level) in a shuffled order."""
    from test_store_order import ACTORS, _results

    rnd = random.Random(seed)
    specs = [[(rnd.randrange(3), rnd.choice([None, 0, 1, 2, 3]), rnd.uniform(0, 0.3), rnd.choice(ACTORS),
               rnd.choice(ACTORS), rnd.choice([1, 1, 3])) for _ in range(rnd.randint(1, 3))] for _ in range(8)]
    results = _results(specs)
    rnd.shuffle(results)
    with _fill(":memory:", results) as lite, _fill(pg_url, results) as pg:
        assert _summary(pg) == _summary(lite)
        for old, new in pg.conn.execute("SELECT old_id, fused_id FROM fused_aliases"):
            assert pg.event(old).event_id == new  # type: ignore[union-attr]


def test_filters_lookups_and_search(pg_url: str) -> None:
    with _fill(pg_url, story_set()) as store:
        assert len(store.events(type="Battles")) == 1
        assert len(store.events(actor="red brigade")) == 2
        assert store.events(since="2031-05-02")[0].location == "Mirow"
        assert store.events(country="XB") == []
        one = store.reports()[0]
        assert store.event(one.event_id) is not None
        assert [a.case for a in store.search("bomb")] == ["case-d"]
        assert [a.case for a in store.search('"car bomb"')] == ["case-d"]
        assert sorted(a.case for a in store.search("ardel monday")) == ["case-a", "case-b", "case-d"]
        assert store.search("nothing-like-this") == []
        assert store.articles() == [r.article for r in story_set()]
        assert store.integrity() == "ok"


def test_per_report_rows_and_control_queries_equal_sqlite(pg_url: str) -> None:
    with _fill(":memory:", story_set()) as lite, _fill(pg_url, story_set()) as pg:
        assert [r.to_dict() for r in pg.fused_reports()] == [r.to_dict() for r in lite.fused_reports()]
        assert len(pg.fused_reports()) == pg.counts()["reports"]
        assert pg.control_at("Mirow") == lite.control_at("Mirow") != []
        assert pg.control_snapshot("2031-05-03") == lite.control_snapshot("2031-05-03")
        assert pg.control_changes("2031-05-01") == lite.control_changes("2031-05-01") != []


def test_rejections_kept_once(pg_url: str) -> None:
    with Store.open(pg_url) as store:
        rej = Rejection(input="junk.bin", code="WM102", reason="binary input")
        store.add_rejection(rej)
        store.add_rejection(rej)
        assert store.rejections() == [rej]


def test_half_written_articles_roll_back(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure after the article's rows are written (here: in fusion) leaves nothing of it."""
    with Store.open(pg_url) as store:
        check_half_written_article_rolls_back(store, monkeypatch)


def test_syndicated_copies_share_a_wire_group(pg_url: str) -> None:
    text = (
        "The regional council of Vale met on Thursday to discuss the repair of the old bridge, which was "
        "damaged by floods last spring. Engineers told the council that the work would take three months "
        "and that traffic would be diverted through the northern road while it lasted. "
    ) * 3
    with Store.open(pg_url) as store:
        store.add(result(article(text, "Courier", "w1"), []))
        store.add(result(article(text + "Copyright the agency.", "Herald", "w2"), []))
        store.add(result(article("A different story about a harvest festival in the hills.", "Gazette", "w3"), []))
        groups = dict(store.conn.execute("SELECT case_name, wire_group FROM articles").fetchall())
        assert groups["w1"] == groups["w2"] != groups["w3"]


def test_a_busy_writer_lock_is_a_transient_error(pg_url: str) -> None:
    import psycopg

    from warmonitor.store.postgres import WRITE_LOCK

    Store.open(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as blocker:
        blocker.execute("BEGIN")
        blocker.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        with Store.open(pg_url, timeout=0.05) as store:
            a = article("The Red Brigade shelled the plain near Ardel on Monday.", "Courier", "lock")
            with pytest.raises(StoreError) as info:
                store.add(result(a, [event(a, "Armed clash", "Ardel", 40.0, 30.0, "2031-05-01", "Red Brigade")]))
            assert info.value.transient
            assert not store.conn.in_transaction
        blocker.execute("ROLLBACK")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_midway_then_restart(pg_url: str) -> None:
    """As test_store_crash: a writer killed midway leaves whole articles only, and a rerun finishes."""
    from test_store_crash import _check_whole, _run

    total = 150
    proc = _run(pg_url, total)  # type: ignore[arg-type]
    assert proc.stdout is not None
    seen = 0
    for line in proc.stdout:
        seen += line.split()[0].isdigit()
        if seen >= 30:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    stored = _check_whole(pg_url)  # type: ignore[arg-type]
    assert 30 <= stored < total
    rerun = _run(pg_url, total)  # type: ignore[arg-type]
    out, _ = rerun.communicate(timeout=300)
    assert rerun.returncode == 0 and out.rstrip().endswith("done")
    assert sum(1 for line in out.splitlines() if line.endswith(" False")) == stored
    assert _check_whole(pg_url) == total  # type: ignore[arg-type]
