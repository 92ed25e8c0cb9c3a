"""Faster stand-ins for spaCy's two rule components, giving the very same annotations.

spaCy's ``attribute_ruler`` runs a ``Matcher`` of some 180 patterns over every token and then sets each
match's attributes token by token; its rule ``lemmatizer`` builds a ``Token`` per word and recomputes
the lemma of every base form (only inflected forms are cached). Both answers depend only on a few
attributes of each token, so here they are computed once per distinct key and kept, and written back
with one ``Doc.from_array``:

* ``AttributeRulerCache``: single-token patterns that test ``TAG``, ``LOWER``, ``DEP`` or ``IS_SPACE``
  by equality, ``IN`` or ``NOT_IN`` are answered per key ``(tag, lower, dep, is_space)``; every other
  pattern (several tokens, regular expressions) is left to a ``Matcher`` of those few patterns alone.
  Matches are applied in the ruler's own order (by pattern id: later rules win).
* ``LemmatizerCache``: the lemma of a token without one is the lemmatizer's own answer for
  ``(orth, pos, morph)``, kept (a new word's rule lemma is found with set look-ups; spaCy scans a
  list of some thousands of words per rule).

``run_component(nlp, name, docs)`` runs component ``name`` over ``docs`` this way when it is one of
those two (and the cache can stand in for it), else by the component's own ``pipe``.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc

BATCH = 64  #: docs per batch through a model component
_SIMPLE_KEYS = {"TAG", "LOWER", "DEP", "IS_SPACE"}
_SET = (POS, TAG, MORPH, LEMMA)  #: the attributes the ruler sets through ``Doc.from_array``


def _simple(spec: dict[str, Any]) -> bool:
    """True when a token spec tests only ``_SIMPLE_KEYS`` by equality, ``IN`` or ``NOT_IN``."""
    for key, value in spec.items():
        if key not in _SIMPLE_KEYS:
            return False
        if isinstance(value, dict) and not set(value) <= {"IN", "NOT_IN"}:
            return False
    return True


def _test(value: Any, want: Any) -> bool:
    if isinstance(want, dict):
        if "IN" in want and value not in want["IN"]:
            return False
        return not ("NOT_IN" in want and value in want["NOT_IN"])
    return bool(value == want)


class AttributeRulerCache:
    """spaCy's ``AttributeRuler`` answered per token key (see the module docstring)."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.general: list[tuple[int, dict[str, Any]]] = []  # (attr id, spec) of patterns without LOWER
        self.by_lower: dict[int, list[tuple[int, dict[str, Any]]]] = {}  # lower hash -> (attr id, spec)
        self.matcher = Matcher(self.vocab, validate=False)
        self.n_complex = self.n_patterns = 0
        for attr_id in range(len(ruler.attrs)):
            for pattern in ruler.matcher.get(self.vocab.strings[str(attr_id)])[1]:
                self.n_patterns += 1
                spec = pattern[0]
                lower = spec.get("LOWER")
                if len(pattern) != 1 or not _simple(spec) or (isinstance(lower, dict) and "IN" not in lower):
                    self.matcher.add(str(attr_id), [pattern])
                    self.n_complex += 1
                elif lower is None:
                    self.general.append((attr_id, spec))
                else:
                    for word in lower["IN"] if isinstance(lower, dict) else [lower]:
                        self.by_lower.setdefault(self.vocab.strings.add(word), []).append((attr_id, spec))
        self.cache: dict[tuple[int, int, int, int], tuple[int, ...]] = {}

    def _ids(self, key: tuple[int, int, int, int]) -> tuple[int, ...]:
        """Ids, in order, of the simple patterns matching a token of hashes ``(tag, lower, dep,
        is_space)`` (``lower`` is 0 for a word no pattern names)."""
        got = self.cache.get(key)
        if got is None:
            strings = self.vocab.strings
            values = {"TAG": strings[key[0]] if key[0] else "", "LOWER": strings[key[1]] if key[1] else "",
                      "DEP": strings[key[2]] if key[2] else "", "IS_SPACE": bool(key[3])}
            specs = self.general + self.by_lower.get(key[1], []) if key[1] else self.general
            got = tuple(sorted(a for a, spec in specs if all(_test(values[k], w) for k, w in spec.items())))
            self.cache[key] = got
        return got

    def __call__(self, doc: Doc) -> Doc:
        """``doc`` with the ruler's attributes set, as the ruler itself sets them."""
        n = len(doc)
        if not n:
            return doc
        named = self.by_lower
        per_token: list[list[int]] = [
            list(self._ids((tag, lower if lower in named else 0, dep, space)))
            for tag, lower, dep, space in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        ]
        if self.n_complex:
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                attr_id = int(self.vocab.strings[match_id])
                index = self.ruler.indices[attr_id]
                per_token[range(start, end)[index]].append(attr_id)
        arr: Any = doc.to_array(list(_SET))
        dep_set: list[tuple[int, int]] = []
        for i, ids in enumerate(per_token):
            if len(ids) > 1:
                ids.sort()
            for attr_id in ids:
                for attr, value in self.ruler.attrs[attr_id].items():
                    if attr == DEP:
                        dep_set.append((i, value))
                    else:
                        arr[i, _SET.index(attr)] = value
        doc.from_array(list(_SET), arr)
        for i, value in dep_set:
            doc[i].dep = value
        return doc


