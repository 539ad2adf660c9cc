import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * Articles are written in Markdown by staff but read by anyone, so the rendered HTML goes through the same kind
 * of allow-list as message bodies in the API (no scripts, styles, iframes or event attributes; safe URL schemes).
 * Headings go down to h4 and images only from https, since articles are public pages.
 */
const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "strong", "b", "em", "i", "u", "s", "del", "blockquote", "code", "pre", "ul", "ol", "li",
    "a", "h1", "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td", "span", "div", "img",
  ],
  allowedAttributes: {
    a: ["href", "title", "target", "rel"],
    img: ["src", "alt", "title", "width", "height"],
    td: ["colspan", "rowspan", "align"],
    th: ["colspan", "rowspan", "align"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }),
  },
};

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

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
