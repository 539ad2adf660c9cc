import {
  customerIdentities,
  messages,
  outboundEmails,
  tickets,
  type Channel,
  type Executor,
  type Ticket,
} from "@helpdesk/db";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { ParsedInboundEmail } from "./parse-inbound-email.ts";
import { ticketNumberFromPlusAddress, ticketNumberFromSubject } from "./ticket-references.ts";

/**
 * The e-mail threading rules: which ticket an inbound mail answers, and what becomes of it.
 *
 * 1. Its Message-ID headers (In-Reply-To, References) name a message stored on this channel, or one of our
 *    outbound mails. They are unguessable, so they thread whoever writes.
 * 2. Else a ticket number: the `[#1234]` token in the subject, else a plus-address it was sent to
 *    (`support+1234@`). A number can be guessed, so it threads only the ticket's own customer or someone on
 *    its CC list; anyone else opens a ticket of their own.
 * 3. A merged ticket hands over to the one it was merged into.
 *
 * The ticket found: an open one (new, open, pending, on hold, solved) takes the mail as a message; a closed
 * one does not reopen, the mail opens a follow-up linked to it. Nothing found: a new ticket.
 */
export type InboundEmailThread =
  { kind: "continues"; ticket: Ticket } | { kind: "follows_up"; ticket: Ticket } | { kind: "new" };

/** Who wrote the mail and where it was delivered: what the threading rules look at besides the mail itself. */
export interface InboundEmailThreadingInput {
  channel: Pick<Channel, "id" | "address">;
  email: Pick<ParsedInboundEmail, "inReplyTo" | "references" | "subject" | "to" | "cc">;
  /** The sender, as a customer. */
  customerId: string;
  /** The envelope recipients (SMTP RCPT TO), where a plus-address may be when the headers do not show it. */
  envelopeRecipients: string[];
}

export async function threadInboundEmail(db: Executor, input: InboundEmailThreadingInput): Promise<InboundEmailThread> {
  return threadOfTicket(await findThreadedTicket(db, input));
}

/** Rule 1's Message-IDs: In-Reply-To, then References, each once. */
export function referencedMessageIds(email: Pick<ParsedInboundEmail, "inReplyTo" | "references">): string[] {
  return [...new Set([...email.inReplyTo, ...email.references])];
}

/** Rule 2's ticket number: the subject token first, else the first plus-address of the channel's address. */
export function referencedTicketNumber(
  email: Pick<ParsedInboundEmail, "subject" | "to" | "cc">,
  envelopeRecipients: string[],
  channelAddress: string | null,
): number | null {
  if (!channelAddress) return null;
  const recipients = [...envelopeRecipients, ...email.to.map((a) => a.address), ...email.cc.map((a) => a.address)];
  return (
    ticketNumberFromSubject(email.subject) ??
    recipients.map((r) => ticketNumberFromPlusAddress(r, channelAddress)).find((n) => n !== null) ??
    null
  );
}

/** What the ticket found means for the mail: a closed (or merged, so closed) ticket is followed up, not reopened. */
export function threadOfTicket(ticket: Ticket | null): InboundEmailThread {
  if (!ticket) return { kind: "new" };
  return ticket.status === "closed" || ticket.mergedIntoId
    ? { kind: "follows_up", ticket }
    : { kind: "continues", ticket };
}

/** Rules 1 to 3: the ticket the mail answers, or null. */
export async function findThreadedTicket(
  db: Executor,
  { channel, email, customerId, envelopeRecipients }: InboundEmailThreadingInput,
): Promise<Ticket | null> {
  const referenced = referencedMessageIds(email);
  let ticketId: string | null = null;
  if (referenced.length > 0) {
    const [byMessage] = await db
      .select({ ticketId: messages.ticketId })
      .from(messages)
      .where(and(eq(messages.channelId, channel.id), inArray(messages.externalId, referenced)))
      .orderBy(desc(messages.createdAt))
      .limit(1);
    ticketId = byMessage?.ticketId ?? null;
    if (!ticketId) {
      const [byOutbound] = await db
        .select({ ticketId: outboundEmails.ticketId })
        .from(outboundEmails)
        .where(inArray(outboundEmails.messageIdHeader, referenced))
        .limit(1);
      ticketId = byOutbound?.ticketId ?? null;
    }
  }
  if (!ticketId) {
    const number = referencedTicketNumber(email, envelopeRecipients, channel.address);
    if (number !== null) {
      const [byNumber] = await db.select().from(tickets).where(eq(tickets.number, number));
      if (byNumber && (await writesOnTicket(db, byNumber, customerId))) ticketId = byNumber.id;
    }
  }
  const ticketById = async (id: string) => (await db.select().from(tickets).where(eq(tickets.id, id)))[0] ?? null;
  let ticket = ticketId ? await ticketById(ticketId) : null;
  for (let hops = 0; ticket?.mergedIntoId && hops < 10; hops++) ticket = await ticketById(ticket.mergedIntoId);
  return ticket;
}

/** The ticket's own customer, or a customer with an e-mail address on its CC list. */
async function writesOnTicket(db: Executor, ticket: Ticket, customerId: string): Promise<boolean> {
  if (ticket.customerId === customerId) return true;
  if (ticket.cc.length === 0) return false;
  const [identity] = await db
    .select({ id: customerIdentities.id })
    .from(customerIdentities)
    .where(
      and(
        eq(customerIdentities.customerId, customerId),
        eq(customerIdentities.kind, "email"),
        inArray(customerIdentities.value, ticket.cc),
      ),
    )
    .limit(1);
  return identity !== undefined;
}
