"""Plain text as copied from a news page: page furniture told apart from the article body.

The page is read line by line. Each line gets a *shape* from the patterns of
``data/ingest/furniture.json`` (noise, player timestamp, date stamp, dateline, caption with its
credit, credit-only line, author label, or text). Then three zones are read:

* the **header**: the headline (first text line shaped like a headline), then up to
  ``header_window`` lines holding the standfirst (prose before the last header furniture line),
  bylines (name-shaped lines), captions, stamps; the body starts after the last furniture line;
* the **body**: what remains, with captions, noise, timestamps and repeated headlines removed
  wherever they are; the contributors line stays in the body and fills ``contributors``;
* the **closing block**: trailing author boxes (name lines, "Author" labels, a bio sentence).

Nothing names a place, outlet or person: every pattern is data.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from warmonitor.errors import InputError, NoText, UsageError
from warmonitor.ingest.dates import find_date, is_dateline, normalise_date, split_date_prefix
from warmonitor.ingest.decode import check_text
from warmonitor.ingest.language import detect_language
from warmonitor.ingest.rules import Furniture, full, furniture, search
from warmonitor.model import Article, Caption

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TERMINAL = tuple(".!?:;\"'”’)]…")


@dataclass
class _Line:
    text: str
    role: str = "text"  # text | drop | furniture | caption | credit | label | headline | standfirst | byline
    caption: Caption | None = None


@dataclass
class PageParts:
    """What ``split_page`` finds in a copied page."""

    body: str
    headline: str | None = None
    standfirst: str | None = None
    byline: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    outlet: str | None = None


def clean_line(line: str) -> str:
    """A line with invisible characters removed and runs of spaces collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", line).translate(_INVISIBLE)).strip()


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


# -- line shapes -------------------------------------------------------------------------------
def _caption_of(line: str, rules: Furniture) -> Caption | None:
    m = search(rules.caption_credit, line)
    if not m:
        return None
    credit = m.group("credit").strip(" .;,()")
    text = line[: m.start()].rstrip(" .;,(|/-–—")
    for pat in rules.caption_prefix:
        text = pat.sub("", text, count=1)
    text = text.strip()
    if len(text.split()) < 3 or len(text) > 350 or len(re.findall(r"[.!?]\s+[A-Z]", text)) > 1 or not credit:
        return None
    if not text.endswith((".", "!", "?")):
        text += "."
    return Caption(text=text, credit=credit, date=find_date(text))


def _is_stamp(line: str, rules: Furniture) -> bool:
    if len(line) > 100 or not search(rules.stamp, line):
        return False
    rest = line
    for pat in rules.stamp:
        rest = pat.sub("", rest, count=1)
    return not rest.strip() or bool(re.search(r"\d", rest))


def _shape(line: str, rules: Furniture) -> _Line:
    for pat in rules.noise_suffix:
        line = pat.sub("", line).strip()
    if not line:
        return _Line(line, "drop")
    if full(rules.noise, line) or full(rules.timestamp, line):
        return _Line(line, "drop")
    if _is_stamp(line, rules) or is_dateline(line):
        return _Line(line, "furniture")
    cap = _caption_of(line, rules)
    if cap:
        return _Line(line, "caption", cap)
    m = full(rules.credit_only, line)
    if m:
        return _Line(m.group("credit").strip(" ()"), "credit")
    if full(rules.author_labels, line):
        return _Line(line, "label")
    return _Line(line)


def _name_tokens(text: str, rules: Furniture) -> list[str] | None:
    tokens = text.replace(",", " , ").split()
    names = [t for t in tokens if t not in {",", "and", "&", "And"}]
    if not names or len(names) > 8:
        return None
    for tok in names:
        if tok.casefold().strip(".") in rules.name_particles:
            continue
        if not re.fullmatch(r"[A-Z][\w'’.\-]*", tok) or re.search(r"\d|_", tok):
            return None
    return names


def split_names(text: str, rules: Furniture | None = None) -> list[str]:
    """People or organisations listed in ``text`` ('By A and B', 'A, B & C'), ALL CAPS names title-cased."""
    rules = rules or furniture()
    for pat in rules.byline_prefix:
        text = pat.sub("", text, count=1)
    parts = [p.strip(" .;:") for p in re.split(r",|;|&|\band\b", text) if p.strip(" .;:")]
    out = []
    for part in parts:
        if part.isupper() and len(part) > 4 and not rules.is_agency(part):
            part = " ".join(w.capitalize() for w in part.split())
        out.append(part)
    return out


def _is_byline(line: str, rules: Furniture) -> bool:
    prefixed = any(p.match(line) for p in rules.byline_prefix)
    body = line
    for pat in rules.byline_prefix:
        body = pat.sub("", body, count=1)
    names = _name_tokens(body, rules)
    if names is None or len(line) > 80 or line.endswith((".", "!", "?", ":")) and not re.search(r"\b[A-Z]\.$", line):
        return False
    return prefixed or 2 <= len(names) <= 6


