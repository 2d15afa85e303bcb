CREATE TABLE "export_jobs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "export_jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"account_id" integer,
	"dedupe_key" text NOT NULL,
	"request" jsonb NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"file_id" integer,
	"outbound_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "export_jobs_attempts_non_negative" CHECK ("export_jobs"."attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_account_id_channel_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_file_id_generated_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."generated_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "export_jobs_dedupe_key" ON "export_jobs" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "export_jobs_due_idx" ON "export_jobs" USING btree ("next_attempt_at") WHERE "export_jobs"."status" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "export_jobs_person_idx" ON "export_jobs" USING btree ("person_id","created_at");--> statement-breakpoint
-- Export replies queued before exports became jobs of their own: each becomes a job (its caption
-- and request kept), and the reply that would have rendered it in the send path is closed as failed
-- ('cancelled' cannot be named here: on a fresh database 0006 adds it in the same transaction).
INSERT INTO "export_jobs" ("person_id", "account_id", "dedupe_key", "request", "created_at")
SELECT "people"."id", "outbound_messages"."account_id", 'export:' || "outbound_messages"."dedupe_key",
  jsonb_build_object('caption', "payload"->'text', 'job', "payload"->'exportJob'), "outbound_messages"."created_at"
FROM "outbound_messages"
JOIN "people" ON jsonb_typeof("payload"->'exportJob'->'personId') = 'number' AND "people"."id" = ("payload"->'exportJob'->>'personId')::integer
WHERE "status" in ('pending', 'sending') AND "payload" ? 'exportJob' AND NOT "payload" ? 'document';
--> statement-breakpoint
UPDATE "outbound_messages" SET "status" = 'failed', "last_error" = 'moved to export_jobs (migration 0018)'
WHERE "status" in ('pending', 'sending') AND "payload" ? 'exportJob' AND NOT "payload" ? 'document';
