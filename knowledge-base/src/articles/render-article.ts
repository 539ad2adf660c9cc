import { marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { renderedHtmlSanitizeOptions } from "../html/sanitize-rendered-html.ts";

/**
 * Articles are written in Markdown by staff but read by anyone, so the rendered HTML keeps only the shared
 * allow-list (html/html-allow-list.ts), with images from https alone, since articles are public pages.
 */
const sanitizeOptions = renderedHtmlSanitizeOptions({ imageSchemes: ["https"], linksInNewTab: false });

export interface RenderedArticle {
  html: string;
  /** The words of the article without markup, for search and snippets. */
  text: string;
}

// ts_headline is told to mark hits with these private-use characters (see search/postgres.ts); they must never
// come from the text itself.
const reservedMarks = /[\uE000\uE001]/g;

export function renderArticleMarkdown(markdown: string): RenderedArticle {
  const html = sanitizeHtml(marked.parse(markdown, { async: false, gfm: true }), sanitizeOptions);
  const text = sanitizeHtml(html.replace(/<\/(p|h\d|li|pre|blockquote|tr|td|th)>|<br\s*\/?>/g, "$& "), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(reservedMarks, "")
    .replace(/\s+/g, " ")
    .trim();
  return { html, text };
}
