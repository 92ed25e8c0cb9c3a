"""The event store: SQLite (WAL, R*Tree, FTS5) with versioned migrations. See ``Store``."""
from warmonitor.store.store import Store

__all__ = ["Store"]
