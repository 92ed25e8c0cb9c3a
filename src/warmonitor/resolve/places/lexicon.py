"""Name normalisation and the data files of ``warmonitor/data/places`` (read once, validated).

Every data file is documented by its ``_doc`` key (JSON) or its ``#`` header (TSV) and described in
``data/places/README.md``. A file that fails its schema raises ``DataFileError`` naming the file.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warmonitor.datafiles import read_json
from warmonitor.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "places"

_APOSTROPHES = "'’‘`´ʼʻʿʾ"
_DASHES = "-‐‑‒–—"
_SPACE_RE = re.compile(r"\s+")
_TRANS = str.maketrans({**{c: "" for c in _APOSTROPHES}, **{c: " " for c in _DASHES}, ".": " ", ",": " "})


@functools.lru_cache(maxsize=131072)
def norm(name: str) -> str:
    """The lookup key of a name: case-folded, accents and Arabic vowel marks dropped, apostrophes
    removed, dashes and dots as spaces, and a run of single letters joined ("U. S." = "US" = "us")."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_TRANS).casefold()
    parts = _SPACE_RE.split(text.strip())
    if len(parts) > 1 and all(len(p) == 1 for p in parts):
        return "".join(parts)
    out: list[str] = []
    run = ""
    for p in parts:
        if len(p) == 1 and p.isalpha() and p.isascii():
            run += p
            continue
        if run:
            out.append(run)
            run = ""
        out.append(p)
    if run:
        out.append(run)
    return " ".join(out)


def is_ascii_lower_junk(name: str) -> bool:
    """True for GeoNames alternate names that are lowercase Latin transliterations or codes ("hms",
    "QHS"): they make false matches and are not indexed."""
    if not name or not name.isascii():
        return False
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return True
    if all(c.islower() for c in letters):
        return True
    return name.isupper() and len(name) <= 4 and " " not in name


def _load_json(name: str) -> dict[str, Any]:
    return read_json(DATA_DIR / name, what="places data file", require_doc=True)


