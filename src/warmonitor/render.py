"""Plain-text rendering of events for terminals (the ``table`` format)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

COLUMNS = (
    ("event_date", 11),
    ("sub_event_type", 34),
    ("actor1", 30),
    ("actor2", 26),
    ("location", 18),
    ("iso", 3),
    ("geo_precision", 3),
    ("fatalities", 5),
    ("source", 24),
)
HEADERS = {"geo_precision": "geo", "fatalities": "dead", "event_date": "date", "sub_event_type": "sub-event type"}


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def events_table(events: Iterable[Any]) -> str:
    """A fixed-width table, one event a line, header first; background events are marked with '*'."""
    lines = ["  ".join(_cell(HEADERS.get(name, name), w).ljust(w) for name, w in COLUMNS)]
    lines.append("  ".join("-" * w for _, w in COLUMNS))
    count = 0
    for ev in events:
        row = ev.to_dict() if hasattr(ev, "to_dict") else dict(ev)
        date = row.get("event_date") or ""
        if row.get("background"):
            date = f"{date}*"
        row["event_date"] = date
        lines.append("  ".join(_cell(row.get(name), w).ljust(w) for name, w in COLUMNS).rstrip())
        count += 1
    lines.append(f"({count} event{'s' if count != 1 else ''}; * background)")
    return "\n".join(lines) + "\n"
