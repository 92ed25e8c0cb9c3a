"""The event store: articles, reports, fused events, claims, control records, rejections.

SQLite by default: one file, WAL journal, R*Tree over event coordinates and dates, FTS5 over article
text. A ``postgresql://`` URL opens the same store on a PostgreSQL server (GiST and GIN indexes; see
``dialect.py`` and ``postgres.py``). Versioned migrations on both. Each article is written in one
transaction (all of it or nothing) and re-adding an article that is already stored changes nothing.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warmonitor.errors import StoreError, UsageError
from warmonitor.fuse.merge import FusedEvent, ReportInfo
from warmonitor.fuse.rules import fold
from warmonitor.fuse.terms import article_terms
from warmonitor.model import Article, Claim, ControlChange, Event, Rejection
from warmonitor.model.records import event_id as make_event_id
from warmonitor.store import control_queries
from warmonitor.store.dialect import SqliteConnection, dialect_of, is_postgres_url
from warmonitor.store.fusion_index import insert_report, refuse
from warmonitor.store.schema import migrate

MAX_INDEXED_COPIES = 4
CACHE_KIB = 131072  # 128 MiB page cache per connection (SQLite's default is 2 MiB)
ARTICLE_COLUMNS = (
    "id", "case_name", "path", "url", "outlet", "headline", "published", "language", "body", "wire_group", "signature",
    "n_events", "n_claims", "n_control", "flags", "data", "added_at",
)
CLAIM_COLUMNS = ("article_id", "claim_id", "source", "modality", "kind", "data")
COUNTED = ("articles", "reports", "fused_events", "fused_aliases", "claims", "control_records", "rejections", "minhash_bands")


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


class Store:
    """A warmonitor store. ``Store.open(path)``; use as a context manager or call ``close()``.

    ``conn`` is a ``sqlite3.Connection`` or, for PostgreSQL, a ``postgres.PgConnection`` (same calls)."""

    def __init__(self, conn: Any, path: str, timeout: float = 30.0) -> None:
        self.conn = conn
        self.path = path
        self.timeout = timeout
        self.dialect = dialect_of(conn)
        self._errors = self.dialect.errors()

    # -- lifecycle ----------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path = "warmonitor.db", timeout: float = 30.0) -> Store:
        """Open (creating and migrating as needed) the store at ``path`` (``:memory:`` for a scratch one),
        or the PostgreSQL database at a ``postgresql://`` (or ``postgres://``) URL."""
        if is_postgres_url(path):
            return cls._open_postgres(str(path), timeout)
        label = str(path)
        if label != ":memory:":
            p = Path(label)
            if p.exists() and p.is_dir():
                raise StoreError("is a directory, not a store file", input=label)
            if not p.parent.exists():
                raise StoreError("its folder does not exist", input=label)
        try:
            conn = sqlite3.connect(
                label, timeout=timeout, isolation_level=None, check_same_thread=False, factory=SqliteConnection
            )
            conn.execute("PRAGMA foreign_keys = ON")
            if label != ":memory:":
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise StoreError(f"cannot switch to WAL journal (got {mode})", input=label)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")  # the indexes' working set stays in memory
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            migrate(conn, label)
        except sqlite3.DatabaseError as err:
            raise StoreError(f"not a warmonitor store or unreadable: {err}", input=label) from err
        return cls(conn, label, timeout)

    @classmethod
    def _open_postgres(cls, url: str, timeout: float) -> Store:
        from warmonitor.store.postgres import connect, redact

        conn = connect(url, timeout)
        try:
            migrate(conn, redact(url))
        except BaseException:
            conn.close()
            raise
        return cls(conn, redact(url), timeout)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _begin(self) -> None:
        if self.dialect.name != "sqlite":
            from warmonitor.store.postgres import begin_write

            begin_write(self.conn, self.timeout, self.path)
            return
        for attempt in range(5):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) and "busy" not in str(err):
                    raise StoreError(f"cannot start a write: {err}", input=self.path) from err
                time.sleep(min(0.2 * (attempt + 1), self.timeout))
        locked = StoreError("database is locked by another writer", input=self.path)
        locked.transient = True
        raise locked

    # -- writing ------------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add(self, result: Any) -> bool:
        """Store one processed article (a ``warmonitor.context.Result``) and fuse its events.

        Returns False (and changes nothing) when the article is already stored.
        """
        article: Article = result.article
        if not isinstance(article, Article):
            raise UsageError(f"Store.add expects a Result with an Article, got {type(article).__name__}")
        if self.has_article(article.id):
            return False
        from warmonitor.fuse.near_dup import (  # datasketch: imported on first write
            band_keys,
            signature,
            to_text,
        )

        sig = signature(article.body)
        bands = band_keys(sig)
        events = _own_events(article, list(result.events))
        self._begin()
        try:
            if self.has_article(article.id):
                self.conn.execute("ROLLBACK")
                return False
            group, regrouped = self._wire_group(article.id, sig, bands)
            rid = self.dialect.insert_id(
                self.conn,
                self.dialect.insert("articles", ARTICLE_COLUMNS),
                (
                    article.id, article.case, article.path, article.url, article.outlet, article.headline,
                    article.published, article.language, article.body, group, to_text(sig), len(events),
                    len(result.claims), len(result.control), json.dumps(list(getattr(result, "flags", []) or [])),
                    json.dumps({k: v for k, v in article.to_dict().items() if k != "body"}, ensure_ascii=False), _now(),
                ),
            )
            if self.dialect.separate_text_index:
                self.conn.execute(
                    "INSERT INTO articles_fts (rowid, headline, body) VALUES (?, ?, ?)",
                    (rid, article.headline or "", article.body),
                )
            members = self.conn.execute("SELECT count(*) FROM articles WHERE wire_group = ?", (group,)).fetchone()[0]
            if members <= MAX_INDEXED_COPIES:  # a few copies index a wire story; more only fill its buckets
                self.conn.executemany(
                    self.dialect.insert("minhash_bands", ("band", "bucket", "article_id"), "ignore"),
                    [(b, k, article.id) for b, k in bands],
                )
            for claim in result.claims:
                self.conn.execute(
                    self.dialect.insert("claims", CLAIM_COLUMNS, "replace", key=("article_id", "claim_id")),
                    (article.id, claim.id, claim.source, claim.modality, claim.kind, json.dumps(claim.to_dict(), ensure_ascii=False)),
                )
            control_queries.insert(self.conn, article, result.control)
            terms = article_terms(article.headline, article.body)
            new = [insert_report(self.conn, ev, article.published, terms) for ev in events]
            also = self._fused_of_articles(regrouped)
            known = {
                ev.event_id: ReportInfo(ev, article.outlet, article.case, article.url, article.published, group, terms)
                for ev in events
            }
            refuse(self.conn, new, also=also, known=known)
            self.conn.execute("COMMIT")
        except BaseException as err:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(err, self._errors):
                raise StoreError(f"cannot store article {article.id}: {err}", input=article.path or article.id) from err
            raise
        if self.dialect.name != "sqlite":
            self.conn.after_write(len(events))  # stored: a failed statistics refresh is the caller's to see
        return True

    def _wire_group(self, article_id: str, sig: Any, bands: list[tuple[int, str]]) -> tuple[str, list[str]]:
        """The near-duplicate group of a new article; merges groups it bridges. Returns (group, re-grouped article ids).

        Candidates share an LSH band bucket; each candidate group is tested once, on its first article.
        """
        from warmonitor.fuse.near_dup import from_text, is_duplicate

        reps: dict[str, str] = {}
        for group, sig_text in self.dialect.wire_candidates(self.conn, bands):
            reps.setdefault(group, sig_text)
        groups = {g for g, text in sorted(reps.items()) if text and is_duplicate(sig, from_text(text))}
        if not groups:
            return article_id, []
        group = min(groups | {article_id})
        moved: list[str] = []
        for old in sorted(groups - {group}):
            moved += [a for (a,) in self.conn.execute("SELECT id FROM articles WHERE wire_group = ?", (old,))]
            self.conn.execute("UPDATE articles SET wire_group = ? WHERE wire_group = ?", (group, old))
        return group, moved

    def _fused_of_articles(self, article_ids: list[str]) -> set[str]:
        out: set[str] = set()
        for aid in article_ids:
            out |= {f for (f,) in self.conn.execute("SELECT fused_id FROM reports WHERE article_id = ?", (aid,))}
        return out

    def add_rejection(self, rej: Rejection) -> None:
        """Record an input that could not be processed (the same rejection twice is kept once)."""
        try:
            self.conn.execute(
                self.dialect.insert("rejections", ("input", "code", "reason", "first_seen"), "ignore"),
                (rej.input, rej.code, rej.reason, _now()),
            )
        except self._errors as err:
            raise StoreError(f"cannot record rejection: {err}", input=rej.input) from err

    # -- reading ------------------------------------------------------------------------------------
    def events(
        self,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        type: str | None = None,  # noqa: A002 - the CLI's name
        actor: str | None = None,
    ) -> list[Event]:
        """Fused events (one per real event, with all its reports), by date then id, filtered."""
        where, args = [], []
        if since:
            where.append("event_date >= ?")
            args.append(since)
        if until:
            where.append("event_date <= ?")
            args.append(until)
        if country:
            where.append("(lower(iso) = lower(?) OR lower(country) = lower(?))")
            args += [country, country]
        if type:
            where.append("(lower(event_type) = lower(?) OR lower(sub_event_type) = lower(?))")
            args += [type, type]
        if actor:
            where.append("(lower(actor1) LIKE lower(?) OR lower(actor2) LIKE lower(?))")
            args += [f"%{actor}%", f"%{actor}%"]
        sql = "SELECT data FROM fused_events" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY event_date IS NULL, event_date, fused_id"
        return [FusedEvent.from_dict(json.loads(d)) for (d,) in self.conn.execute(sql, args)]

    def event(self, event_id: str) -> FusedEvent | None:
        """One fused event by its id, an old id it had, or the id of any of its reports."""
        row = self.conn.execute("SELECT data FROM fused_events WHERE fused_id = ?", (event_id,)).fetchone()
        if row is None:
            alias = self.conn.execute(
                "SELECT fused_id FROM fused_aliases WHERE old_id = ? UNION SELECT fused_id FROM reports WHERE event_id = ?",
                (event_id, event_id),
            ).fetchone()
            if alias:
                row = self.conn.execute("SELECT data FROM fused_events WHERE fused_id = ?", (alias[0],)).fetchone()
        return FusedEvent.from_dict(json.loads(row[0])) if row else None

    def reports(self, article_id: str | None = None) -> list[Event]:
        """The events as each article reported them (before fusion)."""
        sql, args = "SELECT data FROM reports", []
        if article_id:
            sql, args = sql + " WHERE article_id = ?", [article_id]
        return [Event.from_dict(json.loads(d)) for (d,) in self.conn.execute(sql + " ORDER BY rid", args)]

    def fused_reports(self, fused_ids: list[str] | None = None) -> list[Event]:
        """Each article's own report of the fused events ``fused_ids`` (all when None), as the article told
        it (its date, place, actors, toll) but with ``event_id`` set to the fused event it belongs to and
        ``case`` to its article's case: one row per source, grouped by fused event."""
        sql = "SELECT r.fused_id, r.data, a.case_name FROM reports r LEFT JOIN articles a ON a.id = r.article_id"
        rows = list(self.conn.execute(sql + " ORDER BY r.fused_id, r.rid"))
        wanted = set(fused_ids) if fused_ids is not None else None
        out: list[Event] = []
        for fid, data, case in rows:
            if wanted is not None and fid not in wanted:
                continue
            ev = Event.from_dict(json.loads(data))
            ev.event_id, ev.case = fid, ev.case or case
            out.append(ev)
        return out

    def articles(self) -> list[Article]:
        return list(self.iter_articles())

    def iter_articles(self) -> Iterator[Article]:
        for d, body in self.conn.execute("SELECT data, body FROM articles ORDER BY rid"):
            yield _article(d, body)

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT data, body FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(*row) if row else None

    def search(self, query: str, limit: int = 20) -> list[Article]:
        """Articles matching a full-text query, best first: FTS5's query syntax on SQLite, web-search syntax
        (``websearch_to_tsquery``: words, "phrases", ``or``, ``-word``) on PostgreSQL."""
        sql, args = self.dialect.search_query(query, limit)
        try:
            rows = self.conn.execute(sql, args).fetchall()
        except self._errors as err:
            raise UsageError(f"bad search query {query!r}: {err}") from err
        return [_article(d, body) for d, body in rows]

    def claims(self, article_id: str | None = None) -> list[Claim]:
        sql, args = "SELECT data FROM claims", []
        if article_id:
            sql, args = sql + " WHERE article_id = ?", [article_id]
        return [Claim.from_dict(json.loads(d)) for (d,) in self.conn.execute(sql, args)]

    def rejections(self) -> list[Rejection]:
        return [
            Rejection(input=i, code=c, reason=r)
            for i, c, r in self.conn.execute("SELECT input, code, reason FROM rejections ORDER BY rid")
        ]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in COUNTED}

    def integrity(self) -> str:
        """``PRAGMA integrity_check`` (``ok`` when the file is sound); on PostgreSQL, whose server keeps its
        files sound, ``ok`` when every report belongs to a stored article and a stored fused event."""
        if self.dialect.name != "sqlite":
            bad = self.conn.execute(
                "SELECT count(*) FROM reports r LEFT JOIN articles a ON a.id = r.article_id "
                "LEFT JOIN fused_events f ON f.fused_id = r.fused_id WHERE a.id IS NULL OR f.fused_id IS NULL"
            ).fetchone()[0]
            return "ok" if not bad else f"{bad} report(s) without their article or fused event"
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])

    # -- territorial control --------------------------------------------------------------------------
    def control_at(self, place: str, date: str | None = None) -> list[dict[str, Any]]:
        """Who holds ``place`` (a name or a geonameid) at ``date`` (default: latest), with its timeline."""
        return control_queries.control_at(self.conn, place, date)

    def control_snapshot(self, date: str | None = None, country: str | None = None) -> dict[str, Any]:
        """A GeoJSON FeatureCollection: every known place and who holds it at ``date``."""
        return control_queries.snapshot(self.conn, date, country)

    def control_changes(self, since: str | None = None) -> list[ControlChange]:
        """The change feed: control records dated on or after ``since``, oldest first."""
        return control_queries.changes(self.conn, since)


def _article(data: str, body: str) -> Article:
    """An Article from its row (the body is stored once, in its own column)."""
    return Article.from_dict({**json.loads(data), "body": body})


def _own_events(article: Article, events: list[Event]) -> list[Event]:
    """The article's events with its id and case set, and event ids unique within the article."""
    out: list[Event] = []
    seen: set[str] = set()
    for ev in events:
        if ev.article_id != article.id:
            ev = dataclasses.replace(ev, article_id=article.id, event_id="")
            ev.event_id = make_event_id(ev)
        if ev.case is None and article.case:
            ev = dataclasses.replace(ev, case=article.case)
        base, n = ev.event_id, 1
        while ev.event_id in seen:
            n += 1
            ev = dataclasses.replace(ev, event_id=f"{base}-{n}")
        seen.add(ev.event_id)
        out.append(ev)
    return out


__all__ = ["Store", "fold"]
