"""HTTP API over the library. Reads are open; writes need the API key (header ``X-API-Key``).

Every error has one JSON shape: ``{"error": {"code": "WM...", "message": "..."}}`` (bad input 400 with the
``InputError`` code, 401 missing/wrong key, 403 writes disabled, 404, 405, 413 too large, 500). The
OpenAPI description is at ``/openapi.json``; the map page at ``/``.

Routes: ``GET /api/events`` (filters, ``format=json|geojson``), ``GET /api/events/{id}``,
``GET /api/articles?q=`` (full-text search), ``GET /api/articles/{id}`` (the stored text and its reports,
for the evidence view), ``GET /api/control``, ``GET /api/control/changes``, ``GET /api/control/{place}``,
``POST /api/articles`` (key needed).
"""
from __future__ import annotations

import io
import json
import os
import re
import secrets
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from warmonitor.errors import (
    InputError,
    ResourceError,
    StoreError,
    TooLarge,
    UsageError,
    WarmonitorError,
)

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_BODY_BYTES = 12 * 1024 * 1024  # a request body above this is refused before it is read


class ArticleIn(BaseModel):
    """The body of ``POST /api/articles``: exactly one of ``text`` or ``html``, plus optional metadata."""

    text: str | None = Field(default=None, description="plain text as copied from a page")
    html: str | None = Field(default=None, description="an HTML page (instead of text)")
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    headline: str | None = None


def status_of(err: WarmonitorError) -> int:
    """The HTTP status for a library error."""
    if isinstance(err, TooLarge):
        return 413
    if isinstance(err, (InputError, UsageError)):
        return 400
    if isinstance(err, StoreError):
        return 503 if err.transient else 500
    if isinstance(err, ResourceError):
        return 500
    return 500


