"""The event store: SQLite (WAL, R*Tree, FTS5) by default, or PostgreSQL at a ``postgresql://`` URL; versioned
migrations. See ``Store``."""
from warmonitor.store.store import Store

__all__ = ["Store"]
