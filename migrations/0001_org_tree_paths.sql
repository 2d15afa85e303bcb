-- The organisation tree keeps a materialised path ("/1/7/42/") and depth, computed here from
-- parent_id so no writer can get them wrong. Moving a unit rewrites its subtree's paths, and
-- a move under one of its own descendants (a cycle) is refused.
CREATE FUNCTION org_units_set_path() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  parent_path text;
  parent_depth integer;
BEGIN
  IF NEW.parent_id IS NULL THEN
    NEW.path := '/' || NEW.id || '/';
    NEW.depth := 0;
    RETURN NEW;
  END IF;
  SELECT path, depth INTO parent_path, parent_depth FROM org_units WHERE id = NEW.parent_id;
  IF parent_path IS NULL THEN
    RAISE EXCEPTION 'parent org unit % does not exist', NEW.parent_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'org_units_parent_id_org_units_id_fk';
  END IF;
  IF TG_OP = 'UPDATE' AND parent_path LIKE OLD.path || '%' THEN
    RAISE EXCEPTION 'org unit % cannot be moved under its own subtree', NEW.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'org_units_no_cycle';
  END IF;
  NEW.path := parent_path || NEW.id || '/';
  NEW.depth := parent_depth + 1;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER org_units_set_path
BEFORE INSERT OR UPDATE OF parent_id ON org_units
FOR EACH ROW EXECUTE FUNCTION org_units_set_path();
--> statement-breakpoint
CREATE FUNCTION org_units_move_subtree() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE org_units
     SET path = NEW.path || substr(path, length(OLD.path) + 1),
         depth = depth + (NEW.depth - OLD.depth)
   WHERE path LIKE OLD.path || '%' AND id <> NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER org_units_move_subtree
AFTER UPDATE OF parent_id ON org_units
FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path)
EXECUTE FUNCTION org_units_move_subtree();
