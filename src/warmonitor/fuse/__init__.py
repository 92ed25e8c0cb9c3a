"""Fusion: near-duplicate articles (MinHash LSH), cross-article events, corroboration.

Rules live in ``data/fuse/fusion.json``. The store (``warmonitor.store``) calls these as articles arrive;
everything here is pure and works on plain records, so it can be tested and reused without a store.
"""
from warmonitor.fuse.cluster import Report, cluster, compatible, fused_id
from warmonitor.fuse.merge import FusedEvent, ReportInfo, build_fused, corroboration
from warmonitor.fuse.near_dup import is_duplicate, signature
from warmonitor.fuse.rules import family_of, rules

__all__ = [
    "FusedEvent",
    "Report",
    "ReportInfo",
    "build_fused",
    "cluster",
    "compatible",
    "corroboration",
    "family_of",
    "fuse_events",
    "fused_id",
    "is_duplicate",
    "rules",
    "signature",
]


def fuse_events(infos: list[ReportInfo]) -> list[FusedEvent]:
    """Fuse a batch of reports in memory (no store): the same result as ingesting them into a store."""
    by_id = {i.event.event_id: i for i in infos}
    reports = [Report.of(i.event, i.published, i.terms) for i in infos]
    out = []
    for members in cluster(reports):
        out.append(build_fused(fused_id(members), [by_id[m.event_id] for m in members]))
    return sorted(out, key=lambda f: (f.event_date or "", f.event_id))
