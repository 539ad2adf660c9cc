import { maxFilenameLength, shortenFilename, shortenText } from "@helpdesk/knowledge-base";

/**
 * How much of a ticket and its messages the help desk stores, for the use cases that write them (tickets/,
 * conversations/). Forms and the API refuse more, because the person writing is there to shorten it. Mail arrives
 * with nobody to answer, so the email channel cuts it to fit instead (shortenText and shortenFilename, shared with
 * the knowledge base's files, and shortenHtml below), keeps the
 * whole original and says so on the message (see channels/email/process-inbound-email.ts).
 */
export const messageLimits = {
  /** A ticket's subject, in characters. */
  subject: 300,
  /** A message's text (what search, previews and notifications read), in characters. */
  bodyText: 100_000,
  /**
   * A message's sanitized HTML, in characters. What it shows is cut at `bodyText` characters of text already;
   * this caps the markup around it (a mail of nested tables can be mostly tags).
   */
  bodyHtml: 1_000_000,
  /** An attachment's file name, in characters (names are made safe and cut to it by safeFilename). */
  filename: maxFilenameLength,
  /** An attachment's media type, in characters. */
  contentType: 255,
  /** An attachment's Content-ID (what cid: links point at), in characters: the length of a mail header line. */
  contentId: 998,
  /** A provider's id for a message (a Message-ID), in characters. */
  externalId: 998,
} as const;

export { shortenFilename, shortenText };

const ellipsis = "…";

// Elements without a closing tag; everything else sanitize-html opens it also closes.
const voidElements = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
const ellipsisParagraph = `<p>${ellipsis}</p>`;

/**
 * Sanitized HTML cut to at most `limits.text` characters of text (an entity counts as one) and `limits.length`
 * characters in all, the elements left open closed and an ellipsis after them; unchanged when it fits.
 *
 * Only for HTML that came out of our sanitizer (message-body.ts, email-html.ts): there every `<` and `>` that is not
 * markup is escaped and every element opened is closed, so a tag is `<…>` and a cut between two tokens, or inside
 * a text between two entities, never splits a tag or an attribute. The result is as safe as the input.
 */
export function shortenHtml(
  html: string,
  limits: { text: number; length: number } = { text: messageLimits.bodyText, length: messageLimits.bodyHtml },
): string {
  const kept: string[] = [];
  const open: string[] = [];
  let keptLength = 0;
  let closingLength = 0;
  let textLength = 0;
  const fits = (extra: number) => keptLength + extra + closingLength + ellipsisParagraph.length <= limits.length;

  for (const [token] of html.matchAll(/<[^>]*>|[^<]+/g)) {
    if (token.startsWith("<")) {
      const closing = /^<\/([a-z0-9]+)/i.exec(token);
      const opening = closing ? null : /^<([a-z0-9]+)/i.exec(token);
      const name = (closing ?? opening)?.[1]?.toLowerCase();
      const opens = opening && name && !voidElements.has(name) && !token.endsWith("/>");
      // A closing tag's room is kept from when its element opened; one that closes nothing open is dropped.
      if (closing && (!name || !open.includes(name))) continue;
      // Past the text limit nothing more is opened: it would stay empty.
      if (!closing && (textLength >= limits.text || !fits(token.length + (opens ? name.length + 3 : 0))))
        return closeAfter(kept, open);
      kept.push(token);
      keptLength += token.length;
      if (opens) {
        open.push(name);
        closingLength += name.length + 3;
      } else if (closing && name) {
        for (const gone of open.splice(open.lastIndexOf(name))) closingLength -= gone.length + 3;
      }
      continue;
    }
    const characters = textLengthOf(token);
    if (textLength + characters <= limits.text && fits(token.length)) {
      kept.push(token);
      keptLength += token.length;
      textLength += characters;
      continue;
    }
    kept.push(
      textPrefix(
        token,
        limits.text - textLength,
        limits.length - keptLength - closingLength - ellipsisParagraph.length,
      ),
    );
    return closeAfter(kept, open);
  }
  return html;
}

function closeAfter(kept: string[], open: string[]): string {
  return `${kept.join("")}${open
    .reverse()
    .map((name) => `</${name}>`)
    .join("")}${ellipsisParagraph}`;
}

const textPiece = /&#?[a-z0-9]+;|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/gi;

function textLengthOf(text: string): number {
  return text.includes("&") ? text.replace(/&#?[a-z0-9]+;/gi, "_").length : text.length;
}

/** The start of a (sanitized) text with at most `characters` characters and `length` source characters, whole entities only. */
function textPrefix(text: string, characters: number, length: number): string {
  let end = 0;
  let counted = 0;
  for (const [piece] of text.matchAll(textPiece)) {
    const weight = piece.length > 1 && piece.startsWith("&") ? 1 : piece.length;
    if (counted + weight > characters || end + piece.length > length) break;
    counted += weight;
    end += piece.length;
  }
  return text.slice(0, end);
}
