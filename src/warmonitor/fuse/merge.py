"""A fused event: one event built from every report of it, with all sources and a corroboration score."""
from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from warmonitor.fuse.rules import fold, rules
from warmonitor.model import Claim, Event, FatalityFigure


@dataclass
class ReportInfo:
    """One report behind a fused event: the article's event plus what fusion needs of the article."""

    event: Event
    outlet: str | None = None
    case: str | None = None
    url: str | None = None
    published: str | None = None
    wire_group: str | None = None  # near-duplicate group: syndicated copies share it
    terms: frozenset[str] = frozenset()  # the article's content words (fuse/terms.py)


@dataclass
class FusedEvent(Event):
    """An ``Event`` that stands for every report of one real event.

    ``reports`` lists each report (event id, article, case, outlet, its date and fatality figure) side by
    side; ``cases`` and ``article_ids`` the articles behind it; ``corroboration`` a score in [0, 1] from
    independent outlets, distinct cited sources and agreement across opposing sides (details in
    ``corroboration_detail``).
    """

    reports: list[dict[str, Any]] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    corroboration: float = 0.0
    corroboration_detail: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FusedEvent:  # type: ignore[override]
        base = Event.from_dict(data)
        extra = {k: data[k] for k in ("reports", "cases", "article_ids", "corroboration", "corroboration_detail") if k in data}
        return cls(**{f.name: getattr(base, f.name) for f in dataclasses.fields(Event)}, **extra)


def _outlet_key(info: ReportInfo) -> str:
    return info.wire_group or fold(info.outlet) or info.event.article_id or info.event.event_id


def camp_of(stance: str | None) -> str | None:
    """The camp (e.g. government / opposition) of a source stance: the first keyword it contains wins."""
    text = fold(stance)
    if not text:
        return None
    for word, camp in rules()["stance_camps"]:
        if fold(word) and f" {fold(word)} " in f" {text} ":
            return str(camp)
    return None


def corroboration(infos: list[ReportInfo]) -> tuple[float, dict[str, Any]]:
    """Score from independent outlets (wire copies count once), distinct cited sources, opposing camps."""
    weights = rules()["corroboration"]
    outlets = {_outlet_key(i) for i in infos}
    cited: set[str] = set()
    camps: set[str] = set()
    for info in infos:
        for claim in info.event.claims:
            if claim.source:
                cited.add(fold(claim.source))
            camp = camp_of(claim.source_stance)
            if camp:
                camps.add(camp)
    score = float(weights["per_outlet"]) * len(outlets) + float(weights["per_cited_source"]) * len(cited)
    cross = len(camps) > 1
    if cross:
        score += float(weights["cross_camp"])
    score = round(min(float(weights["cap"]), score), 4)
    return score, {"outlets": len(outlets), "cited_sources": sorted(cited), "camps": sorted(camps), "cross_camp": cross}


def _representative(infos: list[ReportInfo]) -> ReportInfo:
    """The most precise report: finest geo precision, dated, located, most confident, most evidence, then id."""
    return min(
        infos,
        key=lambda i: (
            i.event.geo_precision or 9,
            i.event.event_date is None,
            i.event.latitude is None,
            -(i.event.confidence or 0.0),
            -len(i.event.evidence or {}),
            i.event.event_id,
        ),
    )


def _vote(values: list[Any], fallback: Any) -> Any:
    counts = Counter(v for v in values if v not in (None, ""))
    if not counts:
        return fallback
    top = max(counts.values())
    winners = sorted(str(v) for v, n in counts.items() if n == top)
    if fallback is not None and str(fallback) in winners:
        return fallback
    return next(v for v in counts if str(v) == winners[0])


def build_fused(fused_id: str, infos: list[ReportInfo]) -> FusedEvent:
    """One FusedEvent from its reports (any order: the result does not depend on it)."""
    infos = sorted(infos, key=lambda i: i.event.event_id)
    rep = _representative(infos)
    base = rep.event
    events = [i.event for i in infos]
    sub = _vote([e.sub_event_type for e in events], base.sub_event_type)
    etype = next((e.event_type for e in sorted(events, key=lambda e: e.event_id) if e.sub_event_type == sub), base.event_type)
    date = _vote([e.event_date for e in events], base.event_date)
    positive = [e.fatalities for e in events if e.fatalities and e.fatalities > 0]
    figures: list[FatalityFigure] = []
    claims: list[Claim] = []
    seen_claims: set[tuple[str | None, str]] = set()
    reports: list[dict[str, Any]] = []
    for info in infos:
        ev = info.event
        for fig in ev.fatality_figures:
            figures.append(dataclasses.replace(fig, source=fig.source or info.outlet))
        for claim in ev.claims:
            key = (ev.article_id, claim.id)
            if key not in seen_claims:
                seen_claims.add(key)
                claims.append(dataclasses.replace(claim, outlet=claim.outlet or info.outlet))
        reports.append(
            {
                "event_id": ev.event_id,
                "article_id": ev.article_id,
                "case": info.case or ev.case,
                "outlet": info.outlet,
                "url": info.url,
                "published": info.published,
                "wire_group": info.wire_group,
                "event_date": ev.event_date,
                "sub_event_type": ev.sub_event_type,
                "location": ev.location,
                "actor1": ev.actor1,
                "actor2": ev.actor2,
                "fatalities": ev.fatalities,
                "source": ev.source,
                "evidence": {k: [sp.to_dict() for sp in v] for k, v in (ev.evidence or {}).items()},
            }
        )
    score, detail = corroboration(infos)
    sources = sorted({s.strip() for e in events for s in (e.source or "").split(";") if s.strip()})
    outlets = sorted({i.outlet for i in infos if i.outlet})
    cases = sorted({c for c in (i.case or i.event.case for i in infos) if c})
    fields = {f.name: getattr(base, f.name) for f in dataclasses.fields(Event)}
    fields.update(
        event_type=etype,
        sub_event_type=sub,
        event_date=date,
        fatalities=min(positive) if positive else 0,
        fatality_figures=figures,
        claims=claims,
        source="; ".join(sources or outlets) or None,
        background=all(e.background for e in events),
        confidence=round(min(1.0, max(e.confidence for e in events) + 0.1 * (int(detail["outlets"]) - 1)), 4),
        case=cases[0] if cases else base.case,
        event_id=fused_id,
    )
    return FusedEvent(
        **fields,
        reports=reports,
        cases=cases,
        article_ids=sorted({e.article_id for e in events if e.article_id}),
        corroboration=score,
        corroboration_detail=detail,
    )
