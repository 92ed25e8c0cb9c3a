"""The ingest stage's knowledge, loaded from ``warmonitor/data/ingest/*.json`` and compiled once.

``furniture()`` gives the compiled page-furniture patterns (see the ``_doc`` key of
``furniture.json``); ``stopwords()`` the language profiles of ``languages.json``. A data file that
fails its schema raises :class:`~warmonitor.errors.DataFileError` naming the file and the key.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from warmonitor.errors import DataFileError

_PACKAGE = "warmonitor.data.ingest"


def load_json(name: str) -> dict[str, Any]:
    """The parsed data file ``name`` of ``warmonitor/data/ingest``."""
    try:
        raw = resources.files("warmonitor").joinpath("data", "ingest", name).read_text(encoding="utf-8")
        data = json.loads(raw)
    except (OSError, ValueError) as err:
        raise DataFileError(f"cannot load ({err})", input=f"data/ingest/{name}") from err
    if not isinstance(data, dict):
        raise DataFileError("top level must be an object", input=f"data/ingest/{name}")
    return data


@dataclass(frozen=True)
class Furniture:
    """Compiled patterns and settings of ``furniture.json``."""

    noise: tuple[re.Pattern[str], ...]
    noise_suffix: tuple[re.Pattern[str], ...]
    timestamp: tuple[re.Pattern[str], ...]
    stamp: tuple[re.Pattern[str], ...]
    date_tokens: frozenset[str]
    dateline_open_words: frozenset[str]
    caption_credit: tuple[re.Pattern[str], ...]
    credit_only: tuple[re.Pattern[str], ...]
    caption_prefix: tuple[re.Pattern[str], ...]
    byline_prefix: tuple[re.Pattern[str], ...]
    name_particles: frozenset[str]
    author_labels: tuple[re.Pattern[str], ...]
    bio: tuple[re.Pattern[str], ...]
    contributors: tuple[re.Pattern[str], ...]
    outlet_self: tuple[re.Pattern[str], ...]
    headline_site_suffix: tuple[re.Pattern[str], ...]
    agencies: tuple[str, ...]
    months: dict[str, int]
    month_re: str
    section_label_max_chars: int
    header_window: int
    header_max_prose: int
    headline_max_words: int

    def is_agency(self, text: str) -> bool:
        """True when ``text`` is exactly one of the listed agencies."""
        t = text.strip().strip("()-–— ").strip()
        return t.casefold() in {a.casefold() for a in self.agencies}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _compile(data: dict[str, Any], key: str, subs: dict[str, str], flags: int) -> tuple[re.Pattern[str], ...]:
    items = data.get(key)
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise DataFileError(f"key {key!r} must be a list of regular expressions", input="data/ingest/furniture.json")
    out = []
    for pat in items:
        for name, value in subs.items():
            pat = pat.replace("{" + name + "}", value)
        try:
            out.append(re.compile(pat, flags))
        except re.error as err:
            raise DataFileError(f"key {key!r}: bad pattern {pat!r} ({err})", input="data/ingest/furniture.json") from err
    return tuple(out)


@lru_cache(maxsize=1)
def furniture() -> Furniture:
    """The compiled furniture rules (loaded once per process)."""
    data = load_json("furniture.json")
    agencies = data.get("agencies", [])
    months = data.get("months", {})
    if not isinstance(agencies, list) or not isinstance(months, dict):
        raise DataFileError("'agencies' must be a list and 'months' an object", input="data/ingest/furniture.json")
    subs = {"agency": _alternation(agencies), "month": _alternation(list(months))}
    ci, cs = re.IGNORECASE, 0
    return Furniture(
        noise=_compile(data, "noise_full", subs, ci),
        noise_suffix=_compile(data, "noise_suffix", subs, ci),
        timestamp=_compile(data, "timestamp_full", subs, ci),
        stamp=_compile(data, "stamp", subs, ci),
        date_tokens=frozenset(w.casefold() for w in data.get("date_tokens", [])),
        dateline_open_words=frozenset(w.casefold() for w in data.get("dateline_open_words", [])),
        caption_credit=_compile(data, "caption_credit", subs, cs),
        credit_only=_compile(data, "credit_only_full", subs, cs),
        caption_prefix=_compile(data, "caption_prefix", subs, cs),
        byline_prefix=_compile(data, "byline_prefix", subs, ci),
        name_particles=frozenset(w.casefold() for w in data.get("name_particles", [])),
        author_labels=_compile(data, "author_labels_full", subs, ci),
        bio=_compile(data, "bio", subs, cs),
        contributors=_compile(data, "contributors", subs, ci),
        outlet_self=_compile(data, "outlet_self", subs, cs),
        headline_site_suffix=_compile(data, "headline_site_suffix", subs, cs),
        agencies=tuple(agencies),
        months={k.casefold(): int(v) for k, v in months.items()},
        month_re=subs["month"],
        section_label_max_chars=int(data.get("section_label_max_chars", 24)),
        header_window=int(data.get("header_window", 12)),
        header_max_prose=int(data.get("header_max_prose", 2)),
        headline_max_words=int(data.get("headline_max_words", 30)),
    )


def full(patterns: tuple[re.Pattern[str], ...], line: str) -> re.Match[str] | None:
    """The first pattern matching the whole of ``line``."""
    for pat in patterns:
        m = pat.fullmatch(line)
        if m:
            return m
    return None


def search(patterns: tuple[re.Pattern[str], ...], line: str) -> re.Match[str] | None:
    """The first pattern found in ``line``."""
    for pat in patterns:
        m = pat.search(line)
        if m:
            return m
    return None
