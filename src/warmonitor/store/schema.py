"""Versioned migrations: ``store/migrations/NNNN_name.sql`` applied in order, each in one transaction.

SQLite runs ``NNNN_name.sql``; PostgreSQL runs ``pg_NNNN_name.sql`` (the same versions, in its own SQL).
The version reached is kept, with names and dates, in the ``schema_migrations`` table (and, on SQLite,
in ``PRAGMA user_version``).
"""
from __future__ import annotations

import datetime as _dt
import re
import sqlite3
from importlib import resources
from typing import Any

from warmonitor.errors import StoreError
from warmonitor.store.dialect import SQLITE, Dialect, dialect_of


def migrations(dialect: Dialect = SQLITE) -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every migration of ``dialect`` shipped with the package, in order."""
    name = re.compile(rf"^{re.escape(dialect.migration_prefix)}(\d{{4}})_[a-z0-9_]+\.sql$")
    folder = resources.files("warmonitor.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        m = name.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"migrations are not numbered 1..n: {versions}", input="store/migrations")
    return found


def current_version(conn: Any) -> int:
    if dialect_of(conn) is SQLITE:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    if conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None:
        return 0
    return int(conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0])


def _begin(conn: Any) -> None:
    """A transaction no other migrating process runs beside."""
    if dialect_of(conn) is SQLITE:
        conn.execute("BEGIN IMMEDIATE")
    else:
        from warmonitor.store.postgres import WRITE_LOCK

        conn.execute("BEGIN")
        conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))


def migrate(conn: Any, label: str = "store") -> int:
    """Bring the database up to the newest migration; returns the version. ``conn`` is in autocommit mode."""
    dialect = dialect_of(conn)
    version = current_version(conn)
    available = migrations(dialect)
    if version > len(available):
        raise StoreError(f"database schema version {version} is newer than this warmonitor ({len(available)})", input=label)
    for number, name, sql in available[version:]:
        now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        try:
            _begin(conn)
            if current_version(conn) >= number:  # another process got there first
                conn.execute("COMMIT")
                continue
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            for statement in split_statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", (number, name, now))
            if dialect is SQLITE:
                conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except dialect.errors() as err:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"migration {name} failed: {err}", input=label) from err
    return current_version(conn)


def split_statements(sql: str) -> list[str]:
    """The complete SQL statements of a script (comments kept with their statement)."""
    out: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip() and not all(x.strip().startswith("--") or not x.strip() for x in buf.splitlines()):
        raise StoreError("migration ends with an incomplete statement", input=buf.strip()[:60])
    return out