class LemmatizerCache:
    """spaCy's rule ``Lemmatizer`` answered per ``(orth, pos, morph)`` (see the module docstring)."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}
        self._index: dict[str, frozenset[str]] = {}

    def __call__(self, doc: Doc) -> Doc:
        """``doc`` with a lemma on every token that had none, as the lemmatizer gives it."""
        if not len(doc):
            return doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        cache, strings = self.cache, doc.vocab.strings
        lemmas = arr[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            got = cache.get(key)
            if got is None:
                got = strings.add(self.lemma(doc[i]))
                cache[key] = got
            lemmas[i] = got
        column: Any = lemmas.reshape(-1, 1).astype(numpy.uint64)
        doc.from_array([LEMMA], column)
        return doc

    def lemma(self, token: Any) -> str:
        """The lemmatizer's first lemma for ``token``: its ``rule_lemmatize`` step by step, with each
        part of speech's word index read as a set (spaCy scans it as a list for every new word)."""
        lem = self.lemmatizer
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space") or lem.is_base_form(token):
            return str(lem.lemmatize(token)[0])  # spaCy's own answer (and its warning for no pos)
        index_table = lem.lookups.get_table("lemma_index", {})
        exc_table = lem.lookups.get_table("lemma_exc", {})
        rules_table = lem.lookups.get_table("lemma_rules", {})
        if not any((index_table.get(univ_pos), exc_table.get(univ_pos), rules_table.get(univ_pos))):
            return string if univ_pos == "propn" else string.lower()
        if univ_pos not in self._index:
            self._index[univ_pos] = frozenset(index_table.get(univ_pos, {}))
        index = self._index[univ_pos]
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, {})
        orig, string = string, string.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        return forms[0]


def _count_patterns(ruler: Any) -> int:
    """How many token patterns ``ruler`` holds (as its ``patterns`` property lists them)."""
    return sum(len(entry["patterns"]) for entry in ruler.patterns)


def stand_in(nlp: Any, name: str) -> Any:
    """The cached stand-in for component ``name`` of ``nlp`` (kept on ``nlp``), or None when there is
    none: only spaCy's ``AttributeRuler`` (whose patterns are all read back) and a rule-mode,
    non-overwriting ``Lemmatizer`` have one. Patterns added to the ruler later are not seen."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    cache = nlp.__dict__.setdefault("_wm_stand_ins", {})
    if name not in cache:
        proc = nlp.get_pipe(name)
        fast: Any = None
        if isinstance(proc, AttributeRuler):
            try:
                fast = AttributeRulerCache(proc)
            except (KeyError, TypeError, ValueError):  # a ruler not laid out as spaCy 3.8 lays it out
                fast = None
            if fast is not None and fast.n_patterns != _count_patterns(proc):
                fast = None
        elif isinstance(proc, Lemmatizer) and proc.mode == "rule" and not proc.overwrite:
            fast = LemmatizerCache(proc)
        cache[name] = fast
    return cache[name]


def run_component(nlp: Any, name: str, docs: Iterable[Doc]) -> list[Doc]:
    """``docs`` through component ``name`` of ``nlp`` (its cached stand-in when it has one)."""
    fast = stand_in(nlp, name)
    if fast is not None:
        return [fast(doc) for doc in docs]
    return list(nlp.get_pipe(name).pipe(docs, batch_size=BATCH))


def run_pipeline(nlp: Any, doc: Doc) -> Doc:
    """``doc`` through every component of ``nlp`` in order (what ``nlp(doc)`` does, faster); anything
    but a spaCy ``Language`` is simply called."""
    from spacy.language import Language

    if not isinstance(nlp, Language):
        return nlp(doc)  # type: ignore[no-any-return]
    for name in nlp.pipe_names:
        doc = run_component(nlp, name, [doc])[0]
    return doc


__all__ = ["AttributeRulerCache", "LemmatizerCache", "run_component", "run_pipeline", "stand_in"]
