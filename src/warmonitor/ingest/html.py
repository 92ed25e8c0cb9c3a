"""Saved HTML pages -> Article, through trafilatura (main text and metadata).

Title, author, date (``published_how="page"``) and site name come from the page's metadata; the main
text then goes through the same furniture splitter as copied text (captions, contributors, bio).
Hostile pages (scripts only, absurd nesting, no text) raise ``NoText``.
"""
from __future__ import annotations

import html as htmllib
import logging
import re
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

from warmonitor.errors import InputError, NoText, UsageError
from warmonitor.ingest.dates import normalise_date
from warmonitor.ingest.decode import check_size, check_text, decode
from warmonitor.ingest.text import build_article, check_meta, split_names, split_page
from warmonitor.model import Article

MAX_TREE_SIZE = 200_000
"""Most elements trafilatura will parse in one page (a guard against pathological documents)."""

FALLBACK_MIN_WORDS = 8
"""Extracted text counts as an article only when one of its lines is a sentence of this many words."""

_log = logging.getLogger(__name__)


def _quiet_trafilatura() -> None:
    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


@lru_cache(maxsize=1)
def _config() -> Any:
    from trafilatura.settings import use_config

    cfg = use_config()
    cfg.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals do not work off the main thread
    return cfg


def _extract(text: str, url: str | None) -> Any:
    import trafilatura

    _quiet_trafilatura()
    return trafilatura.bare_extraction(
        text,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        config=_config(),
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def from_html(html: str | bytes, meta: dict[str, Any] | None = None) -> Article:
    """An HTML page (+ optional metadata) -> Article.

    Bytes are decoded as UTF-8, else with the charset the page declares. Raises ``EmptyInput``,
    ``BinaryInput``, ``EncodingError``, ``TooLarge`` or ``NoText`` (no article text found).
    """
    meta = check_meta(meta)
    name = str(meta.get("path") or meta.get("case") or "<html>")
    if isinstance(html, bytes):
        check_size(html, name)
        text = decode(html, name, markup=True)
    elif isinstance(html, str):
        check_size(html, name)
        check_text(html, name)
        text = html
    else:
        raise UsageError(f"from_html needs str or bytes, not {type(html).__name__}", input=name)
    try:
        doc = _extract(text, meta.get("url"))
    except InputError:
        raise
    except RecursionError:
        raise NoText("HTML nested too deeply to parse", input=name) from None
    except Exception as err:  # trafilatura/lxml raise many kinds on broken markup
        raise NoText(f"HTML could not be parsed ({type(err).__name__})", input=name) from None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not _has_sentence(body):  # trafilatura wants a page of some length: accept a short page with real sentences
        body = _fallback_text(text)
    if not body:
        raise NoText("no article text found in the HTML", input=name)
    title = getattr(doc, "title", None) if doc is not None else None
    parts = split_page(body, headline=meta.get("headline") or meta.get("title") or title)
    if not parts.body.strip():
        raise NoText("no article text left after removing page furniture", input=name)
    page_meta = dict(meta)
    if not page_meta.get("outlet") and not parts.outlet and getattr(doc, "sitename", None):
        page_meta["outlet"] = doc.sitename
    if not page_meta.get("url") and getattr(doc, "url", None):
        page_meta["url"] = doc.url
    if not page_meta.get("byline") and getattr(doc, "author", None) and not parts.byline:
        page_meta["byline"] = split_names(str(doc.author).replace(";", ","))
    description = getattr(doc, "description", None)
    if description and not parts.standfirst and not page_meta.get("standfirst"):
        if not parts.body.startswith(description[:80]):
            page_meta["standfirst"] = description
    return build_article(parts, page_meta, page_published=normalise_date(getattr(doc, "date", None)))


def _has_sentence(text: str) -> bool:
    """True when a line of ``text`` is a sentence of at least FALLBACK_MIN_WORDS words."""
    return any(
        len(ln.split()) >= FALLBACK_MIN_WORDS and ln.rstrip().endswith((".", "!", "?", '"', "”", "’", ")"))
        for ln in text.splitlines()
    )


def _fallback_text(page: str) -> str:
    """Visible text of a page when trafilatura finds none, kept only if it holds a real sentence."""
    text = fragment_text(page)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return "\n".join(lines) if _has_sentence("\n".join(lines)) else ""


class _TextCollector(HTMLParser):
    """Visible text of an HTML fragment, block elements as line breaks (for feed entries)."""

    _BLOCKS = frozenset("p div br li h1 h2 h3 h4 h5 h6 blockquote tr figcaption section article".split())
    _SKIP = frozenset("script style noscript template iframe svg head nav footer".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def fragment_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (an RSS summary): tags dropped, blocks on their own lines."""
    if "<" not in fragment:
        return htmllib.unescape(fragment).strip()
    parser = _TextCollector()
    try:
        parser.feed(fragment)
        parser.close()
    except Exception:  # html.parser is lenient; this is a last resort
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    text = "".join(parser.parts)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()
