import { randomBytes } from "node:crypto";

/**
 * One prefix per kind of record, so an id in a log line or a support e-mail says what it is.
 * Ids sort by creation time (time part first), which keeps B-tree inserts local.
 */
export const idPrefixes = {
  organization: "org",
  customer: "cus",
  customerIdentity: "cid",
  user: "usr",
  session: "ses",
  team: "team",
  channel: "chn",
  ticket: "tkt",
  message: "msg",
  attachment: "att",
  ticketEvent: "evt",
  notification: "ntf",
  inboundDelivery: "dlv",
  outboundEmail: "oml",
  slaPolicy: "sla",
  businessCalendar: "cal",
  kbCategory: "kbc",
  kbSection: "kbs",
  kbArticle: "art",
  kbTranslation: "atr",
  kbRevision: "arv",
  kbFeedback: "afb",
  kbSearchQuery: "ksq",
  kbDeflection: "kdf",
  kbArticleFile: "kbf",
  customerLoginLink: "cll",
  customerSession: "css",
  satisfactionRating: "csat",
  request: "req",
} as const;

export type IdKind = keyof typeof idPrefixes;

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

function encode(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += alphabet[byte & 31];
  return out;
}

let lastTime = 0;
let sequence = 0;

/**
 * Ids made in the same millisecond by this process carry an increasing sequence, so rows written
 * together (a ticket's events in one transaction) sort in the order they were made, as ULIDs do.
 */
export function newId(kind: IdKind): string {
  const now = Date.now();
  sequence = now === lastTime ? sequence + 1 : 0;
  lastTime = now;
  const time = now.toString(32).padStart(9, "0");
  const seq = sequence.toString(32).padStart(4, "0");
  return `${idPrefixes[kind]}_${time}${seq}${encode(randomBytes(8))}`;
}
