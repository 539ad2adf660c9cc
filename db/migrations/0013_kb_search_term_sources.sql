CREATE TABLE "kb_search_term_sources" (
	"translation_id" text PRIMARY KEY NOT NULL,
	"locale" text NOT NULL,
	"words" text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kb_search_term_sources" ADD CONSTRAINT "kb_search_term_sources_translation_id_kb_article_translations_id_fk" FOREIGN KEY ("translation_id") REFERENCES "public"."kb_article_translations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kb_search_term_sources_locale_idx" ON "kb_search_term_sources" USING btree ("locale");--> statement-breakpoint
-- Carry over what each published translation already counts for (see 0010), then drop the column.
INSERT INTO "kb_search_term_sources" ("translation_id", "locale", "words")
  SELECT "id", "locale", "dictionary_words" FROM "kb_article_translations" WHERE "state" = 'published';--> statement-breakpoint
ALTER TABLE "kb_article_translations" DROP COLUMN "dictionary_words";