CREATE TYPE "public"."inbound_delivery_status" AS ENUM('received', 'processed', 'ignored', 'rate_limited', 'failed');--> statement-breakpoint
CREATE TYPE "public"."message_delivery_status" AS ENUM('queued', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."outbound_email_kind" AS ENUM('reply', 'acknowledgement', 'notification');--> statement-breakpoint
CREATE TYPE "public"."outbound_email_status" AS ENUM('sent', 'kept', 'failed');--> statement-breakpoint
CREATE TABLE "inbound_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"external_id" text NOT NULL,
	"content_type" text NOT NULL,
	"payload" "bytea" NOT NULL,
	"envelope" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "inbound_delivery_status" DEFAULT 'received' NOT NULL,
	"note" text,
	"sender_address" text,
	"ticket_id" text,
	"message_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbound_emails" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "outbound_email_kind" NOT NULL,
	"message_id" text,
	"ticket_id" text,
	"channel_id" text,
	"message_id_header" text NOT NULL,
	"from_address" text NOT NULL,
	"to_addresses" text[] NOT NULL,
	"cc_addresses" text[] NOT NULL,
	"subject" text NOT NULL,
	"raw" "bytea" NOT NULL,
	"transport" text NOT NULL,
	"status" "outbound_email_status" NOT NULL,
	"response" text,
	"attempts" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "delivery_status" "message_delivery_status";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "delivery_error" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "delivery_round" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "inbound_delivery_id" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "cc" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "follow_up_of_id" text;--> statement-breakpoint
ALTER TABLE "inbound_deliveries" ADD CONSTRAINT "inbound_deliveries_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_deliveries" ADD CONSTRAINT "inbound_deliveries_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_deliveries" ADD CONSTRAINT "inbound_deliveries_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_deliveries_channel_external_idx" ON "inbound_deliveries" USING btree ("channel_id","external_id");--> statement-breakpoint
CREATE INDEX "inbound_deliveries_status_idx" ON "inbound_deliveries" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "inbound_deliveries_sender_idx" ON "inbound_deliveries" USING btree ("channel_id","sender_address","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_emails_message_id_header_idx" ON "outbound_emails" USING btree ("message_id_header");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_emails_message_idx" ON "outbound_emails" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "outbound_emails_created_idx" ON "outbound_emails" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_inbound_delivery_id_inbound_deliveries_id_fk" FOREIGN KEY ("inbound_delivery_id") REFERENCES "public"."inbound_deliveries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_follow_up_of_id_tickets_id_fk" FOREIGN KEY ("follow_up_of_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;