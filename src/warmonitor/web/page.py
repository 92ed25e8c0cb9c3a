"""Build the map page: the template with the data embedded safely, and the vendored front-end assets."""
from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

from warmonitor.errors import ResourceError

# npm package -> (files to copy, folder under vendor/)
VENDOR = {
    "leaflet": (("dist/leaflet.js", "dist/leaflet.css", "dist/images"), "leaflet"),
    "topojson-client": (("dist/topojson-client.min.js",), "topojson-client"),
    "world-atlas": (("countries-110m.json",), "world-atlas"),
}


def template() -> str:
    return resources.files("warmonitor.web").joinpath("map.html").read_text(encoding="utf-8")


def embed_json(data: Any) -> str:
    """JSON safe inside a <script> element: no '</script>', no HTML comment openers, no U+2028/9."""
    text = json.dumps(data, ensure_ascii=False)
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def render_map(events_geojson: dict[str, Any], control_geojson: dict[str, Any] | None = None, world: Any = None) -> str:
    """The page with its data embedded, so it opens from disk (file://) with no server."""
    payload = {"events": events_geojson, "control": control_geojson, "world": world}
    return template().replace("/*WM_DATA*/", embed_json(payload))


def find_node_modules(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents, Path(__file__).resolve().parents[3]):
        if (folder / "node_modules" / "leaflet").is_dir():
            return folder / "node_modules"
    return None


def copy_vendor(dest: Path, node_modules: Path | None = None) -> Path:
    """Copy Leaflet, topojson-client and world-atlas from node_modules into ``dest/vendor``."""
    nm = node_modules or find_node_modules()
    if nm is None:
        raise ResourceError("node_modules with leaflet not found; run `npm install` in the repository (make demo does)")
    vendor = dest / "vendor"
    for package, (files, target) in VENDOR.items():
        for rel in files:
            src = nm / package / rel
            out = vendor / target / Path(rel).name
            if not src.exists():
                raise ResourceError(f"{src}: missing; run `npm install`")
            out.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, out, dirs_exist_ok=True)
            else:
                shutil.copy2(src, out)
    return vendor


def load_world(vendor: Path) -> Any:
    path = vendor / "world-atlas" / "countries-110m.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
