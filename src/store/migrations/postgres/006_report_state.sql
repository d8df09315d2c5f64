-- Self-repair: a story is flagged when its articles change and unflagged when a report covering exactly its articles
-- is saved, so finding the stories to rebuild is one indexed query. The trigger catches every way an article joins or leaves.
ALTER TABLE stories ADD COLUMN report_current BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX stories_report_stale ON stories (updated_at) WHERE NOT report_current OR title = '';
CREATE FUNCTION parallax_story_members_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.story_id IS NOT DISTINCT FROM NEW.story_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.story_id IS NOT NULL THEN
    UPDATE stories SET report_current = FALSE WHERE id = OLD.story_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.story_id IS NOT NULL THEN
    UPDATE stories SET report_current = FALSE WHERE id = NEW.story_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER articles_story_changed AFTER INSERT OR DELETE OR UPDATE OF story_id ON articles
  FOR EACH ROW EXECUTE FUNCTION parallax_story_members_changed();
