"""The SQL that differs between the store's two backends, SQLite (the default) and PostgreSQL.

The store's code writes its SQL once, with ``?`` placeholders; the PostgreSQL connection
(``store/postgres.py``) turns them into ``%s``. What cannot be written the same way for both is here:
conflict clauses (``INSERT OR IGNORE/REPLACE`` against ``ON CONFLICT``), reading back a new row id, the
spatial look-up (R*Tree against a GiST index over a box and a day range), full-text search (FTS5 against
``to_tsvector``), and one query SQLite answers with a bare column beside ``MIN()``.

Each connection carries its ``dialect`` (``dialect_of``), so the functions that take a connection need
no other argument.
"""
from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol


class Connection(Protocol):
    """What the store needs of a connection: the sqlite3 calls (``execute``, ``executemany``,
    ``in_transaction``, ``close``), on SQLite itself or on the PostgreSQL adapter."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> Any: ...

    @property
    def in_transaction(self) -> bool: ...

    def close(self) -> None: ...


class Dialect:
    """SQLite's statements; ``PostgresDialect`` overrides what PostgreSQL writes differently."""

    name = "sqlite"
    #: file-name prefix of this backend's migrations in ``store/migrations`` ("" for ``NNNN_name.sql``)
    migration_prefix = ""
    #: the text index needs its own rows (FTS5 external content); PostgreSQL indexes the articles table
    separate_text_index = True

    def errors(self) -> tuple[type[BaseException], ...]:
        """The driver's exception classes (caught and turned into ``StoreError``)."""
        return (sqlite3.Error,)

    @functools.lru_cache(maxsize=64)  # noqa: B019 - two module-level instances live as long as the cache
    def insert(self, table: str, columns: Sequence[str], conflict: str = "", key: Sequence[str] = ()) -> str:
        """``INSERT`` of one row of ``columns``; ``conflict`` is "" (fail), "ignore" (keep the stored row) or
        "replace" (overwrite it); ``key``: the unique columns a conflict is on (PostgreSQL needs them)."""
        verb = {"": "INSERT", "ignore": "INSERT OR IGNORE", "replace": "INSERT OR REPLACE"}[conflict]
        return f"{verb} INTO {table} ({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})"

    def insert_id(self, conn: Connection, sql: str, args: Sequence[Any]) -> int:
        """Run an ``INSERT`` and return the ``rid`` of the new row."""
        return int(conn.execute(sql, args).lastrowid)

    def space_query(self, table: str, columns: str, box: tuple[float, float, float, float], days: tuple[int, int],
                    family: str) -> tuple[str, list[Any]]:
        """Reports of ``family`` whose point lies in ``box`` (min_lon, max_lon, min_lat, max_lat) and whose
        day window meets ``days`` (lo, hi), through the spatial index ``table`` (reports_space/regions_space)."""
        min_lon, max_lon, min_lat, max_lat = box
        sql = (
            f"SELECT {columns} FROM {table} s CROSS JOIN reports r ON r.rid = s.id "  # R*Tree first
            "WHERE s.min_lon <= ? AND s.max_lon >= ? AND s.min_lat <= ? AND s.max_lat >= ? "
            "AND s.min_day <= ? AND s.max_day >= ? AND +r.family = ?"
        )
        return sql, [max_lon, min_lon, max_lat, min_lat, days[1], days[0], family]

    def select_all(self, conn: Connection, queries: Iterable[tuple[str, Sequence[Any]]]) -> Iterator[Any]:
        """The rows of several SELECTs of the same columns, one query after the other."""
        for sql, args in queries:
            yield from conn.execute(sql, args)

    def wire_candidates(self, conn: Connection, bands: Sequence[tuple[int, str]]) -> Iterator[tuple[str, str]]:
        """(wire group, signature of its first article in the bucket) for each LSH bucket ``bands`` names
        (band, bucket), bucket after bucket in that order."""
        for band, bucket in bands:
            for group, sig_text, _ in conn.execute(
                "SELECT a.wire_group, a.signature, MIN(a.rid) FROM minhash_bands m JOIN articles a ON a.id = m.article_id "
                "WHERE m.band = ? AND m.bucket = ? GROUP BY a.wire_group",
                (band, bucket),
            ):
                yield group, sig_text

    def search_query(self, query: str, limit: int) -> tuple[str, list[Any]]:
        """(data, body) of the articles matching a full-text ``query``, best first."""
        sql = (
            "SELECT a.data, a.body FROM articles_fts f JOIN articles a ON a.rid = f.rowid WHERE articles_fts MATCH ? "
            "ORDER BY rank LIMIT ?"
        )
        return sql, [query, limit]


