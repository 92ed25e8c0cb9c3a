"""Plain-text views of registry entries for ``warmonitor actors lookup`` / ``sources lookup``."""
from __future__ import annotations

from warmonitor.model import Actor, Source

INTER_NAMES = {
    1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
    5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces",
}


def _lines(rows: list[tuple[str, str | None]]) -> str:
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows if v)


def format_actor(actor: Actor) -> str:
    """A few aligned lines: name, inter code, country, dates, parent, backers, side, aliases."""
    dates = None
    if actor.active_from or actor.active_to:
        dates = f"{actor.active_from or '…'} to {actor.active_to or 'present'}"
    inter = f"{actor.inter} ({INTER_NAMES.get(actor.inter, '?')})" if actor.inter else None
    return _lines([
        ("name", actor.name + ("  [new: not in the registry, needs review]" if actor.new else "")),
        ("inter", inter),
        ("type", actor.actor_type),
        ("country", actor.country),
        ("active", dates),
        ("parent", actor.parent),
        ("backers", ", ".join(actor.backers) or None),
        ("side", actor.side),
        ("aliases", ", ".join(actor.aliases) or None),
    ])


def format_source(source: Source) -> str:
    """A few aligned lines: name, kind, stance and its basis, country, aliases."""
    return _lines([
        ("name", source.name),
        ("kind", source.kind),
        ("stance", source.stance),
        ("basis", source.basis),
        ("country", source.country),
        ("aliases", ", ".join(source.aliases) or None),
    ])
