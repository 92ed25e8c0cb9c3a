"""Paths to Articles: files by format, case folders, folders of case folders, and stdin (``-``).

``load_path`` raises the ``InputError`` of a bad file; ``iter_inputs`` never raises for a bad input:
it yields a ``Rejection`` (input, code, reason) and goes on with the next path. Inside a container
(JSONL, feed, WARC) a bad record is a Rejection of its own and the good ones are still read.
"""
from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warmonitor.errors import InputError, UnreadableInput, UnsupportedFormat
from warmonitor.ingest.decode import check_binary, decode, max_bytes_default, open_stream, read_bytes
from warmonitor.model import Article, Rejection

CASE_FILES = ("article.txt", "article.html", "article.htm")
"""The article file of a case folder, in order of preference; ``meta.json`` may sit beside it."""

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})


def sniff(data: bytes) -> str:
    """The format of ``data`` by its content: ``warc``, ``feed``, ``html``, ``jsonl`` or ``text``."""
    head = data[:4096]
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data[:65536])) as gz:
                if gz.read(5) == b"WARC/":
                    return "warc"
        except (OSError, EOFError):
            pass
        return "binary"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"<"):
        if any(tag in stripped[:3000] for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        return "html"
    if stripped.startswith(b"{"):
        return "jsonl"
    return "text"


def _kind_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz", ".arc.gz")):
        return "warc"
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return None


def read_meta(folder: Path, name: str, max_bytes: int | None = None) -> dict[str, Any]:
    """The ``meta.json`` of a case folder ({} when absent); a bad one raises UnsupportedFormat."""
    path = folder / "meta.json"
    if not path.exists():
        return {}
    label = f"{name.rstrip('/')}/meta.json"
    text = decode(read_bytes(path, label, max_bytes), label)
    try:
        meta = json.loads(text)
    except json.JSONDecodeError as err:
        raise UnsupportedFormat(f"invalid JSON ({err.msg} at line {err.lineno})", input=label) from None
    if not isinstance(meta, dict):
        raise UnsupportedFormat("meta.json must hold a JSON object", input=label)
    return meta


def _articles_of_bytes(
    data: bytes, kind: str, name: str, meta: dict[str, Any], max_bytes: int | None
) -> Iterator[Article | Rejection]:
    """Articles of one input's bytes, read as ``kind``; raises InputError when the whole input is bad."""
    from warmonitor.ingest.feeds import iter_feed
    from warmonitor.ingest.html import from_html
    from warmonitor.ingest.jsonl import iter_jsonl, record_article
    from warmonitor.ingest.text import from_text
    from warmonitor.ingest.warc import iter_warc

    if kind == "sniff":
        kind = sniff(data)
    if kind == "binary":
        check_binary(data, name)
        raise UnsupportedFormat("compressed input that is not a WARC archive", input=name)
    if kind == "warc":
        yield from iter_warc(io.BytesIO(data), name, max_bytes)
        return
    if kind == "jsonl":
        if not data.strip():
            decode(data, name)  # raises EmptyInput
        yield from iter_jsonl(data.splitlines(), name, max_bytes)
        return
    if kind == "json":
        text = decode(data, name)
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as err:
            raise UnsupportedFormat(f"invalid JSON ({err.msg} at line {err.lineno})", input=name) from None
        records = obj if isinstance(obj, list) else [obj]
        for n, record in enumerate(records, start=1):
            label = name if len(records) == 1 else f"{name}[{n}]"
            try:
                art = record_article(record, label)
                art.case = art.case if art.case and art.case != label else label
                yield art
            except InputError as err:
                yield Rejection(input=label, code=err.code, reason=err.reason)
        return
    if kind == "feed":
        decode(data, name, markup=True)  # empty / binary / encoding checks
        yield from iter_feed(data, name)
        return
    full_meta = {**meta, "path": name}
    if kind == "html":
        art = from_html(data, full_meta)
    else:
        art = from_text(decode(data, name), full_meta)
    yield art


def _iter_one(path: Path, name: str, max_bytes: int | None) -> Iterator[Article | Rejection]:
    """Articles of one path (file, case folder or folder of case folders)."""
    if path.is_dir():
        article = next((path / f for f in CASE_FILES if (path / f).is_file()), None)
        if article is not None:
            meta = read_meta(path, name, max_bytes)
            kind = "html" if article.suffix.lower() in HTML_SUFFIXES else "text"
            data = read_bytes(article, str(Path(name) / article.name), max_bytes)
            for art in _articles_of_bytes(data, kind, str(Path(name) / article.name), meta, max_bytes):
                if isinstance(art, Article):
                    art.case = path.resolve().name
                    art.path = name
                yield art
            return
        try:
            subdirs = sorted(p for p in path.iterdir() if p.is_dir() and any((p / f).is_file() for f in CASE_FILES))
        except PermissionError:
            raise UnreadableInput("permission denied", input=name) from None
        if not subdirs:
            raise UnreadableInput("directory without article.txt or article.html", input=name)
        for sub in subdirs:
            sub_name = str(Path(name) / sub.name)
            try:
                yield from _iter_one(sub, sub_name, max_bytes)
            except InputError as err:
                yield Rejection(input=sub_name, code=err.code, reason=err.reason)
        return
    kind = _kind_of(path) or "sniff"
    if kind == "warc":  # streamed: the size limit applies to each record
        from warmonitor.ingest.warc import iter_warc

        with open_stream(path, name) as stream:
            for art in iter_warc(stream, name, max_bytes):
                if isinstance(art, Article):
                    art.path = name
                yield art
        return
    data = read_bytes(path, name, max_bytes)
    for art in _articles_of_bytes(data, kind, name, {}, max_bytes):
        if isinstance(art, Article):
            art.case = art.case or name
            art.path = art.path or name
        yield art


def _read_stdin(max_bytes: int | None, stream: BinaryIO | None = None) -> bytes:
    from warmonitor.errors import TooLarge

    limit = max_bytes_default() if max_bytes is None else max_bytes
    src = stream if stream is not None else sys.stdin.buffer
    data = src.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"more than {limit} bytes", input="-")
    return data


