/**
 * The HTML that rendered Markdown may keep: help-centre articles, agents' messages, customers' sanitized mail,
 * and the article editor's preview in the browser. One list: the server applies it with sanitize-html
 * (sanitize-rendered-html.ts), the web app with DOMPurify. No scripts, styles, iframes, forms or event
 * attributes. Plain data without imports, so a browser bundle can take it as it is
 * (`@helpdesk/knowledge-base/html-allow-list`).
 */
export const allowedHtmlTags = [
  "p",
  "br",
  "strong",
  "b",
  "em",
  "i",
  "u",
  "s",
  "del",
  "blockquote",
  "code",
  "pre",
  "ul",
  "ol",
  "li",
  "a",
  "h1",
  "h2",
  "h3",
  "h4",
  "hr",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "span",
  "div",
  "img",
] as const;

/** Attributes per tag; every other attribute is dropped. `align` is what GFM tables put on their cells. */
export const allowedHtmlAttributes = {
  a: ["href", "title", "target", "rel"],
  img: ["src", "alt", "title", "width", "height"],
  td: ["colspan", "rowspan", "align"],
  th: ["colspan", "rowspan", "align"],
} as const satisfies Partial<Record<(typeof allowedHtmlTags)[number], readonly string[]>>;

/** The same attributes as one list, for sanitizers that do not allow them per tag (DOMPurify's ALLOWED_ATTR). */
export const allowedHtmlAttributeNames: readonly string[] = [...new Set(Object.values(allowedHtmlAttributes).flat())];

/** URL schemes a link may use; images are narrower, per renderer (see sanitize-rendered-html.ts). */
export const allowedUrlSchemes = ["http", "https", "mailto", "tel"] as const;
