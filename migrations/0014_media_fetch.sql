-- Issue 16: photos are copied into the media store by a durable job. Each attachment carries its
-- fetch state (an outbox of its own: claimed with FOR UPDATE SKIP LOCKED and a lease, retried
-- with back-off, failed for good with the reason). Every existing row starts 'pending' with no
-- next_fetch_at, so photos stored as bare file ids before this are back-filled by the same job.
CREATE TYPE "public"."media_fetch_status" AS ENUM('pending', 'fetching', 'fetched', 'failed');--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "fetch_status" "media_fetch_status" DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "fetch_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "next_fetch_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "fetched_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "fetch_error" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "media_key" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "content_type" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "byte_size" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "width" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "height" integer;--> statement-breakpoint
CREATE INDEX "attachments_fetch_due_idx" ON "attachments" USING btree ("next_fetch_at" NULLS FIRST) WHERE "attachments"."fetch_status" in ('pending', 'fetching');--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_fetched_has_key" CHECK (("attachments"."fetch_status" = 'fetched') = ("attachments"."media_key" is not null));--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_fetch_attempts_non_negative" CHECK ("attachments"."fetch_attempts" >= 0);