def read_tsv(path: Path, columns: int) -> list[list[str]]:
    """Rows of a ``#``-commented TSV file, each with exactly ``columns`` fields."""
    rows: list[list[str]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise DataFileError(f"cannot read places data file: {err}", input=str(path)) from err
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != columns:
            raise DataFileError(f"line {number}: expected {columns} tab-separated fields, got {len(fields)}",
                                input=str(path))
        rows.append(fields)
    return rows


@dataclass(frozen=True)
class Lexicon:
    """The geoparser's word lists (``lexicon.json``, ``spatial.json``, ``demonyms.tsv``)."""

    qualifiers: dict[str, tuple[str, ...]]
    of_forms: tuple[str, ...]
    name_prefixes: frozenset[str]
    stopwords: frozenset[str]
    speech_verbs: frozenset[str]
    agent_verbs: frozenset[str]
    possessed_nouns: frozenset[str]
    feature_priors: dict[str, float]
    min_match_population: int
    locative_prepositions: frozenset[str]
    demonyms: dict[str, str]  # form -> ISO2 or "=Name"
    spatial: dict[str, Any]
    admin_name_suffixes: tuple[str, ...]
    admin_name_prefixes: tuple[str, ...]
    capital_prior: float
    iso_suffix_alias_countries: frozenset[str]
    name_connectors: frozenset[str]
    demonym_endings: tuple[tuple[str, str], ...] = ()  # ("ian", "y"): "Sicilian" -> "Sicily"
    other_name_max_population: int = 0  # see recognize._inside_other_name (0: never)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and check the places word lists (cached)."""
    lex = _load_json("lexicon.json")
    spatial = _load_json("spatial.json")
    try:
        meto = lex["metonymy"]
        demonyms: dict[str, str] = {}
        for form, target in read_tsv(DATA_DIR / "demonyms.tsv", 2):
            demonyms[form] = target
            if not form.endswith("s") and " " not in form and form[-1] not in "hi":
                demonyms.setdefault(form + "s", target)
        for key in ("units", "numbers", "bearings", "relations", "intensifiers", "between"):
            if key not in spatial:
                raise KeyError(key)
        return Lexicon(
            qualifiers={k.lower(): tuple(v) for k, v in lex["qualifiers"].items()},
            of_forms=tuple(lex["of_forms"]),
            name_prefixes=frozenset(p.lower() for p in lex["name_prefixes"]),
            stopwords=frozenset(lex["stopwords"]),
            speech_verbs=frozenset(meto["speech_verbs"]),
            agent_verbs=frozenset(meto["agent_verbs"]),
            possessed_nouns=frozenset(meto["possessed_nouns"]),
            feature_priors={k: float(v) for k, v in lex["feature_priors"].items()},
            min_match_population=int(lex["min_match_population"]),
            locative_prepositions=frozenset(lex["locative_prepositions"]),
            demonyms=demonyms,
            spatial=spatial,
            admin_name_suffixes=tuple(lex["admin_name_suffixes"]),
            admin_name_prefixes=tuple(lex["admin_name_prefixes"]),
            capital_prior=float(lex["capital_prior"]),
            iso_suffix_alias_countries=frozenset(lex["iso_suffix_alias_countries"]),
            name_connectors=frozenset(lex["name_connectors"]),
            demonym_endings=tuple((str(a), str(b)) for a, b in lex.get("demonym_endings", [])),
            other_name_max_population=int(lex.get("other_name_max_population", 0)),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise DataFileError(f"places lexicon lacks or mistypes {err}", input=str(DATA_DIR)) from err


@dataclass(frozen=True)
class LooseFolds:
    """The transliteration folds of ``transliteration.json``: compiled patterns in order, the
    shortest loose key used and the prior penalty of a place found only by its loose key."""

    folds: tuple[tuple[re.Pattern[str], str], ...]
    min_length: int
    penalty: float
    min_words_unaided: int


@functools.lru_cache(maxsize=1)
def load_loose_folds() -> LooseFolds:
    """Read and compile ``transliteration.json`` (cached)."""
    data = _load_json("transliteration.json")
    try:
        folds = tuple((re.compile(str(row[0])), str(row[1])) for row in data["folds"])
        return LooseFolds(folds, int(data["min_length"]), float(data["loose_penalty"]),
                          int(data["min_words_unaided"]))
    except (KeyError, TypeError, ValueError, IndexError, re.error) as err:
        raise DataFileError(f"transliteration folds lack or mistype {err}",
                            input=str(DATA_DIR / "transliteration.json")) from err


@functools.lru_cache(maxsize=131072)
def loose_key(key: str) -> str | None:
    """The loose key of a normalised name (``norm``): the transliteration folds applied, spaces
    removed ("deir el zour", "deir ezzor" and "dayr az zawr" -> "dayralzur"); None for a name with a
    non-ASCII letter, a word of one letter (an initial, a stray word: "January A") or a loose key
    shorter than the data file's ``min_length``."""
    if not key or not key.isascii() or any(len(w) < 2 for w in key.split(" ")):
        return None
    rules = load_loose_folds()
    for pattern, replacement in rules.folds:
        key = pattern.sub(replacement, key)
    key = key.replace(" ", "")
    return key if len(key) >= rules.min_length and key.isalnum() else None


def strip_prefix(name: str, prefixes: frozenset[str]) -> str | None:
    """``name`` without a leading Arabic-style article ("Ar Rastan" -> "Rastan", "al-Bab" -> "Bab")."""
    m = re.match(r"^([A-Za-z]{1,3})[\s\-‐’']+(\S.*)$", name)
    if m and m.group(1).lower() in prefixes and len(m.group(2)) >= 3:
        rest = m.group(2)
        return rest[0].upper() + rest[1:]
    return None
