"""Versioned migrations: ``store/migrations/NNNN_name.sql`` applied in order, each in one transaction.

The version reached is kept in ``PRAGMA user_version`` (and, with names and dates, in the
``schema_migrations`` table).
"""
from __future__ import annotations

import datetime as _dt
import re
import sqlite3
from importlib import resources

from warmonitor.errors import StoreError

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every migration shipped with the package, in order."""
    folder = resources.files("warmonitor.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"migrations are not numbered 1..n: {versions}", input="store/migrations")
    return found


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, label: str = "store") -> int:
    """Bring the database up to the newest migration; returns the version. ``conn`` is in autocommit mode."""
    version = current_version(conn)
    available = migrations()
    if version > len(available):
        raise StoreError(f"database schema version {version} is newer than this warmonitor ({len(available)})", input=label)
    for number, name, sql in available[version:]:
        now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        try:
            conn.execute("BEGIN IMMEDIATE")
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
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except sqlite3.Error as err:
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
