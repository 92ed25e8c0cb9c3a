"""Event arguments from the dependency parse: the trigger's anchor words, modality, place and sides.

``anchors_for`` turns a lexicon match into the words a place or an actor must attach to (the trigger
word, its governing verb, and the words of the rule's required concepts). ``blocked`` says whether the
trigger did not happen (claims, negation, modal verbs, intent verbs, conditionals; word lists in
``data/events/modality.json``). ``places_for`` finds the place mentions attached to the anchors (not a
dateline, not a place that only describes an actor, not a flight's destination), coordinated places
together. ``actors_for`` takes the subject side as actor1 and the object side as actor2.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from warmonitor.context import Context
from warmonitor.extract.lexicon import Lexicon, Match, Rule, Tok, read_data
from warmonitor.extract.placing import named_by, namesake_region, trusted
from warmonitor.model import ActorMention, Claim, PlaceMention, Span

_DATELINE = re.compile(r"^(,\s*[A-Z][\w .'-]{0,30}?)?,?\s*(\([^)]{1,30}\))?\s*[-\u2014\u2013:]\s")
_CREDIT_WORDS = 4  # a capitals-only line of at most this many words is a credit, not a headline
_VERBISH = {"VERB", "AUX"}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}


@dataclass
class Anchor:
    """The trigger of an event: its span, head word, governing verb and the other words it rests on."""

    start: int
    end: int
    span: Span
    token: Any
    verb: Any
    extra: list[Any] = field(default_factory=list)

    def words(self) -> list[Any]:
        seen: dict[int, Any] = {}
        for t in (self.token, self.verb, *self.extra):
            if t is not None:
                seen.setdefault(t.i, t)
        return list(seen.values())


def _head_of(doc: Any, first: int, last: int) -> Any:
    """The token of ``doc[first:last+1]`` whose head lies outside the range (the phrase's head)."""
    span = doc[first : last + 1]
    return span.root


def _governing_verb(tok: Any) -> Any:
    t, hops = tok, 0
    while t.pos_ not in _VERBISH and t.head.i != t.i and hops < 4:
        t, hops = t.head, hops + 1
    return t if t.pos_ in _VERBISH else tok


def anchors_for(doc: Any, toks: list[Tok], trig: Match, rule: Rule, lex: Lexicon) -> Anchor:
    """The anchor of a rule's trigger match over ``toks`` (tokens of one sentence of ``doc``)."""
    first, last = toks[trig.first].i, toks[trig.last].i
    token = _head_of(doc, first, last)
    verb = _governing_verb(token)
    extra: list[Any] = []
    required = {c for alts in rule.requires for c in alts}
    if required:
        for m in lex.find(toks, required):
            head = _head_of(doc, toks[m.first].i, toks[m.last].i)
            extra.extend([head, _governing_verb(head)])
    span = Span(trig.start, trig.end, doc.text[trig.start : trig.end])
    return Anchor(trig.start, trig.end, span, token, verb, extra)


# -- modality ---------------------------------------------------------------------------------------
def blocked(anchor: Anchor, claims: list[Claim], modality: dict[str, Any]) -> bool:
    """True when the trigger is threatened, planned, denied, negated or hypothetical."""
    if claims:
        inner = claims[0]
        if inner.modality in modality.get("blocking_modalities", []) or inner.kind in modality.get("blocking_kinds", []):
            return True
    negs = set(modality.get("negative_words", []))
    modals = set(modality.get("modals", []))
    intent = set(modality.get("intent_verbs", []))
    intent_nouns = set(modality.get("intent_nouns", []))
    marks = set(modality.get("conditional_marks", []))
    tok, verb = anchor.token, anchor.verb
    for t in {tok, verb}:
        for child in t.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in negs):
                return True
            if child.dep_ in ("aux", "auxpass") and child.lower_ in modals:
                return True
            if child.dep_ == "mark" and child.lower_ in marks:
                return True
    ongoing = set(modality.get("ongoing_aux", []))
    if verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ongoing for c in verb.children):
        return True
    # governed by an intent verb or noun: "vowed to march", "denied that ... entered", "plans to attack"
    t, hops = verb, 0
    while t.head.i != t.i and hops < 3:
        rel, head = t.dep_, t.head
        if rel in ("xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "advcl", "relcl") and (
            head.lemma_.lower() in intent or (head.pos_ == "NOUN" and head.lemma_.lower() in intent_nouns)
        ):
            return True
        if rel == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in t.children):
            return True
        if rel not in ("xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "conj"):
            break
        t, hops = head, hops + 1
    if tok.pos_ == "NOUN" and tok.head.lemma_.lower() in intent | intent_nouns:
        return True
    if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in intent | intent_nouns:  # "call for the release"
        return True
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in set(modality.get("reason_preps", [])):
        return True
    if tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "attr") and tok.head.lemma_.lower() in set(modality.get("copulas", [])) \
            and not any(c.dep_ == "expl" for c in tok.head.children):  # "there were protests in X" reports
        return True
    return False


