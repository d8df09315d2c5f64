-- The section label an article states ("World", "Politika"), and an index to read an outlet's recent articles
-- (their lines repeated across articles mark the outlet's page furniture).
ALTER TABLE articles ADD COLUMN section TEXT;
CREATE INDEX articles_outlet_recent ON articles (outlet, ingested_at);
