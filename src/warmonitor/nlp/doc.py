"""Parse an article body into one spaCy ``Doc``, fully or only where events can be.

Two ways, both giving a ``Doc`` whose ``text`` is the body exactly (every token's ``idx`` and every
span's ``start_char`` / ``end_char`` index the body):

* ``"full"``: the whole model pipeline over the whole body (what ``nlp(body)`` gives).
* ``"candidates"``: the tokenizer and rule-based sentence boundaries over the whole body, and the
  model's components only over the stretches given (the sentences a pre-filter lets through), each
  widened by ``context`` sentences on either side; components named in ``whole`` (e.g. ``("ner",)``:
  en_core_web_sm's recognizer has its own token encoder) run over the whole body instead. Tokens
  outside the stretches carry no tag, lemma, entity or dependency label; each of their sentences is a
  flat tree hanging on its first token. One sentence of context is what the gold cases need: with
  none, or with context on one side only, events are lost (``benchmarks/bench_pipeline.py --check``).

In both modes spaCy's attribute ruler and rule lemmatizer run as the cached stand-ins of
``warmonitor.nlp.fast`` (the same annotations, several times faster).

Docs are ``TextDoc``: a spaCy ``Doc`` whose ``text`` is joined once and then kept (spaCy rebuilds
the string from every token on each access, which stages that read ``doc.text`` per event paid for).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, NORM, POS, SENT_START, TAG
from spacy.tokens import Doc, Span

from warmonitor.errors import UsageError
from warmonitor.nlp.fast import run_component, run_pipeline

PARSE_MODES = ("full", "candidates")
#: components run over the whole body in ``"candidates"`` mode (the others run over the stretches)
WHOLE_COMPONENTS: tuple[str, ...] = ()
_COPIED = [TAG, POS, MORPH, LEMMA]
CONTEXT = 1  #: sentences parsed on either side of a candidate stretch


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


def text_doc(doc: Any) -> TextDoc:
    """The tokens of ``doc`` (a tokenizer's output) as a ``TextDoc``: same words, spaces and norms."""
    out = TextDoc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    if len(doc):
        out.from_array([NORM], doc.to_array([NORM]))
    return out


def parse(nlp: Any, text: str, mode: str = "full", stretches: Sequence[tuple[int, int]] | None = None,
          context: int = CONTEXT, whole: Sequence[str] = WHOLE_COMPONENTS,
          alone: Sequence[tuple[int, int]] = ()) -> TextDoc:
    """``text`` parsed by ``nlp`` in ``mode`` (see the module docstring); ``stretches`` are the
    character ranges that get the full pipeline in ``"candidates"`` mode, each widened by ``context``
    sentences on either side (attribution and dates are often read from the neighbouring sentence);
    ``alone`` are ranges parsed as whole sentences without that context (a claim's own sentence)."""
    if mode not in PARSE_MODES:
        raise UsageError(f"parse mode {mode!r}: not one of {', '.join(PARSE_MODES)}")
    doc = text_doc(nlp.make_doc(text))
    if mode == "full":
        return run_pipeline(nlp, doc)  # type: ignore[return-value]
    if context < 0:
        raise UsageError(f"parse context {context}: must be 0 or more sentences")
    return _parse_candidates(nlp, doc, stretches or [], context, whole, alone)


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


def _parse_candidates(nlp: Any, doc: TextDoc, stretches: Sequence[tuple[int, int]], context: int,
                      whole: Sequence[str] = WHOLE_COMPONENTS, alone: Sequence[tuple[int, int]] = ()) -> TextDoc:
    for name in nlp.pipe_names:
        if name in whole:
            doc = nlp.get_pipe(name)(doc)
    n = len(doc)
    if not n:
        return doc
    starts = _sentence_starts(doc)
    ranges = _token_ranges(doc, stretches)
    if context:
        ranges = _widen(ranges, starts, context)
    if alone:
        ranges = _merged(ranges + _widen(_token_ranges(doc, alone), starts, 0))
    heads = numpy.zeros(n, dtype="int64")  # relative offsets, as Doc.to_array gives them
    deps = numpy.zeros(n, dtype="uint64")
    attrs = numpy.zeros((n, len(_COPIED)), dtype="uint64")
    subs = [doc[start:end].as_doc() for start, end in ranges]
    for name in nlp.pipe_names:
        if name not in whole and subs:
            subs = run_component(nlp, name, subs)
    own_ner = "ner" in nlp.pipe_names and "ner" not in whole  # entities from the stretches
    spans = []
    for (start, end), sub in zip(ranges, subs, strict=True):
        if own_ner:
            spans += [Span(doc, start + e.start, start + e.end, label=e.label) for e in sub.ents]
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
    # outside the parsed stretches: each sentence a flat tree on its first token, no labels
    index = numpy.arange(n)
    roots = numpy.maximum.accumulate(numpy.where(numpy.array(starts, dtype=bool), index, 0))
    heads[~parsed] = (roots - index)[~parsed]
    if ranges:
        doc.from_array([HEAD, DEP], _ints(numpy.stack([heads.astype("uint64"), deps], axis=1)))
    else:  # nothing parsed: boundaries alone (heads without labels would not set them)
        doc.from_array([SENT_START], _ints(numpy.array(starts, dtype="uint64").reshape(-1, 1)))
    doc.from_array(_COPIED, _ints(attrs))
    if own_ner:
        doc.set_ents(spans, default="outside")
    return doc


def _ints(arr: Any) -> Any:
    """An array as ``Doc.from_array`` takes it (typed loosely: thinc's ``Ints2d`` is a stub type)."""
    return arr


def _sentence_starts(doc: Doc) -> list[int]:
    """Sentence starts (0/1 per token) of ``doc`` by spaCy's rule-based sentencizer (``doc`` untouched)."""
    from spacy.pipeline import Sentencizer

    guesses = Sentencizer().predict([doc])[0]
    return [1 if g else 0 for g in guesses]


__all__ = ["PARSE_MODES", "TextDoc", "parse", "text_doc"]
