import { renderArticleMarkdown } from "@helpdesk/knowledge-base";
import { describe, expect, test } from "vitest";
import { allowedHtmlAttributes, allowedHtmlTags } from "@helpdesk/knowledge-base/html-allow-list";

const articleAllowedTags: readonly string[] = allowedHtmlTags;
const articleAllowedAttributes: Record<string, readonly string[]> = allowedHtmlAttributes;

/**
 * The editor's preview (DOMPurify) and the help centre (sanitize-html) both take the one list in
 * knowledge-base/src/html/html-allow-list.ts: what the server really keeps must be exactly that list, or the
 * preview would lie.
 */
const otherTags = [
  "h5",
  "h6",
  "sup",
  "sub",
  "mark",
  "figure",
  "iframe",
  "script",
  "style",
  "form",
  "input",
  "video",
  "font",
];
const candidateAttributes = [
  ...new Set([...Object.values(articleAllowedAttributes).flat(), "class", "style", "id", "onclick", "data-x"]),
];
const valueOf = (attribute: string) =>
  attribute === "href" || attribute === "src"
    ? "https://example.test/a.png"
    : attribute === "target"
      ? "_blank"
      : attribute === "align"
        ? "left"
        : "1";

/** What the server keeps of `<tag …every candidate attribute…>`: null when it drops the tag. */
function keptByServer(tag: string): string[] | null {
  const attributes = candidateAttributes.map((a) => `${a}="${valueOf(a)}"`).join(" ");
  const { html } = renderArticleMarkdown(`<div><${tag} ${attributes}>x</${tag}></div>`);
  const opening = new RegExp(`<${tag}(\\s[^>]*)?/?>`).exec(html);
  return opening ? [...(opening[1] ?? "").matchAll(/([a-z-]+)="/g)].map((m) => m[1]!).sort() : null;
}

describe("the preview's allow-list is the server's", () => {
  test.each(articleAllowedTags)("<%s> and its attributes", (tag) => {
    expect(keptByServer(tag)).toEqual([...(articleAllowedAttributes[tag] ?? [])].sort());
  });

  test.each(otherTags)("<%s> is dropped by both", (tag) => {
    expect(articleAllowedTags).not.toContain(tag);
    expect(keptByServer(tag)).toBeNull();
  });
});
