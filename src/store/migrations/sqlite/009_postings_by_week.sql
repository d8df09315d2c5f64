-- The clustering index by week: a story's keys are posted under the week of its latest date when they were posted
-- ('u' for a story without dates), so looking up an article's candidates reads the postings of the weeks near its
-- date, not every posting of a common key across all time (a cost that grew with the store).
CREATE TABLE cluster_postings_w (
  key TEXT NOT NULL,
  week TEXT NOT NULL,
  story_id TEXT NOT NULL,
  PRIMARY KEY (key, week, story_id)
) WITHOUT ROWID;
CREATE INDEX cluster_postings_w_story ON cluster_postings_w (story_id);
INSERT OR IGNORE INTO cluster_postings_w (key, week, story_id)
  SELECT p.key, COALESCE(CAST(CAST(julianday(f.last_pub) - 2440587.5 AS INTEGER) / 7 AS TEXT), 'u'), p.story_id
  FROM cluster_postings p LEFT JOIN story_features f ON f.story_id = p.story_id;
DROP TABLE cluster_postings;
