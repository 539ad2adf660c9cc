import { messageLimits, sanitizeMessageHtml, shortenFilename, shortenHtml, shortenText } from "@helpdesk/api/domain";
import { describe, expect, test } from "vitest";

/** What mail over the limits is cut to: pure functions, so dense tables. */
describe("shortenText", () => {
  test.each([
    ["fits: unchanged", "Hello there", 20, "Hello there"],
    ["exactly the limit: unchanged", "x".repeat(10), 10, "x".repeat(10)],
    ["one over: cut, with the ellipsis inside the limit", "x".repeat(11), 10, `${"x".repeat(9)}…`],
    ["cut at a word break near the end", `${"word ".repeat(40)}end`, 100, `${"word ".repeat(19)}word…`],
    ["no half of an emoji", `${"x".repeat(8)}😀😀`, 10, `${"x".repeat(8)}…`],
  ])("%s", (_, input, max, expected) => {
    const result = shortenText(input, max);
    expect(result).toBe(expected);
    expect(result.length).toBeLessThanOrEqual(max);
  });
});

describe("shortenFilename", () => {
  test.each([
    ["fits: unchanged", "report.pdf", "report.pdf"],
    ["keeps the extension", `${"q".repeat(400)}.pdf`, `${"q".repeat(250)}….pdf`],
    ["keeps a .tar.gz", `${"logs".repeat(100)}.tar.gz`, `${"logs".repeat(100).slice(0, 247)}….tar.gz`],
    ["no extension: cut like text", "n".repeat(300), `${"n".repeat(254)}…`],
  ])("%s", (_, input, expected) => {
    const result = shortenFilename(input);
    expect(result).toBe(expected);
    expect(result.length).toBeLessThanOrEqual(messageLimits.filename);
  });
});

describe("shortenHtml", () => {
  const limits = { text: 10, length: 1_000 };

  test.each([
    ["fits: unchanged", "<p>short</p>", "<p>short</p>"],
    [
      "cut inside nested elements: they are closed",
      "<div><p><strong>0123456789abc</strong></p></div>",
      "<div><p><strong>0123456789</strong></p></div><p>…</p>",
    ],
    ["text across elements counts together", "<p>01234</p><p>56789</p><p>gone</p>", "<p>01234</p><p>56789</p><p>…</p>"],
    [
      "an entity counts as one character and is never split",
      "<p>&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;&amp;</p>",
      `<p>${"&amp;".repeat(10)}</p><p>…</p>`,
    ],
    [
      "void elements need no closing",
      '<p>01234<br />5678<img src="/api/attachments/a" />9xyz</p>',
      '<p>01234<br />5678<img src="/api/attachments/a" />9</p><p>…</p>',
    ],
  ])("%s", (_, input, expected) => {
    expect(shortenHtml(input, limits)).toBe(expected);
  });

  test("markup alone is capped too: the cut falls between tags and what is open is closed", () => {
    const cells = "<table><tbody>" + "<tr><td>x</td></tr>".repeat(1_000) + "</tbody></table>";
    const result = shortenHtml(cells, { text: 100_000, length: 500 });
    expect(result.length).toBeLessThanOrEqual(500);
    expect(result).toMatch(
      /^<table><tbody>(<tr><td>x<\/td><\/tr>)+(<tr>(<td>(x)?<\/td>)?<\/tr>)?<\/tbody><\/table><p>…<\/p>$/,
    );
  });

  test("the result of sanitized HTML passes the sanitizer unchanged: nothing unsafe is made by cutting", () => {
    const html = sanitizeMessageHtml(
      `<p>Tom &amp; Jerry &lt;script&gt; <a href="https://example.com/?a=1&b=2">a link with a long text</a></p><ul><li>one</li><li>two</li></ul>`,
    );
    for (let text = 1; text < 60; text++) {
      const result = shortenHtml(html, { text, length: 10_000 });
      expect(sanitizeMessageHtml(result)).toBe(result);
    }
  });
});
