"""warmonitor.nlp.doc: full and candidate-only parsing keep every offset into the text."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warmonitor.errors import UsageError
from warmonitor.nlp import load_nlp
from warmonitor.nlp.doc import PARSE_MODES, TextDoc, parse, text_doc

# Fictional sentences, written for these tests.
TEXT = (
    "The river town of Ostvale was quiet on Monday morning.\n\n"
    "Rebels shelled the market in Ostvale on Tuesday, killing four people, the mayor said. "
    "Farmers sold apples and pears.  Prices rose slightly.\n"
    "Government troops clashed with the rebels near Dren. "
    "A choir sang in the old church of Marisa Kell."
)
STRETCH = (TEXT.index("Rebels"), TEXT.index(" Farmers"))  # the shelling sentence


def _sig(doc):
    return [(t.idx, t.text, t.whitespace_, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_,
             t.norm_, t.is_sent_start) for t in doc]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_full_is_what_nlp_gives(nlp):
    doc = parse(nlp, TEXT, "full")
    assert isinstance(doc, TextDoc)
    assert _sig(doc) == _sig(nlp(TEXT))


def test_candidates_over_everything_is_full(nlp):
    assert _sig(parse(nlp, TEXT, "candidates", [(0, len(TEXT))])) == _sig(parse(nlp, TEXT, "full"))


@pytest.mark.parametrize("stretches", [[], [STRETCH], [(0, 10), STRETCH], [(5, len(TEXT) - 5)], [STRETCH, STRETCH]])
def test_candidates_offsets_index_the_text(nlp, stretches):
    doc = parse(nlp, TEXT, "candidates", stretches)
    assert doc.text == TEXT
    for tok in doc:
        assert TEXT[tok.idx: tok.idx + len(tok.text)] == tok.text
    sents = list(doc.sents)
    assert sents[0].start == 0 and sents[-1].end == len(doc)
    assert "".join(s.text_with_ws for s in sents) == TEXT
    for s in sents:
        assert TEXT[s.start_char: s.end_char] == s.text
    for ent in doc.ents:
        assert TEXT[ent.start_char: ent.end_char] == ent.text


@pytest.mark.parametrize("stretches", [[], [STRETCH], [(0, 10)]])
def test_whole_ner_gives_the_full_entities(nlp, stretches):
    doc = parse(nlp, TEXT, "candidates", stretches, whole=("ner",))
    full = parse(nlp, TEXT, "full")
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
        (e.start_char, e.end_char, e.label_) for e in full.ents]


def test_candidates_parse_only_the_stretches(nlp):
    doc = parse(nlp, TEXT, "candidates", [STRETCH], context=0)
    inside = [t for t in doc if STRETCH[0] <= t.idx < STRETCH[1]]
    outside = [t for t in doc if (t.idx >= STRETCH[1] or t.idx < STRETCH[0]) and not t.is_space]
    assert any(t.dep_ == "nsubj" for t in inside) and all(t.tag_ for t in inside)
    assert all(t.tag_ == "" and t.ent_type_ == "" for t in outside)
    # each unparsed sentence: its first token a ROOT, the others without a label (nor a head of their own)
    assert all(t.dep_ == ("ROOT" if t.is_sent_start else "") and t.head.i == t.i for t in outside)
    assert any(s.start_char == STRETCH[0] for s in doc.sents)
    assert any(e.text == "Ostvale" and e.start_char > STRETCH[0] for e in doc.ents)


@pytest.mark.parametrize("context, parsed, unparsed", [
    (0, ["Rebels"], ["quiet", "Farmers", "Prices"]),
    (1, ["quiet", "Rebels", "Farmers"], ["Prices", "Government"]),
    (2, ["quiet", "Rebels", "Farmers", "Prices"], ["Government", "choir"]),
])
def test_context_sentences_are_parsed(nlp, context, parsed, unparsed):
    doc = parse(nlp, TEXT, "candidates", [STRETCH], context=context)
    tags = {t.text: t.tag_ for t in doc}
    assert all(tags[w] for w in parsed), tags
    assert not any(tags[w] for w in unparsed), tags


@pytest.mark.parametrize("context", [0, 1, 2])
def test_unparsed_sentences_keep_their_boundaries(nlp, context):
    """Sentences after a parsed stretch stay sentences of their own (not glued to the parsed one)."""
    doc = parse(nlp, TEXT, "candidates", [STRETCH], context=context)
    ours = [s.text.strip() for s in doc.sents if s.text.strip()]
    full = [s.text.strip() for s in parse(nlp, TEXT, "full").sents if s.text.strip()]
    assert ours == full


def test_entities_come_from_the_parsed_stretches(nlp):
    """Entities are read where the models ran, and match the full parse's there."""
    doc = parse(nlp, TEXT, "candidates", [STRETCH], context=0)
    ents = {(e.start_char, e.label_) for e in doc.ents}
    assert ents and all(STRETCH[0] <= start < STRETCH[1] for start, _label in ents)
    full = {(e.start_char, e.label_) for e in parse(nlp, TEXT, "full").ents}
    assert ents <= full


def test_alone_ranges_are_parsed_without_context(nlp):
    """A claim's sentence ("alone") is parsed as a whole sentence, its neighbours are not."""
    choir = TEXT.index("A choir")
    doc = parse(nlp, TEXT, "candidates", [STRETCH], context=1, alone=[(choir + 2, choir + 7)])
    tags = {t.text: t.tag_ for t in doc}
    assert all(tags[w] for w in ("quiet", "Rebels", "Farmers", "choir", "church"))
    assert not any(tags[w] for w in ("Prices", "Government")), tags


def test_bad_context(nlp):
    with pytest.raises(UsageError, match="context -1"):
        parse(nlp, TEXT, "candidates", [STRETCH], context=-1)


def test_text_doc_keeps_tokens_and_caches_text(nlp):
    base = nlp.make_doc(TEXT)
    doc = text_doc(base)
    assert [(t.text, t.whitespace_, t.norm_) for t in doc] == [(t.text, t.whitespace_, t.norm_) for t in base]
    assert doc.text == TEXT and doc.text is doc.text and doc.text_with_ws == TEXT
    assert text_doc(nlp.make_doc("")).text == ""
    given = text_doc(nlp.make_doc(TEXT), TEXT)
    assert given.text is TEXT and [t.text for t in given] == [t.text for t in base]
    assert text_doc(nlp.make_doc(TEXT), TEXT + "x").text == TEXT  # a text that is not the doc's is not kept


@pytest.mark.parametrize("mode", ["fast", "", "FULL"])
def test_bad_mode(nlp, mode):
    assert mode not in PARSE_MODES
    with pytest.raises(UsageError, match="parse mode"):
        parse(nlp, TEXT, mode)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT))), max_size=4))
def test_any_stretches_keep_offsets(nlp, pairs):
    stretches = [(min(a, b), max(a, b)) for a, b in pairs]
    doc = parse(nlp, TEXT, "candidates", stretches)
    assert doc.text == TEXT
    assert all(TEXT[t.idx: t.idx + len(t)] == t.text for t in doc)
    assert sum(len(s) for s in doc.sents) == len(doc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("ab C.!?;:,\n\"')(-\u2026\u3002")), max_size=60))
def test_sentence_starts_are_the_sentencizers(nlp, text):
    from spacy.pipeline import Sentencizer

    from warmonitor.nlp.doc import _sentence_starts

    doc = text_doc(nlp.make_doc(text))
    want = [1 if g else 0 for g in Sentencizer().predict([doc])[0]] if len(doc) else []
    assert _sentence_starts(doc) == want
