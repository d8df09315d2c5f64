-- The story list (GET /api/stories) read without touching article rows: live stories newest first straight from an
-- index, each filter (country, outlet, language, dates) answered by an index-only scan that holds the story id beside
-- the value, and a page's article ids in order from the story's index entries.
CREATE INDEX IF NOT EXISTS stories_live_list ON stories (updated_at DESC, id) WHERE merged_into IS NULL;
CREATE INDEX IF NOT EXISTS articles_country_story ON articles (country, story_id);
DROP INDEX IF EXISTS articles_country;
CREATE INDEX IF NOT EXISTS articles_outlet_story ON articles (outlet, story_id);
CREATE INDEX IF NOT EXISTS articles_language_story ON articles (language, story_id);
CREATE INDEX IF NOT EXISTS articles_published_story ON articles (published, story_id);
CREATE INDEX IF NOT EXISTS articles_story_order ON articles (story_id, ingested_at, id);