def is_reference(anchor: Anchor, marks: set[str]) -> bool:
    """The trigger sits in an "after ..."/"since ..." clause or phrase: an event told elsewhere."""
    for t in _up(anchor.verb, 2):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in t.children):
            return True
        if t.dep_ in ("pobj", "pcomp") and t.head.lower_ in marks:
            return True
    tok = anchor.token
    return tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ in marks


# -- places -----------------------------------------------------------------------------------------
def is_dateline(body: str, pm: PlaceMention) -> bool:
    """A place at the start of a paragraph followed by an agency credit or a dash ("BEIRUT (AP) -"),
    or a place inside a short credit line in capitals ("AFP/ KORVAN HERALD")."""
    start = pm.span.start
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", start)
    line = body[line_start : line_end if line_end >= 0 else len(body)]
    if line.strip() and not any(c.islower() for c in line) and len(line.split()) <= _CREDIT_WORDS:
        return True
    if body[line_start:start].strip():
        return False
    return bool(_DATELINE.match(body[pm.span.end : pm.span.end + 60]))


def _token_for(doc: Any, span: Span) -> Any:
    got = doc.char_span(span.start, span.end, alignment_mode="expand")
    if got is None or len(got) == 0:
        return None
    return got.root


def _path_to(tok: Any, targets: dict[int, Any], limit: int = 7) -> list[Any] | None:
    """Tokens from ``tok`` up its heads to the first of ``targets`` (inclusive), or None."""
    path = [tok]
    t = tok
    for _ in range(limit):
        if t.i in targets:
            return path
        if t.head.i == t.i:
            return None
        t = t.head
        path.append(t)
    return path if t.i in targets else None


def places_for(ctx: Context, sent: Any, anchor: Anchor, flee: bool = False, fallback_chars: int = 400,
               cfg: dict[str, Any] | None = None, info: dict[str, Any] | None = None,
               event_type: str | None = None) -> list[PlaceMention]:
    """The place mentions where the anchored event happened (several when coordinated), each checked
    by ``named_by`` and ``namesake_region``. When the sentence names no usable place, a nearby earlier one is used and
    ``info["fallback"]`` is set."""
    found = _places_for(ctx, sent, anchor, flee, fallback_chars, cfg, info, event_type)
    out: list[PlaceMention] = []
    for pm in found:
        got = namesake_region(ctx, named_by(ctx, pm), cfg)
        if got not in out:
            out.append(got)
    return out


