import { Parser } from "htmlparser2";
import sanitizeHtml from "sanitize-html";
import { messageSanitizeOptions } from "../../messages/message-body.ts";

export interface RenderEmailHtmlOptions {
  /** URL our app serves an inline attachment under, by Content-ID (without <>); null when the mail has no such part. */
  inlineImageUrl: (contentId: string) => string | null;
}

/**
 * A customer's HTML mail, made safe for the agent UI: the message sanitizer's allow-lists, plus what is
 * particular to mail. Remote images are not loaded (a loaded image tells the sender that, when and from
 * where the mail was read, and pixel trackers are common); their URL is kept in `data-remote-src` for
 * a "show images" action. Embedded images (`cid:`) are pointed at our own copy of the attachment.
 */
export function renderEmailHtml(
  html: string,
  options: RenderEmailHtmlOptions,
): { html: string; blockedRemoteImages: number } {
  const base = messageSanitizeOptions();
  const baseAttributes = base.allowedAttributes || {};
  const baseSchemesByTag = typeof base.allowedSchemesByTag === "object" ? base.allowedSchemesByTag : {};
  const sanitized = sanitizeHtml(html, {
    ...base,
    allowedAttributes: { ...baseAttributes, img: [...(baseAttributes.img ?? []), "data-remote-src"] },
    // After the transform below, an img src is either our inline-image URL or gone.
    allowedSchemesByTag: { ...baseSchemesByTag, img: ["http", "https"] },
    // Mail HTML comes as a whole document; the <title> text would otherwise show up as body text.
    nonTextTags: ["script", "style", "textarea", "option", "title"],
    transformTags: { ...base.transformTags, img: (_tagName, attribs) => imageTransform(attribs, options) },
    // An img left without a source (see imageTransform, or a URL the scheme check removed) is an empty box: drop it.
    // Dropped here rather than by renaming the tag, which makes sanitize-html emit stray closing tags for a void element.
    exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src && !frame.attribs["data-remote-src"],
  });
  return { html: sanitized, blockedRemoteImages: countBlockedImages(sanitized) };
}

function imageTransform(attribs: sanitizeHtml.Attributes, options: RenderEmailHtmlOptions): sanitizeHtml.Tag {
  // A sender's own data-remote-src would be loaded by "show images" without ever having been a src.
  const { src: rawSrc = "", "data-remote-src": _forged, ...rest } = attribs;
  const src = rawSrc.trim();
  if (/^https?:\/\//i.test(src) || src.startsWith("//")) {
    return { tagName: "img", attribs: { ...rest, "data-remote-src": src.startsWith("//") ? `https:${src}` : src } };
  }
  if (/^cid:/i.test(src)) {
    const url = options.inlineImageUrl(contentIdOf(src));
    if (url) return { tagName: "img", attribs: { ...rest, src: url } };
  }
  // data: images, relative paths (they would hit our own origin) and anything else: no source, so dropped.
  return { tagName: "img", attribs: {} };
}

/** "cid:part1.x%40example.com" → "part1.x@example.com" (RFC 2392 URL-encodes the Content-ID). */
function contentIdOf(src: string): string {
  const encoded = src.slice("cid:".length).trim();
  let decoded = encoded;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    // a stray "%" is not an escape; use the value as written
  }
  return decoded.replace(/^<(.*)>$/, "$1");
}

/** Counted on the output, so an image the sanitizer dropped for another reason is not counted. Streaming: no tree to build. */
function countBlockedImages(html: string): number {
  let blocked = 0;
  const parser = new Parser({
    onopentag(name, attribs) {
      if (name === "img" && attribs["data-remote-src"] !== undefined) blocked++;
    },
  });
  parser.end(html);
  return blocked;
}
