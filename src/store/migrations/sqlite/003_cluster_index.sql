-- Clustering and near-duplicate indexes, so that an arriving article is compared with a few candidate stories
-- and articles instead of all of them.
-- Document frequencies of clustering terms; the row with term '' holds the number of articles counted.
CREATE TABLE cluster_df (
  term TEXT PRIMARY KEY,
  df INTEGER NOT NULL
) WITHOUT ROWID;

-- Per story: its centroid features (JSON owned by cluster/) and the range of its members' publication dates.
CREATE TABLE story_features (
  story_id TEXT PRIMARY KEY REFERENCES stories (id),
  features TEXT NOT NULL,
  first_pub TEXT,
  last_pub TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX story_features_dates ON story_features (last_pub, first_pub);

-- Inverted index: distinctive keys (rare words, names, numbers) of a story's articles -> the story.
CREATE TABLE cluster_postings (
  key TEXT NOT NULL,
  story_id TEXT NOT NULL,
  PRIMARY KEY (key, story_id)
) WITHOUT ROWID;

-- Near-duplicate LSH bands of MinHash signatures -> articles.
CREATE TABLE dedupe_bands (
  band TEXT NOT NULL,
  article_id TEXT NOT NULL,
  PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
