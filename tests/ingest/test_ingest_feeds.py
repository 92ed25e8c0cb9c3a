"""RSS/Atom feeds: entries as articles; poll_feed with ETag/If-Modified-Since and an offline fetch."""
from __future__ import annotations

import pytest

from warmonitor.errors import UnreadableInput, UnsupportedFormat
from warmonitor.ingest import iter_inputs, load_path, poll_feed
from warmonitor.model import Article

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><language>en-gb</language>
<item><title>Shelling hits river town</title><link>https://example.org/1</link><guid>e1</guid>
<pubDate>Tue, 15 Oct 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Artillery shelled the river town on Tuesday morning, wounding two people, officials said.&lt;/p&gt;</description></item>
<item><title>Protest in the capital</title><link>https://example.org/2</link><guid>e2</guid>
<pubDate>Wed, 16 Oct 2024 09:00:00 GMT</pubDate>
<description>Hundreds of people marched in the capital on Wednesday to demand the release of detained activists.</description></item>
<item><title>Empty entry</title><link>https://example.org/3</link><guid>e3</guid><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:x</id><updated>2024-10-16T00:00:00Z</updated>
<entry><title>Convoy attacked</title><id>urn:e1</id><link href="https://example.org/c"/><updated>2024-10-16T08:00:00Z</updated>
<content type="html">&lt;p&gt;Gunmen attacked an aid convoy on the northern road on Wednesday, the agency said.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_file(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(iter_inputs([path]))
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.headline for a in arts] == ["Shelling hits river town", "Protest in the capital"]
    a = arts[0]
    assert (a.outlet, a.url, a.published, a.published_how, a.language, a.case) == (
        "Example Wire", "https://example.org/1", "2024-10-15", "metadata", "en", "e1")
    assert a.body.startswith("Artillery shelled the river town")
    rejected = [i for i in items if not isinstance(i, Article)]
    assert len(rejected) == 1 and rejected[0].input.endswith("#3") and rejected[0].code == "WM107"


def test_atom_file(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    (a,) = load_path(path)
    assert (a.headline, a.outlet, a.published) == ("Convoy attacked", "Example Atom", "2024-10-16")


def test_not_a_feed(tmp_path):
    path = tmp_path / "x.xml"
    path.write_text("<html><body>not a feed</body></html>", encoding="utf-8")
    with pytest.raises(UnsupportedFormat):
        load_path(path)


class FakeServer:
    """Serves RSS with an ETag; answers 304 when the client sends it back."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.requests: list[dict[str, str]] = []

    def __call__(self, url, headers):
        self.requests.append(dict(headers))
        if headers.get("If-None-Match") == '"v1"':
            return 304, {}, b""
        return 200, {"ETag": '"v1"', "Last-Modified": "Wed, 16 Oct 2024 10:00:00 GMT"}, self.body.encode()


def test_poll_feed_conditional_requests():
    server = FakeServer(RSS)
    state: dict = {}
    first = poll_feed("https://example.org/rss", state, fetch=server)
    assert [a.headline for a in first if isinstance(a, Article)] == ["Shelling hits river town", "Protest in the capital"]
    assert state["etag"] == '"v1"' and state["modified"].startswith("Wed")
    assert server.requests[0] == {}
    assert poll_feed("https://example.org/rss", state, fetch=server) == []
    assert server.requests[1] == {"If-None-Match": '"v1"', "If-Modified-Since": "Wed, 16 Oct 2024 10:00:00 GMT"}


def test_poll_feed_returns_only_new_entries():
    state: dict = {}
    poll_feed("u", state, fetch=lambda u, h: (200, {}, RSS.encode()))
    assert poll_feed("u", state, fetch=lambda u, h: (200, {}, RSS.encode())) == []
    assert set(state["seen"]) == {"e1", "e2", "e3"}


def test_poll_feed_http_error():
    with pytest.raises(UnreadableInput, match="HTTP status 500"):
        poll_feed("u", {}, fetch=lambda u, h: (500, {}, b""))
