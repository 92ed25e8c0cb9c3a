"""The date of an event from its trigger: by syntax first, then the sentence, then the discourse.

``date_event`` looks for a DATE/TIME expression that the trigger's clause governs ("entered ... early
on Friday", "a statement late on Thursday"), follows "one day after X" chains (X is dated one day before
the clause it hangs on), then takes the nearest date in the sentence (``how`` "statement" when the only one
hangs on a verb of saying: "were killed, the army said Sunday"), then (for past-tense events) the last
day-precise date of the two sentences before or the story's date (the first recent day-precise date of
the lede), and finally the publication date (present-tense reporting). A recent day after "since" that
the event's clause governs ("killed since Wednesday") opens a period; it does not date the event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from warmonitor.errors import UsageError
from warmonitor.model import Span, Timex
from warmonitor.resolve.time import calendar as cal
from warmonitor.resolve.time.lexicon import lexicon
from warmonitor.resolve.time.tagger import is_background

_PRECISION = {"day": 1, "time": 1, "week": 2, "month": 3, "year": 3, "decade": 3}
_CHAIN = re.compile(r"^\s*(after|before)\b", re.IGNORECASE)
_DUR = re.compile(r"^P(T?)(\d+(?:\.\d+)?)([DWMY])$")


@dataclass
class EventDate:
    """When an event happened: ISO ``date``, ACLED ``precision`` (1 day, 2 week, 3 month or coarser),
    ``background`` (history well before the publication date), the ``span`` that dates it and ``how``
    the date was found."""

    date: str | None
    precision: int
    background: bool
    span: Span | None
    how: str = "syntax"  # syntax | chain | sentence | statement | discourse | story | published | none


def _day_range(t: Timex, ref: date | None) -> tuple[date, date] | None:
    if t.type not in ("DATE", "TIME"):
        return None
    if t.value == "PRESENT_REF":
        return (ref, ref) if ref else None
    return cal.value_range(t.value)


def _result(t: Timex, ref: date | None, how: str = "syntax") -> EventDate | None:
    rng = _day_range(t, ref)
    if rng is None:
        return None
    precision = 1 if t.value == "PRESENT_REF" else _PRECISION.get(t.precision, 3)
    value = rng[0].isoformat()
    background = t.background or is_background(value if precision == 1 else t.value, "DATE", ref)
    return EventDate(value, precision, background, t.span, how)


def _token_span(doc: Any, start: int, end: int) -> Any:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _clause(trig: Any) -> list[Any]:
    """The trigger and the words its clause is headed by: a noun climbs through prepositions to its verb."""
    chain = [trig]
    tok = trig
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
        chain.append(tok)
    return chain


def _attachment(doc: Any, t: Timex, clause: list[Any]) -> int | None:
    """0 when the expression hangs on the trigger, k when on the k-th word of its clause, None otherwise."""
    span = _token_span(doc, t.span.start, t.span.end)
    if span is None:
        return None
    inside = {tok.i for tok in span}
    ids = [c.i for c in clause]
    tok = span.root
    for _ in range(12):
        if tok.i in ids:
            return ids.index(tok.i)
        if tok.i not in inside and tok.pos_ in ("VERB", "AUX"):
            return None
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _chain(doc: Any, trig: Any, timexes: list[Timex]) -> tuple[Any, int] | None:
    """"X came one day after Y captured Z": for the trigger "captured", the verb "came" and -1 day."""
    text = doc.text
    for t in timexes:
        if t.span.end > trig.idx:
            break
        relation = _relation(text, t)
        if relation is None:
            continue
        days, cue_start, cue_end = relation
        cue_tok = _token_span(doc, cue_start, cue_end)
        if cue_tok is None:
            continue
        a = cue_tok.root
        if a.dep_ == "mark":
            hangs, main = a.head.i == trig.i, trig.head
        else:
            hangs, main = a.i != trig.i and any(tok.i == trig.i for tok in a.subtree), a.head
        if not hangs:
            continue
        for _ in range(4):
            if main.pos_ in ("VERB", "AUX") or main.head is main:
                break
            main = main.head
        if main.i == trig.i:
            continue
        return main, days
    return None


def _relation(text: str, t: Timex) -> tuple[int, int, int] | None:
    """For "one day after" / "two weeks before" / "the day after" followed by a clause: the shift in days
    from the main clause's date to the subordinate event's, and where the after/before word is."""
    if t.type == "DURATION":
        m = _DUR.match(t.value)
        cue = _CHAIN.match(text[t.span.end:t.span.end + 12])
        if not m or not cue or m.group(1):
            return None
        n = float(m.group(2)) * {"D": 1, "W": 7, "M": 30, "Y": 365}[m.group(3)]
        word, start = cue.group(1).lower(), t.span.end + cue.start(1)
    else:
        words = t.span.text.lower().split()
        offset = lexicon()["anaphoric_days"].get(" ".join(words))
        nxt = text[t.span.end:t.span.end + 3]
        if offset is None or words[-1] not in ("after", "before") or not nxt[:2].strip() or not nxt[1:2].isalnum():
            return None
        n, word = abs(float(offset)), words[-1]
        start = t.span.end - len(words[-1])
    sign = -1 if word == "after" else 1
    return int(sign * n), start, start + len(word)


def date_event(
    doc: Any, start: int, end: int, timexes: list[Timex], published: str | None, _depth: int = 0
) -> EventDate:
    """The date of the event whose trigger is at ``[start, end)`` of ``doc`` (see the module docstring)."""
    if doc is None:
        raise UsageError("date_event() needs the spaCy doc of the article body")
    if not 0 <= start < end <= len(doc.text):
        raise UsageError(f"trigger offsets [{start}, {end}) outside the text of {len(doc.text)} characters")
    ref = cal.parse_ref(published)
    span = _token_span(doc, start, end)
    # "the day after <clause>" relates two events; it dates neither by itself
    dated = [t for t in timexes if _day_range(t, ref) is not None and _relation(doc.text, t) is None]
    if span is not None:
        trig = span.root
        clause = _clause(trig)
        # "killed since Wednesday": the day opens the period the event runs over; not its day
        dated = [t for t in dated if not (_period_start(doc.text, t) and _attachment(doc, t, clause) is not None)]
        attached = [(r, abs(t.span.start - start), t) for t in dated if (r := _attachment(doc, t, clause)) is not None]
        for _, _, t in sorted(attached, key=lambda x: (x[0], x[1])):
            found = _result(t, ref)
            if found:
                return found
        chain = _chain(doc, trig, timexes) if _depth < 3 else None
        if chain is not None:
            main, days = chain
            base = date_event(doc, main.idx, main.idx + len(main.text), timexes, published, _depth + 1)
            if base.date and base.precision == 1:
                d = date.fromisoformat(base.date) + timedelta(days=days)
                return EventDate(d.isoformat(), 1, is_background(d.isoformat(), "DATE", ref), base.span, "chain")
        sent = trig.sent
        in_sent = [t for t in dated if sent.start_char <= t.span.start < sent.end_char and not _after(t, ref)]
        if in_sent:
            best = min(in_sent, key=lambda t: (_reporting(doc, t), abs(t.span.start - start)))
            found = _result(best, ref, "statement" if _reporting(doc, best) else "sentence")
            if found:
                return found
        window = int(lexicon()["settings"].get("discourse_sentences", 2))
        sents = list(doc.sents)
        idx = next((i for i, s in enumerate(sents) if s.start == sent.start), 0)
        lo = sents[max(0, idx - window)].start_char
        before = [t for t in dated if lo <= t.span.start < sent.start_char and t.precision in ("day", "time")]
        if not _present(trig):
            if before:
                found = _result(before[-1], ref, "discourse")
                if found and not found.background:
                    return found
            story = _story_date(doc, dated, ref)
            if story is not None:
                return story
    if ref is not None:
        return EventDate(ref.isoformat(), 1, False, None, "published")
    return EventDate(None, 3, False, None, "none")


def _period_start(text: str, t: Timex) -> bool:
    """"killed since Wednesday afternoon": a recent day that opens a period running up to the report
    (a word of ``period_start_words`` before it); one long past ("since 2011") still marks the event
    as background. It does not date an event whose clause it modifies ("contact lost since Friday
    night, when the strike took place" still dates the strike)."""
    if t.precision not in ("day", "time") or t.background:
        return False
    before = text[max(0, t.span.start - 16):t.span.start].lower().split()
    return bool(before) and before[-1] in lexicon().get("period_start_words", [])


def _after(t: Timex, ref: date | None) -> bool:
    """A date after the publication date (a scheduled election) cannot date a reported event."""
    rng = cal.value_range(t.value) if t.value != "PRESENT_REF" else None
    return bool(ref and rng and rng[0] > ref)


def _reporting(doc: Any, t: Timex) -> bool:
    """The expression hangs on a verb of saying ("police said Saturday that ...")."""
    span = _token_span(doc, t.span.start, t.span.end)
    if span is None:
        return False
    inside = {tok.i for tok in span}
    tok = span.root
    for _ in range(8):
        if tok.i not in inside and tok.pos_ in ("VERB", "AUX"):
            return tok.lemma_.lower() in lexicon()["reporting_verbs"]
        if tok.head is tok:
            return False
        tok = tok.head
    return False


def _story_date(doc: Any, dated: list[Timex], ref: date | None) -> EventDate | None:
    """The day the article's story is about: its first day-precise date within the lede (``lede_chars``)
    that is not background, not after the publication date, at most ``story_days`` before it and not
    the date of a statement (undated past events share it). A date further back, or told later in the
    article, is history the article recalls (or a photo's date), not its story."""
    settings = lexicon()["settings"]
    reach = int(settings.get("lede_chars", 1 << 30))
    recent = settings.get("story_days")
    for t in dated:
        if t.precision not in ("day", "time") or t.background or _after(t, ref) or _reporting(doc, t):
            continue
        if t.span.start >= reach:
            break
        rng = _day_range(t, ref)
        if recent is not None and ref is not None and rng and rng[1] < ref - timedelta(days=int(recent)):
            continue
        found = _result(t, ref, "story")
        if found and found.date and (ref is None or found.date <= ref.isoformat()):
            return found
    return None


def _present(trig: Any) -> bool:
    """Present-tense reporting ("are now 3 miles from"), dated by the publication."""
    verb = _clause(trig)[-1]
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"has", "have", "'ve", "had"}:
        return False  # the perfect reports a recent past event: it takes the story's date
    return verb.tag_ in ("VBP", "VBZ") or bool(aux & {"is", "are", "'s", "'re", "am"})
