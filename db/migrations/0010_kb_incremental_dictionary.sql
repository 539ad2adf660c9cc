ALTER TABLE "kb_article_translations" ADD COLUMN "dictionary_words" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- What each published translation already counts for in kb_search_terms (built by a full rebuild before this).
UPDATE "kb_article_translations" SET "dictionary_words" = array(
  SELECT DISTINCT w FROM unnest(tsvector_to_array(to_tsvector('simple', title || ' ' || tags_text || ' ' || body_text))) AS w
  WHERE length(w) BETWEEN 3 AND 40 AND w !~ '[0-9]' ORDER BY w
) WHERE "state" = 'published';
