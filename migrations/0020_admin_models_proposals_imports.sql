CREATE TABLE "model_proposals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "model_proposals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"proposed_by_person_id" integer,
	"title" text NOT NULL,
	"field" "model_field" NOT NULL,
	"starts_on" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by_person_id" integer,
	"decided_at" timestamp with time zone,
	"reason" text,
	"model_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_proposals_status_check" CHECK ("model_proposals"."status" in ('pending', 'confirmed', 'refused')),
	CONSTRAINT "model_proposals_title_not_blank" CHECK (length(btrim("model_proposals"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "import_uploads" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_uploads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"token_hash" text NOT NULL,
	"person_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"content" "bytea" NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "status_month" date;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "replicated_from_id" integer;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "replication_target" text;--> statement-breakpoint
ALTER TABLE "model_proposals" ADD CONSTRAINT "model_proposals_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_proposals" ADD CONSTRAINT "model_proposals_proposed_by_person_id_people_id_fk" FOREIGN KEY ("proposed_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_proposals" ADD CONSTRAINT "model_proposals_decided_by_person_id_people_id_fk" FOREIGN KEY ("decided_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_proposals" ADD CONSTRAINT "model_proposals_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_uploads" ADD CONSTRAINT "import_uploads_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_uploads" ADD CONSTRAINT "import_uploads_session_id_web_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."web_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_proposals_status_unit_idx" ON "model_proposals" USING btree ("status","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "import_uploads_token_hash_key" ON "import_uploads" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "import_uploads_expires_idx" ON "import_uploads" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_replicated_from_id_models_id_fk" FOREIGN KEY ("replicated_from_id") REFERENCES "public"."models"("id") ON DELETE set null ON UPDATE no action;