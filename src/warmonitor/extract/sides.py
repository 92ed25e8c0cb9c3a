"""ACLED's actor-coding conventions applied to extracted events: ``complete_sides``.

The parse gives each event the mentions it can attach (``args.actors_for``); ACLED codes more than the
sentence says outright. After merging, each event gets:

- associated actors: the mentions coordinated with actor1 or actor2 in one phrase ("the Syrian and
  Russian air forces" gives actor1 Syria's military, assoc_actor_1 Russia's);
- the rules of ``data/events/actor_defaults.json``, by event type: a protest's actor1 is protesters
  (a state force named as the protest's subject becomes actor2), a riot's rioters, civilians are
  never the acting side of violence, the victims of violence against civilians (and of explosions
  that killed or wounded) are civilians when no target is named, a non-state takeover of territory is
  from the state's forces. Defaults are generic phrases resolved through the actor registry in the
  event's country and on its date (``ActorResolver.resolve``), so the names come from data.

Inter codes and the interaction code are recomputed afterwards.
"""
from __future__ import annotations

import functools
from typing import Any

from spacy.attrs import DEP

from warmonitor.context import Context
from warmonitor.extract.args import _token_for, actor_conventions, coordinated, speaker_of
from warmonitor.model import ActorMention, Event
from warmonitor.nlp.doc import tokens_where


@functools.lru_cache(maxsize=1)
def _default_resolver() -> Any:
    from warmonitor.resolve.actors import ActorRegistry, ActorResolver

    return ActorResolver(ActorRegistry.load())


def complete_sides(ctx: Context, events: list[Event], resolver: Any = None) -> list[Event]:
    """``events`` with associated actors and ACLED's default sides filled in (in place; returned)."""
    conv = actor_conventions()
    resolver = resolver or _default_resolver()
    _speakers(ctx, events, conv)
    _claimed(ctx, events, conv.get("responsibility") or {})
    _propagate(events, set(conv.get("propagate_sub_event_types", [])))
    for ev in events:
        _associates(ctx, ev)
        for rule in conv.get("rules", []):
            if ev.event_type in rule.get("event_types", []) or ev.sub_event_type in rule.get("sub_event_types", []):
                _apply(ctx, ev, rule, conv, resolver)
        _recode(ev)
    return events


def responsible_groups(ctx: Context, table: dict[str, Any]) -> list[ActorMention]:
    """Mentions of armed groups that claim an attack ("Al-X claimed responsibility for ..."): the
    subject of a claiming verb whose object is a responsibility noun, not negated."""
    doc = ctx.doc
    if doc is None:
        return []
    nouns, verbs = set(table.get("nouns", [])), set(table.get("verbs", []))
    inters = set(table.get("inter", []))
    out: list[ActorMention] = []
    for tok in tokens_where(doc, DEP, "dobj"):
        if tok.lemma_.lower() not in nouns or tok.head.lemma_.lower() not in verbs:
            continue
        verb = tok.head
        if any(c.dep_ == "neg" for c in verb.children) or any(c.lower_ in ("no", "not") for c in tok.children):
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        for subj in subjects:
            lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
            for m in ctx.actors:
                if lo <= m.span.start < hi and m.actor is not None and m.actor.inter in inters and not m.generic:
                    out.append(m)
                    break
    return out


def _claimed(ctx: Context, events: list[Event], table: dict[str, Any]) -> None:
    groups = {m.actor.name: m for m in responsible_groups(ctx, table) if m.actor is not None}
    if len(groups) != 1:
        return
    (name, m), = groups.items()
    prefixes = tuple(table.get("replaceable_prefixes", []))
    kinds = [e for e in events if e.event_type in table.get("event_types", [])]
    if not kinds:
        return
    lede = min(kinds, key=_first_evidence)  # the claim is for the article's main attack, not earlier ones
    for ev in kinds:
        if ev.actor2 == name or ev.event_date != lede.event_date:
            continue
        if ev.actor1 is None or (prefixes and ev.actor1.startswith(prefixes)):
            from warmonitor.resolve.actors import inter_for

            ev.actor1, ev.inter1 = name, inter_for(m.actor, ev.iso)
            ev.evidence["actor1"] = [m.span]


def _speakers(ctx: Context, events: list[Event], conv: dict[str, Any]) -> None:
    """A state force announcing a strike it made is its actor1 ("the army said ... in an air strike")."""
    doc = ctx.doc
    subs = set(conv.get("speaker_acts_sub_event_types", []))
    inters = set(conv.get("speaker_acts_inter", []))
    if doc is None or not subs or not inters:
        return
    from warmonitor.resolve.actors import inter_for

    for ev in events:
        if ev.actor1 is not None or ev.sub_event_type not in subs:
            continue
        for span in ev.evidence.get("event_type", []):
            tok = _token_for(doc, span)
            if tok is None:
                continue
            sent = tok.sent
            mentions = [m for m in ctx.actors if sent.start_char <= m.span.start < sent.end_char]
            m = speaker_of(doc, mentions, tok, inters, ev.actor2)
            if m is not None and m.actor is not None:
                ev.actor1, ev.inter1 = m.actor.name, inter_for(m.actor, ev.iso)
                ev.evidence["actor1"] = [m.span]
                break


def _first_evidence(ev: Event) -> int:
    starts = [sp.start for spans in ev.evidence.values() for sp in spans]
    return min(starts) if starts else 10**9


