import DOMPurify from "dompurify";
import type { InferResponseType } from "hono/client";
import { marked } from "marked";
import type { ApiClient } from "$lib/api/client";
// The server's own list, plain data: the preview keeps exactly what the help centre will.
import { allowedHtmlAttributeNames, allowedHtmlTags } from "@helpdesk/knowledge-base/html-allow-list";

// The knowledge base's read models, as its API routes type them.
type Kb = ApiClient["api"]["kb"];
export type KbArticleDetail = InferResponseType<Kb["articles"][":id"]["$get"], 200>;
export type KbTranslation = KbArticleDetail["translations"][number];
export type KbCategory = InferResponseType<Kb["categories"]["$get"], 200>["items"][number];
export type KbRevision = InferResponseType<Kb["articles"][":id"]["revisions"]["$get"], 200>["items"][number];
export type KbSearchHit = InferResponseType<Kb["search"]["$get"], 200>["items"][number];

/** The locales the editor offers translations in; an article may hold others, written through the API. */
export const editorLocales = ["en", "de", "fr", "es"] as const;

const localeNames: Record<string, string> = { en: "English", de: "German", fr: "French", es: "Spanish" };
export const localeName = (locale: string) => localeNames[locale] ?? locale;

export type ArticleState = "draft" | "published" | "archived";
export const stateLabels: Record<ArticleState, string> = {
  draft: "Draft",
  published: "Published",
  archived: "Archived",
};

/** A category's or section's name in the wanted locale, else English, else any. */
export function localized(names: Record<string, string>, locale = "en"): string {
  return names[locale] ?? names.en ?? Object.values(names)[0] ?? "Untitled";
}

/** An URL slug from a title, as the API accepts them: lower-case letters, digits and single hyphens. */
export function slugify(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120)
    .replace(/-+$/, "");
}

// DOMPurify takes one attribute list for all tags: every attribute some tag may keep.

/** The editor's preview: Markdown rendered in the browser and sanitized (the API sanitizes what it saves again). */
export function renderMarkdown(markdown: string): string {
  return DOMPurify.sanitize(marked.parse(markdown, { async: false, gfm: true }), {
    ALLOWED_TAGS: [...allowedHtmlTags],
    ALLOWED_ATTR: [...allowedHtmlAttributeNames],
  });
}

export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

/**
 * A line diff from `before` to `after` by longest common subsequence: the lines both keep, in order, and the
 * ones removed from `before` or added in `after`. Quadratic, which articles (hundreds of lines) afford.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: "same", text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ kind: "removed", text: a[i++]! });
    } else {
      out.push({ kind: "added", text: b[j++]! });
    }
  }
  while (i < a.length) out.push({ kind: "removed", text: a[i++]! });
  while (j < b.length) out.push({ kind: "added", text: b[j++]! });
  return out;
}