def _looks_like_headline(line: str, rules: Furniture) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= rules.headline_max_words
        and len(line) <= 300
        and not line.endswith((".", ",", ";", ":"))
        and (line[0].isalnum() or line[0] in "\"'“‘")
    )


def _is_section_label(line: str, rules: Furniture) -> bool:
    return " " not in line and line.isupper() and len(line) <= rules.section_label_max_chars


# -- the zones ---------------------------------------------------------------------------------
def _attach_credits(items: list[_Line]) -> None:
    for i, item in enumerate(items):
        if item.role != "credit":
            continue
        item.role = "drop"
        prev = next((p for p in reversed(items[:i]) if p.role != "drop"), None)
        if prev is None:
            continue
        if prev.role == "caption" and prev.caption and not prev.caption.credit:
            prev.caption.credit = item.text
        elif prev.role == "text" and len(prev.text) <= 350:
            prev.role = "caption"
            prev.caption = Caption(text=prev.text, credit=item.text, date=find_date(prev.text))


def _take_headline(items: list[_Line], rules: Furniture, given: str | None) -> str | None:
    headline = given
    if headline is None:
        for i, item in enumerate(items[:8]):
            if item.role != "text":
                continue
            if _is_section_label(item.text, rules):
                item.role = "drop"
                continue
            wrapped = i + 1 < len(items) and items[i + 1].text[:1].islower()  # a hard-wrapped sentence
            if _looks_like_headline(item.text, rules) and not _is_byline(item.text, rules) and not wrapped:
                item.role = "headline"
                headline = item.text
            break
    if headline is None:
        return None
    site = search(rules.headline_site_suffix, headline)
    short = headline[: site.start()].strip() if site else headline
    keys = {_norm(headline), _norm(short)}
    for item in items:
        if item.role in ("text", "caption") and _norm(item.text) in keys:
            item.role = "drop"
    return short


def _read_header(items: list[_Line], rules: Furniture) -> tuple[list[str], list[str]]:
    """Mark standfirst and byline lines of the header; returns (standfirst parts, byline names)."""
    start = next((i + 1 for i, it in enumerate(items) if it.role == "headline"), 0)
    window = items[start : start + rules.header_window]
    last_furniture, prose = -1, 0
    bylines: list[int] = []
    for j, item in enumerate(window):
        if item.role in ("drop", "furniture", "caption", "label"):
            last_furniture = j
        elif item.role == "text":
            if rules.is_agency(item.text):
                item.role = "drop"
                last_furniture = j
            elif _is_byline(item.text, rules):
                bylines.append(j)
                last_furniture = j
            else:
                prose += 1
                if prose > rules.header_max_prose:
                    break
    names: list[str] = []
    standfirst: list[str] = []
    for j, item in enumerate(window[: last_furniture + 1]):
        if j in bylines:
            item.role = "byline"
            names.extend(n for n in split_names(item.text, rules) if n not in names)
        elif item.role == "text" and start > 0:  # a standfirst only sits under a headline
            item.role = "standfirst"
            standfirst.append(item.text)
        elif item.role == "label":
            item.role = "drop"
    return standfirst, names


def _read_closing(items: list[_Line], rules: Furniture, byline: list[str]) -> list[str]:
    """Drop a trailing author box; returns names it gives (for an empty byline)."""
    trailing: list[tuple[_Line, str]] = []
    evidence = False
    for item in reversed(items):
        if item.role in ("drop", "furniture", "caption", "headline", "standfirst", "byline"):
            continue
        if item.role == "label":
            trailing.append((item, "label"))
            evidence = True
            continue
        if item.role != "text":
            break
        m = search(rules.bio, item.text)
        if m:
            trailing.append((item, "bio"))
            evidence = True
            continue
        if _is_byline(item.text, rules) and len(item.text) <= 60:
            trailing.append((item, "name"))
            if any(_norm(n) == _norm(item.text) for n in byline):
                evidence = True
            continue
        break
    names: list[str] = []
    for item, kind in trailing:
        if kind == "name" and not evidence:
            break
        item.role = "drop"
        if kind == "name":
            names.extend(n for n in split_names(item.text, rules) if n not in names)
    return names


def _contributors(lines: list[str], rules: Furniture) -> list[str]:
    out: list[str] = []
    for line in lines:
        if len(line) > 300:
            continue
        m = search(rules.contributors, line)
        if m:
            out.extend(n for n in split_names(m.group("names"), rules) if n and n not in out)
    return out


def find_outlet(lines: list[str], rules: Furniture | None = None) -> str | None:
    """The outlet a page names as itself ('The X is not able to verify', '(c) X'), if any."""
    rules = rules or furniture()
    for line in lines:
        m = search(rules.outlet_self, line)
        if m:
            return m.group("outlet").strip(" .,")
    return None


