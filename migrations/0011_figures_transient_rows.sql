-- The roll-ups of 0008 add and take away a unit's figures at each of its ancestors as it moves.
-- One statement that moves several units (an organisation import that moves a unit under a
-- commune whose huyện it also moves) runs those steps in an order where a row can go through
-- 0 reports while other figures are still in it; 0008 deleted such a row and lost them. Rows
-- are now dropped only when everything in them is 0, after any step. Data written before this
-- by such an import is repaired by `select figures_rebuild();`.
CREATE OR REPLACE FUNCTION figures_add_unit_month(p_path text, p_reporting boolean, p_dissolved date, f unit_month_figures, sign integer) RETURNS void
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
  -- A row is dropped when it adds up to nothing, not when only its report count is 0: within one
  -- statement that moves several units the steps can come in any order, and a row may pass
  -- through a state with 0 reports and other figures not yet taken away.
  DELETE FROM subtree_month_figures
   WHERE unit_id = ANY (ids) AND month = f.month
     AND (reports, on_time, no_activity_reports, meetings_held, members_present, members_total, model_answers, activities,
          participants, raised, models_active, models_active_started, models_active_both, sent_reporting_units)
       = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION figures_add_reporting_unit(p_path text, p_dissolved date, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  ids integer[] := figures_path_ids(p_path);
  k date := coalesce(p_dissolved, 'infinity'::date);
BEGIN
  INSERT INTO subtree_reporting_units AS s (unit_id, dissolved_on, units)
  SELECT a.id, k, sign FROM unnest(ids) WITH ORDINALITY AS a(id, n) ORDER BY a.n
  ON CONFLICT (unit_id, dissolved_on) DO UPDATE SET units = s.units + excluded.units;
  -- After an addition too: a count can go below 0 and back within one statement.
  DELETE FROM subtree_reporting_units WHERE unit_id = ANY (ids) AND dissolved_on = k AND units = 0;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION figures_add_active_models(p_path text, p_started date, n integer) RETURNS void
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
  -- After an addition too: a count can go below 0 and back within one statement.
  DELETE FROM subtree_active_models WHERE unit_id = ANY (ids) AND started_on = k AND models = 0;
END;
$$;
