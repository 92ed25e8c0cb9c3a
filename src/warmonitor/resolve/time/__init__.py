"""resolve/time: publication dates, TIMEX3 tagging, and the date of each event.

Public names (docs/ARCHITECTURE.md): ``infer_published``, ``tag``, ``date_event``, ``EventDate``.
Word lists and patterns live in ``warmonitor/data/time`` (``lexicon.json``, ``rules.json``).
"""
from warmonitor.resolve.time.events import EventDate, date_event
from warmonitor.resolve.time.published import infer_published
from warmonitor.resolve.time.tagger import tag

__all__ = ["EventDate", "date_event", "infer_published", "tag"]
