/**
 * The tags and attributes an article's HTML keeps, per tag: the allow-list the server renders articles with
 * (`sanitizeOptions` in knowledge-base/src/articles/render-article.ts), here so that the editor's preview shows
 * what the help centre will. It is not imported from there because render-article.ts loads sanitize-html and marked
 * for the server, and `@helpdesk/knowledge-base`'s entry the database layer, none of which belongs in the browser.
 * tests/knowledge-base/article-allow-list.test.ts checks it against what the server keeps. Once the server's list
 * lives in a module without dependencies, import it here instead.
 */
export const articleAllowedTags = [
  "p", "br", "strong", "b", "em", "i", "u", "s", "del", "blockquote", "code", "pre", "ul", "ol", "li",
  "a", "h1", "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td", "span", "div", "img",
];

export const articleAllowedAttributes: Record<string, string[]> = {
  a: ["href", "title", "target", "rel"],
  img: ["src", "alt", "title", "width", "height"],
  td: ["colspan", "rowspan", "align"],
  th: ["colspan", "rowspan", "align"],
};