def _propagate(events: list[Event], subs: set[str]) -> None:
    """Give an article's sole actor of a sub-event type to its events of that type that have none."""
    for sub in subs:
        same = [e for e in events if e.sub_event_type == sub]
        actors = {(e.actor1, e.inter1) for e in same if e.actor1 is not None}
        if len(actors) != 1:
            continue
        (name, inter), = actors
        for e in same:
            if e.actor1 is None and e.actor2 != name:
                e.actor1, e.inter1 = name, inter


def _mention_at(ctx: Context, ev: Event, side: str) -> ActorMention | None:
    spans = ev.evidence.get(side) or []
    for span in spans:
        for m in ctx.actors:
            if m.span.start == span.start and m.span.end == span.end:
                return m
    return None


def _associates(ctx: Context, ev: Event) -> None:
    """assoc_actor_1/2 from the mentions coordinated with each side's evidence mention."""
    doc = ctx.doc
    if doc is None:
        return
    for side, assoc in (("actor1", "assoc_actor_1"), ("actor2", "assoc_actor_2")):
        main = getattr(ev, side)
        m = _mention_at(ctx, ev, side)
        if main is None or m is None or getattr(ev, assoc):
            continue
        names = [o.actor.name for o in coordinated(ctx, doc, m) if o.actor is not None]
        others = [n for n in dict.fromkeys(names) if n != main and n != ev.actor2 and n != ev.actor1]
        if others:
            setattr(ev, assoc, "; ".join(others))


def _apply(ctx: Context, ev: Event, rule: dict[str, Any], conv: dict[str, Any], resolver: Any) -> None:
    state = set(conv.get("state_inter", [1, 8]))
    inter1 = _inter_of(ev, "actor1")
    allowed = rule.get("actor1_inter")
    if ev.actor1 is not None and allowed and inter1 is not None and inter1 not in allowed:
        if inter1 in state and ev.inter2 in allowed:  # "police fired at protesters": the protest is theirs
            _swap(ev)
        elif inter1 in state and ev.actor2 is None:
            _move(ev, "actor1", "actor2")
        else:
            ev.assoc_actor_1 = "; ".join(x for x in (ev.actor1, ev.assoc_actor_1) if x)
            ev.actor1, ev.inter1 = None, None
            ev.evidence.pop("actor1", None)
    if ev.actor1 is not None and inter1 is not None and inter1 in set(rule.get("actor1_not_inter", [])):
        if ev.actor2 is None:
            _move(ev, "actor1", "actor2")
        else:
            ev.actor1, ev.inter1 = None, None
            ev.evidence.pop("actor1", None)
    for side in ("actor1", "actor2"):
        phrase = rule.get(side)
        if not phrase or getattr(ev, side) is not None or not _holds(ev, rule.get(side + "_when", "always"), state):
            continue
        actor = _resolve(ctx, ev, phrase, resolver)
        other = ev.actor2 if side == "actor1" else ev.actor1
        if actor is not None and actor.name != other:
            from warmonitor.resolve.actors import inter_for

            setattr(ev, side, actor.name)
            setattr(ev, "inter1" if side == "actor1" else "inter2", inter_for(actor, ev.iso))


def _holds(ev: Event, when: str, state: set[int]) -> bool:
    if when in ("casualties", "deaths"):
        kinds = ("killed", "injured") if when == "casualties" else ("killed",)
        return ev.fatalities > 0 or any(f.kind in kinds and (f.value or 0) > 0 for f in ev.fatality_figures)
    if when == "actor1_nonstate":
        inter1 = _inter_of(ev, "actor1")
        return ev.actor1 is not None and inter1 is not None and inter1 not in state
    return True


def _resolve(ctx: Context, ev: Event, phrase: str, resolver: Any) -> Any:
    countries = [ev.iso] if ev.iso else list(ctx.countries[:1])
    date = (ev.event_date or ctx.article.published or None)
    try:
        return resolver.resolve(phrase, countries, str(date)[:10] if date else None)
    except Exception:  # pragma: no cover - a default is a nicety; the event stands without it
        return None


def _move(ev: Event, src: str, dst: str) -> None:
    """Move one side (name, inter code, evidence) to the other, empty, side."""
    isrc, idst = ("inter1", "inter2") if src == "actor1" else ("inter2", "inter1")
    setattr(ev, dst, getattr(ev, src))
    setattr(ev, idst, getattr(ev, isrc))
    setattr(ev, src, None)
    setattr(ev, isrc, None)
    if src in ev.evidence:
        ev.evidence[dst] = ev.evidence.pop(src)


def _swap(ev: Event) -> None:
    """Exchange the two sides (names, inter codes, associated actors, evidence)."""
    ev.actor1, ev.actor2 = ev.actor2, ev.actor1
    ev.inter1, ev.inter2 = ev.inter2, ev.inter1
    ev.assoc_actor_1, ev.assoc_actor_2 = ev.assoc_actor_2, ev.assoc_actor_1
    one, two = ev.evidence.pop("actor1", None), ev.evidence.pop("actor2", None)
    if two is not None:
        ev.evidence["actor1"] = two
    if one is not None:
        ev.evidence["actor2"] = one


def _inter_of(ev: Event, side: str) -> int | None:
    return ev.inter1 if side == "actor1" else ev.inter2


def _recode(ev: Event) -> None:
    from warmonitor.resolve.actors import interaction

    if ev.actor1 is None:
        ev.inter1 = None
    if ev.actor2 is None:
        ev.inter2 = None
    ev.interaction = interaction(ev.inter1, ev.inter2)
