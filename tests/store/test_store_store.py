"""The SQLite store: migrations, idempotent ingest, fusion through the store, order independence."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wm_store_factories import article, check_half_written_article_rolls_back, event, result, story_set  # noqa: E402

from warmonitor.errors import StoreError  # noqa: E402
from warmonitor.model import Rejection  # noqa: E402
from warmonitor.store import Store  # noqa: E402
from warmonitor.store.schema import migrations  # noqa: E402


def grouping(store: Store) -> dict[str, list[str]]:
    return {e.event_id: sorted(e.cases) for e in store.events()}


def test_migrations_are_versioned(tmp_path: Path) -> None:
    path = tmp_path / "wm.db"
    with Store.open(path) as store:
        version = store.conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == len(migrations()) >= 2
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"articles", "reports", "fused_events", "rejections", "reports_space", "articles_fts"} <= names
    with Store.open(path) as store:  # re-opening applies nothing twice
        assert store.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == version


def test_reingest_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "wm.db"
    with Store.open(path) as store:
        assert all(store.add(r) for r in story_set())
        counts, ids = store.counts(), [e.event_id for e in store.events()]
    with Store.open(path) as store:
        assert not any(store.add(r) for r in story_set())
        assert store.counts() == counts
        assert [e.event_id for e in store.events()] == ids


def test_fusion_through_the_store() -> None:
    with Store.open(":memory:") as store:
        for r in story_set():
            store.add(r)
        groups = sorted(grouping(store).values())
        assert groups == [["case-a", "case-b", "case-c"], ["case-d"], ["case-e"]]
        clash = next(e for e in store.events() if len(e.cases) == 3)
        assert clash.fatalities == 4  # the most conservative figure; each report's kept side by side
        assert sorted(r["fatalities"] for r in clash.reports) == [0, 4, 6]
        assert clash.corroboration_detail["outlets"] == 3


def test_filters_and_lookups() -> None:
    with Store.open(":memory:") as store:
        for r in story_set():
            store.add(r)
        assert len(store.events(type="Battles")) == 1
        assert len(store.events(actor="red brigade")) == 2
        assert store.events(since="2031-05-02")[0].location == "Mirow"
        assert store.events(country="XB") == []
        one = store.reports()[0]
        assert store.event(one.event_id) is not None  # a report id leads to its fused event
        assert [a.case for a in store.search("bomb")] == ["case-d"]


def test_rejections_kept_once() -> None:
    with Store.open(":memory:") as store:
        rej = Rejection(input="junk.bin", code="WM102", reason="binary input")
        store.add_rejection(rej)
        store.add_rejection(rej)
        assert store.rejections() == [rej]


def test_bad_paths_are_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        Store.open(tmp_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store.open(junk)


def test_syndicated_copies_share_a_wire_group() -> None:
    text = (
        "The regional council of Vale met on Thursday to discuss the repair of the old bridge, which was "
        "damaged by floods last spring. Engineers told the council that the work would take three months "
        "and that traffic would be diverted through the northern road while it lasted. "
    ) * 3
    with Store.open(":memory:") as store:
        store.add(result(article(text, "Courier", "w1"), []))
        store.add(result(article(text + "Copyright the agency.", "Herald", "w2"), []))
        store.add(result(article("A different story about a harvest festival in the hills.", "Gazette", "w3"), []))
        groups = dict(store.conn.execute("SELECT case_name, wire_group FROM articles").fetchall())
        assert groups["w1"] == groups["w2"] != groups["w3"]


def test_half_written_articles_roll_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure after the article's rows are written (here: in fusion) leaves nothing of it."""
    with Store.open(":memory:") as store:
        check_half_written_article_rolls_back(store, monkeypatch)


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(5)))
def test_any_arrival_order_gives_the_same_fused_ids(order: list[int]) -> None:
    results = story_set()
    with Store.open(":memory:") as ref:
        for r in results:
            ref.add(r)
        expected = grouping(ref)
    with Store.open(":memory:") as store:
        for i in order:
            store.add(results[i])
        assert grouping(store) == expected
        # every id a fused event ever had still leads to it
        for old, new in store.conn.execute("SELECT old_id, fused_id FROM fused_aliases"):
            assert store.event(old).event_id == new  # type: ignore[union-attr]


def test_no_sqlite_error_escapes_for_a_locked_store(tmp_path: Path) -> None:
    path = tmp_path / "wm.db"
    Store.open(path).close()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        store = Store.open(path, timeout=0.05)
        a = article("The Red Brigade shelled the plain near Ardel on Monday.", "Courier", "lock")
        with pytest.raises(StoreError) as info:
            store.add(result(a, [event(a, "Armed clash", "Ardel", 40.0, 30.0, "2031-05-01", "Red Brigade")]))
        assert info.value.transient
        store.close()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_wire_copies_count_as_one_source() -> None:
    wire = (
        "Gunmen of the Red Brigade attacked a checkpoint of the army at the northern gate of Ardel before dawn "
        "on Monday, and the fighting lasted until noon, officials and residents told the agency by telephone. "
    ) * 2
    own = "Our reporter in Ardel heard shooting at the northern gate on Monday morning; the army later said it held."
    with Store.open(":memory:") as store:
        for text, outlet, case in ((wire, "Courier", "wire-1"), (wire + " (Agency)", "Herald", "wire-2"), (own, "Gazette", "own")):
            art = article(text, outlet, case)
            store.add(result(art, [event(art, "Armed clash", "Ardel", 40.0, 30.0, "2031-05-01", "Red Brigade", gid=11)]))
        [fused] = store.events()
        assert sorted(fused.cases) == ["own", "wire-1", "wire-2"]
        assert fused.corroboration_detail["outlets"] == 2


def test_articles_round_trip() -> None:
    results = story_set()
    with Store.open(":memory:") as store:
        for r in results:
            store.add(r)
        assert store.articles() == [r.article for r in results]
        assert store.article(results[2].article.id) == results[2].article
        assert store.article("no-such-id") is None


def test_per_report_rows_carry_their_fused_event() -> None:
    """Each article's own report, its event_id the fused event's: undated reports stay undated."""
    with Store.open(":memory:") as store:
        for r in story_set():
            store.add(r)
        fused = {e.event_id: sorted(e.cases) for e in store.events()}
        rows = store.fused_reports()
        assert len(rows) == store.counts()["reports"]
        by_fused: dict[str, list[str]] = {}
        for row in rows:
            by_fused.setdefault(row.event_id, []).append(str(row.case))
        assert {k: sorted(v) for k, v in by_fused.items()} == fused
        assert any(row.case == "case-c" and row.event_date is None for row in rows)
        one = next(iter(fused))
        assert {row.event_id for row in store.fused_reports([one])} == {one}


def test_reports_keep_their_article_words() -> None:
    with Store.open(":memory:") as store:
        for r in story_set():
            store.add(r)
        (terms,) = store.conn.execute(
            "SELECT r.terms FROM reports r JOIN articles a ON a.id = r.article_id WHERE a.case_name = 'case-d'").fetchone()
        assert {"market", "ardel", "medic"} <= set(terms.split())
