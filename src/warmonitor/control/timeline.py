"""Control timelines: from a place's control records, who held it at any date, since when, how surely.

A record is a ``ControlChange`` plus ``known_by`` (the publication date of the article it comes from).
Its effective date is its own date, else ``known_by`` (an undated report "X holds Y" is true as of its
publication). At a date, the latest effective date before it decides; records on that date vote by
kind (a takeover outranks a mention of who holds the place) and confidence, one vote per article.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from warmonitor.control.rules import rules
from warmonitor.fuse.rules import fold
from warmonitor.model import ControlChange


@dataclass
class ControlRecord:
    change: ControlChange
    known_by: str | None = None

    @property
    def effective(self) -> str:
        return self.change.date or self.known_by or ""


def _winner(records: list[ControlRecord]) -> tuple[str, float]:
    """The controller that records of one date support most, and its share of the support."""
    rank = rules()["same_day_rank"]
    best_rank = max(int(rank.get(r.change.kind, 0)) for r in records)
    top = [r for r in records if int(rank.get(r.change.kind, 0)) == best_rank]
    support: dict[str, dict[str, float]] = defaultdict(dict)
    for r in top:
        key = r.change.article_id or r.change.event_id or str(id(r))
        cur = support[r.change.controller].get(key, 0.0)
        support[r.change.controller][key] = max(cur, r.change.confidence)
    totals = {c: sum(v.values()) for c, v in support.items()}
    winner = sorted(totals, key=lambda c: (-totals[c], fold(c)))[0]
    whole = sum(totals.values()) or 1.0
    return winner, totals[winner] / whole


def _with_prior_holder(records: list[ControlRecord]) -> list[ControlRecord]:
    """Add who held the place before its first recorded takeover (the loser of it), at an unknown date."""
    gains = [r for r in records if r.change.kind == "gained" and r.change.previous and r.change.date]
    if not gains:
        return records
    first = min(gains, key=lambda r: (r.effective, r.change.article_id or ""))
    if any(r.effective < first.effective for r in records):
        return records
    ch = first.change
    prior = ControlChange(
        place=ch.place,
        controller=ch.previous or "",
        date=None,
        kind="held",
        geonameid=ch.geonameid,
        lat=ch.lat,
        lon=ch.lon,
        country=ch.country,
        confidence=round(ch.confidence * 0.5, 3),
        sources=list(ch.sources),
        article_id=ch.article_id,
        event_id=ch.event_id,
    )
    return [ControlRecord(prior, known_by=None), *records]


def runs(records: list[ControlRecord]) -> list[dict[str, Any]]:
    """The place's history: consecutive periods under one controller, oldest first."""
    by_date: dict[str, list[ControlRecord]] = defaultdict(list)
    for r in _with_prior_holder(records):
        by_date[r.effective].append(r)
    out: list[dict[str, Any]] = []
    for date in sorted(by_date):
        controller, share = _winner(by_date[date])
        day = by_date[date]
        backing = [r for r in day if r.change.controller == controller]
        gained = any(r.change.kind == "gained" and r.change.date for r in backing)
        if out and fold(out[-1]["controller"]) == fold(controller):
            run = out[-1]
            run["as_of"] = date or run["as_of"]
        else:
            run = {
                "controller": controller,
                "since": date if gained else None,
                "first_seen": date or None,
                "as_of": date or None,
                "previous": out[-1]["controller"] if out else _previous(backing),
                "records": [],
                "share": share,
            }
            out.append(run)
        run["share"] = share
        run["records"].extend(backing)
    return out


def _previous(records: list[ControlRecord]) -> str | None:
    for r in records:
        if r.change.previous:
            return r.change.previous
    return None


def status_at(records: list[ControlRecord], date: str | None = None) -> dict[str, Any] | None:
    """Who holds the place at ``date`` (default: the latest record), or None when nothing is known then."""
    usable = [r for r in _with_prior_holder(records) if date is None or r.effective <= date]
    if not usable:
        return None
    history = runs(usable)
    run = history[-1]
    recs: list[ControlRecord] = run["records"]
    latest = [r for r in recs if r.effective == max(x.effective for x in recs)]
    base = max(r.change.confidence for r in latest)
    sources = sorted({s for r in recs for s in r.change.sources if s})
    articles = sorted({r.change.article_id for r in recs if r.change.article_id})
    confidence = min(1.0, base * run["share"] + 0.05 * max(0, len(articles) - 1))
    distances = [r.change.hostile_distance_km for r in latest if r.change.hostile_distance_km is not None]
    kinds = {r.change.kind for r in latest}
    first = recs[0].change
    return {
        "place": first.place,
        "geonameid": first.geonameid,
        "country": first.country,
        "lat": first.lat,
        "lon": first.lon,
        "at": date,
        "controller": run["controller"],
        "since": run["since"],
        "first_seen": run["first_seen"],
        "as_of": run["as_of"],
        "previous": run["previous"],
        "kind": "contested" if "contested" in kinds else ("gained" if "gained" in kinds else sorted(kinds)[0]),
        "confidence": round(confidence, 3),
        "sources": sources,
        "articles": articles,
        "hostile_distance_km": round(min(distances), 2) if distances else None,
        "history": [
            {"controller": h["controller"], "since": h["since"], "first_seen": h["first_seen"], "as_of": h["as_of"]}
            for h in history
        ],
    }
