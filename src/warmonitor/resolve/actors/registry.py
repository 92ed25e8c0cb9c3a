"""The actor and source registries: data files under ``warmonitor/data/actors`` and ``data/sources``.

Actor files are JSON (``{"_doc": ..., "actors": [...]}``, one per conflict region); the support tables
are ``countries.tsv`` (ACLED country names, demonyms, metonyms), ``leaders.tsv`` (names that stand for
a government's side), ``roles.tsv`` (which actor a generic word stands for in a country and period) and
``generic.json`` (the generic words themselves and the ACLED name templates). The schemas are in
``data/actors/README.md``. Loading checks each file and raises ``DataFileError`` naming the file and
the reason.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warmonitor.errors import DataFileError
from warmonitor.model import Actor, Source
from warmonitor.resolve.actors.text import norm, norm_key

DATA = Path(__file__).resolve().parents[2] / "data"
ACTORS_DIR = DATA / "actors"
SOURCES_DIR = DATA / "sources"
SUPPORT_FILES = ("countries.tsv", "leaders.tsv", "roles.tsv", "generic.json", "periods.tsv", "people.tsv")
ACTOR_FIELDS = {"name", "inter", "actor_type", "country", "aliases", "parent", "backers", "active_from",
                "active_to", "side"}
STATE_ROLES = ("state_military", "police", "government")


def active(actor_from: str | None, actor_to: str | None, date: str | None) -> bool:
    """Whether ``date`` falls in ``[actor_from, actor_to)``; an unknown date or bound is open."""
    if not date:
        return True
    day = date[:10]
    if actor_from and day < actor_from:
        return False
    return not (actor_to and day >= actor_to)


@dataclass
class Country:
    """One row of ``countries.tsv``."""

    iso2: str
    name: str
    demonyms: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    state_name: str = ""  # "the Democratic Republic of Congo" in "Military Forces of ..."; default: name


@dataclass
class RoleRow:
    """One row of ``roles.tsv``: in ``iso2`` between ``start`` and ``end``, ``role`` means ``actor``."""

    iso2: str
    role: str
    actor: str
    start: str | None
    end: str | None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(f"cannot read: {err}", input=str(path)) from err
    except json.JSONDecodeError as err:
        raise DataFileError(f"invalid JSON at line {err.lineno}: {err.msg}", input=str(path)) from err


def _read_tsv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(f"cannot read: {err}", input=str(path)) from err
    rows = list(csv.DictReader(lines, delimiter="\t"))
    if not lines or tuple(lines[0].split("\t")[: len(columns)]) != columns:
        raise DataFileError(f"header must start with {'/'.join(columns)}", input=str(path))
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in rows]


def _actor(entry: Any, path: Path) -> Actor:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise DataFileError(f"actor entry without a name: {str(entry)[:60]}", input=str(path))
    unknown = set(entry) - ACTOR_FIELDS
    if unknown:
        raise DataFileError(f"actor {entry['name']!r} has unknown keys {sorted(unknown)}", input=str(path))
    inter = entry.get("inter")
    if inter is not None and (not isinstance(inter, int) or not 1 <= inter <= 8):
        raise DataFileError(f"actor {entry['name']!r}: inter must be 1-8, got {inter!r}", input=str(path))
    for key in ("aliases", "backers"):
        if not isinstance(entry.get(key, []), list):
            raise DataFileError(f"actor {entry['name']!r}: {key} must be a list", input=str(path))
    return Actor(
        name=entry["name"].strip(),
        inter=inter,
        actor_type=entry.get("actor_type"),
        country=entry.get("country"),
        aliases=list(entry.get("aliases") or []),
        parent=entry.get("parent"),
        backers=list(entry.get("backers") or []),
        active_from=entry.get("active_from"),
        active_to=entry.get("active_to"),
        side=entry.get("side"),
    )


def _expand(paths: Iterable[str | Path] | str | Path | None, default: Path) -> list[Path]:
    if paths is None:
        paths = [default]
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files.extend(sorted(path.glob("*.json")) + sorted(path.glob("*.tsv")))
        elif path.is_file():
            files.append(path)
        else:
            raise DataFileError("no such registry file or folder", input=str(path))
    return files


class ActorRegistry:
    """Actors by canonical name and alias, with the tables that resolve generic words."""

    def __init__(
        self,
        actors: list[Actor],
        countries: list[Country],
        leaders: list[tuple[str, str, str | None, str | None]],
        roles: list[RoleRow],
        generic: dict[str, Any],
    ) -> None:
        self.actors = actors
        self.countries = {c.iso2: c for c in countries}
        self.leaders = leaders
        self.roles = roles
        self.generic = generic
        self.people: list[tuple[str, str, str | None, str | None]] = []  # people.tsv: name, actor, from, to
        self._by_name: dict[str, Actor] = {}
        self._by_alias: dict[str, list[Actor]] = {}
        for actor in actors:
            key = norm_key(actor.name)
            if key in self._by_name:
                raise DataFileError(f"actor name defined twice: {actor.name!r}", input="actor registry")
            self._by_name[key] = actor
        for actor in actors:
            for alias in {actor.name, *actor.aliases}:
                bucket = self._by_alias.setdefault(norm_key(alias), [])
                if actor not in bucket:
                    bucket.append(actor)

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def load(cls, paths: Iterable[str | Path] | str | Path | None = None) -> ActorRegistry:
        """Load actor files and support tables from ``paths`` (files or folders; default: package data).

        Support tables missing from ``paths`` are taken from the package data, so a user file of extra
        actors can be loaded on its own.
        """
        files = _expand(paths, ACTORS_DIR)
        names = {f.name: f for f in files}
        for support in SUPPORT_FILES:
            names.setdefault(support, ACTORS_DIR / support)
        actors: list[Actor] = []
        for f in files:
            if f.name in SUPPORT_FILES or f.suffix != ".json":
                continue
            data = _read_json(f)
            if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
                raise DataFileError('expected an object with an "actors" list', input=str(f))
            actors.extend(_actor(e, f) for e in data["actors"])
        countries = [
            Country(r["iso2"], r["acled_name"], _split(r.get("demonyms")), _split(r.get("metonyms")),
                    r.get("state_name") or r["acled_name"])
            for r in _read_tsv(names["countries.tsv"], ("iso2", "acled_name", "demonyms", "metonyms"))
        ]
        leaders = [
            (r["iso2"], r["name"], r.get("from") or None, r.get("to") or None)
            for r in _read_tsv(names["leaders.tsv"], ("iso2", "name", "from", "to"))
        ]
        roles = [
            RoleRow(r["iso2"], r["role"], r["actor"], r.get("from") or None, r.get("to") or None)
            for r in _read_tsv(names["roles.tsv"], ("iso2", "role", "actor", "from", "to"))
        ]
        generic = _read_json(names["generic.json"])
        for key in ("roles", "state_nouns", "templates", "role_templates"):
            if not isinstance(generic, dict) or not isinstance(generic.get(key), dict):
                raise DataFileError(f'missing "{key}" object', input=str(names["generic.json"]))
        people = [
            (r["name"], r["actor"], r.get("from") or None, r.get("to") or None)
            for r in _read_tsv(names["people.tsv"], ("name", "actor", "from", "to"))
        ]
        periods = _read_tsv(names["periods.tsv"], ("iso2", "from", "to"))
        actors.extend(_state_actors(periods, countries, generic, {a.name for a in actors}, names["periods.tsv"]))
        reg = cls(actors, countries, leaders, roles, generic)
        reg.people = people
        return reg

    # -- lookups ---------------------------------------------------------------------------------
    def get(self, name: str) -> Actor | None:
        """The actor whose canonical name is ``name`` (case-insensitive), or None."""
        return self._by_name.get(norm_key(name))

    def lookup(self, name: str, country: str | None = None, date: str | None = None) -> list[Actor]:
        """Actors named or aliased ``name``, best first: the country's own, then active at ``date``."""
        found = list(self._by_alias.get(norm_key(name), []))
        return rank(found, [country] if country else [], date)

    def country_of_name(self, text: str) -> str | None:
        """ISO2 for a country name, demonym or metonym (``Syria``, ``Syrian``, ``Damascus``)."""
        return self._country_keys().get(norm_key(text))

    def _country_keys(self) -> dict[str, str]:
        """Every country's name, demonym and metonym key -> its ISO2 (the first country wins a shared
        key), built once per set of countries."""
        cached = self.__dict__.get("_country_key_cache")
        if cached is None or cached[0] != len(self.countries):
            keys: dict[str, str] = {}
            for c in self.countries.values():
                for x in (c.name, *c.demonyms, *c.metonyms):
                    keys.setdefault(norm_key(x), c.iso2)
            cached = self.__dict__["_country_key_cache"] = (len(self.countries), keys)
        return cached[1]  # type: ignore[no-any-return]

    # -- generic roles ---------------------------------------------------------------------------
    def role_actor(
        self, role: str, iso2: str | None, date: str | None, evidence: Iterable[Actor] = ()
    ) -> tuple[Actor | None, str]:
        """The actor a generic ``role`` stands for in country ``iso2`` at ``date``, and how it was found:
        ``table`` (roles.tsv, for the role then its fallbacks), ``context`` (the actor of a fitting inter
        code that the article itself names most), ``template`` (the ACLED name for the country)."""
        if not iso2:
            return None, "none"
        spec = self.generic["roles"].get(role, {})
        for candidate in (role, *spec.get("fallback", [])):
            hit = self._role_row(candidate, iso2, date)
            if hit is not None:
                return hit, "table"
        inters = set(spec.get("inter", []))
        if role not in STATE_ROLES and inters:
            counts: dict[str, int] = {}
            named: dict[str, Actor] = {}
            for a in evidence:
                if a.inter in inters and a.country == iso2 and not a.new:
                    counts[a.name] = counts.get(a.name, 0) + 1
                    named[a.name] = a
            if counts:
                return named[max(counts, key=lambda n: counts[n])], "context"
        template = self.generic["role_templates"].get(role) or spec.get("template")
        return (self.template_actor(template, iso2, date) if template else None), "template"

    def _role_row(self, role: str, iso2: str, date: str | None) -> Actor | None:
        for row in self.roles:
            if row.iso2 == iso2 and row.role == role and active(row.start, row.end, date):
                if date is None and row.end:
                    continue
                actor = self.get(row.actor)
                if actor is not None:
                    return actor
        return None

    def _dated(self, base: str, iso2: str) -> list[Actor]:
        """The actors of ``iso2`` named ``base (...)`` (dated entries), kept per registry size."""
        cache = self.__dict__.setdefault("_dated_cache", {})
        key = (base, iso2, len(self.actors))
        if key not in cache:
            cache[key] = [a for a in self.actors if a.name.startswith(base + " (") and a.country == iso2]
        return cache[key]  # type: ignore[no-any-return]

    def template_actor(self, template: str, iso2: str, date: str | None) -> Actor | None:
        """The registry actor for an ACLED name template (``Military Forces of {country}``) in a
        country at a date, preferring a dated entry ``... (2000-2024)``; a fresh Actor if none."""
        spec = self.generic["templates"].get(template)
        country = self.countries.get(iso2)
        if spec is None or country is None:
            return None
        base = spec["name"].format(country=country.name, state=country.state_name or country.name)
        exact = self.get(base)
        dated = self._dated(base, iso2)
        if dated:
            live = [a for a in dated if active(a.active_from, a.active_to, date)]
            if date is None:
                live = [a for a in dated if not a.active_to] or live
            if live:
                return live[0]
        if exact is not None:
            return exact
        return Actor(name=base, inter=spec.get("inter"), actor_type=spec.get("actor_type"), country=iso2)


