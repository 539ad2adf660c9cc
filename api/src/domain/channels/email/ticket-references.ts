/**
 * How a mail names the ticket it belongs to when its threading headers do not (clients that drop
 * In-Reply-To, a customer who writes a new mail with the old subject). We write both references into
 * what we send: the `[#1234]` token in the subject and the `support+1234@` reply address.
 */

const TICKET_TOKEN = /\[#(\d{1,15})\]/g;

/**
 * The ticket number in a `[#1234]` token. With several tokens the last wins: ours is appended at the
 * end, after any token another help desk put into a subject the customer forwarded.
 */
export function ticketNumberFromSubject(subject: string): number | null {
  const tokens = [...subject.matchAll(TICKET_TOKEN)];
  return ticketNumberOf(tokens.at(-1)?.[1]);
}

/** `support+1234@example.com` for the channel address `support@example.com`, compared case-insensitively. */
export function ticketNumberFromPlusAddress(recipient: string, channelAddress: string): number | null {
  const [local, domain] = splitAddress(channelAddress);
  const [recipientLocal, recipientDomain] = splitAddress(recipient);
  if (!local || !domain || recipientDomain !== domain || !recipientLocal?.startsWith(`${local}+`)) return null;
  const tag = recipientLocal.slice(local.length + 1);
  return /^\d{1,15}$/.test(tag) ? ticketNumberOf(tag) : null;
}

// Reply prefixes mail clients add, localized: Re, AW (de), SV (sv/da/no), Antw (nl), VS (fi), Odp (pl);
// also the counted forms "Re[2]:" and "Re(2):" and French spacing before the colon.
const REPLY_PREFIX = /^(?:(?:re|aw|sv|antw|vs|odp)(?:\[\d+\]|\(\d+\))?\s*:\s*)+/i;

/** "Re: <subject> [#1234]": one "Re:", whatever the client stacked up, and the token only once. */
export function subjectWithTicketToken(subject: string, ticketNumber: number): string {
  const base = subject.trim().replace(REPLY_PREFIX, "").trim();
  const hasToken = [...base.matchAll(TICKET_TOKEN)].some((m) => Number(m[1]) === ticketNumber);
  const withToken = hasToken ? base : `${base} [#${ticketNumber}]`.trim();
  return `Re: ${withToken}`;
}

function ticketNumberOf(digits: string | undefined): number | null {
  if (!digits) return null;
  const number = Number(digits);
  return Number.isSafeInteger(number) && number > 0 ? number : null;
}

function splitAddress(address: string): [local: string | undefined, domain: string | undefined] {
  const normalised = address.trim().replace(/^<|>$/g, "").toLowerCase();
  const at = normalised.lastIndexOf("@");
  return at > 0 ? [normalised.slice(0, at), normalised.slice(at + 1)] : [undefined, undefined];
}
