import { channels, newId, outboundEmails, tickets, type Ticket } from "@helpdesk/db";
import {
  findOrCreateCustomer,
  openTicketFromCustomer,
  referencedMessageIds,
  referencedTicketNumber,
  threadInboundEmail,
  threadOfTicket,
  type InboundEmailThreadingInput,
} from "@helpdesk/api/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, uniqueEmail, type Harness } from "../support/harness.ts";

type ThreadingEmail = InboundEmailThreadingInput["email"];
const mail = (fields: Partial<ThreadingEmail> = {}): ThreadingEmail => ({
  inReplyTo: [],
  references: [],
  subject: "Hello",
  to: [],
  cc: [],
  ...fields,
});
const to = (...addresses: string[]) => addresses.map((address) => ({ address, name: "" }));

describe("the rules, without a database", () => {
  test("Message-IDs: In-Reply-To, then References, each once", () => {
    expect(referencedMessageIds({ inReplyTo: ["b@x"], references: ["a@x", "b@x", "c@x"] })).toEqual([
      "b@x",
      "a@x",
      "c@x",
    ]);
    expect(referencedMessageIds({ inReplyTo: [], references: [] })).toEqual([]);
  });

  test.each([
    ["the subject token", mail({ subject: "Re: Late order [#1042]" }), [], 1042],
    [
      "the last token: ours is appended after another help desk's",
      mail({ subject: "Fwd: [#77] Late order [#1042]" }),
      [],
      1042,
    ],
    ["a plus-address in To", mail({ to: to("support+1042@help.test") }), [], 1042],
    ["a plus-address in Cc", mail({ cc: to("someone@else.test", "Support+1042@Help.test") }), [], 1042],
    ["a plus-address only on the envelope", mail(), ["support+1042@help.test"], 1042],
    ["the subject before a plus-address", mail({ subject: "[#1042]", to: to("support+1043@help.test") }), [], 1042],
    ["a plus-address of another domain", mail({ to: to("support+1042@other.test") }), [], null],
    ["a plus-address of another mailbox", mail({ to: to("sales+1042@help.test") }), [], null],
    ["a tag that is not a number", mail({ to: to("support+urgent@help.test") }), [], null],
    ["nothing", mail(), [], null],
  ])("ticket number from %s", (_, email, envelope, expected) => {
    expect(referencedTicketNumber(email, envelope, "support@help.test")).toBe(expected);
  });

  test("no ticket number without a channel address", () => {
    expect(referencedTicketNumber(mail({ subject: "[#1042]" }), [], null)).toBeNull();
  });

  test.each([
    ["new", "continues"],
    ["open", "continues"],
    ["pending", "continues"],
    ["on_hold", "continues"],
    ["solved", "continues"],
    ["closed", "follows_up"],
  ] as const)("a %s ticket: the mail %s it", (status, kind) => {
    const ticket = { id: "tkt_1", status, mergedIntoId: null } as Ticket;
    expect(threadOfTicket(ticket)).toEqual({ kind, ticket });
  });

  test("no ticket: a new one", () => {
    expect(threadOfTicket(null)).toEqual({ kind: "new" });
  });
});