def rank(actors: list[Actor], countries: list[str], date: str | None) -> list[Actor]:
    """Order candidate actors: focus countries first (in order), active at ``date`` next, the rest."""

    def score(a: Actor) -> tuple[int, int, int]:
        cidx = countries.index(a.country) if a.country in countries else (len(countries) + (0 if a.country is None else 1))
        live = 0 if active(a.active_from, a.active_to, date) else 1
        open_ended = 0 if (date or a.active_to is None) else 1
        return (live, cidx, open_ended) if not countries else (cidx, live, open_ended)

    return sorted(actors, key=score)


def _state_actors(
    periods: list[dict[str, str]], countries: list[Country], generic: dict[str, Any], known: set[str], path: Path
) -> list[Actor]:
    """State forces of each period in ``periods.tsv`` (``Military Forces of Syria (2000-2024)``), for the
    templates named in ``generic.json``'s ``period_templates``, unless an actor file defines the name."""
    by_iso = {c.iso2: c for c in countries}
    out: list[Actor] = []
    for row in periods:
        country = by_iso.get(row["iso2"])
        if country is None or not row.get("from"):
            raise DataFileError(f"period row needs a known iso2 and a from date: {row}", input=str(path))
        years = f"{row['from'][:4]}-{(row.get('to') or '')[:4]}"
        for key in generic.get("period_templates", []):
            spec = generic["templates"][key]
            name = spec["name"].format(country=country.name, state=country.state_name or country.name) + f" ({years})"
            if name in known:
                continue
            known.add(name)
            out.append(Actor(name=name, inter=spec.get("inter"), actor_type=spec.get("actor_type"), country=country.iso2,
                             active_from=row["from"], active_to=row.get("to") or None,
                             side=f"Government of {country.name}"))
    return out


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


