-- The figures roll-ups are derived data (unit_month_figures, subtree_month_figures,
-- subtree_reporting_units, subtree_active_models, model_month_activity, org_units.active_models),
-- kept here by triggers in the same transaction as the write that changes them, on PGlite and
-- PostgreSQL alike:
--   reports, model_answers, periods -> figures_refresh_unit_month(unit, month) recomputes the
--                                      unit's model activity and own row for the month (and the
--                                      next month's row, whose "active both months" reads it);
--   unit_month_figures              -> the row's change is added to every ancestor (the path's
--                                      ids, the unit included) in subtree_month_figures;
--   models                          -> org_units.active_models is recounted, subtree_active_models
--                                      follows, and the unit's rows are rewritten;
--   org_units (path, dissolved_on, active_models > 0) -> the unit's contributions move from its
--                                      old state to the new one (a move rewrites every
--                                      descendant's path, so each one carries its own along);
--   org_units delete                -> the unit's contributions are taken away first.
-- Ancestors are always written root first, so concurrent writers lock shared rows in one order.
-- figures_rebuild() recomputes everything set-based: this migration's backfill, and bulk loads
-- that bypass the triggers (setting chibo.figures_maintenance to 'off' in a transaction skips them).
CREATE FUNCTION figures_maintenance_off() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('chibo.figures_maintenance', true), '') = 'off'
$$;
--> statement-breakpoint
CREATE FUNCTION figures_path_ids(p text) RETURNS integer[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT string_to_array(btrim(p, '/'), '/')::integer[]
$$;
--> statement-breakpoint
CREATE FUNCTION figures_add_unit_month(p_path text, p_reporting boolean, p_dissolved date, f unit_month_figures, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  ids integer[] := figures_path_ids(p_path);
  sent_reporting integer := CASE WHEN f.reports > 0 AND p_reporting AND (p_dissolved IS NULL OR p_dissolved > f.month) THEN 1 ELSE 0 END;
BEGIN
  INSERT INTO subtree_month_figures AS s (unit_id, month, reports, on_time, no_activity_reports, meetings_held, members_present, members_total, model_answers, activities, participants, raised, models_active, models_active_started, models_active_both, sent_reporting_units)
  SELECT a.id, f.month, sign * f.reports, sign * f.on_time, sign * f.no_activity_reports, sign * f.meetings_held, sign * f.members_present, sign * f.members_total, sign * f.model_answers, sign * f.activities, sign * f.participants, sign * f.raised, sign * f.models_active, sign * f.models_active_started, sign * f.models_active_both, sign * sent_reporting
    FROM unnest(ids) WITH ORDINALITY AS a(id, n) ORDER BY a.n
  ON CONFLICT (unit_id, month) DO UPDATE SET
    reports = s.reports + excluded.reports,
    on_time = s.on_time + excluded.on_time,
    no_activity_reports = s.no_activity_reports + excluded.no_activity_reports,
    meetings_held = s.meetings_held + excluded.meetings_held,
    members_present = s.members_present + excluded.members_present,
    members_total = s.members_total + excluded.members_total,
    model_answers = s.model_answers + excluded.model_answers,
    activities = s.activities + excluded.activities,
    participants = s.participants + excluded.participants,
    raised = s.raised + excluded.raised,
    models_active = s.models_active + excluded.models_active,
    models_active_started = s.models_active_started + excluded.models_active_started,
    models_active_both = s.models_active_both + excluded.models_active_both,
    sent_reporting_units = s.sent_reporting_units + excluded.sent_reporting_units;
  IF sign < 0 THEN
    DELETE FROM subtree_month_figures WHERE unit_id = ANY (ids) AND month = f.month AND reports = 0;
  END IF;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION figures_add_reporting_unit(p_path text, p_dissolved date, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  ids integer[] := figures_path_ids(p_path);
  k date := coalesce(p_dissolved, 'infinity'::date);
BEGIN
  INSERT INTO subtree_reporting_units AS s (unit_id, dissolved_on, units)
  SELECT a.id, k, sign FROM unnest(ids) WITH ORDINALITY AS a(id, n) ORDER BY a.n
  ON CONFLICT (unit_id, dissolved_on) DO UPDATE SET units = s.units + excluded.units;
  IF sign < 0 THEN
    DELETE FROM subtree_reporting_units WHERE unit_id = ANY (ids) AND dissolved_on = k AND units = 0;
  END IF;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION figures_add_active_models(p_path text, p_started date, n integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  ids integer[] := figures_path_ids(p_path);
  k date := coalesce(p_started, '-infinity'::date);
BEGIN
  IF n = 0 THEN
    RETURN;
  END IF;
  INSERT INTO subtree_active_models AS s (unit_id, started_on, models)
  SELECT a.id, k, n FROM unnest(ids) WITH ORDINALITY AS a(id, o) ORDER BY a.o
  ON CONFLICT (unit_id, started_on) DO UPDATE SET models = s.models + excluded.models;
  IF n < 0 THEN
    DELETE FROM subtree_active_models WHERE unit_id = ANY (ids) AND started_on = k AND models = 0;
  END IF;
END;
$$;
--> statement-breakpoint
-- Adds (sign 1) or takes away (-1) a unit's active models from subtree_active_models under a path.
CREATE FUNCTION figures_add_unit_models(p_unit integer, p_path text, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT started_on, count(*)::integer AS n FROM models WHERE unit_id = p_unit AND status = 'active' GROUP BY started_on ORDER BY started_on LOOP
    PERFORM figures_add_active_models(p_path, r.started_on, sign * r.n);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- Recomputes the unit's own row for the month from its submitted reports and model activity.
CREATE FUNCTION figures_write_unit_month(p_unit integer, p_month date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  f unit_month_figures;
  previous date := (p_month - interval '1 month')::date;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM org_units WHERE id = p_unit) THEN
    RETURN;
  END IF;
  SELECT p_unit, p_month, count(*)::integer,
         (count(*) FILTER (WHERE r.submitted_at <= p.due_at))::integer,
         (count(*) FILTER (WHERE r.no_activity))::integer,
         coalesce(sum(r.meetings_held), 0)::integer,
         coalesce(sum(r.members_present) FILTER (WHERE r.members_present IS NOT NULL AND r.members_total IS NOT NULL), 0)::integer,
         coalesce(sum(r.members_total) FILTER (WHERE r.members_present IS NOT NULL AND r.members_total IS NOT NULL), 0)::integer,
         coalesce(sum(a.answers), 0)::integer,
         coalesce(sum(a.activities), 0)::integer,
         coalesce(sum(a.participants), 0)::integer,
         ((count(*) FILTER (WHERE btrim(r.difficulties) <> '')) + (count(*) FILTER (WHERE btrim(r.proposals) <> '')) + coalesce(sum(a.raised), 0))::integer,
         0, 0, 0
    INTO f
    FROM reports r
    JOIN periods p ON p.id = r.period_id
    LEFT JOIN LATERAL (
      SELECT count(*) AS answers, sum(ma.activities) AS activities, sum(ma.participants) AS participants,
             count(*) FILTER (WHERE btrim(ma.difficulties) <> '') AS raised
        FROM model_answers ma WHERE ma.report_id = r.id
    ) a ON true
   WHERE r.unit_id = p_unit AND p.starts_on = p_month AND r.status = 'submitted';
  IF f.reports = 0 THEN
    DELETE FROM unit_month_figures WHERE unit_id = p_unit AND month = p_month;
    RETURN;
  END IF;
  SELECT (count(*) FILTER (WHERE m.started_on IS NULL OR m.started_on <= previous))::integer,
         (count(*) FILTER (WHERE m.started_on IS NULL OR m.started_on <= p_month))::integer,
         (count(*) FILTER (WHERE (m.started_on IS NULL OR m.started_on <= previous) AND EXISTS (
            SELECT 1 FROM model_month_activity y WHERE y.model_id = x.model_id AND y.month = previous AND y.unit_id = p_unit)))::integer
    INTO f.models_active, f.models_active_started, f.models_active_both
    FROM model_month_activity x JOIN models m ON m.id = x.model_id
   WHERE x.unit_id = p_unit AND x.month = p_month AND m.unit_id = p_unit AND m.status = 'active';
  INSERT INTO unit_month_figures AS u SELECT (f).*
  ON CONFLICT (unit_id, month) DO UPDATE SET
      reports = excluded.reports,
      on_time = excluded.on_time,
      no_activity_reports = excluded.no_activity_reports,
      meetings_held = excluded.meetings_held,
      members_present = excluded.members_present,
      members_total = excluded.members_total,
      model_answers = excluded.model_answers,
      activities = excluded.activities,
      participants = excluded.participants,
      raised = excluded.raised,
      models_active = excluded.models_active,
      models_active_started = excluded.models_active_started,
      models_active_both = excluded.models_active_both
    WHERE (u.reports, u.on_time, u.no_activity_reports, u.meetings_held, u.members_present, u.members_total, u.model_answers, u.activities, u.participants, u.raised, u.models_active, u.models_active_started, u.models_active_both)
      IS DISTINCT FROM (excluded.reports, excluded.on_time, excluded.no_activity_reports, excluded.meetings_held, excluded.members_present, excluded.members_total, excluded.model_answers, excluded.activities, excluded.participants, excluded.raised, excluded.models_active, excluded.models_active_started, excluded.models_active_both);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION figures_refresh_unit_month(p_unit integer, p_month date) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- A deleted unit's figures left with it (figures_unit_deleted).
  IF NOT EXISTS (SELECT 1 FROM org_units WHERE id = p_unit) THEN
    RETURN;
  END IF;
  DELETE FROM model_month_activity x
   WHERE x.unit_id = p_unit AND x.month = p_month
     AND NOT EXISTS (
       SELECT 1 FROM model_answers ma JOIN reports r ON r.id = ma.report_id JOIN periods p ON p.id = r.period_id
        WHERE ma.model_id = x.model_id AND ma.activities > 0 AND r.unit_id = p_unit AND p.starts_on = p_month AND r.status = 'submitted');
  INSERT INTO model_month_activity (model_id, month, unit_id)
  SELECT DISTINCT ma.model_id, p_month, p_unit
    FROM model_answers ma JOIN reports r ON r.id = ma.report_id JOIN periods p ON p.id = r.period_id
   WHERE ma.activities > 0 AND r.unit_id = p_unit AND p.starts_on = p_month AND r.status = 'submitted'
  ON CONFLICT DO NOTHING;
  PERFORM figures_write_unit_month(p_unit, p_month);
  -- The next month's "active both months" reads this month's activity.
  PERFORM figures_write_unit_month(p_unit, (p_month + interval '1 month')::date);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION figures_refresh_unit(p_unit integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  m date;
BEGIN
  FOR m IN
    SELECT month FROM unit_month_figures WHERE unit_id = p_unit
    UNION SELECT month FROM model_month_activity WHERE unit_id = p_unit
    UNION SELECT p.starts_on FROM reports r JOIN periods p ON p.id = r.period_id WHERE r.unit_id = p_unit AND r.status = 'submitted'
    ORDER BY 1
  LOOP
    PERFORM figures_refresh_unit_month(p_unit, m);
  END LOOP;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION figures_refresh_report_scope(p_unit integer, p_period integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  m date;
BEGIN
  SELECT starts_on INTO m FROM periods WHERE id = p_period;
  IF FOUND THEN
    PERFORM figures_refresh_unit_month(p_unit, m);
  ELSE
    -- The period itself is being deleted: its month is no longer known, so every month of the unit.
    PERFORM figures_refresh_unit(p_unit);
  END IF;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION figures_report_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF figures_maintenance_off() THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM figures_refresh_report_scope(OLD.unit_id, OLD.period_id);
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM figures_refresh_report_scope(NEW.unit_id, NEW.period_id);
  ELSIF TG_OP = 'UPDATE' AND (NEW.unit_id, NEW.period_id) IS DISTINCT FROM (OLD.unit_id, OLD.period_id) THEN
    PERFORM figures_refresh_report_scope(NEW.unit_id, NEW.period_id);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER reports_figures_insert AFTER INSERT ON reports
FOR EACH ROW WHEN (NEW.status = 'submitted') EXECUTE FUNCTION figures_report_changed();
--> statement-breakpoint
CREATE TRIGGER reports_figures_update AFTER UPDATE ON reports
FOR EACH ROW WHEN (OLD.status = 'submitted' OR NEW.status = 'submitted') EXECUTE FUNCTION figures_report_changed();
--> statement-breakpoint
CREATE TRIGGER reports_figures_delete AFTER DELETE ON reports
FOR EACH ROW WHEN (OLD.status = 'submitted') EXECUTE FUNCTION figures_report_changed();
--> statement-breakpoint
CREATE FUNCTION figures_answer_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids integer[];
  r record;
BEGIN
  IF figures_maintenance_off() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY[NEW.report_id];
  ELSIF TG_OP = 'DELETE' THEN
    ids := ARRAY[OLD.report_id];
  ELSE
    ids := ARRAY[OLD.report_id, NEW.report_id];
  END IF;
  -- Only a submitted report's answers count; a deleted report's refresh was its own trigger's.
  FOR r IN
    SELECT DISTINCT rp.unit_id, p.starts_on FROM reports rp JOIN periods p ON p.id = rp.period_id
     WHERE rp.id = ANY (ids) AND rp.status = 'submitted'
  LOOP
    PERFORM figures_refresh_unit_month(r.unit_id, r.starts_on);
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER model_answers_figures AFTER INSERT OR UPDATE OR DELETE ON model_answers
FOR EACH ROW EXECUTE FUNCTION figures_answer_changed();
--> statement-breakpoint
CREATE FUNCTION figures_period_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  u integer;
BEGIN
  IF figures_maintenance_off() THEN
    RETURN NULL;
  END IF;
  FOR u IN SELECT DISTINCT unit_id FROM reports WHERE period_id = NEW.id AND status = 'submitted' ORDER BY 1 LOOP
    PERFORM figures_refresh_unit_month(u, OLD.starts_on);
    IF NEW.starts_on <> OLD.starts_on THEN
      PERFORM figures_refresh_unit_month(u, NEW.starts_on);
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER periods_figures AFTER UPDATE ON periods
FOR EACH ROW WHEN (OLD.starts_on IS DISTINCT FROM NEW.starts_on OR OLD.due_at IS DISTINCT FROM NEW.due_at)
EXECUTE FUNCTION figures_period_changed();
--> statement-breakpoint
CREATE FUNCTION figures_model_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  units integer[];
  u integer;
  p text;
  m date;
BEGIN
  IF figures_maintenance_off() THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'active' THEN
    SELECT path INTO p FROM org_units WHERE id = OLD.unit_id;
    IF FOUND THEN
      PERFORM figures_add_active_models(p, OLD.started_on, -1);
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'active' THEN
    SELECT path INTO p FROM org_units WHERE id = NEW.unit_id;
    IF FOUND THEN
      PERFORM figures_add_active_models(p, NEW.started_on, 1);
    END IF;
  END IF;
  IF TG_OP = 'INSERT' THEN
    units := ARRAY[NEW.unit_id];
  ELSIF TG_OP = 'DELETE' THEN
    units := ARRAY[OLD.unit_id];
  ELSE
    units := ARRAY[OLD.unit_id, NEW.unit_id];
  END IF;
  FOR u IN SELECT DISTINCT x FROM unnest(units) x ORDER BY 1 LOOP
    UPDATE org_units o SET active_models = c.n
      FROM (SELECT count(*)::integer AS n FROM models WHERE unit_id = u AND status = 'active') c
     WHERE o.id = u AND o.active_models <> c.n;
    -- A new model has no activity yet; otherwise the unit's "active models" counts may change.
    IF TG_OP <> 'INSERT' THEN
      FOR m IN SELECT month FROM unit_month_figures WHERE unit_id = u ORDER BY month LOOP
        PERFORM figures_write_unit_month(u, m);
      END LOOP;
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER models_figures AFTER INSERT OR UPDATE OF unit_id, status, started_on OR DELETE ON models
FOR EACH ROW EXECUTE FUNCTION figures_model_changed();
--> statement-breakpoint
CREATE FUNCTION figures_unit_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  f unit_month_figures;
BEGIN
  IF figures_maintenance_off() THEN
    RETURN NULL;
  END IF;
  IF OLD.active_models > 0 THEN
    PERFORM figures_add_reporting_unit(OLD.path, OLD.dissolved_on, -1);
  END IF;
  IF NEW.active_models > 0 THEN
    PERFORM figures_add_reporting_unit(NEW.path, NEW.dissolved_on, 1);
  END IF;
  IF OLD.path <> NEW.path THEN
    PERFORM figures_add_unit_models(NEW.id, OLD.path, -1);
    PERFORM figures_add_unit_models(NEW.id, NEW.path, 1);
  END IF;
  FOR f IN SELECT * FROM unit_month_figures WHERE unit_id = NEW.id ORDER BY month LOOP
    PERFORM figures_add_unit_month(OLD.path, OLD.active_models > 0, OLD.dissolved_on, f, -1);
    PERFORM figures_add_unit_month(NEW.path, NEW.active_models > 0, NEW.dissolved_on, f, 1);
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- No column list: a move changes path in a BEFORE trigger, which UPDATE OF would not see.
CREATE TRIGGER org_units_figures AFTER UPDATE ON org_units
FOR EACH ROW WHEN (
  OLD.path IS DISTINCT FROM NEW.path OR OLD.dissolved_on IS DISTINCT FROM NEW.dissolved_on
  OR (OLD.active_models > 0) IS DISTINCT FROM (NEW.active_models > 0)
) EXECUTE FUNCTION figures_unit_changed();
--> statement-breakpoint
CREATE FUNCTION figures_unit_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  f unit_month_figures;
BEGIN
  IF figures_maintenance_off() THEN
    RETURN OLD;
  END IF;
  IF OLD.active_models > 0 THEN
    PERFORM figures_add_reporting_unit(OLD.path, OLD.dissolved_on, -1);
  END IF;
  PERFORM figures_add_unit_models(OLD.id, OLD.path, -1);
  FOR f IN SELECT * FROM unit_month_figures WHERE unit_id = OLD.id ORDER BY month LOOP
    PERFORM figures_add_unit_month(OLD.path, OLD.active_models > 0, OLD.dissolved_on, f, -1);
  END LOOP;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER org_units_figures_delete BEFORE DELETE ON org_units
FOR EACH ROW EXECUTE FUNCTION figures_unit_deleted();
--> statement-breakpoint
CREATE FUNCTION figures_unit_month_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  o org_units;
  unit integer;
BEGIN
  IF figures_maintenance_off() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    unit := OLD.unit_id;
  ELSE
    unit := NEW.unit_id;
  END IF;
  SELECT * INTO o FROM org_units WHERE id = unit;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM figures_add_unit_month(o.path, o.active_models > 0, o.dissolved_on, OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM figures_add_unit_month(o.path, o.active_models > 0, o.dissolved_on, NEW, 1);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER unit_month_figures_rollup AFTER INSERT OR UPDATE OR DELETE ON unit_month_figures
FOR EACH ROW EXECUTE FUNCTION figures_unit_month_changed();
--> statement-breakpoint
CREATE FUNCTION figures_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  d integer;
BEGIN
  PERFORM set_config('chibo.figures_maintenance', 'off', true);
  TRUNCATE subtree_month_figures, subtree_reporting_units, subtree_active_models, unit_month_figures, model_month_activity;
  UPDATE org_units o SET active_models = coalesce(c.n, 0)
    FROM org_units o2
    LEFT JOIN (SELECT unit_id, count(*)::integer AS n FROM models WHERE status = 'active' GROUP BY unit_id) c ON c.unit_id = o2.id
   WHERE o.id = o2.id AND o.active_models <> coalesce(c.n, 0);
  INSERT INTO model_month_activity (model_id, month, unit_id)
  SELECT ma.model_id, p.starts_on, r.unit_id
    FROM model_answers ma JOIN reports r ON r.id = ma.report_id JOIN periods p ON p.id = r.period_id
   WHERE ma.activities > 0 AND r.status = 'submitted'
  ON CONFLICT DO NOTHING;
  INSERT INTO unit_month_figures (unit_id, month, reports, on_time, no_activity_reports, meetings_held, members_present, members_total, model_answers, activities, participants, raised, models_active, models_active_started, models_active_both)
  SELECT sent.unit_id, sent.month, sent.reports, sent.on_time, sent.no_activity_reports, sent.meetings_held, sent.members_present, sent.members_total, sent.model_answers, sent.activities, sent.participants, sent.raised,
         coalesce(act.models_active, 0), coalesce(act.models_active_started, 0), coalesce(act.models_active_both, 0)
    FROM (
      SELECT r.unit_id, p.starts_on AS month, count(*)::integer,
         (count(*) FILTER (WHERE r.submitted_at <= p.due_at))::integer,
         (count(*) FILTER (WHERE r.no_activity))::integer,
         coalesce(sum(r.meetings_held), 0)::integer,
         coalesce(sum(r.members_present) FILTER (WHERE r.members_present IS NOT NULL AND r.members_total IS NOT NULL), 0)::integer,
         coalesce(sum(r.members_total) FILTER (WHERE r.members_present IS NOT NULL AND r.members_total IS NOT NULL), 0)::integer,
         coalesce(sum(a.answers), 0)::integer,
         coalesce(sum(a.activities), 0)::integer,
         coalesce(sum(a.participants), 0)::integer,
         ((count(*) FILTER (WHERE btrim(r.difficulties) <> '')) + (count(*) FILTER (WHERE btrim(r.proposals) <> '')) + coalesce(sum(a.raised), 0))::integer
        FROM reports r
        JOIN periods p ON p.id = r.period_id
        LEFT JOIN (
          SELECT ma.report_id, count(*) AS answers, sum(ma.activities) AS activities, sum(ma.participants) AS participants,
                 count(*) FILTER (WHERE btrim(ma.difficulties) <> '') AS raised
            FROM model_answers ma GROUP BY ma.report_id
        ) a ON a.report_id = r.id
       WHERE r.status = 'submitted'
       GROUP BY r.unit_id, p.starts_on
    ) sent(unit_id, month, reports, on_time, no_activity_reports, meetings_held, members_present, members_total, model_answers, activities, participants, raised)
    LEFT JOIN (
      SELECT x.unit_id, x.month,
             count(*) FILTER (WHERE m.started_on IS NULL OR m.started_on <= (x.month - interval '1 month')::date) AS models_active,
             count(*) FILTER (WHERE m.started_on IS NULL OR m.started_on <= x.month) AS models_active_started,
             count(*) FILTER (WHERE (m.started_on IS NULL OR m.started_on <= (x.month - interval '1 month')::date) AND y.model_id IS NOT NULL) AS models_active_both
        FROM model_month_activity x
        JOIN models m ON m.id = x.model_id AND m.unit_id = x.unit_id AND m.status = 'active'
        LEFT JOIN model_month_activity y ON y.model_id = x.model_id AND y.unit_id = x.unit_id AND y.month = (x.month - interval '1 month')::date
       GROUP BY x.unit_id, x.month
    ) act ON act.unit_id = sent.unit_id AND act.month = sent.month;
  -- Deepest level first: a unit's subtree is its own row plus its children's subtrees.
  FOR d IN SELECT DISTINCT depth FROM org_units ORDER BY depth DESC LOOP
    INSERT INTO subtree_month_figures (unit_id, month, reports, on_time, no_activity_reports, meetings_held, members_present, members_total, model_answers, activities, participants, raised, models_active, models_active_started, models_active_both, sent_reporting_units)
    SELECT x.unit_id, x.month,
           sum(x.reports)::integer,
           sum(x.on_time)::integer,
           sum(x.no_activity_reports)::integer,
           sum(x.meetings_held)::integer,
           sum(x.members_present)::integer,
           sum(x.members_total)::integer,
           sum(x.model_answers)::integer,
           sum(x.activities)::integer,
           sum(x.participants)::integer,
           sum(x.raised)::integer,
           sum(x.models_active)::integer,
           sum(x.models_active_started)::integer,
           sum(x.models_active_both)::integer,
           sum(x.sent_reporting_units)::integer
      FROM (
        SELECT f.unit_id, f.month, f.reports, f.on_time, f.no_activity_reports, f.meetings_held, f.members_present, f.members_total, f.model_answers, f.activities, f.participants, f.raised, f.models_active, f.models_active_started, f.models_active_both,
               CASE WHEN o.active_models > 0 AND (o.dissolved_on IS NULL OR o.dissolved_on > f.month) THEN 1 ELSE 0 END AS sent_reporting_units
          FROM unit_month_figures f JOIN org_units o ON o.id = f.unit_id
         WHERE o.depth = d
        UNION ALL
        SELECT o.parent_id, s.month, s.reports, s.on_time, s.no_activity_reports, s.meetings_held, s.members_present, s.members_total, s.model_answers, s.activities, s.participants, s.raised, s.models_active, s.models_active_started, s.models_active_both, s.sent_reporting_units
          FROM subtree_month_figures s JOIN org_units o ON o.id = s.unit_id
         WHERE o.depth = d + 1
      ) x
     GROUP BY x.unit_id, x.month;
  END LOOP;
  INSERT INTO subtree_reporting_units (unit_id, dissolved_on, units)
  SELECT a.id, coalesce(o.dissolved_on, 'infinity'::date), count(*)::integer
    FROM org_units o, unnest(figures_path_ids(o.path)) AS a(id)
   WHERE o.active_models > 0
   GROUP BY 1, 2;
  INSERT INTO subtree_active_models (unit_id, started_on, models)
  SELECT a.id, coalesce(m.started_on, '-infinity'::date), count(*)::integer
    FROM models m JOIN org_units o ON o.id = m.unit_id, unnest(figures_path_ids(o.path)) AS a(id)
   WHERE m.status = 'active'
   GROUP BY 1, 2;
  PERFORM set_config('chibo.figures_maintenance', 'on', true);
END;
$$;
--> statement-breakpoint
SELECT figures_rebuild();
--> statement-breakpoint
-- The derived tables' foreign keys (generated in 0004) come after the backfill: one validation
-- pass instead of a check per inserted row.
ALTER TABLE "unit_month_figures" ADD CONSTRAINT "unit_month_figures_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "subtree_month_figures" ADD CONSTRAINT "subtree_month_figures_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "subtree_reporting_units" ADD CONSTRAINT "subtree_reporting_units_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "subtree_active_models" ADD CONSTRAINT "subtree_active_models_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "model_month_activity" ADD CONSTRAINT "model_month_activity_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "model_month_activity" ADD CONSTRAINT "model_month_activity_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;
