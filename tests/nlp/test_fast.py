"""warmonitor.nlp.fast: the cached attribute ruler and lemmatizer give spaCy's own annotations."""
from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from warmonitor.nlp import load_nlp
from warmonitor.nlp.fast import AttributeRulerCache, LemmatizerCache, run_component, run_pipeline, stand_in

# Fictional sentences, written for these tests: ordinary prose, the contractions and word pairs the
# ruler's several-token patterns name, pronouns as subjects and objects, runs of spaces.
TEXTS = [
    "Rebels shelled the market in Ostvale on Tuesday, killing four people, the mayor said.",
    "I ain't gonna wait, y'all. Let's go! Gotta leave before it gets dark; c'mon.",
    "It hit you and you hit it. There is a ferry, there were boats, and there's a bridge.",
    "But the villagers did say that they had fled.  \n\n The governors' offices were burned.",
    "She does the books; he did not. They have had enough, and we have won.",
    "   ",
    "The U.N. envoy met Gen. Dorr in the Hollow Hills at 3 p.m. on Jan. 4.",
]
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _parsed(nlp, text):
    doc = nlp.make_doc(text)
    for name in ("tok2vec", "tagger", "parser"):
        doc = nlp.get_pipe(name)(doc)
    return doc


@pytest.mark.parametrize("text", TEXTS)
def test_ruler_and_lemmatizer_match_spacy(nlp, text):
    ours, theirs = _parsed(nlp, text), _parsed(nlp, text)
    ruler, lemmatizer = AttributeRulerCache(nlp.get_pipe("attribute_ruler")), LemmatizerCache(nlp.get_pipe("lemmatizer"))
    ours = lemmatizer(ruler(ours))
    theirs = nlp.get_pipe("lemmatizer")(nlp.get_pipe("attribute_ruler")(theirs))
    assert ours.to_array(ATTRS).tolist() == theirs.to_array(ATTRS).tolist()
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]


def test_cache_answers_again_the_same(nlp):
    ruler, lemmatizer = AttributeRulerCache(nlp.get_pipe("attribute_ruler")), LemmatizerCache(nlp.get_pipe("lemmatizer"))
    first = [lemmatizer(ruler(_parsed(nlp, t))).to_array(ATTRS).tolist() for t in TEXTS]
    again = [lemmatizer(ruler(_parsed(nlp, t))).to_array(ATTRS).tolist() for t in TEXTS]
    assert first == again
    assert ruler.cache and lemmatizer.cache


def test_run_pipeline_is_nlp(nlp):
    text = " ".join(TEXTS)
    assert run_pipeline(nlp, nlp.make_doc(text)).to_array(ATTRS).tolist() == nlp(text).to_array(ATTRS).tolist()
    assert [(e.start, e.end, e.label_) for e in run_pipeline(nlp, nlp.make_doc(text)).ents] == \
        [(e.start, e.end, e.label_) for e in nlp(text).ents]


@pytest.mark.parametrize("name,kind", [("attribute_ruler", AttributeRulerCache), ("lemmatizer", LemmatizerCache),
                                       ("parser", type(None)), ("ner", type(None))])
def test_stand_ins(nlp, name, kind):
    assert isinstance(stand_in(nlp, name), kind)
    assert stand_in(nlp, name) is stand_in(nlp, name)  # kept


def test_run_component_on_no_docs(nlp):
    assert run_component(nlp, "attribute_ruler", []) == []
    assert run_component(nlp, "parser", []) == []


def test_empty_doc(nlp):
    doc = nlp.make_doc("")
    assert len(stand_in(nlp, "lemmatizer")(stand_in(nlp, "attribute_ruler")(doc))) == 0


def test_other_callables_are_called():
    blank = spacy.blank("en")
    assert [t.text for t in run_pipeline(blank, blank.make_doc("Two words"))] == ["Two", "words"]
    assert run_pipeline(lambda doc: "called", blank.make_doc("x")) == "called"
