"""CAMEO and PLOVER codes for each ACLED sub-type (data/events/codes.json)."""
from __future__ import annotations

import functools

from warmonitor.errors import UsageError
from warmonitor.extract.lexicon import read_data


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str | None, str | None]]:
    data = read_data("codes.json")
    return {k.casefold(): (v[0], v[1]) for k, v in data["codes"].items()}


@functools.lru_cache(maxsize=1)
def event_types() -> dict[str, str]:
    """ACLED sub-type -> event type (with ``Civilians flee`` -> ``Displacement``)."""
    return dict(read_data("codes.json")["event_type"])


def codes_for(sub_event_type: str) -> tuple[str | None, str | None]:
    """(CAMEO, PLOVER) for an ACLED sub-type, case-insensitive; an unknown sub-type raises ``UsageError``."""
    got = _table().get(str(sub_event_type).casefold())
    if got is None:
        raise UsageError(f"unknown ACLED sub-event type {sub_event_type!r}", input="codes_for")
    return got
