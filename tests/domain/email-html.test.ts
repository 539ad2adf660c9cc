import { readFileSync } from "node:fs";
import { parseInboundEmail, renderEmailHtml, sanitizeMessageHtml } from "@helpdesk/api/domain";
import { describe, expect, test } from "vitest";

const mail = (name: string) => readFileSync(new URL(`../fixtures/email/${name}`, import.meta.url));
const noInlineImages = { inlineImageUrl: () => null };

describe("renderEmailHtml", () => {
  test("a hostile mail: scripts, handlers, forms, frames, styles, svg, meta refresh, javascript:/data: links all go", async () => {
    const { html } = await parseInboundEmail(mail("malicious-html.eml"));
    expect(renderEmailHtml(html!, noInlineImages)).toEqual({
      html:
        "\n\n" +
        `<p>Hello, <b>please</b> check <a target="_blank" rel="noopener noreferrer nofollow">my invoice</a> or <a href="https://example.com/invoice" target="_blank" rel="noopener noreferrer nofollow">this copy</a>.</p>\n` +
        "\n" +
        // The relative src="x" image is dropped; the remote one is kept, blocked, without srcset or onerror.
        `<img alt="pixel" data-remote-src="https://evil.test/pixel.gif" />\n` +
        "\n" +
        "Log in\n\n\n\n" +
        "<div>Styled text</div>\n" +
        `<a target="_blank" rel="noopener noreferrer nofollow">data link</a>\n` +
        `<a target="_blank" rel="noopener noreferrer nofollow">obfuscated</a>\n\n`,
      blockedRemoteImages: 1,
    });
  });

  test("multipart/related: cid: images point at our copy, the tracking pixel is blocked, an unknown cid is dropped", async () => {
    const { html, attachments } = await parseInboundEmail(mail("inline-image.eml"));
    const ours = new Map([[attachments[0]!.contentId!, "/api/attachments/att_1/content"]]);
    expect(renderEmailHtml(html!, { inlineImageUrl: (cid) => ours.get(cid) ?? null })).toEqual({
      html:
        `<p>The checkout shows this error:</p>` +
        `<p><img alt="screenshot" width="320" src="/api/attachments/att_1/content" /></p>` +
        `<p></p>` +
        `<p><img width="1" height="1" data-remote-src="https://tracker.example.net/open.gif?u=123" /></p>`,
      blockedRemoteImages: 1,
    });
  });

  test.each([
    [
      "http and https images are blocked and counted",
      `<img src="http://a.test/1.png"><img src=" https://b.test/2.png " alt="b">`,
      `<img data-remote-src="http://a.test/1.png" /><img alt="b" data-remote-src="https://b.test/2.png" />`,
      2,
    ],
    [
      "a protocol-relative src is remote too",
      `<img src="//cdn.test/x.png">`,
      `<img data-remote-src="https://cdn.test/x.png" />`,
      1,
    ],
    [
      "a sender's own data-remote-src is not trusted",
      `<img src="cid:logo" data-remote-src="javascript:alert(1)">`,
      `<img src="/inline/logo" />`,
      0,
    ],
    [
      "a forged data-remote-src without a src is dropped with the image",
      `<img data-remote-src="https://evil.test/x">`,
      "",
      0,
    ],
    [
      "a URL-encoded cid is decoded before the lookup",
      `<img src="cid:logo%40shop.test">`,
      `<img src="/inline/logo@shop.test" />`,
      0,
    ],
    ["data: images are dropped", `<p>a<img src="data:image/png;base64,iVBORw0KGgo=">b</p>`, "<p>ab</p>", 0],
    ["relative srcs are dropped (they would hit our own origin)", `<img src="/api/admin/delete">`, "", 0],
    ["an inline URL the scheme check refuses is dropped", `<img src="cid:evil">`, "", 0],
    [
      "the <title> of a whole document is not body text",
      `<html><head><title>Newsletter</title></head><body><p>Hi</p></body></html>`,
      "<p>Hi</p>",
      0,
    ],
    [
      "srcset and CSS backgrounds cannot load anything",
      `<img src="cid:logo" srcset="https://t.test/a.png 2x"><td background="https://t.test/b.png" style="background:url(https://t.test/c.png)">x</td>`,
      `<img src="/inline/logo" /><td>x</td>`,
      0,
    ],
  ])("%s", (_, input, html, blockedRemoteImages) => {
    const inlineImageUrl = (cid: string) => (cid === "evil" ? "javascript:alert(1)" : `/inline/${cid}`);
    expect(renderEmailHtml(input, { inlineImageUrl })).toEqual({ html, blockedRemoteImages });
  });

  test("the shared message sanitizer keeps its own rules (cid:/data: images, no remote blocking)", () => {
    expect(sanitizeMessageHtml(`<img src="https://x.test/a.png"><img src="data:image/png;base64,AAAA">`)).toBe(
      `<img src="https://x.test/a.png" /><img src="data:image/png;base64,AAAA" />`,
    );
  });
});
