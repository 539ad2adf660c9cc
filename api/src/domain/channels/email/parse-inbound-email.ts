import { safeFilename } from "@helpdesk/knowledge-base";
import { createHash } from "node:crypto";
import { simpleParser, type AddressObject, type Attachment, type EmailAddress as ParsedAddress } from "mailparser";
import { detectExtension } from "nodemailer/lib/mime-funcs";

/**
 * Raw RFC 5322 mail → the plain shape the email channel works with. Pure: no database, no clock.
 *
 * mailparser does the MIME work (transfer encodings, charsets, encoded words, nesting). The header-level
 * identifiers (Message-ID, In-Reply-To, References, Date) are read from the raw header block by the
 * small reader below instead, so that `readMessageId` (used for idempotency before the full parse) and
 * `parseInboundEmail` can never disagree, and because mailparser replaces an unreadable Date with "now".
 */

export interface EmailAddress {
  /** Trimmed and lower-cased: the form contacts are matched on. */
  address: string;
  name: string;
}

export interface InboundEmailAttachment {
  filename: string;
  contentType: string;
  size: number;
  /** Content-ID without angle brackets, what a `cid:` URL in the HTML points at. */
  contentId: string | null;
  /** Shown in the body (an embedded image) rather than offered as a file. */
  inline: boolean;
  /** Backed by a plain ArrayBuffer, so it can go wherever a Uint8Array<ArrayBuffer> is expected (storage, fetch). */
  content: Buffer<ArrayBuffer>;
}

export interface ParsedInboundEmail {
  /** Without <>; a mail without the header gets a stable id derived from its bytes, see readMessageId. */
  messageId: string;
  /** Message ids without <>. */
  inReplyTo: string[];
  /** Message ids without <>, in header order (oldest first). */
  references: string[];
  /** Decoded (RFC 2047 encoded words, any charset); "" when absent. */
  subject: string;
  from: EmailAddress | null;
  replyTo: EmailAddress[];
  to: EmailAddress[];
  cc: EmailAddress[];
  /** null when the header is missing or unreadable, never "now". */
  date: Date | null;
  /** The text/plain part decoded to UTF-8; for an HTML-only mail, a text rendering of the HTML. */
  text: string;
  /** The HTML part decoded to UTF-8, unsanitized (quote detection needs its classes and ids); null when none. */
  html: string | null;
  attachments: InboundEmailAttachment[];
  /**
   * Lower-cased header name -> unfolded value, for the classification headers. The first occurrence wins
   * (the topmost, i.e. the one added last). Values are as sent: encoded words are not decoded here.
   */
  headers: Record<string, string>;
}

export async function parseInboundEmail(raw: Buffer): Promise<ParsedInboundEmail> {
  const mail = await simpleParser(raw, {
    // The agent UI rewrites cid: links itself (renderEmailHtml); inlining them as data: URLs would bloat the HTML.
    keepCidLinks: true,
    // We want the HTML part as sent, not text parts converted into it.
    skipTextToHtml: true,
    skipTextLinks: true,
    // Bounce classification reads the delivery-status part; by default mailparser folds it into the text.
    keepDeliveryStatus: true,
    checksumAlgo: false,
  });
  const fields = readHeaderFields(raw);
  const headers = firstValues(fields);

  return {
    messageId: messageIdFrom(headers["message-id"]) ?? generatedMessageId(raw),
    inReplyTo: messageIdsIn(headers["in-reply-to"] ?? ""),
    references: messageIdsIn(headers["references"] ?? ""),
    subject: mail.subject ?? "",
    from: addressesOf(mail.from)[0] ?? null,
    replyTo: addressesOf(mail.replyTo),
    to: addressesOf(mail.to),
    cc: addressesOf(mail.cc),
    date: dateFrom(headers["date"]),
    text: mail.text ?? "",
    html: typeof mail.html === "string" ? mail.html : null,
    attachments: mail.attachments.map(toAttachment),
    headers,
  };
}

/**
 * The Message-ID, read from the header block only (no MIME parsing), so a duplicate delivery can be
 * recognised before any real work. Same value as `parseInboundEmail(raw).messageId`.
 */
