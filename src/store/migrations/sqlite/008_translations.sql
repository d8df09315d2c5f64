-- Machine translations. `translations` is the cache: one row per source content (sha256 of language, title and text),
-- provider and target language, so a text is sent to a provider once ever. `articles.translation` is the translation
-- stored beside the original (JSON: {language, title, text, provider}); the original columns are never replaced.
CREATE TABLE IF NOT EXISTS translations (
  source_hash TEXT NOT NULL,
  provider TEXT NOT NULL,
  target TEXT NOT NULL,
  source_language TEXT NOT NULL,
  title TEXT,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (source_hash, provider, target)
);
ALTER TABLE articles ADD COLUMN translation TEXT;
