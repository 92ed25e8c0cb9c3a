"""Territorial control: ControlChange records from an article's events and claims, and timelines.

``control_changes(events, ctx)`` is the pipeline stage; ``timeline.status_at`` answers who held a place
at a date from stored records (``Store.control_at`` / ``control_snapshot`` / ``control_changes``).
Rules live in ``data/control/control.json``.
"""
from warmonitor.control.changes import control_changes, from_events, hostile_proximity
from warmonitor.control.timeline import ControlRecord, runs, status_at

__all__ = ["ControlRecord", "control_changes", "from_events", "hostile_proximity", "runs", "status_at"]
