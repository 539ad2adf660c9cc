import { readFileSync } from "node:fs";
import { classifyInboundEmail, parseInboundEmail, type ParsedInboundEmail } from "@helpdesk/api/domain";
import { describe, expect, test } from "vitest";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/email/${name}`, import.meta.url));

/** A plain customer mail; each case changes what it is about. */
function email(overrides: Partial<ParsedInboundEmail> = {}): ParsedInboundEmail {
  return {
    messageId: "m-1@customer.test",
    inReplyTo: [],
    references: [],
    subject: "Where is my order?",
    from: { address: "jane@customer.test", name: "Jane" },
    replyTo: [],
    to: [{ address: "support@helpdesk.test", name: "" }],
    cc: [],
    date: null,
    text: "Hello, my order has not arrived.",
    html: null,
    attachments: [],
    headers: {},
    ...overrides,
  };
}

describe("classifyInboundEmail: fixtures", () => {
  test("a customer's reply is a message", async () => {
    expect(classifyInboundEmail(await parseInboundEmail(fixture("gmail-reply.eml")))).toEqual({ kind: "message" });
  });

  test("Exchange out-of-office reply", async () => {
    expect(classifyInboundEmail(await parseInboundEmail(fixture("out-of-office.eml")))).toEqual({
      kind: "auto_reply",
      reason: "Auto-Submitted: auto-replied",
    });
  });

  test("Postfix DSN with the returned headers: a bounce (although it is Auto-Submitted too) with its details", async () => {
    expect(classifyInboundEmail(await parseInboundEmail(fixture("dsn-bounce.eml")))).toEqual({
      kind: "bounce",
      reason: "delivery status report",
      // From the returned headers, not the In-Reply-To inside them.
      originalMessageId: "reply-1042-8@helpdesk.test",
      failedRecipient: "nobody@customer.test",
      diagnostic: "550 5.1.1 <nobody@customer.test>: Recipient address rejected: User unknown",
    });
  });

  test("DSN that returns the whole message (message/rfc822) instead of its headers", async () => {
    const raw = Buffer.from(
      fixture("dsn-bounce.eml")
        .toString("latin1")
        .replace("Content-Type: text/rfc822-headers", "Content-Type: message/rfc822"),
      "latin1",
    );
    const email = await parseInboundEmail(raw);
    expect(email.attachments.map((a) => a.contentType)).toEqual(["message/delivery-status", "message/rfc822"]);
    expect(classifyInboundEmail(email)).toMatchObject({
      kind: "bounce",
      originalMessageId: "reply-1042-8@helpdesk.test",
    });
  });
});

describe("classifyInboundEmail: auto-replies", () => {
  test.each([
    [{ "auto-submitted": "auto-replied" }, "Auto-Submitted: auto-replied"],
    [{ "auto-submitted": "Auto-Generated; owner-email=x@y.test" }, "Auto-Submitted: auto-generated"],
    [{ precedence: "bulk" }, "Precedence: bulk"],
    [{ precedence: "Junk" }, "Precedence: junk"],
    [{ precedence: "auto_reply" }, "Precedence: auto_reply"],
    [{ precedence: "list" }, "Precedence: list"],
    [{ "x-autoreply": "yes" }, "X-Autoreply header"],
    [{ "x-autorespond": "Vacation" }, "X-Autorespond header"],
    [{ "x-auto-response-suppress": "All" }, "X-Auto-Response-Suppress header"],
    [{ "x-auto-response-suppress": "DR, OOF, AutoReply" }, "X-Auto-Response-Suppress header"],
    [{ "content-type": 'multipart/report; report-type="disposition-notification"; boundary=x' }, "read receipt"],
  ])("headers %j", (headers, reason) => {
    expect(classifyInboundEmail(email({ headers }))).toEqual({ kind: "auto_reply", reason });
  });

  test.each([
    "Out of Office: Where is my order?",
    "Out of office",
    "Automatic reply: Where is my order? [#1042]",
    "Auto-Reply: Re: Invoice",
    "AutoReply",
    "Automatische Antwort: Ihre Anfrage",
    "Abwesenheitsnotiz: Bestellung",
    "Réponse automatique : Votre commande",
    "Respuesta automática: pedido",
    "Automatisch antwoord: bestelling",
  ])("subject %j", (subject) => {
    expect(classifyInboundEmail(email({ subject }))).toEqual({ kind: "auto_reply", reason: `subject "${subject}"` });
  });

  test.each([
    ["Auto-Submitted: no is a person", { headers: { "auto-submitted": "no" } }],
    ["ordinary precedence", { headers: { precedence: "first-class" } }],
    ["DR alone only suppresses delivery reports", { headers: { "x-auto-response-suppress": "DR" } }],
    ["a question about office hours", { subject: "Out of office hours support?" }],
    ["a reply quoting an auto-reply's subject", { subject: "Re: Automatic reply: Where is my order?" }],
    ["asking about the auto-reply feature", { subject: "Auto-reply not working for our team" }],
    [
      "postmaster writing as a person",
      { from: { address: "postmaster@customer.test", name: "" }, subject: "Question about your SPF record" },
    ],
  ])("not an auto-reply: %s", (_, overrides) => {
    expect(classifyInboundEmail(email(overrides))).toEqual({ kind: "message" });
  });
});

describe("classifyInboundEmail: bounces without a DSN", () => {
  test("qmail-style failure notice: the returned message pasted into the body", () => {
    const bounce = email({
      from: { address: "mailer-daemon@mx.customer.test", name: "" },
      subject: "failure notice",
      text: [
        "Hi. This is the qmail-send program at mx.customer.test.",
        "I'm afraid I wasn't able to deliver your message to the following addresses.",
        "",
        "<gone@customer.test>:",
        "Sorry, no mailbox here by that name. (#5.1.1)",
        "",
        "--- Below this line is a copy of the message.",
        "",
        "From: Acme Support <support@helpdesk.test>",
        "Message-ID: <reply-77-1@helpdesk.test>",
        "Subject: Re: Refund [#77]",
      ].join("\n"),
    });
    expect(classifyInboundEmail(bounce)).toEqual({
      kind: "bounce",
      reason: "delivery failure notice from mailer-daemon@mx.customer.test",
      originalMessageId: "reply-77-1@helpdesk.test",
      failedRecipient: null,
      diagnostic: null,
    });
  });

  test("Exim's X-Failed-Recipients; the original id from In-Reply-To", () => {
    const bounce = email({
      from: { address: "mailer-daemon@mail.example.net", name: "Mail Delivery System" },
      subject: "Mail delivery failed: returning message to sender",
      headers: { "x-failed-recipients": "Gone@Customer.test, other@customer.test" },
      inReplyTo: ["reply-9-2@helpdesk.test"],
    });
    expect(classifyInboundEmail(bounce)).toEqual({
      kind: "bounce",
      reason: "X-Failed-Recipients header",
      originalMessageId: "reply-9-2@helpdesk.test",
      failedRecipient: "gone@customer.test",
      diagnostic: null,
    });
  });

  test("a delivery-status part with only a Status, several recipients: the failed one is reported", () => {
    const status = [
      "Reporting-MTA: dns; mx.example.net",
      "",
      "Final-Recipient: rfc822; ok@customer.test",
      "Action: delivered",
      "Status: 2.0.0",
      "",
      "Final-Recipient: rfc822;<Full@Customer.test>",
      "Action: failed",
      "Status: 5.2.2",
      "",
    ].join("\r\n");
    const bounce = email({
      subject: "Delivery Status Notification (Failure)",
      attachments: [
        {
          filename: "status.txt",
          contentType: "message/delivery-status",
          size: status.length,
          contentId: null,
          inline: false,
          content: Buffer.from(status),
        },
      ],
      references: ["ticket-5@helpdesk.test", "reply-5-1@helpdesk.test"],
    });
    expect(classifyInboundEmail(bounce)).toEqual({
      kind: "bounce",
      reason: "delivery status report",
      originalMessageId: "reply-5-1@helpdesk.test",
      failedRecipient: "full@customer.test",
      diagnostic: "5.2.2",
    });
  });

  test("mailer-daemon with an unrelated subject is not a bounce", () => {
    expect(
      classifyInboundEmail(email({ from: { address: "mailer-daemon@mx.test", name: "" }, subject: "Hello" })),
    ).toEqual({ kind: "message" });
  });
});
