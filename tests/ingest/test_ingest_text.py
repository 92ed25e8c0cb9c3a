"""Plain text as copied from a page: furniture told apart from the body (fixtures written for the project)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmonitor.errors import InputError
from warmonitor.ingest import from_text
from warmonitor.ingest.dates import find_date, is_dateline, normalise_date

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "eval" / "dev" / "seed-homs-2024-12-06"

PAGE = """Militia Retakes Hill Town After Week of Clashes

Fighters loyal to the council said they entered the town at dawn on Tuesday.
Militia Retakes Hill Town After Week of Clashes
Smoke rises over the hill town of Karvel on March 4, 2023. Example Photo/Jo Lind
Maria Ostrova
Updated: March 5, 2023 10:12 GMT
0:00

The militia entered the town of Karvel early on Tuesday after a week of clashes, two residents said.

The army said it had withdrawn to avoid civilian casualties.

The Daily Example is not able to verify the claims independently.

Example Wire and Second Wire contributed to this report.
Maria Ostrova
Author
Maria Ostrova is a journalist covering the region for the Daily Example.
"""


@pytest.fixture(scope="module")
def page():
    return from_text(PAGE)


@pytest.mark.parametrize(
    "field, expected",
    [
        ("headline", "Militia Retakes Hill Town After Week of Clashes"),
        ("standfirst", "Fighters loyal to the council said they entered the town at dawn on Tuesday."),
        ("byline", ["Maria Ostrova"]),
        ("outlet", "The Daily Example"),
        ("contributors", ["Example Wire", "Second Wire"]),
        ("language", "en"),
        ("furniture", ["Updated: March 5, 2023 10:12 GMT"]),
    ],
)
def test_page_fields(page, field, expected):
    assert getattr(page, field) == expected


def test_page_caption(page):
    assert len(page.captions) == 1
    cap = page.captions[0]
    assert cap.text.startswith("Smoke rises over the hill town")
    assert cap.credit == "Example Photo/Jo Lind"
    assert cap.date == "2023-03-04"


@pytest.mark.parametrize("absent", ["Updated:", "0:00", "is a journalist covering", "Author", "Smoke rises", "Jo Lind"])
def test_page_body_has_no_furniture(page, absent):
    assert absent not in page.body


def test_page_body_bounds(page):
    assert page.body.startswith("The militia entered the town of Karvel")
    assert page.body.endswith("contributed to this report.")
    assert page.body.count("Militia Retakes Hill Town") == 0


@pytest.mark.parametrize(
    "raw, field, expected",
    [
        # no headline shape (first line is a sentence): everything is body
        ("Gunmen killed four people in a raid on a village on Sunday, police said.\nMore text follows here today.",
         "headline", None),
        # section label and advertisement before the headline are dropped
        ("NEWS\nAdvertisement\nRebels shell border post\n\nRebels shelled a border post overnight, officials said.",
         "headline", "Rebels shell border post"),
        # a dateline line goes to furniture
        ("Clashes erupt near the port\nWed 05 Apr 2017 10.32 BST\nClashes erupted near the port on Wednesday, witnesses said.",
         "furniture", ["Wed 05 Apr 2017 10.32 BST"]),
        ("Clashes erupt near the port\nPublished Oct 18, 2021 06:55 am\nClashes erupted near the port, witnesses said.",
         "furniture", ["Published Oct 18, 2021 06:55 am"]),
        # 'By' bylines, two names, ALL CAPS title-cased
        ("Strike hits depot\nBy JOHN DOE and Ann Lee\nA strike hit a fuel depot on Monday, the governor said.",
         "byline", ["John Doe", "Ann Lee"]),
        # credit on its own line attaches to the caption above
        ("Strike hits depot\n\nA burned truck near the depot on Monday.\n(Jane Roe / Associated Press)\n\nA strike hit a fuel depot on Monday, the governor said.",
         "captions", [{"text": "A burned truck near the depot on Monday.", "credit": "Jane Roe / Associated Press", "date": None}]),
        # caption in the middle of the body with 'Photo:' credit
        ("A strike hit a fuel depot on Monday, the governor said.\nFirefighters at the depot on 7 May 2022. Photo: Regional Emergency Service\nThe fire burned for hours.",
         "captions", [{"text": "Firefighters at the depot on 7 May 2022.", "credit": "Regional Emergency Service", "date": "2022-05-07"}]),
        # a copyright line names the outlet and leaves the body
        ("Talks stall over ceasefire lines\nTalks stalled on Friday over where the ceasefire lines should run.\n© 2024 Example Herald. All rights reserved.",
         "outlet", "Example Herald"),
        # additional reporting line
        ("Talks stall over ceasefire lines\nTalks stalled on Friday over the lines.\nAdditional reporting by Sam Field and Kit Moss.",
         "contributors", ["Sam Field", "Kit Moss"]),
        # meta wins
        ("Talks stall\nTalks stalled on Friday over the lines, delegates said.", "outlet", "Meta Outlet"),
        # url host when nothing else names the outlet
        ("Talks stall\nTalks stalled on Friday over the lines, delegates said.", "url", "https://www.news.example.org/a/b"),
    ],
)
def test_shapes(raw, field, expected):
    meta = {}
    if expected == "Meta Outlet":
        meta["outlet"] = "Meta Outlet"
    if field == "url":
        meta["url"] = expected
    art = from_text(raw, meta)
    value = getattr(art, field)
    if field == "captions":
        value = [c.to_dict() for c in value]
    assert value == expected
    if field == "url":
        assert art.outlet == "news.example.org"


def test_outlet_is_url_host_without_meta_outlet():
    art = from_text("Talks stall\nTalks stalled on Friday over the lines.", {"url": "https://www.news.example.org/x"})
    assert art.outlet == "news.example.org"


@pytest.mark.parametrize(
    "meta, published, how, conf",
    [
        ({"published": "2024-12-06"}, "2024-12-06", "metadata", 1.0),
        ({"published": "2024-12-06T10:00:00Z"}, "2024-12-06", "metadata", 1.0),
        ({"published": None}, None, None, 0.0),
        ({}, None, None, 0.0),
    ],
)
def test_meta_published(meta, published, how, conf):
    art = from_text("Rebels seize town\nRebels seized the town on Friday, residents said.", meta)
    assert (art.published, art.published_how, art.published_confidence) == (published, how, conf)


def test_meta_bad_published_kept_as_furniture():
    art = from_text("Rebels seized the town on Friday, residents said.", {"published": "someday"})
    assert art.published is None and "published: someday" in art.furniture


def test_hard_wrapped_paragraph_is_joined():
    art = from_text("Rebels seized the town on Friday after\nheavy fighting, residents said.\n\nThe army withdrew.")
    assert art.body.startswith("Rebels seized the town on Friday after heavy fighting")


def test_single_headline_line_kept_as_body():
    art = from_text("Rebels seize town")
    assert art.body == "Rebels seize town"


@pytest.mark.parametrize(
    "text, date",
    [
        ("on Dec. 3, 2024", "2024-12-03"),
        ("Kyiv, 7 December 2024", "2024-12-07"),
        ("taken 2023-01-09 at noon", "2023-01-09"),
        ("on September 31, 2024", None),
        ("last Tuesday", None),
    ],
)
def test_find_date(text, date):
    assert find_date(text) == date


@pytest.mark.parametrize(
    "line, ok",
    [("Wed 05 Apr 2017 10.32 BST", True), ("21, November 2023", True), ("9:35 am on 23 July 2013", True),
     ("Monday, August 25, 2014", True), ("Rebels took the town on May 3", False), ("Guy Fawkes", False)],
)
def test_is_dateline(line, ok):
    assert is_dateline(line) is ok


@given(st.one_of(st.none(), st.integers(), st.text(max_size=40)))
def test_normalise_date_never_raises(value):
    out = normalise_date(value)
    assert out is None or len(out) == 10


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600))
def test_from_text_raises_only_input_errors(raw):
    try:
        art = from_text(raw)
    except InputError:
        return
    assert art.body.strip()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "Rebels Take Town", "", "Updated:", "0:00", "By Jo Lind", "Jo Lind", "Author", "Advertisement",
    "Smoke over the town on May 1, 2020. Example Photo/Jo Lind", "The army withdrew from the town, officials said.",
    "Example Wire contributed to this report.", "Jo Lind is a reporter covering the war.", "© 2020 Example",
]), max_size=14))
def test_from_text_on_furniture_soup(lines):
    try:
        art = from_text("\n".join(lines))
    except InputError:
        return
    assert art.body.strip()
    assert "0:00" not in art.body.split("\n\n")


@pytest.mark.skipif(not SEED.exists(), reason="../shared not present")
def test_seed_article_block():
    gold = json.loads((SEED / "gold.json").read_text(encoding="utf-8"))["article"]
    art = from_text((SEED / "article.txt").read_text(encoding="utf-8"))
    assert art.headline == gold["headline"]
    assert art.standfirst == gold["standfirst"]
    assert art.byline == gold["byline"]
    assert art.outlet == gold["outlet"]
    assert art.contributors == gold["contributors"]
    assert art.published is None
    assert len(art.captions) == len(gold["captions"])
    for cap, want in zip(art.captions, gold["captions"], strict=True):
        assert cap.text.startswith(want["text_starts"])
        assert cap.credit == want["credit"]
        assert cap.date == want["date"]
    assert art.body.startswith(gold["body_starts"])
    assert art.body.rstrip().endswith(gold["body_ends"])
    for bad in gold["must_not_be_in_body"]:
        assert bad not in art.body
    assert art.language == "en"


def test_no_standfirst_without_headline():
    raw = (
        "Gunmen killed four people in a raid on a village on Sunday, police said.\n"
        "The attackers fled on motorcycles, a witness said.\n"
        "Police at the scene on May 2, 2021. Photo: Example Agency\n"
        "The village lies near the border."
    )
    art = from_text(raw)
    assert art.standfirst is None and art.body.startswith("Gunmen killed four people")
    assert [c.credit for c in art.captions] == ["Example Agency"]


@pytest.mark.parametrize(
    "first, headline",
    [
        ("21, November 2023", None),
        ("Monday, August 25, 2014", None),
        ("Published Oct 18, 2021 06:55 am", None),
        ("09/28/2024 September 28, 2024 Rebels shell the border post", "Rebels shell the border post"),
    ],
)
def test_leading_date_lines(first, headline):
    art = from_text(first + "\n\nRebels shelled a border post overnight, officials said on Tuesday.")
    assert art.headline == headline
    assert art.body.startswith("Rebels shelled a border post")
    assert art.furniture == [first]