def key_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison of the X-API-Key header with the configured key."""
    if not given:
        return False
    return secrets.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


def create_app(
    db: str | Path = "warmonitor.db",
    api_key: str | None = None,
    pipeline: Any = None,
    rules: Any = None,
    notifiers: Any = None,
) -> Any:
    """The FastAPI app over the store at ``db``. ``api_key`` (default ``$WARMONITOR_API_KEY``) enables
    writes; ``pipeline`` (anything with ``process(article) -> Result``) is built on the first write if None.
    ``rules`` (watch rules) and ``notifiers``: the fused events of each newly posted article are checked
    against the rules and alerts sent (``warmonitor.alerts.check``); the response lists them."""
    from fastapi import FastAPI, Header, Query, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse
    from fastapi.staticfiles import StaticFiles
    from starlette.exceptions import HTTPException as StarletteHTTPException

    from warmonitor import __version__
    from warmonitor.store import Store

    key = api_key or os.environ.get("WARMONITOR_API_KEY") or None
    app = FastAPI(title="warmonitor", version=__version__, description="Sourced, mapped conflict events.")
    state: dict[str, Any] = {"pipeline": pipeline}
    watch_rules, watch_notifiers = list(rules or []), list(notifiers or [])
    alerted: set[tuple[str, str]] = set()
    lock = threading.Lock()  # one article through the pipeline at a time (spaCy is not shared across threads)

    def error(status: int, code: str, message: str) -> JSONResponse:
        return JSONResponse({"error": {"code": code, "message": " ".join(str(message).split())}}, status_code=status)

    @app.exception_handler(WarmonitorError)
    async def _wm_error(_: Request, err: WarmonitorError) -> JSONResponse:
        return error(status_of(err), err.code, str(err))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, err: StarletteHTTPException) -> JSONResponse:
        detail = err.detail if isinstance(err.detail, str) else "error"
        return error(err.status_code, f"WM{err.status_code}", detail.lower() if detail == "Not Found" else detail)

    @app.exception_handler(RequestValidationError)
    async def _bad_request(_: Request, err: RequestValidationError) -> JSONResponse:
        problems = []
        for item in err.errors()[:3]:
            where = ".".join(str(x) for x in item.get("loc", ()) if x != "body")
            problems.append(f"{where}: {item.get('msg', 'invalid')}")
        return error(400, UsageError.code, "bad request: " + "; ".join(problems))

    @app.exception_handler(Exception)
    async def _crash(_: Request, err: Exception) -> JSONResponse:
        return error(500, "WM500", f"internal error ({type(err).__name__})")

    @app.middleware("http")
    async def _limit_body(request: Request, call_next: Any) -> Any:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
            return error(413, TooLarge.code, f"request body of {length} bytes is over the {MAX_BODY_BYTES} byte limit")
        return await call_next(request)

    @contextmanager
    def store() -> Any:
        s = Store.open(db)
        try:
            yield s
        finally:
            s.close()

    def check_date(name: str, value: str | None) -> None:
        if value is not None and not DATE_RE.match(value):
            raise UsageError(f"{name} must be a date YYYY[-MM[-DD]], got {value!r}")

    @app.get("/api/events", tags=["events"])
    def events(
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        type: str | None = None,  # noqa: A002 - the public parameter name
        actor: str | None = None,
        format: Literal["json", "geojson"] = "json",  # noqa: A002
        limit: int | None = Query(default=None, ge=1, le=100000),
        offset: int = Query(default=0, ge=0),
    ) -> Any:
        """Fused events by date, filtered (type matches the event type or sub-type; actor is a substring)."""
        check_date("since", since)
        check_date("until", until)
        with store() as s:
            evs = s.events(since=since, until=until, country=country, type=type, actor=actor)
        evs = evs[offset:][:limit] if limit else evs[offset:]
        if format == "geojson":
            from warmonitor.export import write

            buf = io.StringIO()
            write(evs, "geojson", buf)
            return json.loads(buf.getvalue())
        return [e.to_dict() for e in evs]

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(event_id: str) -> Any:
        """One fused event (by its id, an earlier id, or the id of one of its reports) with its reports."""
        with store() as s:
            found = s.event(event_id)
        if found is None:
            return error(404, "WM404", f"no event {event_id!r}")
        return found.to_dict()

    @app.get("/api/articles", tags=["articles"])
    def search_articles(q: str = Query(min_length=1, max_length=500), limit: int = Query(default=20, ge=1, le=200)) -> Any:
        """Stored articles matching a full-text query (SQLite FTS5 syntax), best first: id, headline, outlet,
        date, url and the number of events each reports."""
        with store() as s:
            found = s.search(q, limit=limit)
            return [
                {"id": a.id, "headline": a.headline, "outlet": a.outlet, "published": a.published, "url": a.url,
                 "case": a.case, "events": len(s.reports(a.id))}
                for a in found
            ]

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(article_id: str) -> Any:
        """A stored article (its cleaned body, to which every evidence span points) and its reported events."""
        with store() as s:
            found = s.article(article_id)
            reports = s.reports(article_id) if found is not None else []
        if found is None:
            return error(404, "WM404", f"no article {article_id!r}")
        data = found.to_dict()
        data["events"] = [r.to_dict() for r in reports]
        return data

    @app.get("/api/control", tags=["control"])
    def control(at: str | None = None, country: str | None = None) -> Any:
        """A GeoJSON FeatureCollection: every known place and who holds it at ``at`` (default: latest)."""
        check_date("at", at)
        with store() as s:
            return s.control_snapshot(at, country=country)

    @app.get("/api/control/changes", tags=["control"])
    def control_changes(since: str | None = None) -> Any:
        """The change feed: who gained, lost or holds which place, dated on or after ``since``, oldest first."""
        check_date("since", since)
        with store() as s:
            return [c.to_dict() for c in s.control_changes(since)]

    @app.get("/api/control/{place}", tags=["control"])
    def control_place(place: str, at: str | None = None) -> Any:
        """Who holds ``place`` (a name or geonameid) at ``at``, with its timeline."""
        check_date("at", at)
        with store() as s:
            rows = s.control_at(place, at)
        rows = rows if isinstance(rows, list) else [rows] if rows else []
        return [r.to_dict() if hasattr(r, "to_dict") else r for r in rows]

    @app.post("/api/articles", status_code=201, tags=["articles"])
    def add_article(body: ArticleIn, x_api_key: str | None = Header(default=None)) -> Any:
        """Process and store one article (201); an article already stored changes nothing (200)."""
        if not key:
            return error(403, "WM403", "writes are disabled: start the server with an API key")
        if not key_matches(x_api_key, key):
            return error(401, "WM401", "missing or wrong X-API-Key")
        from warmonitor.ingest import from_html, from_text
        from warmonitor.ingest.decode import DEFAULT_MAX_BYTES

        if (body.text is None) == (body.html is None):
            raise UsageError("give exactly one of 'text' or 'html'", input="article")
        raw = body.text if body.text is not None else body.html
        assert raw is not None
        if len(raw.encode("utf-8", "surrogatepass")) > DEFAULT_MAX_BYTES:
            raise TooLarge(f"over the {DEFAULT_MAX_BYTES} byte limit", input="article")
        meta = body.model_dump(exclude={"text", "html"}, exclude_none=True)
        art = from_text(raw, meta) if body.text is not None else from_html(raw, meta)
        with store() as s:
            if s.has_article(art.id):
                return JSONResponse(_stored(s, art.id, added=False), status_code=200)
        with lock:
            if state["pipeline"] is None:
                from warmonitor.pipeline import Pipeline

                state["pipeline"] = Pipeline()
            result = state["pipeline"].process(art)
        with store() as s:
            added = s.add(result)
            out = _stored(s, art.id, added=added)
            if added and watch_rules:
                from warmonitor.alerts import check

                fused = {f.event_id: f for f in (s.event(i) for i in set(out["fused_ids"].values()) if i) if f}
                with lock:
                    out["alerts"] = [a.to_dict() for a in check(fused.values(), watch_rules, watch_notifiers, alerted)]
            return JSONResponse(out, status_code=201 if added else 200)

    def _stored(s: Any, article_id: str, added: bool) -> dict[str, Any]:
        reports = s.reports(article_id)
        fused = {}
        for r in reports:
            f = s.event(r.event_id)
            fused[r.event_id] = f.event_id if f is not None else None
        return {
            "article_id": article_id,
            "added": added,
            "events": [r.to_dict() for r in reports],
            "fused_ids": fused,
        }

    @app.get("/", response_class=HTMLResponse, tags=["page"])
    def index() -> str:
        """The map page (it reads ``api/events?format=geojson``)."""
        from warmonitor.web.page import template

        return template()

    from warmonitor.web.page import find_node_modules

    nm = find_node_modules()
    if nm is not None:
        app.mount("/vendor/leaflet", StaticFiles(directory=nm / "leaflet" / "dist"), name="leaflet")
        app.mount("/vendor/topojson-client", StaticFiles(directory=nm / "topojson-client" / "dist"), name="topojson")
        app.mount("/vendor/world-atlas", StaticFiles(directory=nm / "world-atlas"), name="world-atlas")
    return app