def _places_for(ctx: Context, sent: Any, anchor: Anchor, flee: bool, fallback_chars: int,
                cfg: dict[str, Any] | None, info: dict[str, Any] | None,
                event_type: str | None) -> list[PlaceMention]:
    doc = sent.doc
    body = ctx.article.body
    cands = [
        pm for pm in ctx.places
        if sent.start_char <= pm.span.start < sent.end_char and pm.role == "place" and pm.place is not None
        and not is_dateline(body, pm) and trusted(ctx, pm, cfg)
    ]
    targets = {t.i: t for t in anchor.words()}
    trigger_in_subject = any(t.dep_ in _SUBJ for t in _up(anchor.token, 3))
    attached: list[tuple[int, int, PlaceMention, Any]] = []
    loose: list[tuple[int, PlaceMention]] = []
    excluded = _excluded_preps(cfg, event_type)
    for pm in cands:
        tok = _token_for(doc, pm.span)
        if tok is None or _prep_of(tok) in excluded:
            continue
        path = _path_to(tok, targets)
        if flee and path is not None and _is_destination(path):
            continue
        if path is None or _through_other_clause(path, targets, trigger_in_subject):
            if flee and _destination_prep(tok):
                continue
            if tok.dep_ in _SUBJ:  # "Moscow has had its focus drawn away": a capital standing for its government
                continue
            loose.append((abs(pm.span.start - anchor.start), pm))
            continue
        attached.append((len(path), abs(pm.span.start - anchor.start), pm, tok))
    if attached and all(pm.place is not None and pm.place.feature == "country" for _, _, pm, _ in attached):
        better = _more_precise(ctx, sent, attached[0][2], fallback_chars, cfg)
        if better is not None:
            return [better]
    if attached:
        attached.sort(key=lambda x: (x[0], x[1]))
        best_tok = attached[0][3]
        best_prep = _prep_of(best_tok)
        group = [attached[0][2]]
        for _, _, pm, tok in attached[1:]:
            if pm in group:
                continue
            if _conj_of(tok, best_tok) and _has_cc(doc, best_tok, tok):
                group.append(pm)
            elif best_prep and _prep_of(tok) == best_prep and _via_conj(tok, targets):
                group.append(pm)  # "three over Voronezh, one over Belgorod and one over Kursk"
        precise = [p for p in group if p.place is not None and p.place.feature != "country"]
        return sorted(precise or group, key=lambda p: p.span.start)
    loose = [x for x in loose if x[1].place is not None and x[1].place.feature != "country"]
    if loose:
        loose.sort(key=lambda x: x[0])
        if info is not None:
            info["loose"] = True  # named in another clause of the sentence
        return [loose[0][1]]
    got = _more_precise(ctx, sent, None, fallback_chars, cfg)
    if got is not None and info is not None:
        info["fallback"] = True
    return [got] if got is not None else []


def _more_precise(ctx: Context, sent: Any, country_pm: PlaceMention | None, fallback_chars: int,
                  cfg: dict[str, Any] | None = None) -> PlaceMention | None:
    """A place below country level for a sentence that names none: the nearest one in the
    ``fallback_chars`` before the sentence, else the dateline (where the reporter filed from); when the
    sentence names a country, only a place inside it."""
    body = ctx.article.body
    iso = country_pm.place.country if country_pm is not None and country_pm.place is not None else None

    def fits(pm: PlaceMention, roles: tuple[str, ...] = ("place",)) -> bool:
        return (pm.role in roles and pm.place is not None and pm.place.feature != "country"
                and (iso is None or pm.place.country == iso) and trusted(ctx, pm, cfg))

    if fallback_chars > 0:
        before = [
            pm for pm in ctx.places
            if sent.start_char - fallback_chars <= pm.span.start < sent.start_char and fits(pm)
            and not is_dateline(body, pm)
        ]
        if before:
            return max(before, key=lambda p: p.span.start)
    datelines = [pm for pm in ctx.places
                 if pm.span.start < sent.end_char and fits(pm, ("place", "actor")) and is_dateline(body, pm)]
    if datelines and iso is not None:  # a bureau's dateline only stands in for a place inside the named country
        return datelines[-1]
    return None


def _up(tok: Any, n: int) -> list[Any]:
    out, t = [tok], tok
    for _ in range(n):
        if t.head.i == t.i:
            break
        t = t.head
        out.append(t)
    return out


