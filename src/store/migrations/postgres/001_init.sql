CREATE TABLE stories (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  title_tsv TSVECTOR
);
CREATE INDEX stories_updated ON stories (updated_at);
CREATE INDEX stories_title_tsv ON stories USING GIN (title_tsv);

CREATE TABLE articles (
  seq BIGSERIAL UNIQUE,
  id TEXT PRIMARY KEY,
  ref TEXT NOT NULL,
  url TEXT,
  title TEXT,
  byline TEXT,
  published TEXT,
  language TEXT,
  outlet TEXT,
  country TEXT,
  site_name TEXT,
  text TEXT NOT NULL,
  blocks JSONB NOT NULL,
  raw TEXT NOT NULL,
  raw_kind TEXT NOT NULL,
  raw_hash TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  duplicate_of TEXT,
  features JSONB,
  story_id TEXT REFERENCES stories (id),
  ingested_at TEXT NOT NULL,
  tsv TSVECTOR
);
CREATE UNIQUE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_raw_hash ON articles (raw_hash);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_ingested ON articles (ingested_at);
CREATE INDEX articles_country ON articles (country);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

CREATE TABLE story_reports (
  story_id TEXT NOT NULL REFERENCES stories (id),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  article_ids JSONB NOT NULL,
  report TEXT NOT NULL,
  PRIMARY KEY (story_id, version)
);

CREATE TABLE stage_status (
  article_id TEXT NOT NULL,
  stage TEXT NOT NULL,
  status TEXT NOT NULL,
  error TEXT,
  ms DOUBLE PRECISION,
  at TEXT NOT NULL,
  PRIMARY KEY (article_id, stage)
);

CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  homepage TEXT,
  country TEXT,
  languages JSONB NOT NULL,
  feeds JSONB NOT NULL,
  ownership TEXT,
  origin TEXT NOT NULL,
  enabled BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE feed_state (
  feed_url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  last_polled TEXT,
  last_ok TEXT,
  error_count INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_poll TEXT
);

CREATE TABLE seen_urls (
  url TEXT PRIMARY KEY,
  article_id TEXT,
  at TEXT NOT NULL
);
