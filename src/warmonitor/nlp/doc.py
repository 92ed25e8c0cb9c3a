"""Parse an article body into one spaCy ``Doc``, fully or only where events can be.

Two ways, both giving a ``Doc`` whose ``text`` is the body exactly (every token's ``idx`` and every
span's ``start_char`` / ``end_char`` index the body):

* ``"full"``: the whole model pipeline over the whole body (what ``nlp(body)`` gives).
* ``"candidates"``: the tokenizer and rule-based sentence boundaries over the whole body, and the
  model's components only over the stretches given (the sentences a pre-filter lets through), each
  widened to whole sentences and ``context`` more on either side (default 0); components named in
  ``whole`` (e.g. ``("ner",)``: en_core_web_sm's recognizer has its own token encoder) run over the
  whole body instead. Tokens outside the stretches carry no tag, lemma or entity; the first token of
  each of their sentences is a ``ROOT`` (spaCy starts a sentence only at a labelled root: without it,
  every sentence after a parsed stretch was glued to it, and extraction read the neighbours' words as
  the event sentence's: that, not missing context, is what once made one sentence of context look
  necessary); the others have no dependency label. ``benchmarks/bench_pipeline.py --check`` shows
  that on the gold cases this parse loses, changes and adds no event against the full parse.

In both modes spaCy's attribute ruler and rule lemmatizer run as the cached stand-ins of
``warmonitor.nlp.fast`` (the same annotations, several times faster).

Docs are ``TextDoc``: a spaCy ``Doc`` whose ``text`` is joined once and then kept (spaCy rebuilds
the string from every token on each access, which stages that read ``doc.text`` per event paid for).
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_SPACE, LEMMA, MORPH, NORM, POS, SENT_START, TAG
from spacy.tokens import Doc, Span

from warmonitor.errors import UsageError
from warmonitor.nlp.fast import run_component, run_pipeline

PARSE_MODES = ("full", "candidates")
#: components run over the whole body in ``"candidates"`` mode (the others run over the stretches)
WHOLE_COMPONENTS: tuple[str, ...] = ()
_COPIED = [TAG, POS, MORPH, LEMMA]
CONTEXT = 0  #: sentences parsed on either side of a candidate stretch


class TextDoc(Doc):
    """A ``Doc`` that joins its text once and keeps it while its length is unchanged."""

    @property
    def text(self) -> str:  # type: ignore[override]
        cache = self.__dict__
        if cache.get("_wm_len") != len(self):
            cache["_wm_text"] = Doc.text.__get__(self)  # type: ignore[attr-defined]
            cache["_wm_len"] = len(self)
        return str(cache["_wm_text"])

    @property
    def text_with_ws(self) -> str:  # type: ignore[override]
        return self.text


def text_doc(doc: Any, text: str | None = None) -> TextDoc:
    """The tokens of ``doc`` (a tokenizer's output) as a ``TextDoc``: same words, spaces and norms;
    ``text``, when given, is the text ``doc`` was made from (kept as the doc's text, not rebuilt)."""
    words, spaces = [t.text for t in doc], [bool(t.whitespace_) for t in doc]
    out = TextDoc(doc.vocab, words=words, spaces=spaces)
    if text is not None and len(text) == sum(map(len, words)) + sum(spaces):
        out.__dict__["_wm_text"], out.__dict__["_wm_len"] = text, len(out)
    norms = doc.to_array([NORM]) if len(doc) else None
    if norms is not None:
        out.from_array([NORM], norms)
    out.__dict__["_wm_tokens"] = [words, spaces, norms]  # for the stretches' docs (``_sub_docs``)
    return out


def parse(nlp: Any, text: str, mode: str = "full", stretches: Sequence[tuple[int, int]] | None = None,
          context: int = CONTEXT, whole: Sequence[str] = WHOLE_COMPONENTS,
          alone: Sequence[tuple[int, int]] = ()) -> TextDoc:
    """``text`` parsed by ``nlp`` in ``mode`` (see the module docstring); ``stretches`` are the
    character ranges that get the full pipeline in ``"candidates"`` mode, each widened to whole
    sentences and ``context`` more on either side; ``alone`` are ranges parsed as whole sentences
    without that context (a claim's own sentence)."""
    return parse_many(nlp, [text], mode, [stretches or []], context, whole, [alone])[0]


def parse_many(nlp: Any, texts: Sequence[str], mode: str = "full",
               stretches: Sequence[Sequence[tuple[int, int]]] | None = None, context: int = CONTEXT,
               whole: Sequence[str] = WHOLE_COMPONENTS,
               alone: Sequence[Sequence[tuple[int, int]]] | None = None) -> list[TextDoc]:
    """Each of ``texts`` parsed as ``parse`` parses it (``stretches`` and ``alone``: one list per
    text), the stretches of all texts going through each model component together, in batches (one
    call per component instead of one per text: the same annotations, less overhead)."""
    if mode not in PARSE_MODES:
        raise UsageError(f"parse mode {mode!r}: not one of {', '.join(PARSE_MODES)}")
    docs = [text_doc(nlp.make_doc(text), text) for text in texts]
    if mode == "full":
        return [run_pipeline(nlp, doc) for doc in docs]  # type: ignore[misc]
    if context < 0:
        raise UsageError(f"parse context {context}: must be 0 or more sentences")
    stretches = stretches if stretches is not None else [[] for _ in docs]
    alone = alone if alone is not None else [[] for _ in docs]
    if not len(stretches) == len(alone) == len(docs):
        raise UsageError(f"parse_many: {len(docs)} texts but {len(stretches)} stretch lists and {len(alone)} alone lists")
    plans = [_plan(nlp, doc, s, context, whole, a) for doc, s, a in zip(docs, stretches, alone, strict=True)]
    _run(nlp, [p for p in plans if p.n], whole)
    return [_assemble(nlp, p, whole) if p.n else p.doc for p in plans]


def _token_ranges(doc: TextDoc, stretches: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges covering the character ``stretches`` (expanded to whole tokens), merged."""
    out: list[tuple[int, int]] = []
    for a, b in stretches:
        span = doc.char_span(max(0, a), min(len(doc.text), b), alignment_mode="expand")
        if span is not None and len(span):
            out.append((span.start, span.end))
    return _merged(out)


def _widen(ranges: list[tuple[int, int]], starts: list[int], context: int) -> list[tuple[int, int]]:
    """Token ``ranges`` each widened to ``context`` whole sentences (by ``starts``) on either side, merged."""
    n = len(starts)
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        for k in range(context + 1):  # to the start of this sentence, then ``context`` more
            while start > 0 and not starts[start]:
                start -= 1
            if k < context and start > 0:
                start -= 1
        for _ in range(context):
            while end < n and not starts[end]:
                end += 1
            if end < n:
                end += 1
        while end < n and not starts[end]:
            end += 1
        out.append((start, end))
    return _merged(out)


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges sorted, overlapping or touching ones merged."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


@dataclass
class _Plan:
    """One doc's part of a candidates parse: its sentence starts, the token ranges the models read,
    and what they gave back."""

    doc: TextDoc
    n: int
    starts: list[int] = field(default_factory=list)
    ranges: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[Any] = field(default_factory=list)  # words, spaces and norms, read once when first needed
    parsed: list[Any] = field(default_factory=list)  # the stretches' docs, annotated
    spans: list[Span] = field(default_factory=list)  # entities, on ``doc``


def _plan(nlp: Any, doc: TextDoc, stretches: Sequence[tuple[int, int]], context: int,
          whole: Sequence[str], alone: Sequence[tuple[int, int]]) -> _Plan:
    for name in nlp.pipe_names:
        if name in whole:
            doc = nlp.get_pipe(name)(doc)
    plan = _Plan(doc=doc, n=len(doc))
    if not plan.n:
        return plan
    starts = plan.starts = _sentence_starts(doc)
    core = _token_ranges(doc, stretches)
    own = _widen(_token_ranges(doc, alone), starts, 0) if alone else []
    spaces = doc.to_array([IS_SPACE]).tolist()

    # the stretches widened to whole sentences and ``context`` more on either side, leading blank tokens
    # left out (a paragraph break ends the sentence before it), and the ``alone`` ranges
    out = []
    for start, end in _widen(core, starts, context):
        while start < end - 1 and spaces[start]:
            starts[start] = 0  # the blank joins the sentence before, as the parser has it
            start += 1
        out.append((start, end))
    plan.ranges = _merged(out + own)
    return plan


def _run(nlp: Any, plans: list[_Plan], whole: Sequence[str]) -> None:
    """Every component (but those of ``whole``) over the stretches of all ``plans`` together."""
    per_plan = [_sub_docs(p.doc, p.ranges, p.tokens) for p in plans]
    subs = [sub for docs in per_plan for sub in docs]
    for name in nlp.pipe_names:
        if name not in whole and subs:
            subs = run_component(nlp, name, subs)
    own_ner = "ner" in nlp.pipe_names and "ner" not in whole  # entities from the stretches
    at = 0
    for plan, docs in zip(plans, per_plan, strict=True):
        plan.parsed, at = subs[at:at + len(docs)], at + len(docs)
        if own_ner:
            for (start, _end), sub in zip(plan.ranges, plan.parsed, strict=True):
                plan.spans += [Span(plan.doc, start + e.start, start + e.end, label=e.label) for e in sub.ents]


def _assemble(nlp: Any, plan: _Plan, whole: Sequence[str]) -> TextDoc:
    """``plan.doc`` with the stretches' annotations copied in, and the rest split into sentences."""
    doc, n, starts, ranges = plan.doc, plan.n, plan.starts, plan.ranges
    heads = numpy.zeros(n, dtype="int64")  # relative offsets, as Doc.to_array gives them
    deps = numpy.zeros(n, dtype="uint64")
    attrs = numpy.zeros((n, len(_COPIED)), dtype="uint64")
    for (start, end), sub in zip(ranges, plan.parsed, strict=True):
        arr = sub.to_array([HEAD, DEP])
        heads[start:end] = arr[:, 0].astype("int64")
        deps[start:end] = arr[:, 1]
        attrs[start:end] = sub.to_array(_COPIED)
        starts[start:end] = (sub.to_array([SENT_START]) == 1).astype(int).tolist()
    parsed = numpy.zeros(n, dtype=bool)
    for start, end in ranges:
        parsed[start:end] = True
        if end < n:
            starts[end] = 1  # a parsed stretch ends its sentence
    # outside the parsed stretches: each sentence's first token a ROOT (spaCy starts a sentence only at a
    # root with a label); the other tokens have no label (spaCy then keeps no head for them)
    index = numpy.arange(n)
    roots = numpy.maximum.accumulate(numpy.where(numpy.array(starts, dtype=bool), index, 0))
    heads[~parsed] = (roots - index)[~parsed]
    deps[~parsed & (heads == 0)] = doc.vocab.strings.add("ROOT")
    if ranges:
        doc.from_array([HEAD, DEP], _ints(numpy.stack([heads.astype("uint64"), deps], axis=1)))
    else:  # nothing parsed: boundaries alone (1 a start, -1 not one; 0 would leave it unknown)
        marks = numpy.where(numpy.array(starts, dtype=bool), 1, -1).astype("int64").astype("uint64")
        doc.from_array([SENT_START], _ints(marks.reshape(-1, 1)))
    doc.from_array(_COPIED, _ints(attrs))
    if "ner" in nlp.pipe_names and "ner" not in whole:
        doc.set_ents(plan.spans, default="outside")
    return doc


def _sub_docs(doc: Doc, ranges: Sequence[tuple[int, int]], tokens: list[Any]) -> list[Doc]:
    """New docs of the tokens of ``doc`` in each of ``ranges``: the same words, spaces and norms, no
    annotation (several times faster than ``Span.as_doc``, which copies every attribute and vector).
    ``tokens`` caches the words, spaces and norms of ``doc`` between calls (filled on the first)."""
    if not ranges:
        return []
    if not tokens:
        kept = doc.__dict__.get("_wm_tokens")
        tokens += kept if kept and len(kept[0]) == len(doc) else \
            [[t.text for t in doc], [bool(t.whitespace_) for t in doc], doc.to_array([NORM])]
    words, spaces, norms = tokens
    out = []
    for start, end in ranges:
        sub = Doc(doc.vocab, words=words[start:end], spaces=spaces[start:end])
        sub.from_array([NORM], norms[start:end])
        out.append(sub)
    return out


def tokens_where(doc: Doc, attr: int, value: str) -> list[Any]:
    """The tokens of ``doc`` whose ``attr`` (a ``spacy.attrs`` id: ``POS``, ``DEP``, ...) is ``value``,
    found on the attribute array (a loop over every token in Python costs a ``Token`` each)."""
    if not len(doc):
        return []
    want = doc.vocab.strings[value] if attr != POS else _pos_id(value)
    return [doc[int(i)] for i in numpy.flatnonzero(doc.to_array([attr]) == want)]


def _pos_id(value: str) -> int:
    from spacy.parts_of_speech import IDS

    return int(IDS[value])


def _ints(arr: Any) -> Any:
    """An array as ``Doc.from_array`` takes it (typed loosely: thinc's ``Ints2d`` is a stub type)."""
    return arr


def _sentence_starts(doc: Doc) -> list[int]:
    """Sentence starts (0/1 per token) of ``doc`` by the rule of spaCy's ``Sentencizer`` (a sentence
    ends after a run of its punctuation characters, at the next token that is not punctuation), read
    from the words and the punctuation flags rather than one ``Token`` at a time (``doc`` untouched)."""
    n = len(doc)
    if not n:
        return []
    kept = doc.__dict__.get("_wm_tokens")
    words = kept[0] if kept and len(kept[0]) == n else [t.text for t in doc]
    chars = _punct_chars()
    guesses = [0] * n
    guesses[0] = 1
    start, seen_period = 0, False
    for i, (word, punct) in enumerate(zip(words, doc.to_array([IS_PUNCT]).tolist(), strict=True)):
        in_chars = word in chars
        if seen_period and not punct and not in_chars:
            guesses[start] = 1
            start, seen_period = i, False
        elif in_chars:
            seen_period = True
    guesses[start] = 1
    return guesses


@functools.lru_cache(maxsize=1)
def _punct_chars() -> frozenset[str]:
    from spacy.pipeline import Sentencizer

    return frozenset(Sentencizer().punct_chars)


__all__ = ["PARSE_MODES", "TextDoc", "parse", "parse_many", "text_doc", "tokens_where"]
