"""resolve/places stage: the gazetteer and the geoparser (contract in docs/ARCHITECTURE.md).

``Gazetteer.open()`` opens (building on first use) the SQLite index; ``Geoparser(gazetteer)`` finds
and resolves toponyms; ``country_focus(mentions)`` ranks the article's countries;
``build_gazetteer(out_path, geonames_files, alternate_names)`` builds the index.
"""
from warmonitor.resolve.places.build import build_gazetteer
from warmonitor.resolve.places.focus import country_focus
from warmonitor.resolve.places.gazetteer import Candidate, Gazetteer, default_path, haversine_km
from warmonitor.resolve.places.geoparser import Geoparser
from warmonitor.resolve.places.spatial import destination

__all__ = ["Gazetteer", "Geoparser", "country_focus", "build_gazetteer", "Candidate", "default_path",
           "haversine_km", "destination"]