def _join_body(lines: list[str]) -> str:
    paras: list[str] = []
    for line in lines:
        if paras and (
            (not paras[-1].endswith(_TERMINAL) and line[:1].islower())  # a hard-wrapped paragraph
            or (len(paras[-1]) <= 60 and paras[-1].endswith(("—", "–", " -", "--")))  # 'TOWN, Country —'
        ):
            paras[-1] += " " + line
        else:
            paras.append(line)
    return "\n\n".join(paras)


def split_page(raw: str, headline: str | None = None) -> PageParts:
    """Split copied page text into headline, standfirst, byline, captions, furniture and body.

    ``headline`` (from metadata) is used instead of taking the first line, and its repeats are dropped.
    """
    rules = furniture()
    items: list[_Line] = []
    for n, line in enumerate(x for x in (clean_line(x) for x in raw.splitlines()) if x):
        shaped = _shape(line, rules)
        split = split_date_prefix(line) if n < 4 and shaped.role == "text" else None
        if split and len(split[1].split()) >= 2:  # '09/28/2024 Rebels take ...': the date is furniture, the rest is read on
            items.append(_Line(line, "furniture"))
            line = split[1]
            if _shape(line, rules).role == "drop":
                continue
            items.append(_Line(line))
            continue
        items.append(shaped)
    items = [it for it in items if it.text]
    _attach_credits(items)
    head = _take_headline(items, rules, clean_line(headline) if headline else None)
    standfirst, byline = _read_header(items, rules)
    byline_end = _read_closing(items, rules, byline)
    body_lines = [it.text for it in items if it.role == "text"]
    if not body_lines:  # everything looked like furniture: keep the prose we have
        body_lines = [it.text for it in items if it.role in ("headline", "standfirst", "text")]
    parts = PageParts(
        body=_join_body(body_lines),
        headline=head,
        standfirst=" ".join(standfirst) or None,
        byline=byline or byline_end,
        captions=[it.caption for it in items if it.role == "caption" and it.caption],
        contributors=_contributors(body_lines[-8:], rules),
        furniture=[it.text for it in items if it.role == "furniture"],
        outlet=find_outlet([it.text for it in items], rules),
    )
    return parts


# -- the Article ------------------------------------------------------------------------------
def host_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.`` ('https://www.example.org/a' -> 'example.org')."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def check_meta(meta: Any, name: str = "meta") -> dict[str, Any]:
    """``meta`` as a dict of known keys; anything but a mapping is a UsageError."""
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise UsageError(f"metadata must be a JSON object, not {type(meta).__name__}", input=name)
    return meta


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    text = clean_line(str(value))
    return text or None


def build_article(parts: PageParts, meta: dict[str, Any], *, page_published: str | None = None) -> Article:
    """An Article from split page parts and metadata (metadata wins over what the page says)."""
    furniture_lines = list(parts.furniture)
    published, how, confidence = None, None, 0.0
    raw_pub = meta.get("published")
    if raw_pub not in (None, ""):
        published = normalise_date(raw_pub)
        if published:
            how, confidence = "metadata", 1.0
        else:
            furniture_lines.append(f"published: {raw_pub}")
    if published is None and page_published:
        published, how, confidence = page_published, "page", 0.8
    url = _opt_str(meta.get("url"))
    outlet = _opt_str(meta.get("outlet")) or parts.outlet or host_of(url)
    byline = meta.get("byline") or meta.get("author") or parts.byline
    if isinstance(byline, str):
        byline = split_names(byline)
    language = _opt_str(meta.get("language"))
    text_for_lang = "\n".join(x for x in (parts.headline, parts.standfirst, parts.body) if x)
    return Article(
        body=parts.body,
        headline=_opt_str(meta.get("headline") or meta.get("title")) or parts.headline,
        standfirst=_opt_str(meta.get("standfirst")) or parts.standfirst,
        byline=[str(b) for b in byline],
        outlet=outlet,
        url=url,
        published=published,
        published_how=how,
        published_confidence=confidence,
        captions=parts.captions,
        contributors=parts.contributors,
        language=language.casefold() if language else detect_language(text_for_lang),
        furniture=furniture_lines,
        case=_opt_str(meta.get("case")),
        path=_opt_str(meta.get("path")),
    )


def from_text(raw: str, meta: dict[str, Any] | None = None) -> Article:
    """Plain text as copied from a page (+ optional metadata) -> Article.

    Raises ``EmptyInput``/``BinaryInput`` for blank or binary text and ``NoText`` when nothing but
    page furniture is left. ``meta`` keys: url, outlet, published, language, headline/title, byline.
    """
    meta = check_meta(meta)
    name = str(meta.get("path") or meta.get("case") or "<text>")
    if not isinstance(raw, str):
        raise UsageError(f"from_text needs str, not {type(raw).__name__}", input=name)
    check_text(raw, name)
    try:
        parts = split_page(raw, _opt_str(meta.get("headline") or meta.get("title")))
    except InputError:
        raise
    except RecursionError as err:  # pragma: no cover - defensive
        raise NoText("text could not be split into lines", input=name) from err
    if not parts.body.strip():
        raise NoText("no article text left after removing page furniture", input=name)
    return build_article(parts, meta)
