-- A story merged into another (two stories turned out to be one event) keeps its row, its reports and its id;
-- merged_into names the story that now holds its articles, so the old id keeps resolving.
ALTER TABLE stories ADD COLUMN IF NOT EXISTS merged_into TEXT;
CREATE INDEX IF NOT EXISTS stories_merged_into ON stories (merged_into);
