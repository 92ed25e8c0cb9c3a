"""resolve/time: publication dates, TIMEX3 tagging, and the date of each event.

Public names (docs/ARCHITECTURE.md): ``infer_published``, ``tag``, ``date_event``, ``EventDate``.
"""
from warmonitor.resolve.time.tagger import tag

__all__ = ["tag"]
