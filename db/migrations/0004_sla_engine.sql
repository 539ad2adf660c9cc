CREATE TYPE "public"."sla_target_kind" AS ENUM('first_response', 'next_response', 'resolution');--> statement-breakpoint
CREATE TYPE "public"."sla_target_state" AS ENUM('active', 'paused', 'achieved', 'breached');--> statement-breakpoint
ALTER TYPE "public"."ticket_event_kind" ADD VALUE 'sla_warning';--> statement-breakpoint
ALTER TYPE "public"."ticket_event_kind" ADD VALUE 'sla_breached';--> statement-breakpoint
CREATE TABLE "business_calendars" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"weekly" jsonb NOT NULL,
	"holidays" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "business_calendars_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"targets" jsonb NOT NULL,
	"calendar_id" text,
	"pause_on_hold" boolean DEFAULT false NOT NULL,
	"warn_minutes_before" integer,
	"warn_at_percent" integer,
	"escalation" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_sla_targets" (
	"ticket_id" text NOT NULL,
	"kind" "sla_target_kind" NOT NULL,
	"policy_id" text NOT NULL,
	"state" "sla_target_state" NOT NULL,
	"due_at" timestamp with time zone,
	"started_at" timestamp with time zone NOT NULL,
	"achieved_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"elapsed_ms" bigint NOT NULL,
	"remaining_ms" bigint NOT NULL,
	"cycle" integer DEFAULT 0 NOT NULL,
	"warned_for_due_at" timestamp with time zone,
	"breach_recorded_at" timestamp with time zone,
	"next_timer_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_sla_targets_ticket_id_kind_pk" PRIMARY KEY("ticket_id","kind")
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_policy_id" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_status" text;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_calendar_id_business_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendars"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla_targets" ADD CONSTRAINT "ticket_sla_targets_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla_targets" ADD CONSTRAINT "ticket_sla_targets_policy_id_sla_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."sla_policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_sla_targets_state_due_idx" ON "ticket_sla_targets" USING btree ("state","due_at");--> statement-breakpoint
CREATE INDEX "ticket_sla_targets_next_timer_idx" ON "ticket_sla_targets" USING btree ("next_timer_at");--> statement-breakpoint
CREATE INDEX "tickets_sla_due_idx" ON "tickets" USING btree ("sla_due_at","number");