"""The records that flow through the pipeline.

Offsets: every ``Span`` is a pair of character offsets into ``Article.body`` (the cleaned body text that
the NLP stage reads), end exclusive, with the text it covers. Dates are ISO strings (``YYYY-MM-DD``).
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


def _to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: ``to_dict`` gives plain JSON types; ``from_dict`` rebuilds nested records."""

    def to_dict(self) -> dict[str, Any]:
        return _to_plain(self)

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        kwargs: dict[str, Any] = {}
        hints = _NESTED.get(cls.__name__, {})
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        for key, value in data.items():
            if key not in names:
                continue
            kind = hints.get(key)
            if kind is not None and value is not None:
                sub, many = kind
                if many == "list":
                    value = [sub.from_dict(v) if isinstance(v, dict) else v for v in value]
                elif many == "dictlist":
                    value = {k: [sub.from_dict(x) for x in v] for k, v in value.items()}
                elif isinstance(value, dict):
                    value = sub.from_dict(value)
            kwargs[key] = value
        return cls(**kwargs)


@dataclass(frozen=True)
class Span(Record):
    """Characters ``[start, end)`` of ``Article.body`` and the text they hold."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass
class Caption(Record):
    text: str
    credit: str | None = None
    date: str | None = None


@dataclass
class Article(Record):
    """One news article after ingest and cleaning.

    ``published_how`` says how the publication date was known: ``metadata``, ``page``, ``url`` or
    ``inferred`` (``None`` when unknown); ``published_is_inferred`` is true for ``inferred``.
    """

    body: str
    headline: str | None = None
    standfirst: str | None = None
    byline: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_how: str | None = None
    published_confidence: float = 0.0
    captions: list[Caption] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    language: str | None = None
    furniture: list[str] = field(default_factory=list)  # page lines removed from the body (datelines...)
    case: str | None = None
    path: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.headline or "", self.body)

    @property
    def published_is_inferred(self) -> bool:
        return self.published_how == "inferred"


def content_id(headline: str, body: str) -> str:
    """A stable id from the article's content: the same text always gets the same id."""
    norm = " ".join((headline + "\n" + body).split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


@dataclass
class Rejection(Record):
    """An input that could not be processed: which one, why (a stable error code) and a message."""

    input: str
    code: str
    reason: str


@dataclass
class Place(Record):
    """A gazetteer entry. ``feature`` is ``city``, ``admin1``, ``admin2``, ``country``, ``site``,
    ``continent``, ``region`` or ``water``."""

    name: str
    lat: float | None
    lon: float | None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    feature: str = "city"
    geonameid: int | None = None
    population: int = 0
    iso3166_2: str | None = None


@dataclass
class PlaceMention(Record):
    """A toponym in the text resolved (or not) to a Place.

    ``precision`` is ACLED's geo_precision (1 the place itself, 2 near it / part of a region, 3 a
    region); ``radius_km`` the uncertainty; ``relation`` a spatial phrase such as ``north of`` or
    ``near`` with ``distance_km`` when the text gives one; ``lat``/``lon`` the point after applying it.
    """

    span: Span
    place: Place | None
    confidence: float = 0.0
    runner_up: Place | None = None
    precision: int = 1
    radius_km: float = 2.0
    relation: str | None = None
    distance_km: float | None = None
    relation_span: Span | None = None
    lat: float | None = None
    lon: float | None = None
    role: str = "place"  # place | demonym | actor (metonymy) | name (inside an organisation's name)


@dataclass
class Timex(Record):
    """A TIMEX3-style time expression: ``type`` DATE|TIME|DURATION|SET, ``value`` such as 2013-03-22."""

    span: Span
    type: str
    value: str
    precision: str = "day"  # day | week | month | year | decade | time | none
    background: bool = False


@dataclass
class Actor(Record):
    """An actor registry entry (ACLED-style canonical name, inter code 1-8)."""

    name: str
    inter: int | None = None
    actor_type: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    backers: list[str] = field(default_factory=list)
    active_from: str | None = None
    active_to: str | None = None
    side: str | None = None
    new: bool = False  # not in the registry: flagged for review


@dataclass
class ActorMention(Record):
    span: Span
    actor: Actor | None
    generic: bool = False  # resolved from a generic word ("rebels") through context
    confidence: float = 0.0


@dataclass
class Source(Record):
    """A source registry entry: outlet, agency, monitor, party, NGO; ``stance`` with its ``basis``."""

    name: str
    kind: str | None = None
    stance: str | None = None
    basis: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class Claim(Record):
    """Who says what. ``modality``: reported, claimed, denied, threatened, intended, unverified.

    ``kind``: report, statement, position, threat, verification. ``parent`` is the id of the claim
    this one is nested in ("SANA quoted an official as saying ...").
    """

    id: str
    span: Span
    modality: str = "reported"
    kind: str = "report"
    source: str | None = None
    source_kind: str | None = None
    source_stance: str | None = None
    source_span: Span | None = None
    speaker: str | None = None
    outlet: str | None = None
    parent: str | None = None
    date: str | None = None


@dataclass
class FatalityFigure(Record):
    """A count given in the text: ``kind`` killed|injured|displaced; ``value`` after ACLED's rules."""

    value: int
    text: str
    span: Span | None = None
    kind: str = "killed"
    source: str | None = None
    vague: bool = False
    cumulative: bool = False


@dataclass
class Event(Record):
    """An ACLED-style event with the evidence for each field.

    ``evidence`` maps a field name (``event_type``, ``location``, ``event_date``, ``actor1``...) to
    the spans that support it; ``claims`` are the attributed statements the event rests on.
    """

    event_type: str
    sub_event_type: str
    event_date: str | None = None
    time_precision: int = 1
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    country: str | None = None
    iso: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 1
    radius_km: float | None = None
    geonameid: int | None = None
    source: str | None = None
    notes: str | None = None
    fatalities: int = 0
    fatality_figures: list[FatalityFigure] = field(default_factory=list)
    background: bool = False
    confidence: float = 0.5
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    cameo: str | None = None
    plover: str | None = None
    article_id: str | None = None
    case: str | None = None
    event_id: str = ""

    def __post_init__(self) -> None:
        if not self.event_id:
            self.event_id = event_id(self)


def event_id(ev: Event) -> str:
    """Stable id from what makes an event itself: article, type, place and day."""
    key = "|".join(
        str(x)
        for x in (ev.article_id, ev.event_type, ev.sub_event_type, ev.location, ev.geonameid, ev.event_date)
    )
    return "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class ControlChange(Record):
    """Who holds a place from a date: ``kind`` gained | lost | held | contested."""

    place: str
    controller: str
    date: str | None
    kind: str = "gained"
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    previous: str | None = None
    confidence: float = 0.5
    sources: list[str] = field(default_factory=list)
    span: Span | None = None
    hostile_distance_km: float | None = None
    article_id: str | None = None
    event_id: str | None = None


_NESTED: dict[str, dict[str, tuple[Any, str]]] = {
    "Article": {"captions": (Caption, "list")},
    "PlaceMention": {
        "span": (Span, "one"),
        "place": (Place, "one"),
        "runner_up": (Place, "one"),
        "relation_span": (Span, "one"),
    },
    "Timex": {"span": (Span, "one")},
    "ActorMention": {"span": (Span, "one"), "actor": (Actor, "one")},
    "Claim": {"span": (Span, "one"), "source_span": (Span, "one")},
    "FatalityFigure": {"span": (Span, "one")},
    "Event": {"evidence": (Span, "dictlist"), "fatality_figures": (FatalityFigure, "list"), "claims": (Claim, "list")},
    "ControlChange": {"span": (Span, "one")},
}
