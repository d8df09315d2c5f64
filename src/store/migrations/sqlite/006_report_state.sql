-- Self-repair: a story is flagged when its articles change and unflagged when a report covering exactly its articles
-- is saved, so finding the stories to rebuild is one indexed query. Triggers catch every way an article joins or leaves.
ALTER TABLE stories ADD COLUMN report_current INTEGER NOT NULL DEFAULT 0;
CREATE INDEX stories_report_stale ON stories (updated_at) WHERE report_current = 0 OR title = '';
CREATE TRIGGER articles_story_ins AFTER INSERT ON articles WHEN new.story_id IS NOT NULL BEGIN
  UPDATE stories SET report_current = 0 WHERE id = new.story_id;
END;
CREATE TRIGGER articles_story_upd AFTER UPDATE OF story_id ON articles WHEN old.story_id IS NOT new.story_id BEGIN
  UPDATE stories SET report_current = 0 WHERE id IN (old.story_id, new.story_id);
END;
CREATE TRIGGER articles_story_del AFTER DELETE ON articles WHEN old.story_id IS NOT NULL BEGIN
  UPDATE stories SET report_current = 0 WHERE id = old.story_id;
END;

-- Named locks shared by every process on this file (clustering must be serialized across processes, not only
-- within one): the holder's pid lets a waiter take over the lock of a process that died holding it.
CREATE TABLE process_locks (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  pid INTEGER NOT NULL,
  until INTEGER NOT NULL
);
