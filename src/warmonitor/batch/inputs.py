"""Batch inputs: everything ``warmonitor.ingest.iter_inputs`` reads, plus CSV archives of articles.

A CSV archive (``.csv``, ``.csv.gz`` or a ``.zip`` holding ``.csv`` members) has one article a row and a
header naming its columns; ``CSV_COLUMNS`` lists the header names accepted for each article field (first
present wins). Only the text column is required. A row that cannot be read becomes a ``Rejection``
named ``<file>#<row>`` and the run goes on.
"""
from __future__ import annotations

import csv
import gzip
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from warmonitor.errors import InputError, UnreadableInput
from warmonitor.model import Article, Rejection

# article field -> header names accepted for it (case-insensitive), first present wins
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text"),
    "headline": ("headline", "title"),
    "published": ("published", "date", "publication_date", "pub_date"),
    "outlet": ("outlet", "source", "publisher"),
    "url": ("url", "link"),
    "language": ("language", "lang"),
}
CSV_SUFFIXES = (".csv", ".csv.gz", ".csv.zip")


def is_csv_archive(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(CSV_SUFFIXES) or (name.endswith(".zip") and path.is_file())


def _streams(path: Path) -> Iterator[tuple[str, IO[str]]]:
    name = path.name.lower()
    if name.endswith(".zip"):
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if m.lower().endswith(".csv") and not m.startswith("__MACOSX")]
            if not members:
                raise UnreadableInput("zip archive holds no .csv file", input=str(path))
            for member in members:
                with zf.open(member) as raw:
                    yield f"{path}!{member}", io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")
    elif name.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8", errors="strict", newline="") as fh:
            yield str(path), fh
    else:
        with path.open(encoding="utf-8", errors="strict", newline="") as fh:
            yield str(path), fh


def _columns(header: list[str], where: str) -> dict[str, str]:
    lower = {h.strip().lower(): h for h in header if h}
    cols: dict[str, str] = {}
    for field, names in CSV_COLUMNS.items():
        for n in names:
            if n in lower:
                cols[field] = lower[n]
                break
    if "text" not in cols:
        raise UnreadableInput(f"CSV has no text column (one of {', '.join(CSV_COLUMNS['text'])})", input=where)
    return cols


def iter_csv(path: str | Path) -> Iterator[Article | Rejection]:
    """The articles of a CSV archive, in row order; never raises for a bad row or file."""
    from warmonitor.ingest import from_text
    from warmonitor.ingest.decode import DEFAULT_MAX_BYTES

    p = Path(path)
    csv.field_size_limit(max(csv.field_size_limit(), DEFAULT_MAX_BYTES))
    try:
        for where, stream in _streams(p):
            reader = csv.DictReader(stream)
            cols = _columns(list(reader.fieldnames or []), where)
            for n, row in enumerate(reader, start=1):
                name = f"{where}#{n}"
                meta = {k: (row.get(c) or "").strip() for k, c in cols.items() if k != "text" and (row.get(c) or "").strip()}
                meta["case"] = name
                try:
                    article = from_text(row.get(cols["text"]) or "", meta)
                except InputError as err:
                    yield Rejection(input=name, code=err.code, reason=err.reason)
                    continue
                article.case, article.path = name, name
                yield article
    except InputError as err:
        yield Rejection(input=err.input or str(p), code=err.code, reason=err.reason)
    except (OSError, UnicodeDecodeError, csv.Error, zipfile.BadZipFile, EOFError) as err:
        yield Rejection(input=str(p), code=UnreadableInput.code, reason=f"cannot read CSV archive ({type(err).__name__}: {err})")


def _readable(path: Path) -> bool:
    from warmonitor.ingest.paths import FEED_SUFFIXES, HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES

    name = path.name.lower()
    known = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | {".json"}
    return name.endswith((".warc", ".warc.gz", ".arc.gz")) or path.suffix.lower() in known or is_csv_archive(path)


def expand(path: str | Path) -> Iterator[str | Path]:
    """An archive folder as the inputs it holds: a case folder (or a folder of case folders) stays one
    input for ``iter_inputs``; any other folder is walked (sorted, hidden entries skipped) for readable
    files. Files and ``-`` pass through."""
    from warmonitor.ingest.paths import CASE_FILES

    p = Path(path)
    if str(path) == "-" or not p.is_dir():
        yield path
        return
    try:
        children = sorted(c for c in p.iterdir() if not c.name.startswith("."))
    except OSError:
        yield path  # iter_inputs turns it into a Rejection
        return
    is_case = any((p / f).is_file() for f in CASE_FILES)
    has_cases = any(c.is_dir() and any((c / f).is_file() for f in CASE_FILES) for c in children)
    if is_case or has_cases:
        yield path
        return
    found = False
    for child in children:
        if child.is_dir():
            for item in expand(child):
                found = True
                yield item
        elif child.is_file() and _readable(child):
            found = True
            yield child
    if not found:
        yield path


def iter_batch_inputs(paths: Iterable[str | Path] | str | Path) -> Iterator[Article | Rejection]:
    """Every article of every path, in order: folders expanded (``expand``), CSV archives read here,
    everything else through ``warmonitor.ingest.iter_inputs``."""
    from warmonitor.ingest import iter_inputs

    if isinstance(paths, (str, Path)):
        paths = [paths]
    for given in paths:
        for path in expand(given):
            if str(path) != "-" and is_csv_archive(Path(path)):
                yield from iter_csv(path)
            else:
                yield from iter_inputs([path])
