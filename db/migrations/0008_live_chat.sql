ALTER TYPE "public"."identity_kind" ADD VALUE 'host_user';--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "read_at" timestamp with time zone;