class PostgresDialect(Dialect):
    """PostgreSQL's statements (plain SQL and built-in GiST/GIN indexes: no extension needed)."""

    name = "postgresql"
    migration_prefix = "pg_"
    separate_text_index = False
    #: the text search configuration: 'simple' lower-cases and does not stem, as FTS5's unicode61 does
    text_config = "simple"

    def errors(self) -> tuple[type[BaseException], ...]:
        import psycopg

        return (psycopg.Error,)

    @functools.lru_cache(maxsize=64)  # noqa: B019
    def insert(self, table: str, columns: Sequence[str], conflict: str = "", key: Sequence[str] = ()) -> str:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})"
        if conflict == "ignore":
            return sql + " ON CONFLICT DO NOTHING"
        if conflict == "replace":
            if not key:
                raise ValueError(f"an upsert into {table} needs its key columns")
            rest = [c for c in columns if c not in key]
            return sql + f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET " + ", ".join(f"{c} = EXCLUDED.{c}" for c in rest)
        return sql

    def insert_id(self, conn: Connection, sql: str, args: Sequence[Any]) -> int:
        return int(conn.execute(sql + " RETURNING rid", args).fetchone()[0])

    def space_query(self, table: str, columns: str, box: tuple[float, float, float, float], days: tuple[int, int],
                    family: str) -> tuple[str, list[Any]]:
        # the expressions are those of the GiST index of migration pg_0002
        min_lon, max_lon, min_lat, max_lat = box
        sql = (
            f"SELECT {columns} FROM {table} s JOIN reports r ON r.rid = s.id "
            "WHERE box(point(s.min_lon, s.min_lat), point(s.max_lon, s.max_lat)) "
            "&& box(point(?::float8, ?::float8), point(?::float8, ?::float8)) "
            "AND int4range(s.min_day, s.max_day, '[]') && int4range(?::int4, ?::int4, '[]') AND r.family = ?"
        )
        return sql, [min_lon, min_lat, max_lon, max_lat, days[0], days[1], family]

    def select_all(self, conn: Connection, queries: Iterable[tuple[str, Sequence[Any]]]) -> Iterator[Any]:
        # one round trip to the server instead of one per query
        queries = list(queries)
        if not queries:
            return iter(())
        sql = " UNION ALL ".join(f"({q})" for q, _ in queries)
        return iter(conn.execute(sql, [a for _, args in queries for a in args]))

    def wire_candidates(self, conn: Connection, bands: Sequence[tuple[int, str]]) -> Iterator[tuple[str, str]]:
        # all buckets in one query; per bucket, each group's article of lowest rid (SQLite's MIN(rid) row)
        if not bands:
            return iter(())
        rows = conn.execute(
            "SELECT DISTINCT ON (q.n, a.wire_group) a.wire_group, a.signature "
            "FROM unnest(?::int4[], ?::text[]) WITH ORDINALITY AS q(band, bucket, n) "
            "JOIN minhash_bands m ON m.band = q.band AND m.bucket = q.bucket JOIN articles a ON a.id = m.article_id "
            "ORDER BY q.n, a.wire_group, a.rid",
            ([int(b) for b, _ in bands], [str(k) for _, k in bands]),
        )
        return ((group, sig_text) for group, sig_text in rows)

    def search_query(self, query: str, limit: int) -> tuple[str, list[Any]]:
        # the document expression is that of the GIN index of migration pg_0002
        doc = f"to_tsvector('{self.text_config}', coalesce(a.headline, '') || ' ' || a.body)"
        q = f"websearch_to_tsquery('{self.text_config}', ?)"
        sql = f"SELECT a.data, a.body FROM articles a WHERE {doc} @@ {q} ORDER BY ts_rank({doc}, {q}) DESC, a.rid LIMIT ?"
        return sql, [query, query, limit]


SQLITE = Dialect()
POSTGRES = PostgresDialect()


class SqliteConnection(sqlite3.Connection):
    """``sqlite3.Connection`` that knows its dialect (``sqlite3.connect(..., factory=SqliteConnection)``)."""

    dialect: Dialect = SQLITE


def dialect_of(conn: Any) -> Dialect:
    """The dialect of a store connection (a plain ``sqlite3.Connection`` is SQLite)."""
    return getattr(conn, "dialect", SQLITE)


def is_postgres_url(target: object) -> bool:
    """True for a ``postgresql://`` or ``postgres://`` URL (a store on a PostgreSQL server)."""
    return str(target).lower().startswith(("postgresql://", "postgres://"))
