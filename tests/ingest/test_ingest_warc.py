"""WARC archives: each HTML response record is an article (the WARC is built in the test with warcio)."""
from __future__ import annotations

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warmonitor.errors import UnsupportedFormat
from warmonitor.ingest import iter_inputs, load_path
from warmonitor.model import Article, Rejection

PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>Government aircraft bombed a market in the northern district on Sunday, killing at least six people, "
    "a local hospital director told reporters by telephone on Monday.</p>"
    "<p>Witnesses said the strike came shortly before noon, when the market was at its busiest.</p>"
    "</article></body></html>"
)


def record(writer, uri, body, ctype="text/html; charset=utf-8", rec_type="response"):
    http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
    rec = writer.create_warc_record(uri, rec_type, payload=io.BytesIO(body), http_headers=http)
    writer.write_record(rec)


@pytest.mark.parametrize("gz", [False, True])
def test_warc_records(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        record(w, "https://example.org/one", PAGE.format(title="Market bombed").encode())
        record(w, "https://example.org/style.css", b"body { color: red }", ctype="text/css")
        record(w, "https://example.org/empty", b"<html><body><script>x()</script></body></html>")
        record(w, "https://example.org/two", PAGE.format(title="Second raid").encode())
    items = list(iter_inputs([path]))
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.headline for a in arts] == ["Market bombed", "Second raid"]
    assert arts[0].url == "https://example.org/one" and arts[0].case == "https://example.org/one"
    assert arts[0].body.startswith("Government aircraft bombed a market")
    rej = [i for i in items if isinstance(i, Rejection)]
    assert len(rej) == 1 and "example.org/empty" in rej[0].input and rej[0].code == "WM107"


def test_not_a_warc(tmp_path):
    path = tmp_path / "bad.warc"
    path.write_text("this is not a web archive at all\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormat):
        load_path(path)


def test_truncated_warc_keeps_earlier_records(tmp_path):
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    record(w, "https://example.org/one", PAGE.format(title="Market bombed").encode())
    record(w, "https://example.org/two", PAGE.format(title="Second raid").encode())
    data = buf.getvalue()
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 200])
    items = list(iter_inputs([path]))
    assert isinstance(items[0], Article) and items[0].headline == "Market bombed"
