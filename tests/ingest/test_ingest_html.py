"""HTML pages via trafilatura: metadata, charset, hostile markup (pages written for the project)."""
from __future__ import annotations

import pytest

from warmonitor.errors import EncodingError, NoText
from warmonitor.ingest import from_html

PARA = (
    "<p>Rebel fighters entered the market town of Valden early on Friday after two days of clashes, "
    "residents said, and the army said it had pulled back to new lines to the south.</p>"
    "<p>Thousands of residents left the town during the fighting, heading toward the provincial capital, "
    "according to local officials who spoke by telephone.</p>"
    "<p>Example Wire contributed to this report.</p>"
)


def page(head: str = "", body: str = PARA, charset: str = "utf-8") -> str:
    return (
        f'<!doctype html><html><head><meta charset="{charset}"><title>Rebels enter Valden</title>{head}</head>'
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><script>var tracking = 1;</script>"
        f"<article><h1>Rebels enter Valden</h1>{body}</article><footer>Contact us</footer></body></html>"
    )


META = (
    '<meta name="author" content="Ana Ruiz">'
    '<meta property="article:published_time" content="2024-03-02T10:00:00Z">'
    '<meta property="og:site_name" content="Example Herald">'
)


def test_html_metadata_and_body():
    art = from_html(page(META))
    assert art.headline == "Rebels enter Valden"
    assert art.byline == ["Ana Ruiz"]
    assert (art.published, art.published_how) == ("2024-03-02", "page")
    assert art.outlet == "Example Herald"
    assert art.body.startswith("Rebel fighters entered the market town of Valden")
    assert "tracking" not in art.body and "Rebels enter Valden" not in art.body
    assert art.contributors == ["Example Wire"]
    assert art.language == "en"


def test_meta_json_wins_over_page():
    art = from_html(page(META), {"published": "2024-03-01", "outlet": "Meta Outlet", "url": "https://example.org/v"})
    assert (art.published, art.published_how, art.outlet, art.url) == ("2024-03-01", "metadata", "Meta Outlet", "https://example.org/v")


def test_declared_charset_is_used():
    data = page(body=PARA.replace("Valden", "Valdén"), charset="iso-8859-1").encode("latin-1")
    art = from_html(data)
    assert "Valdén" in art.body


def test_undeclared_bad_bytes_is_encoding_error():
    data = page(charset="utf-8").encode("utf-8").replace(b"Valden early", b"Vald\xe9n early")
    with pytest.raises(EncodingError, match="byte offset"):
        from_html(data)


def test_short_page_read_by_fallback():
    html = "<html><body><p>Militia fighters attacked a village near the river on Monday, officials said.</p></body></html>"
    assert from_html(html).body.startswith("Militia fighters attacked")


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><script>" + "var a = 1;" * 500 + "</script></head><body></body></html>",
        "<div>" * 20000 + "x" + "</div>" * 20000,
        "<html><body>" + "<a href='#'>link</a> " * 300 + "</body></html>",
        "<html><body><p>",
        "<<<>>><!-- unterminated",
    ],
    ids=["scripts-only", "deep-nesting", "links-only", "truncated", "garbage"],
)
def test_hostile_html_is_no_text(html):
    with pytest.raises(NoText):
        from_html(html)
