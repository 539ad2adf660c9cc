import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * Message bodies are stored twice: as text (search, previews, notifications) and as sanitized HTML
 * (display). Everything rendered by the web app comes from here, so this is the one XSS gate.
 */
const buildSanitizeOptions = (): sanitizeHtml.IOptions => ({
  allowedTags: [
    "p", "br", "strong", "b", "em", "i", "u", "s", "del", "blockquote", "code", "pre", "ul", "ol", "li",
    "a", "h1", "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td", "span", "div", "img",
  ],
  allowedAttributes: {
    a: ["href", "title", "target", "rel"],
    img: ["src", "alt", "title", "width", "height"],
    td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["https", "cid", "data"] },
  allowProtocolRelative: false,
  transformTags: {
    // Links open outside the help desk and give the target no handle on our window.
    a: sanitizeHtml.simpleTransform("a", { target: "_blank", rel: "noopener noreferrer nofollow" }),
  },
});
const sanitizeOptions = buildSanitizeOptions();

/**
 * A fresh copy of the allow-lists above, for a renderer that adds rules of its own on top (e-mail HTML:
 * blocked remote images, cid: links). A copy, so that no caller can loosen the gate for everyone else.
 */
export function messageSanitizeOptions(): sanitizeHtml.IOptions {
  return buildSanitizeOptions();
}

export function sanitizeMessageHtml(html: string): string {
  return sanitizeHtml(html, sanitizeOptions);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plain text from a customer: escaped, paragraphs and line breaks kept. */
export function renderPlainText(text: string): string {
  return text
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\r?\n/g, "<br>")}</p>`)
    .join("");
}

/** Agents write Markdown (bold, lists, links); raw HTML inside it is sanitized away like any other. */
export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true, breaks: true });
  return sanitizeMessageHtml(html);
}

/** One line for the inbox. Agents write Markdown, so its commonest marks are dropped: a preview shows words, not syntax. */
export function previewOf(text: string, length = 160): string {
  const flat = text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__|`)/g, "")
    .replace(/^\s{0,3}(#{1,6}|>)\s+/gm, "")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
