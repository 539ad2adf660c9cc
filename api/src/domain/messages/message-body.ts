import { marked } from "marked";
import { escapeHtml, renderedHtmlSanitizeOptions } from "@helpdesk/knowledge-base";
import sanitizeHtml from "sanitize-html";

/**
 * Message bodies are stored twice: as text (search, previews, notifications) and as sanitized HTML
 * (display). Everything rendered by the web app comes from here, so this is the one XSS gate. It keeps the
 * allow-list shared with articles (knowledge-base html/html-allow-list.ts); images may also be a mail's
 * embedded (cid:) or pasted (data:) ones, and links open outside the help desk.
 */
const messageRules = { imageSchemes: ["https", "cid", "data"], linksInNewTab: true } as const;
const sanitizeOptions = renderedHtmlSanitizeOptions(messageRules);

/**
 * A fresh copy of the options above, for a renderer that adds rules of its own on top (e-mail HTML:
 * blocked remote images, cid: links). A copy, so that no caller can loosen the gate for everyone else.
 */
export function messageSanitizeOptions(): sanitizeHtml.IOptions {
  return renderedHtmlSanitizeOptions(messageRules);
}

export function sanitizeMessageHtml(html: string): string {
  return sanitizeHtml(html, sanitizeOptions);
}

export { escapeHtml };

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
