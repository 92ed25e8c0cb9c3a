"""Parse an article body into one spaCy ``Doc``, fully or only where events can be.

Two ways, both giving a ``Doc`` whose ``text`` is the body exactly (every token's ``idx`` and every
span's ``start_char`` / ``end_char`` index the body):

* ``"full"``: the whole model pipeline over the whole body (what ``nlp(body)`` gives).
* ``"candidates"``: the tokenizer and the entity recognizer over the whole body (en_core_web_sm's
  ``ner`` has its own token encoder, so its entities are those of the full pipeline), rule-based
  sentence boundaries, and the tagger, parser, attribute ruler and lemmatizer only over the stretches
  given (the sentences a pre-filter lets through), each widened by ``context`` sentences on either side.
  Tokens outside them carry no tag, lemma or dependency label; each of their sentences is a flat tree
  hanging on its first token.

Docs are ``TextDoc``: a spaCy ``Doc`` whose ``text`` is joined once and then kept (spaCy rebuilds
the string from every token on each access, which stages that read ``doc.text`` per event paid for).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, NORM, POS, SENT_START, TAG
from spacy.tokens import Doc

from warmonitor.errors import UsageError

PARSE_MODES = ("full", "candidates")
#: components run only over candidate stretches in ``"candidates"`` mode (when the model has them)
SYNTAX_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
#: components run over the whole body in ``"candidates"`` mode
WHOLE_COMPONENTS = ("ner",)
_COPIED = [TAG, POS, MORPH, LEMMA]
CONTEXT = 1  #: sentences parsed on either side of a candidate stretch
BATCH = 64  #: stretches per batch through each component


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
          context: int = CONTEXT) -> TextDoc:
    """``text`` parsed by ``nlp`` in ``mode`` (see the module docstring); ``stretches`` are the
    character ranges that get the full pipeline in ``"candidates"`` mode, each widened by ``context``
    sentences on either side (attribution and dates are often read from the neighbouring sentence)."""
    if mode not in PARSE_MODES:
        raise UsageError(f"parse mode {mode!r}: not one of {', '.join(PARSE_MODES)}")
    doc = text_doc(nlp.make_doc(text))
    if mode == "full":
        return nlp(doc)  # type: ignore[no-any-return]
    if context < 0:
        raise UsageError(f"parse context {context}: must be 0 or more sentences")
    return _parse_candidates(nlp, doc, stretches or [], context)


def _token_ranges(doc: TextDoc, stretches: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges covering the character ``stretches`` (expanded to whole tokens), merged."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(stretches):
        span = doc.char_span(max(0, a), min(len(doc.text), b), alignment_mode="expand")
        if span is None or not len(span):
            continue
        start, end = span.start, span.end
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


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
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _parse_candidates(nlp: Any, doc: TextDoc, stretches: Sequence[tuple[int, int]], context: int) -> TextDoc:
    for name in WHOLE_COMPONENTS:
        if name in nlp.component_names:
            doc = nlp.get_pipe(name)(doc)
    n = len(doc)
    if not n:
        return doc
    starts = _sentencizer()(doc.vocab, doc)
    ranges = _token_ranges(doc, stretches)
    if context:
        ranges = _widen(ranges, starts, context)
    heads = numpy.zeros(n, dtype="int64")  # relative offsets, as Doc.to_array gives them
    deps = numpy.zeros(n, dtype="uint64")
    attrs = numpy.zeros((n, len(_COPIED)), dtype="uint64")
    subs = [doc[start:end].as_doc() for start, end in ranges]
    for name in SYNTAX_COMPONENTS:
        if name in nlp.component_names and subs:
            subs = list(nlp.get_pipe(name).pipe(subs, batch_size=BATCH))
    for (start, end), sub in zip(ranges, subs, strict=True):
        arr = sub.to_array([HEAD, DEP])
        heads[start:end] = arr[:, 0].astype("int64")
        deps[start:end] = arr[:, 1]
        attrs[start:end] = sub.to_array(_COPIED)
        starts[start:end] = [1 if t.is_sent_start else 0 for t in sub]
    parsed = numpy.zeros(n, dtype=bool)
    for start, end in ranges:
        parsed[start:end] = True
        if end < n:
            starts[end] = 1  # a parsed stretch ends its sentence
    # outside the parsed stretches: each sentence a flat tree on its first token, no labels
    root = 0
    for i in range(n):
        if starts[i] or i == 0:
            root = i
        if not parsed[i]:
            heads[i] = root - i
    if ranges:
        doc.from_array([HEAD, DEP], _ints(numpy.stack([heads.astype("uint64"), deps], axis=1)))
    else:  # nothing parsed: boundaries alone (heads without labels would not set them)
        doc.from_array([SENT_START], _ints(numpy.array(starts, dtype="uint64").reshape(-1, 1)))
    doc.from_array(_COPIED, _ints(attrs))
    return doc


def _ints(arr: Any) -> Any:
    """An array as ``Doc.from_array`` takes it (typed loosely: thinc's ``Ints2d`` is a stub type)."""
    return arr


def _sentencizer() -> Any:
    """Sentence starts (0/1 per token) of a doc by spaCy's rule-based sentencizer."""
    from spacy.pipeline import Sentencizer

    splitter = Sentencizer()

    def starts(vocab: Any, doc: Doc) -> list[int]:
        probe = Doc(vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        probe = splitter(probe)
        return [1 if t.is_sent_start else 0 for t in probe]

    return starts


__all__ = ["PARSE_MODES", "TextDoc", "parse", "text_doc"]
