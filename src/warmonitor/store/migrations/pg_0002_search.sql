-- warmonitor store on PostgreSQL, version 2: the spatial and text indexes (0002_sqlite_search.sql's R*Tree
-- and FTS5), with PostgreSQL's built-in GiST and GIN: no extension (PostGIS) is needed.

-- Space and time: one row per report (longitude, latitude, day window), as SQLite's R*Tree; id = reports.rid.
-- The GiST index covers the point as a box and the day window as a range; dialect.py queries these
-- very expressions.
CREATE TABLE reports_space (
    id       BIGINT PRIMARY KEY,
    min_lon  DOUBLE PRECISION NOT NULL,
    max_lon  DOUBLE PRECISION NOT NULL,
    min_lat  DOUBLE PRECISION NOT NULL,
    max_lat  DOUBLE PRECISION NOT NULL,
    min_day  INTEGER NOT NULL,
    max_day  INTEGER NOT NULL
);
CREATE INDEX reports_space_gist ON reports_space USING gist (
    box(point(min_lon, min_lat), point(max_lon, max_lat)),
    int4range(min_day, max_day, '[]')
);

-- Region-level reports: found by distance from place-level reports.
CREATE TABLE regions_space (
    id       BIGINT PRIMARY KEY,
    min_lon  DOUBLE PRECISION NOT NULL,
    max_lon  DOUBLE PRECISION NOT NULL,
    min_lat  DOUBLE PRECISION NOT NULL,
    max_lat  DOUBLE PRECISION NOT NULL,
    min_day  INTEGER NOT NULL,
    max_day  INTEGER NOT NULL
);
CREATE INDEX regions_space_gist ON regions_space USING gist (
    box(point(min_lon, min_lat), point(max_lon, max_lat)),
    int4range(min_day, max_day, '[]')
);

-- Full text of the articles: an expression index over headline and body (the 'simple' configuration
-- lower-cases and does not stem, as FTS5's default tokenizer).
CREATE INDEX articles_text ON articles USING gin (
    to_tsvector('simple', coalesce(headline, '') || ' ' || body)
);