def _is_destination(path: list[Any]) -> bool:
    return any(t.dep_ == "prep" and t.lower_ in _dest_preps() for t in path[1:])


def _destination_prep(tok: Any) -> bool:
    return any(t.dep_ == "prep" and t.lower_ in _dest_preps() for t in _up(tok, 3)[1:])


def _through_other_clause(path: list[Any], targets: dict[int, Any], trigger_in_subject: bool) -> bool:
    """The path leaves through a subject (the place describes the actor) or another verb's clause."""
    for t in path[:-1]:
        if t.i in targets:
            return False
        if t.dep_ in _SUBJ and not trigger_in_subject and not (t is path[0] and t.head.i in targets):
            return True
        if t.pos_ in _VERBISH and t is not path[0]:
            return True
    return False


def _excluded_preps(cfg: dict[str, Any] | None, event_type: str | None) -> set[str]:
    """Prepositions whose object is not where an event of this type happened (``extract.json``)."""
    table = (cfg or {}).get("excluded_preps", {})
    return set(table.get("*", [])) | set(table.get(event_type or "", []))


def _prep_of(tok: Any) -> str | None:
    """The preposition a place hangs from ("over" in "over the Kursk region"), if any."""
    for t in _up(tok, 3)[1:]:
        if t.dep_ == "prep":
            return str(t.lower_)
        if t.pos_ in _VERBISH:
            return None
    return None


def _via_conj(tok: Any, targets: dict[int, Any]) -> bool:
    """The place's path to the trigger passes a coordinated phrase."""
    t = tok
    for _ in range(7):
        if t.i in targets or t.head.i == t.i:
            return False
        if t.dep_ == "conj":
            return True
        t = t.head
    return False


def _has_cc(doc: Any, a: Any, b: Any) -> bool:
    """A coordinating word joins the list that holds ``a`` and ``b`` ("A, B, C and D")."""
    lo, hi = sorted((a.i, b.i))
    if any(doc[k].dep_ == "cc" for k in range(lo + 1, hi)):
        return True
    head = a if a.i == lo else b
    return any(t.dep_ == "cc" and t.i > lo for t in head.subtree)


def _conj_of(tok: Any, best: Any) -> bool:
    t = tok
    for _ in range(4):
        if t.i == best.i:
            return True
        if t.dep_ not in ("conj", "cc") or t.head.i == t.i:
            return False
        t = t.head
    return t.i == best.i


# -- actors -----------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
@functools.lru_cache(maxsize=1)
def _dest_preps() -> frozenset[str]:
    return frozenset(actor_conventions().get("destination_preps", []))


@functools.lru_cache(maxsize=1)
def actor_conventions() -> dict[str, Any]:
    """``data/events/actor_defaults.json``: ACLED's actor-coding conventions (see its ``_doc``)."""
    return read_data("actor_defaults.json")


def _phrase_key(tok: Any) -> int:
    """The head of the noun phrase a mention sits in, through coordination and modifiers: "Syrian" and
    "Russian air forces" in "the Syrian and Russian air forces" share the key of "forces"."""
    t = tok
    for _ in range(3):
        if t.dep_ in ("conj", "amod", "compound") and t.head.i != t.i:
            t = t.head
        else:
            break
    return int(t.i)


def coordinated(ctx: Context, doc: Any, mention: ActorMention) -> list[ActorMention]:
    """The mentions coordinated with ``mention`` in one phrase ("Syrian and Russian air forces",
    "the army and allied militias"), in text order, ``mention`` included."""
    tok = _token_for(doc, mention.span)
    if tok is None:
        return [mention]
    key = _phrase_key(tok)
    sent = tok.sent
    out = []
    for m in ctx.actors:
        if not (sent.start_char <= m.span.start < sent.end_char):
            continue
        other = _token_for(doc, m.span)
        if other is not None and (m is mention or _phrase_key(other) == key):
            out.append(m)
    if mention not in out:
        out.append(mention)
    return sorted(out, key=lambda m: m.span.start)


