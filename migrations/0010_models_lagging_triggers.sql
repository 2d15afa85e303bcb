-- models.unit_path and models.last_active_month (columns and index in 0009): derived data, so
-- the digest can list a subtree's models with no recent activity from one index range.
-- unit_path follows the model's unit (insert, a model moved to another unit, a unit moved in
-- the tree); last_active_month follows model_month_activity (kept by the figures triggers of
-- 0008) for the model's own unit.
CREATE FUNCTION models_set_unit_path() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- FOR KEY SHARE, the lock the foreign-key check takes anyway, taken before the path is read: a
  -- move rewrites path, which is in a unique index, so it is a key update that this waits for,
  -- and the committed path is the one read (a concurrent move would otherwise leave the old one).
  NEW.unit_path := coalesce((SELECT path FROM org_units WHERE id = NEW.unit_id FOR KEY SHARE), '');
  IF TG_OP = 'UPDATE' AND NEW.unit_id IS DISTINCT FROM OLD.unit_id THEN
    NEW.last_active_month := (SELECT max(x.month) FROM model_month_activity x WHERE x.model_id = NEW.id AND x.unit_id = NEW.unit_id);
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER models_set_unit_path BEFORE INSERT OR UPDATE OF unit_id ON models
FOR EACH ROW EXECUTE FUNCTION models_set_unit_path();
--> statement-breakpoint
CREATE FUNCTION models_follow_unit_path() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- The unit's path now, not NEW.path: a statement that moves several units (an import) queues
  -- an event whose path a later move of an ancestor in the same statement already replaced.
  UPDATE models m SET unit_path = o.path FROM org_units o
   WHERE o.id = NEW.id AND m.unit_id = o.id AND m.unit_path <> o.path;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- No column list: a move changes path in a BEFORE trigger, which UPDATE OF would not see.
CREATE TRIGGER org_units_models_path AFTER UPDATE ON org_units
FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION models_follow_unit_path();
--> statement-breakpoint
CREATE FUNCTION models_follow_activity() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  model integer;
BEGIN
  IF figures_maintenance_off() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    model := OLD.model_id;
  ELSE
    model := NEW.model_id;
  END IF;
  UPDATE models m SET last_active_month = l.month
    FROM (SELECT max(x.month) AS month FROM model_month_activity x JOIN models o ON o.id = x.model_id AND o.unit_id = x.unit_id WHERE x.model_id = model) l
   WHERE m.id = model AND m.last_active_month IS DISTINCT FROM l.month;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER model_month_activity_last_active AFTER INSERT OR UPDATE OR DELETE ON model_month_activity
FOR EACH ROW EXECUTE FUNCTION models_follow_activity();
--> statement-breakpoint
-- Both columns recomputed set-based: the backfill below, and every figures_rebuild().
CREATE FUNCTION models_rebuild_lagging() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE models m SET unit_path = s.path, last_active_month = s.month
    FROM (
      SELECT m2.id, o.path, a.month
        FROM models m2
        JOIN org_units o ON o.id = m2.unit_id
        LEFT JOIN (SELECT model_id, unit_id, max(month) AS month FROM model_month_activity GROUP BY model_id, unit_id) a
          ON a.model_id = m2.id AND a.unit_id = m2.unit_id
    ) s
   WHERE s.id = m.id AND (m.unit_path, m.last_active_month) IS DISTINCT FROM (s.path, s.month);
END;
$$;
--> statement-breakpoint
ALTER FUNCTION figures_rebuild() RENAME TO figures_rebuild_rollups;
--> statement-breakpoint
CREATE FUNCTION figures_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM figures_rebuild_rollups();
  PERFORM models_rebuild_lagging();
END;
$$;
--> statement-breakpoint
SELECT models_rebuild_lagging();
