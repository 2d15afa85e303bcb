CREATE TABLE "unit_month_figures" (
	"unit_id" integer NOT NULL,
	"month" date NOT NULL,
	"reports" integer NOT NULL,
	"on_time" integer NOT NULL,
	"no_activity_reports" integer NOT NULL,
	"meetings_held" integer NOT NULL,
	"members_present" integer NOT NULL,
	"members_total" integer NOT NULL,
	"model_answers" integer NOT NULL,
	"activities" integer NOT NULL,
	"participants" integer NOT NULL,
	"raised" integer NOT NULL,
	"models_active" integer NOT NULL,
	"models_active_started" integer NOT NULL,
	"models_active_both" integer NOT NULL,
	CONSTRAINT "unit_month_figures_unit_id_month_pk" PRIMARY KEY("unit_id","month")
);
--> statement-breakpoint
CREATE TABLE "subtree_month_figures" (
	"unit_id" integer NOT NULL,
	"month" date NOT NULL,
	"reports" integer NOT NULL,
	"on_time" integer NOT NULL,
	"no_activity_reports" integer NOT NULL,
	"meetings_held" integer NOT NULL,
	"members_present" integer NOT NULL,
	"members_total" integer NOT NULL,
	"model_answers" integer NOT NULL,
	"activities" integer NOT NULL,
	"participants" integer NOT NULL,
	"raised" integer NOT NULL,
	"models_active" integer NOT NULL,
	"models_active_started" integer NOT NULL,
	"models_active_both" integer NOT NULL,
	"sent_reporting_units" integer NOT NULL,
	CONSTRAINT "subtree_month_figures_unit_id_month_pk" PRIMARY KEY("unit_id","month")
);
--> statement-breakpoint
CREATE TABLE "subtree_reporting_units" (
	"unit_id" integer NOT NULL,
	"dissolved_on" date NOT NULL,
	"units" integer NOT NULL,
	CONSTRAINT "subtree_reporting_units_unit_id_dissolved_on_pk" PRIMARY KEY("unit_id","dissolved_on")
);
--> statement-breakpoint
CREATE TABLE "subtree_active_models" (
	"unit_id" integer NOT NULL,
	"started_on" date NOT NULL,
	"models" integer NOT NULL,
	CONSTRAINT "subtree_active_models_unit_id_started_on_pk" PRIMARY KEY("unit_id","started_on")
);
--> statement-breakpoint
CREATE TABLE "model_month_activity" (
	"model_id" integer NOT NULL,
	"month" date NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "model_month_activity_model_id_month_unit_id_pk" PRIMARY KEY("model_id","month","unit_id")
);
--> statement-breakpoint
ALTER TABLE "org_units" ADD COLUMN "active_models" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "unit_month_figures_raised_idx" ON "unit_month_figures" USING btree ("month","unit_id") WHERE "unit_month_figures"."raised" > 0;--> statement-breakpoint
CREATE INDEX "model_month_activity_month_idx" ON "model_month_activity" USING btree ("month","model_id");--> statement-breakpoint
CREATE INDEX "model_month_activity_unit_idx" ON "model_month_activity" USING btree ("unit_id","month");
