"""Every bad-input rule: the right InputError, a one-line message naming the input, and the run goes on."""
from __future__ import annotations

import io
import json
import os

import pytest

from warmonitor import errors
from warmonitor.ingest import from_html, from_text, iter_inputs, load_path
from warmonitor.model import Article, Rejection

GOOD_TEXT = "Clashes near the border\n\nFighting broke out near the border crossing on Monday, officials said.\n"


def make(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "name, data, error, reason",
    [
        ("empty.txt", b"", errors.EmptyInput, "empty input"),
        ("blank.txt", b"  \n\t\n ", errors.EmptyInput, "empty input"),
        ("nul.txt", b"some text\x00more text", errors.BinaryInput, "NUL byte at offset 9"),
        ("img.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), errors.BinaryInput, "PNG"),
        ("pdf.html", b"%PDF-1.4 rest", errors.BinaryInput, "PDF"),
        ("ctrl.txt", b"\x01\x02\x03\x04\x05\x06 text" * 20, errors.BinaryInput, "control bytes"),
        ("latin1.txt", "Caf\u00e9 owners fled the town.".encode("latin-1"), errors.EncodingError, "byte offset 3"),
        ("nodecl.html", b"<html><body><p>Caf\xe9</p></body></html>", errors.EncodingError, "not valid UTF-8 at byte offset 18"),
        ("feed.xml", b"<html><body><p>not a feed</p></body></html>", errors.UnsupportedFormat, "not an RSS/Atom feed"),
        ("hostile.html", b"<html><script>" + b"x=1;" * 100 + b"</script></html>", errors.NoText, "no article text"),
        ("gz.bin", b"\x1f\x8b\x08\x00junk", errors.BinaryInput, "gzip"),
        ("furniture.txt", b"Advertisement\n0:00\nShare\n", errors.NoText, "no article text left"),
    ],
)
def test_bad_file(tmp_path, name, data, error, reason):
    path = make(tmp_path, name, data)
    with pytest.raises(error) as info:
        load_path(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    assert reason in message
    (rej,) = list(iter_inputs([path]))
    assert isinstance(rej, Rejection) and rej.code == error.code and rej.input == str(path)


def test_declared_charset_rescues_html(tmp_path):
    path = make(
        tmp_path,
        "latin.html",
        b'<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 owners fled the town of Valden on '
        b"Monday after shelling, residents said.</p></body></html>",
    )
    (art,) = load_path(path)
    assert "Café owners" in art.body


def test_utf16_with_bom_is_text(tmp_path):
    path = make(tmp_path, "u16.txt", GOOD_TEXT.encode("utf-16"))
    (art,) = load_path(path)
    assert art.headline == "Clashes near the border"


@pytest.mark.parametrize(
    "setup, reason",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: (d / "emptydir").mkdir() or d / "emptydir", "directory without article.txt or article.html"),
    ],
    ids=["missing", "empty-dir"],
)
def test_unreadable(tmp_path, setup, reason):
    path = setup(tmp_path)
    with pytest.raises(errors.UnreadableInput, match=reason):
        load_path(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_permission_denied(tmp_path):
    path = make(tmp_path, "secret.txt", GOOD_TEXT.encode())
    path.chmod(0)
    try:
        with pytest.raises(errors.UnreadableInput, match="permission denied"):
            load_path(path)
    finally:
        path.chmod(0o644)


def test_too_large_parameter(tmp_path):
    path = make(tmp_path, "big.txt", GOOD_TEXT.encode() * 10)
    with pytest.raises(errors.TooLarge, match="over the 100-byte limit"):
        load_path(path, max_bytes=100)
    assert load_path(path, max_bytes=10_000)


def test_too_large_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("WARMONITOR_MAX_INPUT_BYTES", "50")
    path = make(tmp_path, "big.txt", GOOD_TEXT.encode())
    (rej,) = list(iter_inputs([path]))
    assert rej.code == errors.TooLarge.code


@pytest.mark.parametrize(
    "meta, reason",
    [(b"{not json", "invalid JSON"), (b'["list"]', "must hold a JSON object"), (b"\xff\xfe\xfd", "byte offset")],
)
def test_bad_meta_json(tmp_path, meta, reason):
    case = tmp_path / "case-1"
    case.mkdir()
    (case / "article.txt").write_bytes(GOOD_TEXT.encode())
    (case / "meta.json").write_bytes(meta)
    with pytest.raises(errors.InputError, match=reason) as info:
        load_path(case)
    assert "meta.json" in str(info.value)


@pytest.mark.parametrize(
    "call, arg, error",
    [
        (from_text, "", errors.EmptyInput),
        (from_text, "   \n  ", errors.EmptyInput),
        (from_text, "text\x00with nul", errors.BinaryInput),
        (from_text, "\x01\x02\x03\x04" * 30, errors.BinaryInput),
        (from_html, b"", errors.EmptyInput),
        (from_html, b"\x00\x01binary", errors.BinaryInput),
        (from_html, "<html></html>", errors.NoText),
    ],
)
def test_library_calls(call, arg, error):
    with pytest.raises(error):
        call(arg)


def test_from_text_rejects_non_str():
    with pytest.raises(errors.UsageError):
        from_text(b"bytes")  # type: ignore[arg-type]


def test_case_folder_and_collection(tmp_path):
    for n in (1, 2):
        case = tmp_path / "cases" / f"case-{n}"
        case.mkdir(parents=True)
        (case / "article.txt").write_text(GOOD_TEXT, encoding="utf-8")
        (case / "meta.json").write_text(json.dumps({"outlet": f"Outlet {n}", "published": "2024-01-0" + str(n)}))
    (tmp_path / "cases" / "notes").mkdir()
    (art,) = load_path(tmp_path / "cases" / "case-2")
    assert (art.case, art.outlet, art.published, art.published_how) == ("case-2", "Outlet 2", "2024-01-02", "metadata")
    assert [a.case for a in load_path(tmp_path / "cases")] == ["case-1", "case-2"]


def test_iter_inputs_goes_on(tmp_path):
    good = make(tmp_path, "good.txt", GOOD_TEXT.encode())
    empty = make(tmp_path, "empty.txt", b"")
    binary = make(tmp_path, "bin.txt", b"\x00\x00")
    items = list(iter_inputs([empty, good, tmp_path / "nope.txt", binary, good]))
    assert [type(i).__name__ for i in items] == ["Rejection", "Article", "Rejection", "Rejection", "Article"]
    assert [i.code for i in items if isinstance(i, Rejection)] == ["WM101", "WM104", "WM102"]
    assert items[1].case == str(good) and items[1].path == str(good)


@pytest.mark.parametrize(
    "data, kind",
    [
        (GOOD_TEXT.encode(), "text"),
        (b'{"text": "Fighting broke out near the border crossing on Monday, officials said."}\n', "jsonl"),
        (b"", "empty"),
        (b"<html><head><title>Clashes</title></head><body><p>Fighting broke out near the border crossing on "
         b"Monday, officials said.</p></body></html>", "html"),
    ],
)
def test_stdin(data, kind):
    items = list(iter_inputs(["-"], stdin=io.BytesIO(data)))
    if kind == "empty":
        assert isinstance(items[0], Rejection) and items[0].input == "-" and items[0].code == "WM101"
    else:
        assert isinstance(items[0], Article) and items[0].body.startswith("Fighting broke out")