def load_path(path: str | Path, *, max_bytes: int | None = None) -> list[Article]:
    """Every article of a file, case folder, folder of case folders, or ``-`` (stdin).

    Raises the ``InputError`` of a bad input (for a folder of cases or a container, the first bad
    case or record when nothing could be read; otherwise bad records are skipped: use
    ``iter_inputs`` to see them as Rejections).
    """
    name = str(path)
    if name == "-":
        items = list(_articles_of_bytes(_read_stdin(max_bytes), "sniff", "-", {}, max_bytes))
    else:
        items = list(_iter_one(Path(path), name, max_bytes))
    for item in items:
        if isinstance(item, Article) and name == "-":
            item.case, item.path = item.case or "-", item.path or "-"
    articles = [i for i in items if isinstance(i, Article)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    if not articles and rejections:
        first = rejections[0]
        raise _error_for(first)
    return articles


def _error_for(rej: Rejection) -> InputError:
    from warmonitor import errors

    for cls in (
        errors.EmptyInput,
        errors.BinaryInput,
        errors.EncodingError,
        errors.UnreadableInput,
        errors.TooLarge,
        errors.UnsupportedFormat,
        errors.NoText,
    ):
        if cls.code == rej.code:
            return cls(rej.reason, input=rej.input)
    return InputError(rej.reason, input=rej.input)


def iter_inputs(
    paths: Iterable[str | Path], *, max_bytes: int | None = None, stdin: BinaryIO | None = None
) -> Iterator[Article | Rejection]:
    """Every article of every path, in order; a bad input (or record) yields a Rejection, never raises.

    ``-`` reads stdin (``stdin`` may pass another binary stream, for tests). A single path may be
    passed instead of a list.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for path in paths:
        name = str(path)
        try:
            if name == "-":
                for item in _articles_of_bytes(_read_stdin(max_bytes, stdin), "sniff", "-", {}, max_bytes):
                    if isinstance(item, Article):
                        item.case, item.path = item.case or "-", item.path or "-"
                    yield item
            else:
                yield from _iter_one(Path(path), name, max_bytes)
        except InputError as err:
            yield Rejection(input=err.input or name, code=err.code, reason=err.reason)
        except (OSError, RecursionError, MemoryError) as err:  # last resort: never stop the run
            yield Rejection(input=name, code=UnreadableInput.code, reason=f"cannot read ({type(err).__name__})")
