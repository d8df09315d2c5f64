-- The story list (GET /api/stories) read without touching article rows: live stories newest first straight from an
-- index (no sort of every story), each filter (country, outlet, language, dates) answered from an index that holds
-- the story id beside the value, and a page's article ids in order from the story's index entries. Before, each
-- filter read the row of every matching article (text and all) and every page sorted all the stories.
CREATE INDEX stories_live_list ON stories (merged_into, updated_at DESC, id);
DROP INDEX IF EXISTS stories_merged_into;
CREATE INDEX articles_country_story ON articles (country, story_id);
DROP INDEX IF EXISTS articles_country;
CREATE INDEX articles_outlet_story ON articles (outlet, story_id);
CREATE INDEX articles_language_story ON articles (language, story_id);
CREATE INDEX articles_published_story ON articles (published, story_id);
CREATE INDEX articles_story_order ON articles (story_id, ingested_at, id);
DROP INDEX IF EXISTS articles_story;
