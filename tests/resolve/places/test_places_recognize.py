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


# a small gazetteer-only place next to another capitalised word is a word of another name
OTHER_NAME = [
    ("The crew of the Iron Dome battery fired twice.", "Iron", 40_000, True),         # "Iron" of "Iron Dome"
    ("The crew of the Iron Dome battery fired twice.", "Dome", 40_000, True),
    ("The crew of the Iron Dome battery fired twice.", "Iron", 2_000_000, False),     # a big place: kept
    ("Troops entered Dome Province on Monday.", "Dome", 40_000, False),             # a qualifier after it
    ("Iron residents fled on Monday.", "Iron", 40_000, False),                       # a sentence start
    ("Officers of the Dome Police searched the houses.", "Dome", 40_000, False),    # a common capitalised word
    ("Witnesses saw smoke over Tallow Dome on Monday.", "Dome", 40_000, True),      # "Dome" of "Tallow Dome"
    ("Witnesses saw smoke over Dome on Monday.", "Dome", 40_000, False),
]


@pytest.mark.parametrize("text,word,pop,expected", OTHER_NAME)
def test_inside_other_name(text, word, pop, expected):
    from warmonitor.resolve.places.lexicon import load_lexicon
    from warmonitor.resolve.places.recognize import _inside_other_name

    start = text.index(word)
    assert _inside_other_name(text, start, start + len(word), pop, load_lexicon()) is expected


# A state abbreviated "QX" and a village spelled "Qx" (fictional): the capital form names only text so written.
ABBREV_RECORDS = [
    {"name": "Quexland", "aliases": ["QX"], "lat": 10.0, "lon": 10.0, "country": "US", "admin1": "Quexland",
     "feature": "admin1", "population": 3_000_000},
    {"name": "Qx", "lat": 61.0, "lon": 9.0, "country": "NO", "population": 2_000},
]


@pytest.mark.parametrize("text,word,pop", [
    ("Guards in QX said so.", "QX", 1_000_000_000),   # written as the abbreviation: the state counts
    ("Qx Brigade fighters left.", "Qx", 2_000),        # title case: only the village so named
])
def test_short_capital_form_names_only_text_so_written(text, word, pop):
    from warmonitor.resolve.places import Gazetteer
    from warmonitor.resolve.places.recognize import matcher_for

    gaz = Gazetteer.from_records(ABBREV_RECORDS)
    found = {text[s:e]: p for s, e, p, kind in matcher_for(gaz).matches(text) if kind == "name"}
    assert found[word] == pop
    names = [c.place.name for c in gaz.candidates(word)]
    assert ("Quexland" in names) == word.isupper()
