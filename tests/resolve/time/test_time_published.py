"""Publication-date inference on articles written for these tests."""
from __future__ import annotations

import pytest

from warmonitor.model import Article, Caption
from warmonitor.resolve.time import infer_published
from warmonitor.resolve.time.published import from_url

LEDE = "Farmers blocked the coastal road early on Friday, local radio reported.\n\nThe protest grew through the day."


@pytest.mark.parametrize(
    ("furniture", "expected"),
    [
        (["Wed 05 Apr 2017 10.00 BST"], "2017-04-05"),
        (["Updated: December 6, 2024 at 9:14 a.m."], "2024-12-06"),
        (["Published 06/12/2024 08:00", "Updated 07/12/2024"], "2024-06-12"),
        (["Posted: 2019-03-14T08:30:00Z"], "2019-03-14"),
        (["Updated:", "Saturday, 14 March 2020"], "2020-03-14"),
        (["14, March 2020"], "2020-03-14"),
        (["Published: 2020/03/14 08:00"], "2020-03-14"),
        (["Veröffentlicht 14.03.2020"], "2020-03-14"),
        (["Updated 8:14 AM ET, Sat March 14, 2020"], "2020-03-14"),
        (["Published April 24 2017 Farmers blocked the road again. " + "The dispute is old. " * 5
          + "The first blockade was on May 25 2012."], "2017-04-24"),
        (["Last updated at Sep 092018 RIVERTON Farmers blocked the road on Sunday. " + "It is old. " * 20],
         "2018-09-09"),
    ],
)
def test_dateline_in_page_furniture(furniture: list[str], expected: str) -> None:
    art = Article(body=LEDE, furniture=furniture)
    date, how, conf = infer_published(art)
    assert (date, how) == (expected, "page")
    assert conf >= 0.9


def test_date_in_the_headline() -> None:
    art = Article(body=LEDE, headline="Road blockade, 6 December 2024: what we know")
    assert infer_published(art)[:2] == ("2024-12-06", "page")


def test_dateline_at_the_start_of_the_body() -> None:
    art = Article(body="PORT TOWN, March 3, 2021 - Fishermen stayed ashore on Wednesday.")
    assert infer_published(art)[:2] == ("2021-03-03", "page")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.org/2024/12/06/farmers-block-road", "2024-12-06"),
        ("https://news.example.org/world/2019-03-14-ferry-strike.html", "2019-03-14"),
        ("https://news.example.org/a/20200314/ferry", "2020-03-14"),
        ("https://news.example.org/world/2024/dec/06/ferry-strike", "2024-12-06"),
        ("https://news.example.org/world/2024/abc/06/ferry-strike", None),
        ("https://news.example.org/world/ferry-strike", None),
    ],
)
def test_url_date_path(url: str, expected: str | None) -> None:
    assert from_url(url) == expected
    if expected:
        assert infer_published(Article(body=LEDE, url=url))[:2] == (expected, "url")


def test_weekday_after_a_dated_caption() -> None:
    art = Article(
        body=LEDE + "\n\nThe mayor said late on Thursday that talks would resume.",
        captions=[Caption(text="Tractors on the coastal road.", credit="Photo: A. Writer", date="2024-12-03")],
    )
    date, how, conf = infer_published(art)
    assert (date, how) == ("2024-12-06", "inferred")
    assert 0.5 <= conf < 0.9


def test_caption_on_the_day_after_the_lede_weekday() -> None:
    art = Article(body=LEDE, captions=[Caption(text="Tractors at dawn.", date="2024-12-07")])
    assert infer_published(art)[:2] == ("2024-12-07", "inferred")


def test_caption_date_read_from_the_caption_text() -> None:
    art = Article(body=LEDE, captions=[Caption(text="Tractors on the coastal road on Dec. 3, 2024.")])
    assert infer_published(art)[:2] == ("2024-12-06", "inferred")


