"""What the pipeline knows about one article once it is annotated and resolved.

``Context`` is handed from stage to stage (resolve fills it, extract reads it). It holds the spaCy
``Doc`` of ``article.body``, so it is not a model record and is never stored.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from warmonitor.model import (
    ActorMention,
    Article,
    Claim,
    ControlChange,
    Event,
    PlaceMention,
    Rejection,
    Timex,
)


@dataclass
class Context:
    article: Article
    doc: Any = None  # spacy.tokens.Doc over article.body
    timexes: list[Timex] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO2 country focus, most likely first


@dataclass
class Result:
    """What processing one article gives: the article, its events, claims and control changes."""

    article: Article
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    control: list[ControlChange] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # e.g. an unsupported language: not coded

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "events": [e.to_dict() for e in self.events],
            "claims": [c.to_dict() for c in self.claims],
            "control": [c.to_dict() for c in self.control],
            "flags": list(self.flags),
        }


__all__ = ["Context", "Result", "Rejection"]
