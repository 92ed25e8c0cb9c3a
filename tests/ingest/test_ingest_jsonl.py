"""JSONL dumps: one article per line; a bad line is a Rejection naming file:line."""
from __future__ import annotations

import json

import pytest

from warmonitor.ingest import iter_inputs, load_path
from warmonitor.model import Article, Rejection

GOOD = {
    "id": "a1",
    "title": "Drone strike hits depot",
    "text": "A drone struck a fuel depot outside the port city on Monday night, the regional governor said.",
    "url": "https://example.org/a1",
    "outlet": "Example Wire",
    "published": "2024-05-01",
}


def write(tmp_path, lines):
    path = tmp_path / "dump.jsonl"
    path.write_bytes(b"\n".join(x if isinstance(x, bytes) else x.encode() for x in lines) + b"\n")
    return path


def test_good_lines(tmp_path):
    second = dict(GOOD, id="a2", body=GOOD["text"].replace("Monday", "Tuesday"), text=None, headline="Second")
    path = write(tmp_path, [json.dumps(GOOD), "", json.dumps(second)])
    arts = load_path(path)
    assert [a.case for a in arts] == ["a1", "a2"]
    a = arts[0]
    assert (a.headline, a.outlet, a.url, a.published, a.published_how) == (
        "Drone strike hits depot", "Example Wire", "https://example.org/a1", "2024-05-01", "metadata")
    assert a.body == GOOD["text"] and a.path == str(path)
    assert arts[1].headline == "Second" and "Tuesday" in arts[1].body


@pytest.mark.parametrize(
    "line, code",
    [
        (b"{not json", "WM106"),
        (b'["a list"]', "WM106"),
        (b'{"title": "no text"}', "WM106"),
        (b'{"text": "   "}', "WM101"),
        (b'{"text": "bad \xff byte"}', "WM103"),
        (b'{"text": "nul \\u0000 inside"}', "WM102"),
    ],
)
def test_bad_line_is_rejection_and_run_goes_on(tmp_path, line, code):
    path = write(tmp_path, [json.dumps(GOOD), line, json.dumps(dict(GOOD, id="a3"))])
    items = list(iter_inputs([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Article"]
    rej = items[1]
    assert isinstance(rej, Rejection)
    assert rej.input == f"{path}:2" and rej.code == code
    assert all(isinstance(i, Article) for i in load_path(path))


def test_all_lines_bad_raises(tmp_path):
    from warmonitor.errors import InputError

    path = write(tmp_path, [b"{oops", b"{oops"])
    with pytest.raises(InputError, match="dump.jsonl:1"):
        load_path(path)


@pytest.mark.parametrize("payload, n", [(GOOD, 1), ([GOOD, dict(GOOD, id="b")], 2)])
def test_json_file(tmp_path, payload, n):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    arts = load_path(path)
    assert len(arts) == n and arts[0].headline == "Drone strike hits depot"


def test_single_path_string(tmp_path):
    path = write(tmp_path, [json.dumps(GOOD)])
    assert [type(i).__name__ for i in iter_inputs(str(path))] == ["Article"]
