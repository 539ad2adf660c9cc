CREATE TYPE "public"."satisfaction_source" AS ENUM('chat');--> statement-breakpoint
ALTER TYPE "public"."ticket_event_kind" ADD VALUE 'satisfaction_rated';--> statement-breakpoint
CREATE TABLE "satisfaction_ratings" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"customer_id" text,
	"channel_id" text,
	"source" "satisfaction_source" NOT NULL,
	"rating" integer NOT NULL,
	"comment" text,
	"rated_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "satisfaction_ratings_rating_range" CHECK ("satisfaction_ratings"."rating" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "satisfaction_ratings" ADD CONSTRAINT "satisfaction_ratings_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_ratings" ADD CONSTRAINT "satisfaction_ratings_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_ratings" ADD CONSTRAINT "satisfaction_ratings_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "satisfaction_ratings_ticket_key" ON "satisfaction_ratings" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "satisfaction_ratings_rated_idx" ON "satisfaction_ratings" USING btree ("rated_at");--> statement-breakpoint
CREATE INDEX "satisfaction_ratings_customer_idx" ON "satisfaction_ratings" USING btree ("customer_id");