def test_explicit_body_date_with_weekday() -> None:
    art = Article(body="The dam gave way on Nov. 28, 2024. Villagers returned home on Monday to find mud.")
    assert infer_published(art)[:2] == ("2024-12-02", "inferred")


def test_future_weekday_does_not_date_the_article() -> None:
    art = Article(body="The council will vote on Monday. The storm hit on Nov. 28, 2024.")
    date, how, conf = infer_published(art)
    assert (date, how) == ("2024-11-28", "inferred")
    assert conf < 0.5


def test_article_with_no_date_anywhere() -> None:
    art = Article(body="Farmers blocked the coastal road, local radio reported. The protest grew.", headline="Road blocked")
    assert infer_published(art) == (None, None, 0.0)


def test_one_day_after_chain_with_a_yearless_date() -> None:
    art = Article(
        body="Herders entered the valley on Friday, one day after they took the pass on Dec. 5.",
        captions=[Caption(text="Herders near the pass.", date="2024-12-02")],
    )
    assert infer_published(art)[:2] == ("2024-12-06", "inferred")


def test_background_date_late_in_the_text_does_not_date_the_article() -> None:
    filler = "The valley is known for its orchards and its old stone bridges. " * 15
    art = Article(body="Herders entered the valley on Friday.\n\n" + filler + "The pass fell on Oct. 7, 2019.")
    assert infer_published(art) == (None, None, 0.0)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("15-09-2013 Ferry Service Suspended on the Lake. The ferry did not sail on Sunday.", "2013-09-15"),
        ("02.10.2017Get short URL 0 12 Villagers repaired the bridge on Monday.", "2017-10-02"),
        ("Date of publication 10 July 2016 Villagers repaired the bridge on Sunday.", "2016-07-10"),
        ("Posted on April 19 2017 by a staff writer Villagers repaired the bridge.", "2017-04-19"),
        ("Harbour Reopens After Storm Coast News 0041 06.04.2017 The harbour reopened.", "2017-04-06"),
        ("The harbour reopened after the storm. " * 8 + "Repairs began on 06.04.2017 in the port.", None),
        ("Villagers said on 12 July 2016 they would repair the bridge.", None),
        ("Last updated at Mar 072019 RIVERTON Villagers repaired the bridge on Tuesday.", "2019-03-07"),
        ("Updated Nov 302020 - The ferry sailed again.", "2020-11-30"),
        ("Call 052017 for the ferry timetable on Monday.", None),
    ],
)
def test_stamp_at_the_top_of_the_body(body: str, expected: str | None) -> None:
    """A date opening the body, alone or after a dateline keyword, or a date in digits near the top,
    stamps the page whatever follows; a date in words inside the first sentence does not."""
    date, how, _ = infer_published(Article(body=body))
    if expected is None:
        assert how != "page"
    else:
        assert (date, how) == (expected, "page")


@pytest.mark.parametrize(
    "url,body,expected",
    [
        ("https://wire.example/2031/06/rebels-hold-staff", "Port Vell, Jun. 7, (Wire) - Rebels held aid staff on Thursday.", "2031-06-07"),
        ("https://wire.example/2031/06/rebels-hold-staff", "PORT VELL, June 7 (Wire) - Rebels held aid staff.", "2031-06-07"),
        # the dateline's month is not the URL's: not trusted
        ("https://wire.example/2031/06/rebels-hold-staff", "Port Vell, Mar. 7, (Wire) - Rebels held aid staff.", None),
        # no year in the URL path
        ("https://wire.example/news/rebels-hold-staff", "Port Vell, Jun. 7, (Wire) - Rebels held aid staff.", None),
        # a month-day deep in the prose is no dateline
        ("https://wire.example/2031/06/x", "Rebels who seized the depot of Port Vell in the spring held aid staff on June 7.", None),
    ],
)
def test_yearless_wire_dateline_in_the_url_month(url: str, body: str, expected: str | None) -> None:
    date, how, _ = infer_published(Article(body=body, url=url))
    assert date == expected
    if expected:
        assert how == "page"
