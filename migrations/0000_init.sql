CREATE TYPE "public"."attachment_kind" AS ENUM('photo', 'document');--> statement-breakpoint
CREATE TYPE "public"."channel_kind" AS ENUM('telegram', 'zalo', 'console');--> statement-breakpoint
CREATE TYPE "public"."conversation_status" AS ENUM('open', 'paused', 'closed');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'sending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."model_field" AS ENUM('kinh_te', 'van_hoa_xa_hoi', 'moi_truong', 'an_ninh_trat_tu', 'xay_dung_dang', 'khac');--> statement-breakpoint
CREATE TYPE "public"."model_progress" AS ENUM('on_track', 'delayed', 'paused', 'completed');--> statement-breakpoint
CREATE TYPE "public"."model_status" AS ENUM('active', 'paused', 'completed', 'discontinued');--> statement-breakpoint
CREATE TYPE "public"."org_unit_kind" AS ENUM('tinh', 'huyen', 'xa', 'dang_bo_co_so', 'chi_bo', 'co_quan', 'khac');--> statement-breakpoint
CREATE TYPE "public"."period_kind" AS ENUM('month');--> statement-breakpoint
CREATE TYPE "public"."report_status" AS ENUM('draft', 'submitted');--> statement-breakpoint
CREATE TYPE "public"."review_kind" AS ENUM('so_ket', 'tong_ket', 'chuyen_de');--> statement-breakpoint
CREATE TYPE "public"."role_kind" AS ENUM('secretary', 'deputy', 'leader', 'admin');--> statement-breakpoint
CREATE TABLE "org_units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "org_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "org_unit_kind" NOT NULL,
	"parent_id" integer,
	"path" text DEFAULT '' NOT NULL,
	"depth" integer DEFAULT 0 NOT NULL,
	"dissolved_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_units_code_format" CHECK ("org_units"."code" ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
	CONSTRAINT "org_units_name_not_blank" CHECK (length(btrim("org_units"."name")) > 0),
	CONSTRAINT "org_units_path_format" CHECK ("org_units"."path" ~ '^(/[0-9]+)+/$'),
	CONSTRAINT "org_units_depth_matches_parent" CHECK (("org_units"."parent_id" is null) = ("org_units"."depth" = 0))
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "people_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"full_name" text NOT NULL,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_full_name_not_blank" CHECK (length(btrim("people"."full_name")) > 0),
	CONSTRAINT "people_phone_format" CHECK ("people"."phone" ~ '^\+?[0-9]{8,15}$')
);
--> statement-breakpoint
CREATE TABLE "unit_roles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "unit_roles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"role" "role_kind" NOT NULL,
	"title" text,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_accounts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "channel_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer,
	"channel" "channel_kind" NOT NULL,
	"external_user_id" text NOT NULL,
	"chat_id" text NOT NULL,
	"display_name" text,
	"last_inbound_at" timestamp with time zone,
	"blocked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invitations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code_hash" text NOT NULL,
	"unit_id" integer NOT NULL,
	"role" "role_kind" NOT NULL,
	"person_id" integer,
	"created_by_person_id" integer,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by_account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_code_hash_format" CHECK ("invitations"."code_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "invitations_expiry_after_creation" CHECK ("invitations"."expires_at" > "invitations"."created_at"),
	CONSTRAINT "invitations_used_by_needs_used_at" CHECK ("invitations"."used_by_account_id" is null or "invitations"."used_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "models_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"title" text NOT NULL,
	"field" "model_field" DEFAULT 'khac' NOT NULL,
	"description" text,
	"started_on" date,
	"status" "model_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "models_title_not_blank" CHECK (length(btrim("models"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "question_sets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "question_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"scope_unit_id" integer,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "question_sets_scope_version_key" UNIQUE NULLS NOT DISTINCT("scope_unit_id","version"),
	CONSTRAINT "question_sets_version_positive" CHECK ("question_sets"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "periods" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "periods_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"scope_unit_id" integer NOT NULL,
	"kind" "period_kind" DEFAULT 'month' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "periods_ends_after_start" CHECK ("periods"."ends_on" >= "periods"."starts_on"),
	CONSTRAINT "periods_due_after_open" CHECK ("periods"."due_at" > "periods"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "review_deadlines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "review_deadlines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"scope_unit_id" integer NOT NULL,
	"kind" "review_kind" NOT NULL,
	"title" text NOT NULL,
	"covers_from" date NOT NULL,
	"covers_to" date NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_deadlines_range" CHECK ("review_deadlines"."covers_to" >= "review_deadlines"."covers_from"),
	CONSTRAINT "review_deadlines_title_not_blank" CHECK (length(btrim("review_deadlines"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"question_set_id" integer NOT NULL,
	"status" "report_status" DEFAULT 'draft' NOT NULL,
	"no_activity" boolean DEFAULT false NOT NULL,
	"meetings_held" integer,
	"members_present" integer,
	"members_total" integer,
	"themed_session_held" boolean,
	"themed_session_subject" text,
	"difficulties" text,
	"proposals" text,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by_person_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_meetings_non_negative" CHECK ("reports"."meetings_held" >= 0),
	CONSTRAINT "reports_present_non_negative" CHECK ("reports"."members_present" >= 0),
	CONSTRAINT "reports_total_non_negative" CHECK ("reports"."members_total" >= 0),
	CONSTRAINT "reports_present_within_total" CHECK ("reports"."members_present" <= "reports"."members_total"),
	CONSTRAINT "reports_version_non_negative" CHECK ("reports"."version" >= 0),
	CONSTRAINT "reports_submitted_has_time" CHECK ("reports"."status" <> 'submitted' or ("reports"."submitted_at" is not null and "reports"."version" >= 1))
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"edited_by_person_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_versions_version_positive" CHECK ("report_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "model_answers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "model_answers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"model_id" integer NOT NULL,
	"activities" integer,
	"participants" integer,
	"progress" "model_progress",
	"results" text,
	"difficulties" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_answers_activities_non_negative" CHECK ("model_answers"."activities" >= 0),
	CONSTRAINT "model_answers_participants_non_negative" CHECK ("model_answers"."participants" >= 0)
);
--> statement-breakpoint
CREATE TABLE "good_deeds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "good_deeds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"person_name" text,
	"description" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "good_deeds_description_not_blank" CHECK (length(btrim("good_deeds"."description")) > 0)
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"model_answer_id" integer,
	"channel" "channel_kind" NOT NULL,
	"kind" "attachment_kind" DEFAULT 'photo' NOT NULL,
	"file_ref" text NOT NULL,
	"media_group_id" text,
	"caption" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conversations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"account_id" integer NOT NULL,
	"flow" text NOT NULL,
	"unit_id" integer,
	"period_id" integer,
	"report_id" integer,
	"step" text NOT NULL,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "conversation_status" DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversations_version_non_negative" CHECK ("conversations"."version" >= 0)
);
--> statement-breakpoint
CREATE TABLE "inbound_messages" (
	"channel" "channel_kind" NOT NULL,
	"external_id" text NOT NULL,
	"account_id" integer,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_messages_channel_external_id_pk" PRIMARY KEY("channel","external_id")
);
--> statement-breakpoint
CREATE TABLE "outbound_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbound_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"external_message_id" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbound_messages_attempts_non_negative" CHECK ("outbound_messages"."attempts" >= 0),
	CONSTRAINT "outbound_messages_sent_has_time" CHECK (("outbound_messages"."status" = 'sent') = ("outbound_messages"."sent_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_person_id" integer,
	"actor_kind" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_parent_id_org_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_roles" ADD CONSTRAINT "unit_roles_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_roles" ADD CONSTRAINT "unit_roles_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_accounts" ADD CONSTRAINT "channel_accounts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_used_by_account_id_channel_accounts_id_fk" FOREIGN KEY ("used_by_account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_sets" ADD CONSTRAINT "question_sets_scope_unit_id_org_units_id_fk" FOREIGN KEY ("scope_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "periods" ADD CONSTRAINT "periods_scope_unit_id_org_units_id_fk" FOREIGN KEY ("scope_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_deadlines" ADD CONSTRAINT "review_deadlines_scope_unit_id_org_units_id_fk" FOREIGN KEY ("scope_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_question_set_id_question_sets_id_fk" FOREIGN KEY ("question_set_id") REFERENCES "public"."question_sets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_submitted_by_person_id_people_id_fk" FOREIGN KEY ("submitted_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_edited_by_person_id_people_id_fk" FOREIGN KEY ("edited_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_answers" ADD CONSTRAINT "model_answers_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_answers" ADD CONSTRAINT "model_answers_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "good_deeds" ADD CONSTRAINT "good_deeds_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_model_answer_id_model_answers_id_fk" FOREIGN KEY ("model_answer_id") REFERENCES "public"."model_answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_account_id_channel_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD CONSTRAINT "inbound_messages_account_id_channel_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_account_id_channel_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_person_id_people_id_fk" FOREIGN KEY ("actor_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_code_key" ON "org_units" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_path_key" ON "org_units" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "org_units_parent_idx" ON "org_units" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_phone_key" ON "people" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_roles_person_unit_role_key" ON "unit_roles" USING btree ("person_id","unit_id","role");--> statement-breakpoint
CREATE INDEX "unit_roles_unit_idx" ON "unit_roles" USING btree ("unit_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_accounts_channel_user_key" ON "channel_accounts" USING btree ("channel","external_user_id");--> statement-breakpoint
CREATE INDEX "channel_accounts_person_idx" ON "channel_accounts" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_code_hash_key" ON "invitations" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "invitations_unit_idx" ON "invitations" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "models_unit_title_key" ON "models" USING btree ("unit_id","title");--> statement-breakpoint
CREATE INDEX "models_status_idx" ON "models" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "periods_scope_start_key" ON "periods" USING btree ("scope_unit_id","kind","starts_on");--> statement-breakpoint
CREATE INDEX "periods_due_idx" ON "periods" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "review_deadlines_due_idx" ON "review_deadlines" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "review_deadlines_scope_idx" ON "review_deadlines" USING btree ("scope_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_unit_period_key" ON "reports" USING btree ("unit_id","period_id");--> statement-breakpoint
CREATE INDEX "reports_period_status_idx" ON "reports" USING btree ("period_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "report_versions_report_version_key" ON "report_versions" USING btree ("report_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "model_answers_report_model_key" ON "model_answers" USING btree ("report_id","model_id");--> statement-breakpoint
CREATE INDEX "model_answers_model_idx" ON "model_answers" USING btree ("model_id");--> statement-breakpoint
CREATE INDEX "good_deeds_report_idx" ON "good_deeds" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attachments_report_file_key" ON "attachments" USING btree ("report_id","channel","file_ref");--> statement-breakpoint
CREATE INDEX "attachments_model_answer_idx" ON "attachments" USING btree ("model_answer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_one_open_per_account" ON "conversations" USING btree ("account_id") WHERE "conversations"."status" = 'open';--> statement-breakpoint
CREATE INDEX "conversations_account_idx" ON "conversations" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "inbound_messages_received_idx" ON "inbound_messages" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_messages_dedupe_key" ON "outbound_messages" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbound_messages_due_idx" ON "outbound_messages" USING btree ("next_attempt_at") WHERE "outbound_messages"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbound_messages_account_idx" ON "outbound_messages" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");