"""Reading the documented data files under ``warmonitor/data/`` with one-line errors naming the file."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from warmonitor.errors import DataFileError

DATA_ROOT = Path(__file__).resolve().parent / "data"


def read_json(path: Path, *, what: str = "data file", require_doc: bool = False) -> dict[str, Any]:
    """A JSON object from ``path``; ``DataFileError`` when unreadable, not an object, or (with
    ``require_doc``) lacking the ``_doc`` key that documents its schema."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataFileError(f"cannot read {what}: {err}", input=str(path)) from err
    if not isinstance(data, dict):
        raise DataFileError(f"{what} must be a JSON object", input=str(path))
    if require_doc and "_doc" not in data:
        raise DataFileError(f"{what} must document its schema in a '_doc' key", input=str(path))
    return data
