"""The gazetteer: a SQLite index of places and their names in every script.

Tables: ``places`` (one row a place: point, country, admin1/admin2 names, feature, population, ISO
3166-2 code, ``radius_km`` its extent, ``point`` how its coordinates were obtained, ``source``),
``names`` (``key`` the normalised name, ``form`` as written, ``kind`` 0 its main name, 1 an alternate
name, 2 a derived form such as the name without an Arabic article), ``loose`` (``lkey`` the loose key of
a Latin-script ``key``: its transliteration folds, ``lexicon.loose_key``; read only when the exact key
finds nothing) and ``meta``. ``Gazetteer.open()``
builds the default index from package data on first use (see ``build.py``);
``Gazetteer.from_records`` makes a small in-memory one for tests and custom lists.
"""
from __future__ import annotations

import fcntl
import hashlib
import math
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from warmonitor.errors import ResourceError, UsageError
from warmonitor.model import Place
from warmonitor.resolve.places.lexicon import DATA_DIR, load_lexicon, load_loose_folds, loose_key, norm

SCHEMA_VERSION = "places-7"
DATA_FILES = ("supplement.json", "country_points.tsv", "country_aliases.tsv", "admin_aliases.tsv", "lexicon.json",
              "transliteration.json")

SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL, lon REAL, country TEXT, admin1 TEXT,
    admin2 TEXT, feature TEXT NOT NULL, population INTEGER NOT NULL DEFAULT 0, iso3166_2 TEXT,
    admin1_code TEXT, radius_km REAL, point TEXT, source TEXT, bonus REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS names (key TEXT NOT NULL, id INTEGER NOT NULL, form TEXT NOT NULL, kind INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS loose (lkey TEXT NOT NULL, key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE INDEX IF NOT EXISTS loose_lkey ON loose(lkey);
CREATE INDEX IF NOT EXISTS places_admin ON places(country, feature, admin1);
"""

_COLUMNS = "id, name, lat, lon, country, admin1, admin2, feature, population, iso3166_2, radius_km, bonus"


def build_version() -> str:
    """The schema version plus a digest of the curated data files the index is built from: an index
    built from other data is rebuilt on open."""
    digest = hashlib.sha1(SCHEMA_VERSION.encode())
    for name in DATA_FILES:
        digest.update((DATA_DIR / name).read_bytes())
    return f"{SCHEMA_VERSION}:{digest.hexdigest()[:12]}"


def fill_loose(conn: sqlite3.Connection) -> None:
    """Fill the ``loose`` table from the keys of ``names`` (before its index is made)."""
    keys = [row[0] for row in conn.execute("SELECT DISTINCT key FROM names")]
    conn.executemany("INSERT INTO loose VALUES (?,?)",
                     ((lk, k) for k in keys if (lk := loose_key(k)) is not None))


def default_home() -> Path:
    """``$WARMONITOR_HOME`` or ``~/.cache/warmonitor``."""
    home = os.environ.get("WARMONITOR_HOME")
    return Path(home).expanduser() if home else Path.home() / ".cache" / "warmonitor"


def default_path() -> Path:
    return default_home() / "gazetteer.sqlite"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


@dataclass(frozen=True)
class Candidate:
    """A place a name may stand for: ``kind`` how the name matched (0 main name, 1 alternate, 2
    derived), ``radius_km`` the extent of the place, ``prior`` its score before context."""

    place: Place
    kind: int
    radius_km: float
    prior: float


# How much a name that is not the place's main name costs (1 an alternate name, 2 a derived form).
KIND_PENALTY = {0: 0.0, 1: 0.8, 2: 1.2}
EXACT_FORM_BONUS = 0.7
#: a place matched only by an all-capital Latin form this short ("AL" for Alabama) is a candidate only
#: for text written in capitals: "Al" (of "Al Shabab") is not Alabama
ABBREVIATION_MAX_LEN = 3


def prior_score(feature: str, population: int, kind: int) -> float:
    """The context-free score of a candidate: feature type, population and how its name matched."""
    priors = load_lexicon().feature_priors
    return priors.get(feature, 0.0) + 0.45 * math.log10(max(population, 0) + 1) - KIND_PENALTY.get(kind, 1.2)


def _place(row: tuple[Any, ...]) -> Place:
    return Place(name=row[1], lat=row[2], lon=row[3], country=row[4], admin1=row[5], admin2=row[6],
                 feature=row[7], geonameid=row[0], population=row[8] or 0, iso3166_2=row[9])


class Gazetteer:
    """Places and their names, read from a SQLite index."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str | None, bool], list[Candidate]] = {}
        self._radius: dict[int, float] = {}
        self._loose: bool | None = None
        # (max_populations, loose_populations) of every key asked before, None for a key without a
        # place: the text matcher asks for every capitalised run of every text, and runs repeat
        self._populations: tuple[dict[str, tuple[int, int] | None], dict[str, tuple[int, int] | None]] = ({}, {})

    # -- opening -----------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None = None, progress: bool = True) -> Gazetteer:
        """The index at ``path`` (default ``$WARMONITOR_HOME/gazetteer.sqlite``), built from package
        data first when it is missing or was built by an older version of this code."""
        target = Path(path) if path is not None else default_path()
        if target.exists() and not (_version_of(target) or "").startswith("places-"):
            raise ResourceError("not a warmonitor gazetteer index (no places version in its meta table); "
                                "remove it or name another path", input=str(target))
        if not target.exists() or _version_of(target) != build_version():
            from warmonitor.resolve.places.build import build_gazetteer

            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(f"{target}.lock", "w") as lock:  # one builder at a time; the others wait, then reuse
                    fcntl.flock(lock, fcntl.LOCK_EX)
                    try:
                        if not target.exists() or _version_of(target) != build_version():
                            build_gazetteer(target, progress=progress)
                    finally:
                        fcntl.flock(lock, fcntl.LOCK_UN)
            except (OSError, sqlite3.Error) as err:
                raise ResourceError(f"cannot build the gazetteer there ({err}); set WARMONITOR_HOME to a "
                                    "writable folder", input=str(target)) from err
        try:
            conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)
            conn.execute("SELECT 1 FROM places LIMIT 1")
        except sqlite3.Error as err:
            raise ResourceError(f"gazetteer index cannot be read: {err}", input=str(target)) from err
        return cls(conn, target)

    @classmethod
    def from_records(cls, records: Iterable[Place | dict[str, Any]]) -> Gazetteer:
        """A small in-memory gazetteer. Each record is a ``Place`` or a dict with Place's fields plus
        optional ``aliases`` (list of names) and ``radius_km``; ``geonameid`` defaults to a running number."""
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        conn.executescript(SCHEMA)
        for number, rec in enumerate(records, 1):
            data = rec.to_dict() if isinstance(rec, Place) else dict(rec)
            if not data.get("name"):
                raise UsageError(f"gazetteer record {number} has no name")
            pid = data.get("geonameid") or -number
            aliases = list(data.get("aliases") or [])
            conn.execute(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (pid, data["name"], data.get("lat"), data.get("lon"), data.get("country"), data.get("admin1"),
                 data.get("admin2"), data.get("feature") or "city", int(data.get("population") or 0),
                 data.get("iso3166_2"), None, data.get("radius_km"), "given", "records", float(data.get("bonus") or 0)),
            )
            seen: set[str] = set()
            for kind, form in [(0, data["name"])] + [(1, a) for a in aliases]:
                key = norm(form)
                if key and key not in seen:
                    seen.add(key)
                    conn.execute("INSERT INTO names VALUES (?,?,?,?)", (key, pid, form, kind))
        fill_loose(conn)
        conn.executescript(INDEXES)
        conn.execute("INSERT INTO meta VALUES ('version', ?)", (build_version(),))
        return cls(conn, None)

    def close(self) -> None:
        self._conn.close()

    # -- queries -----------------------------------------------------------------------------------
    def _rows(self, sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def candidates(self, name: str, country: str | None = None, limit: int = 40, loose: bool = True
                   ) -> list[Candidate]:
        """Places named ``name`` (any script, accents and case ignored), best prior first; a place
        whose name is written exactly so ("EU", not "Eu") gets a small bonus. With ``loose``, a name
        the index lacks is looked up by its loose key (another romanisation, ``loose_matches``), the
        priors lowered by ``transliteration.json``'s ``loose_penalty``."""
        key = norm(name)
        if not key:
            return []
        cache_key = (name, country, loose)
        if cache_key not in self._cache:
            out = self._candidates_of([key], name, country, 0.0)
            if not out and loose:  # another romanisation of a name the index holds ("Deir el-Zour": Deir ez-Zor)
                keys = self.loose_matches(key)
                if keys:
                    out = self._candidates_of(keys, name, country, load_loose_folds().penalty)
            out = _towns_before_their_areas(out)
            out.sort(key=lambda c: -c.prior)
            if len(self._cache) > 50000:
                self._cache.clear()
            self._cache[cache_key] = out
        return self._cache[cache_key][:limit]

    def _candidates_of(self, keys: list[str], name: str, country: str | None, penalty: float) -> list[Candidate]:
        """The places named by any of the normalised ``keys``, their priors lowered by ``penalty``."""
        sql = (f"SELECT {', '.join('p.' + c.strip() for c in _COLUMNS.split(','))}, MIN(n.kind), "
               "MAX(n.form = ?), MAX(? OR n.form <> UPPER(n.form) OR n.form = LOWER(n.form) OR LENGTH(n.form) > ?) "
               f"FROM names n JOIN places p ON p.id = n.id WHERE n.key IN ({','.join('?' * len(keys))})")
        args: tuple[Any, ...] = (name, name.isupper(), ABBREVIATION_MAX_LEN, *keys)
        if country:
            sql += " AND p.country = ?"
            args = (*args, country.upper())
        sql += " GROUP BY p.id"
        out = []
        for row in self._rows(sql, args):
            if not row[14]:
                continue  # only a short capital abbreviation ("AL") matches, and ``name`` is not in capitals ("Al")
            place = _place(row)
            radius = row[10] if row[10] is not None else _default_radius(place.feature)
            kind = int(row[12])
            # the capital bonus goes with the current main name only ("Salisbury" is not Harare)
            bonus = (float(row[11] or 0) if kind == 0 else 0.0) + (EXACT_FORM_BONUS if row[13] else 0.0)
            out.append(Candidate(place, kind, float(radius),
                                 prior_score(place.feature, place.population, kind) + bonus - penalty))
        return out

    def loose_matches(self, key: str) -> list[str]:
        """The normalised names of the index that share the loose key of ``key`` (another
        romanisation: "deir el zour" -> ["deir ez zor", "dayr az zawr", ...]); none for a short or
        non-Latin name, or an index without a ``loose`` table."""
        lkey = loose_key(key)
        if lkey is None or not self._has_loose():
            return []
        return sorted({r[0] for r in self._rows("SELECT key FROM loose WHERE lkey = ?", (lkey,))} - {key})

    def _has_loose(self) -> bool:
        if self._loose is None:
            rows = self._rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'loose'", ())
            self._loose = bool(rows)
        return self._loose

    def lookup(self, name: str, country: str | None = None, limit: int = 10) -> list[Place]:
        """Places named ``name``, optionally in ``country`` (ISO2), most likely first (no context)."""
        if not isinstance(name, str):
            raise UsageError(f"gazetteer lookup needs a name string, got {type(name).__name__}")
        return [c.place for c in self.candidates(name, country, limit)]

    def get(self, geonameid: int) -> Place | None:
        """The place with this id (GeoNames id; negative for curated places without one)."""
        rows = self._rows(f"SELECT {_COLUMNS} FROM places WHERE id = ?", (int(geonameid),))
        return _place(rows[0]) if rows else None

    def radius_km(self, place: Place) -> float:
        """How far the place extends from its point, in km (a town 2-5 km, an admin area more)."""
        if place.geonameid is None:
            return _default_radius(place.feature)
        if place.geonameid not in self._radius:
            rows = self._rows("SELECT radius_km FROM places WHERE id = ?", (place.geonameid,))
            value = rows[0][0] if rows and rows[0][0] is not None else None
            if value is None:
                value = _default_radius(place.feature, place.population)
            self._radius[place.geonameid] = float(value)
        return self._radius[place.geonameid]

    def country(self, iso2: str) -> Place | None:
        """The country record for an ISO 3166-1 alpha-2 code."""
        rows = self._rows(f"SELECT {_COLUMNS} FROM places WHERE feature = 'country' AND country = ?",
                          (iso2.upper(),))
        return _place(rows[0]) if rows else None

    def admin1(self, country: str | None, admin1: str | None) -> Place | None:
        """The first-level area named ``admin1`` in ``country``."""
        if not country or not admin1:
            return None
        rows = self._rows(f"SELECT {_COLUMNS} FROM places WHERE country = ? AND feature = 'admin1' AND admin1 = ?",
                          (country, admin1))
        return _place(rows[0]) if rows else None

    def max_population(self, keys: list[str], plain: bool = False) -> dict[str, int]:
        """For each normalised name that the index holds: the population of the largest place so
        named (admin areas, countries, regions and sites count as very large). With ``plain``, a place
        named so only by a short all-capital form ("AL") does not count (text not written in capitals
        does not name it); a name left with no place is absent."""
        return {k: (p if plain else a) for k, (a, p) in self.max_populations(keys).items() if not plain or p >= 0}

    def max_populations(self, keys: list[str]) -> dict[str, tuple[int, int]]:
        """For each normalised name that the index holds: (``max_population``, the same without the
        places named so only by a short all-capital form, -1 when none is left)."""
        return _remembered(self._populations[0], keys, self._max_populations)

    def _max_populations(self, keys: list[str]) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        size = "CASE WHEN p.feature IN ('city', 'admin2') THEN p.population ELSE 1000000000 END"
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            sql = (f"SELECT n.key, MAX({size}), MAX(CASE WHEN n.form = UPPER(n.form) AND n.form <> LOWER(n.form) "
                   "AND LENGTH(n.form) <= ? "
                   f"THEN -1 ELSE {size} END) "
                   f"FROM names n JOIN places p ON p.id = n.id WHERE n.key IN ({','.join('?' * len(chunk))}) "
                   "GROUP BY n.key")
            out.update((k, (int(a), int(b))) for k, a, b in self._rows(sql, (ABBREVIATION_MAX_LEN, *chunk)))
        return out

    def loose_populations(self, keys: list[str]) -> dict[str, tuple[int, int]]:
        """``max_populations`` of the names that share the loose key of each of ``keys`` (keys the
        index lacks: another romanisation, see ``loose_matches``)."""
        return _remembered(self._populations[1], keys, self._loose_populations)

    def _loose_populations(self, keys: list[str]) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        by_loose: dict[str, list[str]] = {}
        for k in keys:
            lk = loose_key(k)
            if lk is not None:
                by_loose.setdefault(lk, []).append(k)
        if not by_loose or not self._has_loose():
            return out
        size = "CASE WHEN p.feature IN ('city', 'admin2') THEN p.population ELSE 1000000000 END"
        lkeys = list(by_loose)
        for i in range(0, len(lkeys), 500):
            chunk = lkeys[i:i + 500]
            sql = (f"SELECT l.lkey, MAX({size}), MAX(CASE WHEN n.form = UPPER(n.form) AND n.form <> LOWER(n.form) "
                   f"AND LENGTH(n.form) <= ? THEN -1 ELSE {size} END) "
                   "FROM loose l JOIN names n ON n.key = l.key JOIN places p ON p.id = n.id "
                   f"WHERE l.lkey IN ({','.join('?' * len(chunk))}) GROUP BY l.lkey")
            for lk, a, b in self._rows(sql, (ABBREVIATION_MAX_LEN, *chunk)):
                for k in by_loose[lk]:
                    out[k] = (int(a), int(b))
        return out

    def forms(self, key: str) -> set[str]:
        """The written forms of a normalised name."""
        return {r[0] for r in self._rows("SELECT form FROM names WHERE key = ?", (key,))}

    def surface_forms(self, min_population: int = 0) -> Iterator[tuple[str, int]]:
        """Every written name with the largest population among the places it names, for matchers."""
        sql = ("SELECT n.form, MAX(CASE WHEN p.feature IN ('city', 'admin2') THEN p.population ELSE 1000000000 END) "
               "FROM names n JOIN places p ON p.id = n.id GROUP BY n.form")
        for form, pop in self._rows(sql, ()):
            if pop >= min_population:
                yield form, int(pop)

    def meta(self) -> dict[str, str]:
        return dict(self._rows("SELECT key, value FROM meta", ()))

    def __len__(self) -> int:
        return int(self._rows("SELECT COUNT(*) FROM places", ())[0][0])


def _remembered(memo: dict[str, Any], keys: list[str], query: Any) -> dict[str, Any]:
    """``query(keys)`` (a dict of the keys it finds), asking it only for the keys ``memo`` has not
    seen; ``memo`` keeps every answer, None for a key not found."""
    if len(memo) > 200000:
        memo.clear()
    missing = [k for k in dict.fromkeys(keys) if k not in memo]
    if missing:
        found = query(missing)
        for k in missing:
            memo[k] = found.get(k)
    return {k: memo[k] for k in keys if memo[k] is not None}


def _towns_before_their_areas(cands: list[Candidate]) -> list[Candidate]:
    """A town named like the admin area it lies in ("Homs" in Homs governorate) is what the bare name
    means: the area keeps a prior just below the town's (a qualifier such as "province" selects it)."""
    towns = [c for c in cands if c.place.feature == "city" and
             ((c.kind == 0 and c.place.population >= 1000) or (c.kind == 1 and c.place.population >= 100000))]
    out = []
    for c in cands:
        if c.place.feature in ("admin1", "admin2"):
            inside = [t.prior for t in towns if t.place.country == c.place.country and t.place.admin1 == c.place.admin1]
            if inside and max(inside) <= c.prior:
                c = replace(c, prior=max(inside) - 0.3)
        out.append(c)
    return out


def _default_radius(feature: str, population: int = 0) -> float:
    if feature == "city":
        return 2.0 + min(10.0, math.sqrt(max(population, 0)) / 150.0)
    return {"site": 1.0, "admin2": 25.0, "admin1": 100.0, "region": 150.0, "water": 300.0,
            "country": 500.0, "continent": 2500.0}.get(feature, 5.0)


def _version_of(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None
