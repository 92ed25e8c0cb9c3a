-- warmonitor store, version 4: each report keeps its article's content words (fuse/terms.py, space-separated),
-- which fusion uses to choose between fused events a report is compatible with. Rows stored before have none.
ALTER TABLE reports ADD COLUMN terms TEXT;
