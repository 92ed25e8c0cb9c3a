"""Classify a text into an ACLED event type and sub-type (or decline it) with the trigger lexicon.

Each rule of ``data/events/triggers.json`` fires when its trigger concept is found (and its required
concepts, and none of its excluding ones); the firing rule of highest priority decides. A winning
"decline" rule (disaster, diplomacy, crime, sports, attribution) means the text reports no event.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from warmonitor.errors import UsageError
from warmonitor.extract.lexicon import Lexicon, Match, Rule, Tok, default_lexicon, tokens_of
from warmonitor.model import Span


@dataclass(frozen=True)
class Classification:
    """The event kind a text reports: ``trigger`` offsets are relative to the classified text."""

    event_type: str
    sub_event_type: str
    trigger: Span
    score: float
    rule: str = ""


@dataclass(frozen=True)
class Decision:
    """What the rules decided over a token list: the winning rule and its trigger match (or nothing)."""

    rule: Rule | None
    trigger: Match | None
    matches: tuple[Match, ...]


def _rule_fires(rule: Rule, by_concept: dict[str, list[Match]]) -> Match | None:
    found = _rule_triggers(rule, by_concept, first_only=True)
    return found[0] if found else None


def _rule_triggers(rule: Rule, by_concept: dict[str, list[Match]], first_only: bool = False) -> list[Match]:
    """The trigger matches for which ``rule`` fires, in text order."""
    out: list[Match] = []
    if not rule.unless_window and any(by_concept.get(c) for c in rule.unless):
        return out
    triggers = [m for c in rule.trigger for m in by_concept.get(c, [])]
    for trig in sorted(triggers, key=lambda m: m.first):
        if rule.unless_window and any(
            trig.first - rule.window <= m.first <= trig.last + rule.window for c in rule.unless for m in by_concept.get(c, [])
        ):
            continue
        if rule.before and not any(
            trig.first - rule.window <= m.first < trig.first for c in rule.before for m in by_concept.get(c, [])
        ):
            continue
        if rule.after and not any(
            trig.last < m.first <= trig.last + rule.window for c in rule.after for m in by_concept.get(c, [])
        ):
            continue
        ok = True
        for alternatives in rule.requires:
            cands = [m for c in alternatives for m in by_concept.get(c, []) if (m.first, m.last) != (trig.first, trig.last)]
            if rule.near is not None:
                cands = [m for m in cands if abs(m.first - trig.first) <= rule.near]
            if not cands:
                ok = False
                break
        if ok:
            out.append(trig)
            if first_only:
                break
    return out


def decide(toks: list[Tok], lexicon: Lexicon | None = None) -> Decision:
    """Apply the rules to ``toks``: the highest-priority rule that fires, with its trigger."""
    lex = lexicon or default_lexicon()
    matches = lex.find(toks)
    by_concept: dict[str, list[Match]] = {}
    for m in matches:
        by_concept.setdefault(m.concept, []).append(m)
    for rule in lex.rules:
        trig = _rule_fires(rule, by_concept)
        if trig is not None:
            return Decision(rule, trig, tuple(matches))
    return Decision(None, None, tuple(matches))


def decide_all(toks: list[Tok], lexicon: Lexicon | None = None, pick: Any = None) -> list[tuple[Rule, Match]]:
    """Every rule that fires over ``toks`` with its trigger, highest priority first (declines included).
    ``pick`` (optional) chooses among a rule's trigger matches (default: the first in the text)."""
    lex = lexicon or default_lexicon()
    by_concept: dict[str, list[Match]] = {}
    for m in lex.find(toks):
        by_concept.setdefault(m.concept, []).append(m)
    out = []
    for rule in lex.rules:
        if not any(c in by_concept for c in rule.trigger):
            continue  # no trigger found: the rule cannot fire (the common case)
        found = _rule_triggers(rule, by_concept, first_only=pick is None)
        if found:
            out.append((rule, pick(found) if pick is not None else found[0]))
    return out


def classify_span(span: Any, lexicon: Lexicon | None = None, base: int = 0) -> Classification | None:
    """Classify a spaCy ``Doc``/``Span`` sentence by sentence: the first sentence where a rule fires
    decides (news puts the main event first). Trigger offsets are the doc's offsets minus ``base``."""
    lex = lexicon or default_lexicon()
    text = span.doc.text if hasattr(span, "doc") else span.text
    sents = list(span.sents) if _has_sents(span) else [span]
    for sent in sents:
        decision = decide(tokens_of(sent), lex)
        if decision.rule is None:
            continue
        rule = decision.rule
        if not rule.decline and rule.sub_event_type in lex.refine:
            better = lex.refine[rule.sub_event_type]
            for cand, trig in decide_all(tokens_of(span), lex):
                if not cand.decline and cand.sub_event_type in better:
                    return _to_classification(Decision(cand, trig, ()), text, base)
        return _to_classification(decision, text, base)
    return None


def _has_sents(span: Any) -> bool:
    doc = span.doc if hasattr(span, "doc") else span
    return bool(doc.has_annotation("SENT_START"))


def _to_classification(decision: Decision, text: str, base: int) -> Classification | None:
    rule, trig = decision.rule, decision.trigger
    if rule is None or trig is None or rule.decline:
        return None
    assert rule.event_type and rule.sub_event_type
    return Classification(
        event_type=rule.event_type,
        sub_event_type=rule.sub_event_type,
        trigger=Span(trig.start - base, trig.end - base, text[trig.start : trig.end]),
        score=round(rule.priority / 100.0, 2),
        rule=trig.concept,
    )


def classify(text: str, nlp: Any = None) -> Classification | None:
    """The ACLED event kind ``text`` reports, or ``None`` when it reports no political violence, protest
    or strategic development. ``nlp`` defaults to ``warmonitor.nlp.load_nlp()``."""
    if not isinstance(text, str):
        raise UsageError(f"classify expects a string, got {type(text).__name__}", input="classify")
    if not text.strip():
        return None
    if nlp is None:
        from warmonitor.nlp import load_nlp

        nlp = load_nlp()
    doc = nlp(text)
    return classify_span(doc)
