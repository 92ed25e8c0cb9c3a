"""The article's country focus: which countries its places lie in, most likely first."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from warmonitor.model import PlaceMention

# How much a mention counts towards its country, by role.
ROLE_WEIGHTS = {"place": 1.0, "demonym": 0.5, "actor": 0.5, "name": 0.3}


def country_weights(pairs: Iterable[tuple[str | None, float]]) -> dict[str, float]:
    """Sum of weights per ISO2 code over (country, weight) pairs; None countries are skipped."""
    out: dict[str, float] = defaultdict(float)
    for country, weight in pairs:
        if country:
            out[country] += weight
    return dict(out)


def country_focus(mentions: list[PlaceMention]) -> list[str]:
    """ISO2 codes of the countries the mentions point to, most likely first: each mention adds its
    confidence (at least 0.3) times its role weight; ties go to the country named first."""
    first: dict[str, int] = {}
    pairs = []
    for i, pm in enumerate(mentions):
        if pm.place is None or not pm.place.country:
            continue
        first.setdefault(pm.place.country, i)
        pairs.append((pm.place.country, max(0.3, pm.confidence) * ROLE_WEIGHTS.get(pm.role, 1.0)))
    weights = country_weights(pairs)
    return sorted(weights, key=lambda c: (-weights[c], first[c]))
