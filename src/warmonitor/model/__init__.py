"""Typed records of warmonitor: plain dataclasses, JSON-serialisable, no I/O.

Every record round-trips through ``to_dict()`` / ``from_dict()``; every extracted value keeps the
``Span`` (character offsets into ``Article.body``) of the text that supports it.
"""
from warmonitor.model.records import (
    Actor,
    ActorMention,
    Article,
    Caption,
    Claim,
    ControlChange,
    Event,
    FatalityFigure,
    Place,
    PlaceMention,
    Rejection,
    Source,
    Span,
    Timex,
)

__all__ = [
    "Actor",
    "ActorMention",
    "Article",
    "Caption",
    "Claim",
    "ControlChange",
    "Event",
    "FatalityFigure",
    "Place",
    "PlaceMention",
    "Rejection",
    "Source",
    "Span",
    "Timex",
]
