import { messageIdFrom, readHeaderFields, type ParsedInboundEmail } from "./parse-inbound-email.ts";

/**
 * Which inbound mails are from a person. Auto-replies must never open tickets or trigger our own
 * acknowledgement (two autoresponders answering each other loop forever), and bounces belong to the
 * outbound reply they bounce, not to a new conversation.
 */
export type EmailClassification =
  | { kind: "message" }
  | { kind: "auto_reply"; reason: string }
  | {
      kind: "bounce";
      reason: string;
      /** Message-ID (without <>) of our mail that bounced, to find the reply it belongs to. */
      originalMessageId: string | null;
      failedRecipient: string | null;
      diagnostic: string | null;
    };

/** A bounce is often sent with auto-reply headers too; it is checked first because it says more. */
export function classifyInboundEmail(email: ParsedInboundEmail): EmailClassification {
  const bounceReason = bounceReasonOf(email);
  if (bounceReason) return { kind: "bounce", reason: bounceReason, ...bounceDetailsOf(email) };
  const autoReplyReason = autoReplyReasonOf(email);
  if (autoReplyReason) return { kind: "auto_reply", reason: autoReplyReason };
  return { kind: "message" };
}

// --- bounces -----------------------------------------------------------------------------------------

const DELIVERY_STATUS_TYPES = ["message/delivery-status", "message/global-delivery-status"];
// The returned message (RFC 3464 section 2) or just its headers (RFC 6522 text/rfc822-headers).
const RETURNED_MESSAGE_TYPES = [
  "message/rfc822",
  "message/global",
  "text/rfc822-headers",
  "message/rfc822-headers",
  "message/global-headers",
];
const DAEMON_SENDER = /^(mailer-daemon|postmaster)@/i;
const DELIVERY_FAILURE_SUBJECT =
  /undeliver|returned mail|delivery (status notification|failure|has failed|incomplete)|failure notice|mail delivery (failed|failure|subsystem|system)|non[- ]?delivery|nicht zustellbar|unzustellbar|non remis|no entregado/i;

function bounceReasonOf(email: ParsedInboundEmail): string | null {
  const contentType = parseContentType(email.headers["content-type"]);
  if (contentType.mediaType === "multipart/report" && contentType.params.get("report-type") === "delivery-status") {
    return "delivery status report";
  }
  if (email.attachments.some((a) => DELIVERY_STATUS_TYPES.includes(a.contentType.toLowerCase())))
    return "delivery status report";
  // Exim's bounces name the failed address in this header, with or without a DSN.
  if (email.headers["x-failed-recipients"]) return "X-Failed-Recipients header";
  if (email.from && DAEMON_SENDER.test(email.from.address) && DELIVERY_FAILURE_SUBJECT.test(email.subject)) {
    return `delivery failure notice from ${email.from.address}`;
  }
  return null;
}

function bounceDetailsOf(email: ParsedInboundEmail) {
  const recipient = deliveryStatusOf(email);
  const failedFromHeader = email.headers["x-failed-recipients"]?.split(",")[0]?.trim().toLowerCase() || null;
  return {
    originalMessageId: originalMessageIdOf(email),
    failedRecipient: recipient.failedRecipient ?? failedFromHeader,
    diagnostic: recipient.diagnostic,
  };
}

/**
 * Best source first: the returned message's own header; then what the bouncing server put in our
 * threading headers; then a "Message-ID:" line in the body (non-DSN bounces such as qmail's paste the
 * returned message below their text).
 */
function originalMessageIdOf(email: ParsedInboundEmail): string | null {
  for (const attachment of email.attachments) {
    if (!RETURNED_MESSAGE_TYPES.includes(attachment.contentType.toLowerCase())) continue;
    const header = readHeaderFields(attachment.content).find(([name]) => name === "message-id");
    const id = messageIdFrom(header?.[1]);
    if (id) return id;
  }
  if (email.inReplyTo[0]) return email.inReplyTo[0];
  const inBody = /^[ \t>]*Message-ID:[ \t]*(\S[^\r\n]*)$/im.exec(email.text);
  const bodyId = messageIdFrom(inBody?.[1]);
  if (bodyId) return bodyId;
  return email.references.at(-1) ?? null;
}

/**
 * The per-recipient fields of a delivery-status part (RFC 3464): blocks of header-style fields, the first
 * about the reporting server, one per recipient after it. The first recipient whose action is "failed"
 * is the one reported; otherwise the first recipient at all.
 */
