"""The PostgreSQL backend's connection: psycopg 3 behind the few sqlite3 calls the store makes.

``Store.open("postgresql://user@host/db")`` connects here. The adapter runs in autocommit mode and the
store opens its own transactions (``BEGIN`` ... ``COMMIT``), as it does on SQLite; statements keep
SQLite's ``?`` placeholders and are rewritten to psycopg's ``%s`` once each (cached). Writers take one
transaction-scoped advisory lock, so that, as on SQLite, one article is fused at a time whatever the
number of writing processes. psycopg is optional (``pip install "psycopg>=3.1"``): it is imported here
only.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from warmonitor.errors import DependencyMissing, StoreError
from warmonitor.store.dialect import POSTGRES, Dialect

#: key of the advisory lock writers hold for the length of a transaction (any constant bigint)
WRITE_LOCK = 0x776D5F7772697465  # "wm_write"

#: the tables whose planner statistics the store refreshes itself while it fills (``after_write``)
ANALYZED = ("articles", "minhash_bands", "reports", "reports_space", "regions_space", "fused_events", "fused_aliases")
#: reports written before the first refresh; then one each time the store has doubled
FIRST_ANALYZE = 500

_PLACEHOLDER = re.compile(r"%|\?")


@functools.lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """SQL with ``?`` placeholders as psycopg wants it (``%s``; a literal ``%`` doubled)."""
    return _PLACEHOLDER.sub(lambda m: "%%" if m.group() == "%" else "%s", sql)


def redact(url: str) -> str:
    """The URL without its password (for messages and ``Store.path``)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


class PgConnection:
    """A psycopg connection that answers the sqlite3 calls the store makes."""

    dialect: Dialect = POSTGRES

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.written = 0  # reports written through this connection since its last ANALYZE
        self.analyze_after = FIRST_ANALYZE

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        if parameters:
            return self.raw.execute(to_pyformat(sql), list(parameters))
        return self.raw.execute(sql)

    def executemany(self, sql: str, seq_of_parameters: Any) -> Any:
        cur = self.raw.cursor()
        cur.executemany(to_pyformat(sql), [list(p) for p in seq_of_parameters])
        return cur

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)

    def close(self) -> None:
        self.raw.close()

    def after_write(self, n_reports: int) -> None:
        """Count reports written; refresh the planner's statistics when the store has about doubled since
        the last refresh. Autovacuum does this too, but only every minute or so: during a bulk load into
        a fresh store, plans made for an empty table would scan what has grown since (ANALYZE runs
        O(log n) times over n reports)."""
        self.written += n_reports
        if self.written < self.analyze_after or self.in_transaction:
            return
        self.raw.execute("ANALYZE " + ", ".join(ANALYZED))
        total = int(self.raw.execute("SELECT count(*) FROM reports").fetchone()[0])
        self.written, self.analyze_after = 0, max(FIRST_ANALYZE, total)


def connect(url: str, timeout: float = 30.0) -> PgConnection:
    """Connect to the PostgreSQL database at ``url`` (autocommit; the store opens its own transactions)."""
    try:
        import psycopg
    except ImportError as err:
        raise DependencyMissing(
            'the PostgreSQL store needs psycopg 3: pip install "psycopg>=3.1" (or warmonitor[postgres])',
            input=redact(url),
        ) from err
    if url.lower().startswith("postgres://"):  # libpq knows both schemes; keep one in messages
        url = "postgresql://" + url[len("postgres://"):]
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(timeout)))
        raw.execute("SET TIME ZONE 'UTC'")
    except psycopg.Error as err:
        raise StoreError(f"cannot connect to PostgreSQL: {' '.join(str(err).split())}", input=redact(url)) from err
    return PgConnection(raw)


def begin_write(conn: PgConnection, timeout: float, label: str) -> None:
    """Open a write transaction holding the writers' lock; a lock not had within ``timeout`` seconds is a
    transient ``StoreError`` (as a locked SQLite file is)."""
    import psycopg

    try:
        conn.execute("BEGIN")
        conn.execute(f"SET LOCAL lock_timeout = {max(1, int(timeout * 1000))}")
        conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
    except psycopg.errors.LockNotAvailable as err:
        conn.execute("ROLLBACK")
        locked = StoreError("database is locked by another writer", input=label)
        locked.transient = True
        raise locked from err
    except psycopg.Error as err:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"cannot start a write: {err}", input=label) from err