class SourceRegistry:
    """News agencies, state media, monitors, parties, NGOs: ``lookup`` by name or alias."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self._index: dict[str, Source] = {}
        for src in sources:
            for alias in (src.name, *src.aliases):
                key = norm_key(alias)
                if key in self._index and self._index[key] is not src:
                    raise DataFileError(f"source alias {alias!r} names two sources", input="source registry")
                self._index[key] = src

    @classmethod
    def load(cls, paths: Iterable[str | Path] | str | Path | None = None) -> SourceRegistry:
        """Load ``sources.json``-style files (``{"sources": [...]}``) from ``paths`` (default: package data)."""
        sources: list[Source] = []
        for f in _expand(paths, SOURCES_DIR):
            if f.suffix != ".json":
                continue
            data = _read_json(f)
            if not isinstance(data, dict) or "sources" not in data:
                continue  # other data files in the folder (claims.json)
            if not isinstance(data["sources"], list):
                raise DataFileError('"sources" must be a list', input=str(f))
            for e in data["sources"]:
                if not isinstance(e, dict) or not isinstance(e.get("name"), str):
                    raise DataFileError(f"source entry without a name: {str(e)[:60]}", input=str(f))
                sources.append(Source(
                    name=e["name"], kind=e.get("kind"), stance=e.get("stance"), basis=e.get("basis"),
                    country=e.get("country"), aliases=list(e.get("aliases") or []),
                ))
        return cls(sources)

    def lookup(self, name: str) -> Source | None:
        """The source named or aliased ``name`` (case-insensitive; a leading "the" is ignored)."""
        key = norm_key(name)
        hit = self._index.get(key)
        if hit is None and key.startswith("the "):
            hit = self._index.get(key[4:])
        return hit

    def aliases(self) -> dict[str, Source]:
        """Every normalised alias and the source it names."""
        return dict(self._index)

    def alias_automaton(self) -> Any:
        """An Aho-Corasick automaton over ``aliases`` (values ``(alias, source)``), built once."""
        auto = self.__dict__.get("_automaton")
        if auto is None:
            import ahocorasick

            auto = ahocorasick.Automaton()
            for key, src in self._index.items():
                auto.add_word(key, (key, src))
            if len(auto):
                auto.make_automaton()
            self.__dict__["_automaton"] = auto
        return auto


__all__ = ["ActorRegistry", "SourceRegistry", "Country", "RoleRow", "active", "rank", "norm"]
