-- warmonitor store, version 1: the core tables. Plain SQL types (TEXT, INTEGER, REAL) only, so the same
-- file can create the PostgreSQL schema; JSON documents are kept as TEXT in `data` columns.

CREATE TABLE articles (
    rid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,          -- Article.id (content hash)
    case_name    TEXT,
    path         TEXT,
    url          TEXT,
    outlet       TEXT,
    headline     TEXT,
    published    TEXT,
    language     TEXT,
    body         TEXT NOT NULL,
    wire_group   TEXT NOT NULL,                 -- near-duplicate group: syndicated copies share it
    signature    TEXT,                          -- MinHash signature, hex
    n_events     INTEGER NOT NULL,
    n_claims     INTEGER NOT NULL,
    n_control    INTEGER NOT NULL,
    flags        TEXT,                          -- JSON list
    data         TEXT NOT NULL,                 -- Article as JSON
    added_at     TEXT NOT NULL
);
CREATE INDEX articles_wire ON articles (wire_group);
CREATE INDEX articles_case ON articles (case_name);

CREATE TABLE minhash_bands (
    band         INTEGER NOT NULL,
    bucket       TEXT NOT NULL,
    article_id   TEXT NOT NULL,
    PRIMARY KEY (band, bucket, article_id)
);

CREATE TABLE reports (
    rid            INTEGER PRIMARY KEY,
    event_id       TEXT NOT NULL UNIQUE,        -- the article's own event id
    article_id     TEXT NOT NULL,
    fused_id       TEXT NOT NULL,               -- the fused event it belongs to
    family         TEXT NOT NULL,
    event_type     TEXT,
    sub_event_type TEXT,
    event_date     TEXT,
    day_lo         INTEGER NOT NULL,            -- days since 1970-01-01: the window the event may lie in
    day_hi         INTEGER NOT NULL,
    country        TEXT,
    admin1_key     TEXT,                        -- folded admin1
    location_key   TEXT,                        -- folded location name
    geonameid      INTEGER,
    latitude       REAL,
    longitude      REAL,
    geo_precision  INTEGER,
    actor1         TEXT,
    actor2         TEXT,
    inter1         INTEGER,
    inter2         INTEGER,
    published      TEXT,
    data           TEXT NOT NULL                -- Event as JSON
);
CREATE INDEX reports_fused ON reports (fused_id);
CREATE INDEX reports_article ON reports (article_id);
CREATE INDEX reports_area ON reports (family, country, admin1_key, day_hi);
CREATE INDEX reports_place ON reports (family, geonameid, day_hi);
CREATE INDEX reports_name ON reports (family, country, location_key, day_hi);

CREATE TABLE fused_events (
    fused_id       TEXT PRIMARY KEY,
    event_date     TEXT,
    event_type     TEXT,
    sub_event_type TEXT,
    country        TEXT,
    iso            TEXT,
    actor1         TEXT,
    actor2         TEXT,
    n_reports      INTEGER NOT NULL,
    corroboration  REAL,
    data           TEXT NOT NULL,               -- FusedEvent as JSON
    updated_at     TEXT NOT NULL
);
CREATE INDEX fused_date ON fused_events (event_date);

CREATE TABLE fused_aliases (                  -- ids a fused event had before reports re-grouped it
    old_id         TEXT PRIMARY KEY,
    fused_id       TEXT NOT NULL
);

CREATE TABLE claims (
    article_id     TEXT NOT NULL,
    claim_id       TEXT NOT NULL,
    source         TEXT,
    modality       TEXT,
    kind           TEXT,
    data           TEXT NOT NULL,
    PRIMARY KEY (article_id, claim_id)
);

CREATE TABLE control_records (
    rid            INTEGER PRIMARY KEY,
    article_id     TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    place          TEXT NOT NULL,
    place_key      TEXT NOT NULL,               -- geonameid, or folded name and country
    place_fold     TEXT NOT NULL,               -- folded place name, for look-ups by name
    geonameid      INTEGER,
    controller     TEXT NOT NULL,
    date           TEXT,
    known_by       TEXT,                        -- the article's publication date
    kind           TEXT NOT NULL,
    confidence     REAL,
    country        TEXT,
    latitude       REAL,
    longitude      REAL,
    hostile_distance_km REAL,
    data           TEXT NOT NULL,
    UNIQUE (article_id, seq)
);
CREATE INDEX control_place ON control_records (place_key, date);
CREATE INDEX control_date ON control_records (date);
CREATE INDEX control_name ON control_records (place_fold);

CREATE TABLE rejections (
    rid            INTEGER PRIMARY KEY,
    input          TEXT NOT NULL,
    code           TEXT NOT NULL,
    reason         TEXT NOT NULL,
    first_seen     TEXT NOT NULL,
    UNIQUE (input, code, reason)
);
