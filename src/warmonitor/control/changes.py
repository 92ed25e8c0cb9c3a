"""ControlChange records from one article: territory events and hostile forces at a distance.

1. A territory event (``gain_sub_types`` in ``data/control/control.json``): actor1 holds the place from
   the event date, taken from actor2 (``kind="gained"``, ``previous=actor2``).
2. A place mention with a spatial phrase and a distance ("insurgents are now just 3 miles from Homs"):
   an armed actor of the same sentence, mentioned before the place, stands that far from it; the place is
   ``contested`` and held by the other side (the side that actor fights in this article's events) as of
   the claim's date or the publication date, with ``hostile_distance_km``.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from warmonitor.control.rules import rules
from warmonitor.fuse.rules import fold
from warmonitor.model import ActorMention, Claim, ControlChange, Event, PlaceMention


def _claim_for(claims: list[Claim], start: int, end: int) -> Claim | None:
    """The innermost claim whose span covers ``[start, end)``."""
    covering = [c for c in claims if c.span.start <= start and end <= c.span.end]
    return min(covering, key=lambda c: c.span.end - c.span.start) if covering else None


def _confidence(base: float, claim: Claim | None) -> float:
    cfg = rules()
    weight = float(cfg["modality_confidence"].get(claim.modality, cfg["default_confidence"])) if claim else float(cfg["default_confidence"])
    return round(max(0.0, min(1.0, (base if base else 0.5) * 0.5 + weight * 0.5)), 3)


def _sources(outlet: str | None, *names: str | None) -> list[str]:
    out: list[str] = []
    for name in (*names, outlet):
        name = (name or "").strip()
        if name and name not in out:
            out.append(name)
    return out


def from_events(
    events: list[Event], claims: list[Claim], outlet: str | None = None, mentions: list[ActorMention] | None = None
) -> list[ControlChange]:
    """Who gains which place from the territory events (the loser, when not coded, from the article's sides)."""
    gains = set(rules()["gain_sub_types"])
    out = []
    for ev in events:
        if ev.sub_event_type not in gains or not ev.actor1 or not ev.location:
            continue
        spans = ev.evidence.get("event_type") or ev.evidence.get("sub_event_type") or []
        anchor = spans[0] if spans else None
        claim = (ev.claims[0] if ev.claims else None) or (_claim_for(claims, anchor.start, anchor.end) if anchor else None)
        out.append(
            ControlChange(
                place=ev.location,
                controller=ev.actor1,
                date=ev.event_date,
                kind="gained",
                geonameid=ev.geonameid,
                lat=ev.latitude,
                lon=ev.longitude,
                country=ev.iso or ev.country,
                previous=ev.actor2 or opponent(ev.actor1, ev.iso or ev.country, events, mentions or []),
                confidence=_confidence(ev.confidence, claim),
                sources=_sources(outlet, claim.source if claim else None, *(ev.source or "").split(";")),
                span=anchor,
                article_id=ev.article_id,
                event_id=ev.event_id,
            )
        )
    return out


def _sentence_bounds(ctx: Any, start: int) -> tuple[int, int]:
    doc = getattr(ctx, "doc", None)
    if doc is not None and hasattr(doc, "sents"):
        try:
            for sent in doc.sents:
                if sent.start_char <= start < sent.end_char:
                    return sent.start_char, sent.end_char
        except ValueError:  # no sentence boundaries set
            pass
    body = ctx.article.body
    lo = max(body.rfind(". ", 0, start), body.rfind("\n", 0, start))
    hi_candidates = [i for i in (body.find(". ", start), body.find("\n", start)) if i >= 0]
    return (lo + 1 if lo >= 0 else 0), (min(hi_candidates) if hi_candidates else len(body))


def _armed(mention: ActorMention) -> bool:
    actor = mention.actor
    return actor is not None and actor.inter in set(rules()["armed_inter"])


def opponent(name: str, country: str | None, events: list[Event], mentions: list[ActorMention]) -> str | None:
    """The armed side ``name`` fights in this article, preferring forces of the place's country.

    Candidates are the other side of this article's events involving ``name`` and the armed actors the
    article mentions that are not on ``name``'s side; ranked by country match, events against ``name``,
    state forces (inter 1), then mentions.
    """
    key = fold(name)
    actors = {m.actor.name: m.actor for m in mentions if m.actor is not None}
    own = actors.get(name)
    own_side = fold(own.side) if own is not None and own.side else None
    against: Counter[str] = Counter()
    for ev in events:
        if fold(ev.actor1) == key and ev.actor2:
            against[ev.actor2] += 1
        elif fold(ev.actor2) == key and ev.actor1:
            against[ev.actor1] += 1
    mentioned: Counter[str] = Counter(m.actor.name for m in mentions if m.actor is not None and _armed(m))
    scores = {}
    for cand in set(against) | set(mentioned):
        actor = actors.get(cand)
        if fold(cand) == key or (actor is not None and own_side and fold(actor.side) == own_side):
            continue
        same_country = bool(country and actor is not None and (actor.country or "").upper() == country.upper())
        state = actor is not None and actor.inter == 1
        scores[cand] = (same_country, against[cand], state, mentioned[cand], cand)
    return max(scores, key=lambda c: scores[c]) if scores else None


def _relation_ok(relation: str | None) -> bool:
    if relation is None:
        return True
    text = f" {fold(relation)} "
    return any(f" {fold(r)} " in text for r in rules()["proximity_relations"])


def hostile_proximity(ctx: Any, events: list[Event]) -> list[ControlChange]:
    """Places with an armed actor reported at a distance from them: contested, held by the other side."""
    out = []
    article = ctx.article
    for pm in ctx.places:
        pm: PlaceMention  # type: ignore[no-redef]
        if pm.place is None or pm.distance_km is None or pm.role != "place":
            continue
        if not _relation_ok(pm.relation):
            continue
        first = min(pm.span.start, pm.relation_span.start if pm.relation_span else pm.span.start)
        lo, hi = _sentence_bounds(ctx, pm.span.start)
        near = [m for m in ctx.actors if lo <= m.span.start and m.span.end <= first and _armed(m)]
        if not near:
            continue
        hostile = max(near, key=lambda m: m.span.start).actor.name  # type: ignore[union-attr]
        holder = opponent(hostile, pm.place.country, events, ctx.actors) or str(rules()["unknown_controller"])
        claim = _claim_for(ctx.claims, first, pm.span.end)
        place = pm.place
        out.append(
            ControlChange(
                place=place.name,
                controller=holder,
                date=(claim.date if claim and claim.date else None) or article.published,
                kind="contested",
                geonameid=place.geonameid,
                lat=place.lat,
                lon=place.lon,
                country=place.country,
                previous=None,
                confidence=_confidence(pm.confidence, claim),
                sources=_sources(article.outlet, claim.source if claim else None),
                span=pm.relation_span or pm.span,
                hostile_distance_km=round(float(pm.distance_km), 2),
                article_id=article.id,
            )
        )
    return out


def control_changes(events: list[Event], ctx: Any) -> list[ControlChange]:
    """Every ControlChange one article supports (territory events first, then hostile distances)."""
    article = ctx.article
    changes = from_events(
        list(events), list(getattr(ctx, "claims", []) or []), article.outlet, list(getattr(ctx, "actors", []) or [])
    )
    for ch in changes:
        ch.article_id = ch.article_id or article.id
    taken = {(ch.geonameid, fold(ch.place), ch.date) for ch in changes}
    for ch in hostile_proximity(ctx, events):
        if (ch.geonameid, fold(ch.place), ch.date) not in taken:
            changes.append(ch)
    return changes