export function readMessageId(raw: Buffer): string {
  const header = readHeaderFields(raw).find(([name]) => name === "message-id");
  return messageIdFrom(header?.[1]) ?? generatedMessageId(raw);
}

// mailparser refuses header blocks over 1 MB too; past that nothing legitimate is left to find.
const MAX_HEADER_BLOCK_BYTES = 1024 * 1024;

/**
 * The header fields of a raw message (or of a returned message inside a bounce), unfolded, in order,
 * names lower-cased. The block ends at the first empty line; CRLF and bare LF both occur in the wild.
 */
export function readHeaderFields(raw: Buffer): Array<[name: string, value: string]> {
  const window = raw.subarray(0, MAX_HEADER_BLOCK_BYTES);
  const ends = [window.indexOf("\r\n\r\n"), window.indexOf("\n\n")].filter((i) => i >= 0);
  const block = window.subarray(0, ends.length ? Math.min(...ends) : window.length).toString("utf8");
  const fields: Array<[string, string]> = [];
  for (const line of block.replace(/\r?\n(?=[ \t])/g, "").split(/\r?\n/)) {
    const match = /^([!-9;-~]+)[ \t]*:(.*)$/.exec(line);
    if (match) fields.push([match[1]!.toLowerCase(), match[2]!.trim()]);
  }
  return fields;
}

/** The id of a Message-ID style header value, without <>; null when there is none. */
export function messageIdFrom(value: string | undefined): string | null {
  return messageIdsIn(value ?? "")[0] ?? null;
}

/**
 * Every message id in a header value, without <>. Bracketed ids are the standard form; bare tokens are
 * accepted from sloppy clients only when they look like an id (contain "@"), so that the prose some
 * clients put in In-Reply-To ("your message of Tuesday") is not mistaken for ids.
 */
export function messageIdsIn(value: string): string[] {
  const bracketed = [...value.matchAll(/<([^<>]*)>/g)].map((m) => m[1]!.trim()).filter(Boolean);
  if (bracketed.length) return bracketed;
  return value.split(/[\s,]+/).filter((token) => token.includes("@"));
}

function generatedMessageId(raw: Buffer): string {
  return `generated-${createHash("sha256").update(raw).digest("hex").slice(0, 32)}@helpdesk.invalid`;
}

function firstValues(fields: Array<[string, string]>): Record<string, string> {
  const first = new Map<string, string>();
  for (const [name, value] of fields) if (!first.has(name)) first.set(name, value);
  // fromEntries defines own properties, so a header named "__proto__" stays a plain entry.
  return Object.fromEntries(first);
}

function dateFrom(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function addressesOf(header: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const flatten = (entries: ParsedAddress[]): ParsedAddress[] =>
    entries.flatMap((entry) => (entry.group ? flatten(entry.group) : [entry]));
  const entries = flatten((Array.isArray(header) ? header : header ? [header] : []).flatMap((h) => h.value));
  return entries
    .map((entry) => ({ address: (entry.address ?? "").trim().toLowerCase(), name: entry.name.trim() }))
    .filter((entry) => entry.address.includes("@"));
}

function toAttachment(attachment: Attachment, index: number): InboundEmailAttachment {
  const contentId = attachment.cid?.trim() || null;
  const disposition = attachment.contentDisposition?.toLowerCase();
  return {
    // Not cut to length here: processing does that, and notes it on the message (process-inbound-email.ts).
    filename: safeFilename(attachment.filename, {
      fallback: fallbackFilename(attachment.contentType, index),
      maxLength: Infinity,
    }),
    contentType: attachment.contentType,
    size: attachment.size,
    contentId,
    // Clients mark embedded images either with "inline" or just with a Content-ID and no disposition.
    inline: disposition === "inline" || (disposition === undefined && contentId !== null),
    // mailparser types it as Buffer<ArrayBufferLike>; it builds it with Buffer.concat, never on shared memory.
    content: attachment.content as Buffer<ArrayBuffer>,
  };
}

function fallbackFilename(contentType: string, index: number): string {
  const extension = detectExtension(contentType);
  // nodemailer answers "*" for application/octet-stream.
  return `attachment-${index + 1}.${extension === "*" ? "bin" : extension}`;
}
