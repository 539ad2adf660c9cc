import { previewOf, renderMarkdown, renderPlainText, sanitizeMessageHtml } from "@helpdesk/api/domain";
import { renderArticleMarkdown } from "@helpdesk/knowledge-base";
import { describe, expect, test } from "vitest";

/** The one XSS gate: everything the web app renders with {@html} went through these. */
describe("sanitizeMessageHtml", () => {
  test.each([
    ["script tags", `<p>hi</p><script>alert(1)</script>`, "<p>hi</p>"],
    ["event handlers", `<img src="https://x.test/a.png" onerror="alert(1)">`, `<img src="https://x.test/a.png" />`],
    [
      "javascript: links",
      `<a href="javascript:alert(1)">click</a>`,
      `<a target="_blank" rel="noopener noreferrer nofollow">click</a>`,
    ],
    ["forms", `<form action="https://evil.test"><input name="pw"></form>ok`, "ok"],
    ["iframes", `<iframe src="https://evil.test"></iframe>x`, "x"],
    ["style attributes", `<p style="position:fixed">x</p>`, "<p>x</p>"],
    [
      "data: links",
      `<a href="data:text/html,<script>alert(1)</script>">x</a>`,
      `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`,
    ],
  ])("removes %s", (_, input, expected) => {
    expect(sanitizeMessageHtml(input)).toBe(expected);
  });

  test("keeps ordinary formatting and makes links open safely in a new tab", () => {
    expect(sanitizeMessageHtml(`<p><strong>Bold</strong> <a href="https://example.com/x">link</a></p>`)).toBe(
      `<p><strong>Bold</strong> <a href="https://example.com/x" target="_blank" rel="noopener noreferrer nofollow">link</a></p>`,
    );
  });
});

describe("renderMarkdown (agent replies)", () => {
  test("renders Markdown and drops embedded HTML that could run", () => {
    const html = renderMarkdown(
      "**Hi** there\n\n- one\n- two\n\n<img src=x onerror=alert(1)> [docs](https://example.com)",
    );
    expect(html).toContain("<strong>Hi</strong>");
    expect(html).toContain("<li>one</li>");
    expect(html).not.toMatch(/onerror|<script/);
    expect(html).toContain(`href="https://example.com"`);
  });
});

describe("one allow-list for messages and articles", () => {
  const table = "| a | b |\n|:-:|--:|\n| 1 | 2 |";

  test("both keep a GFM table with its alignment, and neither keeps script or style", () => {
    for (const html of [renderMarkdown(table), renderArticleMarkdown(table).html]) {
      expect(html).toContain(`<th align="center">a</th>`);
      expect(html).toContain(`<td align="right">2</td>`);
    }
    const hostile = `<p style="color:red" onclick="x()">x</p><script>alert(1)</script>`;
    expect(sanitizeMessageHtml(hostile)).toBe("<p>x</p>");
    expect(renderArticleMarkdown(hostile).html).toBe("<p>x</p>");
  });

  test("they differ only in their images and links: articles load https images alone and open links in place", () => {
    const images = `<img src="data:image/png;base64,AAAA"><img src="https://x.test/a.png"> [x](https://x.test)`;
    expect(renderMarkdown(images)).toContain(`<img src="data:image/png;base64,AAAA" />`);
    expect(renderMarkdown(images)).toContain(`target="_blank"`);
    const article = renderArticleMarkdown(images).html;
    expect(article).not.toContain("data:");
    expect(article).toContain(`<img src="https://x.test/a.png" />`);
    expect(article).toContain(`<a href="https://x.test" rel="noopener noreferrer nofollow">x</a>`);
  });
});

describe("renderPlainText (customer text)", () => {
  test("escapes markup and keeps paragraphs and line breaks", () => {
    expect(renderPlainText(`<b>not bold</b> & "quotes"\nline two\n\nnew paragraph`)).toBe(
      "<p>&#60;b&#62;not bold&#60;/b&#62; &#38; &#34;quotes&#34;<br>line two</p><p>new paragraph</p>",
    );
  });
});

describe("previewOf", () => {
  test("flattens whitespace and cuts long text with an ellipsis", () => {
    expect(previewOf("a\n\n  b")).toBe("a b");
    const long = previewOf("x".repeat(500));
    expect(long).toHaveLength(160);
    expect(long.endsWith("…")).toBe(true);
  });

  test("shows the words of a Markdown reply, not its syntax", () => {
    expect(
      previewOf(
        "## Update\n> quoted\nIt is **delivered tomorrow**, see [the tracking page](https://t.example/1) and `code`.",
      ),
    ).toBe("Update quoted It is delivered tomorrow, see the tracking page and code.");
  });
});
