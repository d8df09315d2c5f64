-- The clustering index by week: a story's keys are posted under the week of its latest date when they were posted
-- ('u' for a story without dates), so looking up an article's candidates reads the postings of the weeks near its
-- date, not every posting of a common key across all time (a cost that grew with the store).
CREATE TABLE cluster_postings_w (
  key TEXT NOT NULL,
  week TEXT NOT NULL,
  story_id TEXT NOT NULL,
  PRIMARY KEY (key, week, story_id)
);
CREATE INDEX cluster_postings_w_story ON cluster_postings_w (story_id);
INSERT INTO cluster_postings_w (key, week, story_id)
  SELECT p.key, COALESCE(((f.last_pub::date - date '1970-01-01') / 7)::text, 'u'), p.story_id
  FROM cluster_postings p LEFT JOIN story_features f ON f.story_id = p.story_id
  ON CONFLICT DO NOTHING;
DROP TABLE cluster_postings;
