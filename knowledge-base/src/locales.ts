import { z } from "zod";

/** "en", "de", "pt-BR": a language, optionally a region. */
export const localeInput = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, "Use a locale such as en, de or pt-BR.");

/** URL-safe, lower-case, unique per locale. */
export const slugInput = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens.")
  // GET /api/kb/articles/{id}/revisions would shadow an article at /articles/{locale}/revisions.
  .refine((slug) => slug !== "revisions", "This slug is reserved.");

export const localizedTextInput = z.record(localeInput, z.string().trim().min(1).max(300));
