"""HTTP API over the library. Reads are open; writes need the API key (header ``X-API-Key``).

Every error has one JSON shape: ``{"error": {"code": "WM...", "message": "..."}}``.
"""
from __future__ import annotations

import io
import json
import os
import secrets
from pathlib import Path
from typing import Any

from warmonitor.errors import InputError, WarmonitorError


def create_app(db: str | Path = "warmonitor.db", api_key: str | None = None, pipeline: Any = None) -> Any:
    from fastapi import FastAPI, Header, Request
    from fastapi.responses import HTMLResponse, JSONResponse
    from fastapi.staticfiles import StaticFiles
    from pydantic import BaseModel

    from warmonitor import __version__
    from warmonitor.store import Store

    key = api_key or os.environ.get("WARMONITOR_API_KEY")
    app = FastAPI(title="warmonitor", version=__version__, description="Sourced, mapped conflict events.")
    state: dict[str, Any] = {"pipeline": pipeline}

    def error(status: int, code: str, message: str) -> JSONResponse:
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)

    @app.exception_handler(WarmonitorError)
    async def _wm_error(_: Request, err: WarmonitorError) -> JSONResponse:
        return error(400 if isinstance(err, InputError) else 500, err.code, str(err))

    @app.exception_handler(404)
    async def _not_found(_: Request, __: Any) -> JSONResponse:
        return error(404, "WM404", "not found")

    def store() -> Any:
        return Store.open(db)

    class ArticleIn(BaseModel):
        text: str
        url: str | None = None
        outlet: str | None = None
        published: str | None = None
        language: str | None = None

    @app.get("/api/events")
    def events(since: str | None = None, until: str | None = None, country: str | None = None,
               type: str | None = None, actor: str | None = None, format: str = "json") -> Any:
        s = store()
        try:
            evs = s.events(since=since, until=until, country=country, type=type, actor=actor)
        finally:
            s.close()
        if format == "geojson":
            from warmonitor.export import write

            buf = io.StringIO()
            write(evs, "geojson", buf)
            return json.loads(buf.getvalue())
        return [e.to_dict() for e in evs]

    @app.get("/api/events/{event_id}")
    def event(event_id: str) -> Any:
        s = store()
        try:
            for e in s.events():
                if e.event_id == event_id:
                    return e.to_dict()
        finally:
            s.close()
        return error(404, "WM404", f"no event {event_id}")

    @app.get("/api/control")
    def control(at: str | None = None, country: str | None = None) -> Any:
        s = store()
        try:
            return s.control_snapshot(at, country=country)
        finally:
            s.close()

    @app.get("/api/control/{place}")
    def control_place(place: str, at: str | None = None) -> Any:
        s = store()
        try:
            rows = s.control_at(place, at)
        finally:
            s.close()
        rows = rows if isinstance(rows, list) else [rows] if rows else []
        return [r.to_dict() if hasattr(r, "to_dict") else r for r in rows]

    @app.post("/api/articles", status_code=201)
    def add_article(article: ArticleIn, x_api_key: str | None = Header(default=None)) -> Any:
        if not key:
            return error(403, "WM403", "writes are disabled: start the server with an API key")
        if not x_api_key or not secrets.compare_digest(x_api_key, key):
            return error(401, "WM401", "missing or wrong X-API-Key")
        if state["pipeline"] is None:
            from warmonitor.pipeline import Pipeline

            state["pipeline"] = Pipeline()
        meta = article.model_dump(exclude={"text"}, exclude_none=True)
        result = state["pipeline"].process_text(article.text, meta)
        s = store()
        try:
            added = s.add(result)
        finally:
            s.close()
        return {"article_id": result.article.id, "added": added, "events": [e.to_dict() for e in result.events]}

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        from warmonitor.web.page import template

        return template()

    from warmonitor.web.page import find_node_modules

    nm = find_node_modules()
    if nm is not None:
        app.mount("/vendor/leaflet", StaticFiles(directory=nm / "leaflet" / "dist"), name="leaflet")
        app.mount("/vendor/topojson-client", StaticFiles(directory=nm / "topojson-client" / "dist"), name="topojson")
        app.mount("/vendor/world-atlas", StaticFiles(directory=nm / "world-atlas"), name="world-atlas")
    return app
