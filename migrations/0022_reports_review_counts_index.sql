DROP INDEX "reports_period_status_idx";--> statement-breakpoint
CREATE INDEX "reports_period_status_idx" ON "reports" USING btree ("period_id","status","unit_id","review_state");