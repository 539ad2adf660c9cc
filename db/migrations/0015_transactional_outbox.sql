CREATE TYPE "public"."outbox_job_state" AS ENUM('pending', 'dispatched', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "outbox_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"queue" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"state" "outbox_job_state" DEFAULT 'pending' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"dispatched_to" text,
	"dispatched_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "outbox_jobs_pending_idx" ON "outbox_jobs" USING btree ("run_at","id") WHERE "outbox_jobs"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_jobs_dispatched_idx" ON "outbox_jobs" USING btree ("dispatched_at") WHERE "outbox_jobs"."state" = 'dispatched';--> statement-breakpoint
CREATE INDEX "outbox_jobs_finished_idx" ON "outbox_jobs" USING btree ("state","finished_at") WHERE "outbox_jobs"."state" in ('done', 'failed');--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_jobs_dedupe_idx" ON "outbox_jobs" USING btree ("name","dedupe_key") WHERE "outbox_jobs"."state" in ('pending', 'dispatched');