def actors_for(ctx: Context, sent: Any, anchor: Anchor) -> tuple[ActorMention | None, ActorMention | None]:
    """(actor1, actor2): the side that acted (subject, "by" agent, possessor) and the side acted upon
    (object, "against"/"on"/"from" phrase, subject of a verb of giving up ground such as "withdrew").
    Of coordinated mentions the first named is returned ("Syrian and Russian air forces": Syria's)."""
    doc = sent.doc
    conv = actor_conventions()
    a2_preps = set(conv.get("a2_preps", []))
    loser_verbs = set(conv.get("loser_subject_verbs", []))
    mentions = [m for m in ctx.actors if sent.start_char <= m.span.start < sent.end_char]
    if not mentions:
        return None, None
    targets = {t.i: t for t in anchor.words()}
    detached = _far_below(anchor.token, anchor.verb, set(conv.get("quantity_nouns", [])),
                          int(conv.get("noun_trigger_hops", 0)))
    if detached:
        targets.pop(anchor.verb.i, None)  # "police collected footage of the blast": not the blast's actor
    a1: list[tuple[int, ActorMention]] = []
    a2: list[tuple[int, ActorMention]] = []
    for m in mentions:
        tok = _token_for(doc, m.span)
        if tok is None:
            continue
        path = _path_to(tok, targets, limit=5)
        if path is None:
            continue
        if len(path) == 1:  # the mention is the trigger phrase itself ("air forces")
            if tok.dep_ in _SUBJ:
                a1.append((0, m))
            continue
        child = path[-2]
        rel = child.dep_
        prep = child.lower_ if rel in ("prep", "agent") else ""
        loser = rel == "nsubj" and path[-1].lemma_.lower() in loser_verbs
        if prep == "between":  # "clashes between the army and rebels": both sides
            (a2 if tok.dep_ == "conj" else a1).append((len(path), m))
        elif loser:
            a2.append((len(path), m))
        elif rel in ("nsubj", "agent", "poss", "compound", "amod") or prep == "by":
            a1.append((len(path), m))
        elif rel in ("nsubjpass", "dobj", "pobj", "attr", "dative", "npadvmod") or prep in a2_preps:
            a2.append((len(path), m))
    first = _first_named(ctx, doc, a1)
    second = _first_named(ctx, doc, [x for x in a2 if x[1] is not first])
    if first is None and not detached:  # the sentence is about something else: no stand-in actor
        deps = set(conv.get("fallback_deps", []))
        above = _verbs_over_subjects(anchor.token)  # a speaker whose clause has its own subject
        # ("police said a bomb exploded"), unlike "the rebels said they entered the city"
        before = [m for m in mentions if m.span.end <= anchor.start and m is not second
                  and not _subject_of(doc, m, above)
                  and (second is None or not _same_actor(m, second))
                  and (not deps or _dep_of(doc, m) in deps) and _dep_of(doc, m) != "agent"]
        first = before[-1] if before else None
        # the agent of the trigger's passive ("killed by Syrian regime airstrikes") acts, wherever it stands
        agents = [m for m in mentions if m is not second and _dep_of(doc, m) == "agent"
                  and _agent_of_trigger(doc, m, anchor) and (second is None or not _same_actor(m, second))]
        if agents and "agent" in deps:
            first = min(agents, key=lambda m: abs(m.span.start - anchor.start))
    if first is not None and second is not None and _same_actor(first, second):
        second = None
    return first, second


def speaker_of(doc: Any, mentions: list[ActorMention], trigger: Any, inters: set[int],
               second: str | None) -> ActorMention | None:
    """A state force that announces the event ("the army said militants were killed in an air
    strike"): the subject of the verb whose clausal complement holds the trigger token, when it is
    not the side acted upon (``second``, an actor name)."""
    verb = _governing_verb(trigger)
    for t in _up(verb, 3)[1:]:
        if t.pos_ not in _VERBISH:
            continue
        for m in mentions:
            tok = _token_for(doc, m.span)
            if tok is None or m.actor is None or m.actor.inter not in inters:
                continue
            if tok.head.i == t.i and tok.dep_ == "nsubj" and m.actor.name != second:
                return m
        break
    return None


