"""warmonitor.resolve.places.recognize: the token at an offset, in fully and partly tagged docs."""
from __future__ import annotations

import pytest
import spacy

from warmonitor.nlp import load_nlp
from warmonitor.nlp.doc import parse
from warmonitor.resolve.places.recognize import TokensByStart

# Fictional sentences, written for these tests.
TEXT = "Farmers sold pears in Ostvale. Rebels shelled the market in Dren on Monday. The choir sang."
STRETCH = (TEXT.index("Rebels"), TEXT.index(" The choir"))


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.mark.parametrize("word,found", [("Farmers", True), ("Ostvale", True), ("Dren", True), ("arm", False)])
def test_full_parse_every_token(nlp, word, found):
    tokens = TokensByStart(parse(nlp, TEXT, "full"))
    tok = tokens.get(TEXT.index(word))
    assert (tok is not None) == found
    if found:
        assert tok.text == word and tokens[TEXT.index(word)].i == tok.i


@pytest.mark.parametrize("word,found", [("Ostvale", False), ("Dren", True), ("choir", False), ("The", True)])
def test_partly_tagged_untagged_tokens_say_nothing(nlp, word, found):
    """Untagged tokens are not given, so no part-of-speech test vetoes them; stop words still are."""
    doc = parse(nlp, TEXT, "candidates", [STRETCH], context=0)
    tok = TokensByStart(doc).get(TEXT.index(word))
    assert (tok is not None) == found
    if not found:
        with pytest.raises(KeyError):
            TokensByStart(doc)[TEXT.index(word)]


def test_untagged_doc_keeps_its_tokens():
    blank = spacy.blank("en")
    assert TokensByStart(blank(TEXT)).get(TEXT.index("Dren")).text == "Dren"
    assert TokensByStart(None).get(0) is None
    assert TokensByStart(blank("")).get(0) is None
