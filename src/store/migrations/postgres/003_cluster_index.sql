-- Clustering and near-duplicate indexes (see the SQLite migration of the same name).
-- Document frequencies of clustering terms; the row with term '' holds the number of articles counted.
CREATE TABLE cluster_df (
  term TEXT PRIMARY KEY,
  df INTEGER NOT NULL
);

CREATE TABLE story_features (
  story_id TEXT PRIMARY KEY REFERENCES stories (id),
  features JSONB NOT NULL,
  first_pub TEXT,
  last_pub TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX story_features_dates ON story_features (last_pub, first_pub);

CREATE TABLE cluster_postings (
  key TEXT NOT NULL,
  story_id TEXT NOT NULL,
  PRIMARY KEY (key, story_id)
);

CREATE TABLE dedupe_bands (
  band TEXT NOT NULL,
  article_id TEXT NOT NULL,
  PRIMARY KEY (band, article_id)
);
