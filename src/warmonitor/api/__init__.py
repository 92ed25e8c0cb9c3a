"""The HTTP API (FastAPI): read events and control, write articles with a key. OpenAPI at /openapi.json."""
from warmonitor.api.app import create_app

__all__ = ["create_app"]
