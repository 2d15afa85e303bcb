ALTER TABLE "question_sets" ADD COLUMN "effective_from" date;--> statement-breakpoint
ALTER TABLE "model_answers" ADD COLUMN "answers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "question_sets" ADD CONSTRAINT "question_sets_effective_first_of_month" CHECK ("question_sets"."effective_from" is null or extract(day from "question_sets"."effective_from") = 1);