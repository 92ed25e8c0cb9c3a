-- warmonitor store, version 2: SQLite's spatial and text indexes. PostgreSQL uses PostGIS/GiST and
-- tsvector for these instead (the only backend-specific migration).

-- Space and time: one box per report (longitude, latitude, day window); id = reports.rid.
CREATE VIRTUAL TABLE reports_space USING rtree (
    id,
    min_lon, max_lon,
    min_lat, max_lat,
    min_day, max_day
);

-- Full text of the articles (external content: the text is stored once, in articles).
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    headline, body,
    content = 'articles', content_rowid = 'rid'
);

-- Region-level reports that name no admin1: found by distance from place-level reports.
CREATE VIRTUAL TABLE regions_space USING rtree (
    id,
    min_lon, max_lon,
    min_lat, max_lat,
    min_day, max_day
);