function deliveryStatusOf(email: ParsedInboundEmail): { failedRecipient: string | null; diagnostic: string | null } {
  const part = email.attachments.find((a) => DELIVERY_STATUS_TYPES.includes(a.contentType.toLowerCase()));
  if (!part) return { failedRecipient: null, diagnostic: null };
  const blocks = part.content
    .toString("utf8")
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map(fieldsOfBlock);
  const recipients = blocks.filter((fields) => fields.has("final-recipient") || fields.has("original-recipient"));
  const reported = recipients.find((fields) => fields.get("action")?.toLowerCase() === "failed") ?? recipients[0];
  if (!reported) return { failedRecipient: null, diagnostic: null };
  const recipient = typedValue(reported.get("final-recipient") ?? reported.get("original-recipient"));
  const diagnosticCode = typedValue(reported.get("diagnostic-code"));
  return {
    failedRecipient: recipient ? recipient.replace(/^<|>$/g, "").trim().toLowerCase() : null,
    diagnostic: diagnosticCode || reported.get("status") || null,
  };
}

function fieldsOfBlock(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.replace(/\n(?=[ \t])/g, "").split("\n")) {
    const match = /^([!-9;-~]+)[ \t]*:(.*)$/.exec(line);
    if (match && !fields.has(match[1]!.toLowerCase()))
      fields.set(match[1]!.toLowerCase(), match[2]!.replace(/\s+/g, " ").trim());
  }
  return fields;
}

/** "rfc822; someone@example.com" → "someone@example.com", "smtp; 550 5.1.1 …" → "550 5.1.1 …". */
function typedValue(value: string | undefined): string | null {
  if (!value) return null;
  const separator = value.indexOf(";");
  return (separator >= 0 ? value.slice(separator + 1) : value).trim() || null;
}

// --- auto-replies ------------------------------------------------------------------------------------

const BULK_PRECEDENCE = ["bulk", "junk", "auto_reply", "list"];
/**
 * Subjects autoresponders write, in the languages we see most. Only as the whole subject or as a prefix
 * followed by ":" so that a person asking about "Out of office hours support" is still a person.
 */
const AUTO_REPLY_SUBJECT = new RegExp(
  "^(?:" +
    [
      "out of (?:the )?office(?: auto ?reply)?",
      "automatic reply",
      "auto[- ]?reply",
      "auto[- ]?response",
      "automatische antwort",
      "abwesenheitsnotiz",
      "réponse automatique",
      "respuesta automática",
      "resposta automática",
      "risposta automatica",
      "automatisch antwoord",
    ].join("|") +
    ")\\s*(?::|$)",
  "iu",
);

function autoReplyReasonOf(email: ParsedInboundEmail): string | null {
  const h = email.headers;
  const autoSubmitted = h["auto-submitted"]?.split(";")[0]?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = h["precedence"]?.trim().toLowerCase();
  if (precedence && BULK_PRECEDENCE.includes(precedence)) return `Precedence: ${precedence}`;
  if (h["x-autoreply"] !== undefined) return "X-Autoreply header";
  if (h["x-autorespond"] !== undefined) return "X-Autorespond header";
  // Exchange puts this on its own automatic mail; "All"/"OOF" are what its out-of-office replies carry.
  const suppress = (h["x-auto-response-suppress"] ?? "").toLowerCase().split(/[\s,]+/);
  if (suppress.includes("all") || suppress.includes("oof")) return "X-Auto-Response-Suppress header";
  // A read receipt (RFC 8098) is machine-sent too, and no more a message from the customer than an out-of-office.
  if (parseContentType(h["content-type"]).params.get("report-type") === "disposition-notification")
    return "read receipt";
  if (AUTO_REPLY_SUBJECT.test(email.subject.trim())) return `subject "${email.subject.trim()}"`;
  return null;
}

// --- shared ------------------------------------------------------------------------------------------

function parseContentType(value: string | undefined): { mediaType: string; params: Map<string, string> } {
  const [mediaType = "", ...rest] = (value ?? "").split(";");
  const params = new Map<string, string>();
  for (const param of rest) {
    const match = /^\s*([^=\s]+)\s*=\s*"?([^"]*)"?\s*$/.exec(param);
    if (match) params.set(match[1]!.toLowerCase(), match[2]!.toLowerCase());
  }
  return { mediaType: mediaType.trim().toLowerCase(), params };
}