describe("threadInboundEmail", () => {
  let h: Harness;
  const channelId = `chn_thread_${Math.random().toString(36).slice(2, 8)}`;
  const otherChannelId = `${channelId}_other`;
  const address = `support-${channelId}@help.test`;
  const plus = (number: number) => address.replace("@", `+${number}@`);

  beforeAll(async () => {
    h = await createHarness();
    await h.db.insert(channels).values([
      { id: channelId, kind: "email", name: "Support", address },
      { id: otherChannelId, kind: "email", name: "Sales", address: `sales-${channelId}@help.test` },
    ]);
  });
  afterAll(() => h.close());

  const customer = async (prefix: string) =>
    (await findOrCreateCustomer(h.db, { kind: "email", value: uniqueEmail(prefix) }, {})).id;

  /** A ticket opened by a customer's mail with this Message-ID. */
  async function ticketFrom(
    customerId: string,
    messageId = `${newId("message")}@customer.test`,
    options: { cc?: string[]; channel?: string } = {},
  ) {
    const opened = await openTicketFromCustomer(h.deps, {
      channelId: options.channel ?? channelId,
      customerId,
      subject: "Late order",
      body: "Where is it?",
      externalId: messageId,
      cc: options.cc ?? [],
    });
    return { id: opened.ticket.id, number: opened.ticket.number, messageId };
  }

  const thread = (customerId: string, email: ThreadingEmail, envelopeRecipients: string[] = []) =>
    threadInboundEmail(h.db, { channel: { id: channelId, address }, email, customerId, envelopeRecipients });
  const ticketIdOf = (result: Awaited<ReturnType<typeof thread>>) => (result.kind === "new" ? null : result.ticket.id);

  test("In-Reply-To or References naming a stored message thread anyone who writes", async () => {
    const owner = await customer("owner");
    const stranger = await customer("stranger");
    const ticket = await ticketFrom(owner);
    expect(await thread(owner, mail({ inReplyTo: [ticket.messageId] }))).toMatchObject({
      kind: "continues",
      ticket: { id: ticket.id },
    });
    expect(ticketIdOf(await thread(stranger, mail({ references: ["unknown@x.test", ticket.messageId] })))).toBe(
      ticket.id,
    );
  });

  test("a Message-ID of our outbound mail threads too", async () => {
    const owner = await customer("outbound");
    const ticket = await ticketFrom(owner);
    const ours = `${newId("outboundEmail")}@help.test`;
    await h.db.insert(outboundEmails).values({
      id: newId("outboundEmail"),
      kind: "reply",
      ticketId: ticket.id,
      channelId,
      messageIdHeader: ours,
      fromAddress: address,
      toAddresses: ["someone@customer.test"],
      ccAddresses: [],
      subject: "Re: Late order",
      raw: new Uint8Array([1]),
      transport: "outbox",
      status: "kept",
    });
    expect(ticketIdOf(await thread(owner, mail({ inReplyTo: [ours] })))).toBe(ticket.id);
  });

  test("a Message-ID stored on another channel does not thread here", async () => {
    const owner = await customer("elsewhere");
    const ticket = await ticketFrom(owner, undefined, { channel: otherChannelId });
    expect(await thread(owner, mail({ inReplyTo: [ticket.messageId] }))).toEqual({ kind: "new" });
  });

  test("the [#number] token threads the ticket's own customer and its CC list, never a stranger", async () => {
    const copied = uniqueEmail("copied");
    const owner = await customer("token-owner");
    const ticket = await ticketFrom(owner, undefined, { cc: [copied] });
    const onCc = (await findOrCreateCustomer(h.db, { kind: "email", value: copied }, {})).id;
    const stranger = await customer("guesser");
    const token = mail({ subject: `Re: Late order [#${ticket.number}]` });
    expect(ticketIdOf(await thread(owner, token))).toBe(ticket.id);
    expect(ticketIdOf(await thread(onCc, token))).toBe(ticket.id);
    expect(await thread(stranger, token)).toEqual({ kind: "new" });
  });

  test("a plus-address threads the ticket's own customer, from the headers or the envelope", async () => {
    const owner = await customer("plus");
    const ticket = await ticketFrom(owner);
    expect(ticketIdOf(await thread(owner, mail({ subject: "New words", to: to(plus(ticket.number)) })))).toBe(
      ticket.id,
    );
    expect(ticketIdOf(await thread(owner, mail({ subject: "New words" }), [plus(ticket.number)]))).toBe(ticket.id);
    expect(await thread(await customer("plus-stranger"), mail({ to: to(plus(ticket.number)) }))).toEqual({
      kind: "new",
    });
  });

  test("a closed ticket is followed up, not continued", async () => {
    const owner = await customer("closed");
    const ticket = await ticketFrom(owner);
    await h.db.update(tickets).set({ status: "closed", closedAt: new Date() }).where(eq(tickets.id, ticket.id));
    expect(await thread(owner, mail({ inReplyTo: [ticket.messageId] }))).toMatchObject({
      kind: "follows_up",
      ticket: { id: ticket.id },
    });
  });

  test("a merged ticket hands over to the one it was merged into", async () => {
    const owner = await customer("merged");
    const source = await ticketFrom(owner);
    const target = await ticketFrom(owner);
    await h.db.update(tickets).set({ status: "closed", mergedIntoId: target.id }).where(eq(tickets.id, source.id));
    expect(await thread(owner, mail({ inReplyTo: [source.messageId] }))).toMatchObject({
      kind: "continues",
      ticket: { id: target.id },
    });
  });

  test("nothing to go by: a new ticket", async () => {
    expect(await thread(await customer("fresh"), mail({ subject: "A question" }))).toEqual({ kind: "new" });
  });
});
