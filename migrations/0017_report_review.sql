-- Issue 19: leaders review reports. A sent report carries its review state (chờ duyệt, đạt, trả
-- lại) with the last reviewer, time and comment; review_events is its history (submissions,
-- corrections, reviews, returns, reopenings: who, when, where, the version, the comment);
-- period_openings holds the months opened again for one unit (a leader's «báo cáo bổ sung», an
-- admin's reopening of a closed month). Reports sent before this wait for review (pending), and
-- their submitted versions become the first entries of their history.
CREATE TYPE "public"."period_opening_kind" AS ENUM('supplement', 'reopen');--> statement-breakpoint
CREATE TYPE "public"."review_action" AS ENUM('submit', 'edit', 'resubmit', 'approve', 'return', 'supplement', 'reopen');--> statement-breakpoint
CREATE TYPE "public"."review_state" AS ENUM('pending', 'approved', 'returned');--> statement-breakpoint
CREATE TABLE "review_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "review_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"version" integer NOT NULL,
	"action" "review_action" NOT NULL,
	"actor_person_id" integer,
	"via" text NOT NULL,
	"comment" text,
	"comment_original" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_events_version_non_negative" CHECK ("review_events"."version" >= 0),
	CONSTRAINT "review_events_return_has_comment" CHECK ("review_events"."action" <> 'return' or coalesce(length(btrim("review_events"."comment")), 0) > 0),
	CONSTRAINT "review_events_comment_length" CHECK (char_length("review_events"."comment") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "period_openings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "period_openings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"kind" "period_opening_kind" NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"by_person_id" integer,
	"reason" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "period_openings_until_after" CHECK ("period_openings"."until" > "period_openings"."at")
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "review_state" "review_state" DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "reviewed_by_person_id" integer;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "review_comment" text;--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_actor_person_id_people_id_fk" FOREIGN KEY ("actor_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_openings" ADD CONSTRAINT "period_openings_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_openings" ADD CONSTRAINT "period_openings_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_openings" ADD CONSTRAINT "period_openings_by_person_id_people_id_fk" FOREIGN KEY ("by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_events_report_idx" ON "review_events" USING btree ("report_id","at");--> statement-breakpoint
CREATE INDEX "period_openings_unit_period_idx" ON "period_openings" USING btree ("unit_id","period_id");--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_reviewed_by_person_id_people_id_fk" FOREIGN KEY ("reviewed_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reports_review_pending_idx" ON "reports" USING btree ("period_id") WHERE "reports"."status" = 'submitted' and "reports"."review_state" = 'pending';--> statement-breakpoint
INSERT INTO "review_events" ("report_id", "version", "action", "actor_person_id", "via", "at")
SELECT "report_id", "version", (CASE WHEN "version" = 1 THEN 'submit' ELSE 'edit' END)::"review_action", "edited_by_person_id", 'system', "created_at"
  FROM "report_versions" ORDER BY "report_id", "version";--> statement-breakpoint
-- A review changes no figure: the roll-ups are refreshed only when something they read changes,
-- so approving a month's reports in bulk does not recompute every ancestor's figures each time.
DROP TRIGGER reports_figures_update ON reports;--> statement-breakpoint
CREATE TRIGGER reports_figures_update AFTER UPDATE ON reports
FOR EACH ROW WHEN ((OLD.status = 'submitted' OR NEW.status = 'submitted') AND
  (NEW.unit_id, NEW.period_id, NEW.question_set_id, NEW.status, NEW.no_activity, NEW.meetings_held, NEW.members_present, NEW.members_total,
   NEW.themed_session_held, NEW.themed_session_subject, NEW.difficulties, NEW.proposals, NEW.answers, NEW.version, NEW.submitted_at, NEW.submitted_by_person_id)
  IS DISTINCT FROM
  (OLD.unit_id, OLD.period_id, OLD.question_set_id, OLD.status, OLD.no_activity, OLD.meetings_held, OLD.members_present, OLD.members_total,
   OLD.themed_session_held, OLD.themed_session_subject, OLD.difficulties, OLD.proposals, OLD.answers, OLD.version, OLD.submitted_at, OLD.submitted_by_person_id))
EXECUTE FUNCTION figures_report_changed();