def _far_below(tok: Any, verb: Any, quantity: set[str], hops: int) -> bool:
    """A noun trigger more than ``hops`` heads below its governing verb (prepositions and quantity
    nouns such as "a series of" not counted): the verb is about something else."""
    if hops <= 0 or tok.i == verb.i or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    n, t = 0, tok
    while t.i != verb.i and t.head.i != t.i:
        within = t.dep_ in ("compound", "amod")  # "a ceasefire deal": the same noun phrase
        t = t.head
        if t.i != verb.i and not within and t.dep_ != "prep" and t.lemma_.lower() not in quantity:
            n += 1
    return n >= hops


def _verbs_over_subjects(tok: Any) -> set[int]:
    """Verbs above ``tok`` whose clausal complement on the way down has a subject of its own that is
    not a pronoun."""
    out: set[int] = set()
    chain = _up(tok, 8)
    for low, high in zip(chain, chain[1:], strict=False):
        if low.dep_ in ("ccomp", "xcomp", "advcl", "conj") and low.pos_ in _VERBISH and any(
                c.dep_ in _SUBJ and c.pos_ != "PRON" for c in low.children):
            out.add(int(high.i))
    return out


def _subject_of(doc: Any, m: ActorMention, heads: set[int]) -> bool:
    """The phrase ``m`` heads or modifies ("police" in "a police spokesman") is the subject of one of
    the verbs ``heads``."""
    tok = _phrase_head(doc, m)
    return tok is not None and tok.dep_ in _SUBJ and tok.head.i in heads


def _first_named(ctx: Context, doc: Any, cands: list[tuple[int, ActorMention]]) -> ActorMention | None:
    """The closest candidate, or the first named of the phrase it is coordinated in."""
    if not cands:
        return None
    best = min(cands, key=lambda x: x[0])[1]
    if best.actor is None:
        return best
    group = [m for m in coordinated(ctx, doc, best) if any(m is c for _, c in cands)]
    return group[0] if group else best


def _dep_of(doc: Any, m: ActorMention) -> str:
    """The role of the phrase a mention heads or modifies: "rebel" in "under rebel control" is a
    prepositional object, "residents" in "thousands of residents were seen" a passive subject, "regime"
    in "killed by the regime" the agent (``"agent"``)."""
    tok = _phrase_head(doc, m)
    if tok is None:
        return ""
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return "agent"
    return str(tok.dep_)


def _agent_of_trigger(doc: Any, m: ActorMention, anchor: Anchor) -> bool:
    """The passive whose agent ``m`` is ("by ...") is the trigger's verb, or the head of a trigger that
    has no subject of its own (not "five were killed by troops while a sixth blew himself up")."""
    head = _phrase_head(doc, m)
    verb = head.head.head if head is not None else None
    if verb is None:
        return False
    tok = anchor.token
    if verb.i in (tok.i, anchor.verb.i):
        return True
    return tok.head.i == verb.i and not any(c.dep_ in _SUBJ for c in tok.children)


def _phrase_head(doc: Any, m: ActorMention) -> Any:
    """The head of the phrase a mention heads or modifies (through compounds, modifiers, possessors
    and "thousands of"), or None when the mention has no token."""
    tok = _token_for(doc, m.span)
    if tok is None:
        return None
    for _ in range(4):
        if tok.dep_ in ("compound", "amod", "poss") and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i != tok.head.i:
            tok = tok.head.head
        else:
            break
    return tok


def _same_actor(a: ActorMention, b: ActorMention) -> bool:
    if a.actor is not None and b.actor is not None:
        return a.actor.name == b.actor.name
    return a.span.text.lower() == b.span.text.lower()
