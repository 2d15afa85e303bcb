ALTER TABLE "models" ADD COLUMN "unit_path" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "last_active_month" date;--> statement-breakpoint
CREATE INDEX "org_units_path_code_idx" ON "org_units" USING btree ("path" text_pattern_ops,"code","id");--> statement-breakpoint
CREATE INDEX "models_lagging_idx" ON "models" USING btree ("last_active_month","unit_path" text_pattern_ops) WHERE "models"."status" = 'active';