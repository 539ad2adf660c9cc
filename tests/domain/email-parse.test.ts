import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseInboundEmail, readMessageId, type ParsedInboundEmail } from "@helpdesk/api/domain";
import MailComposer from "nodemailer/lib/mail-composer";
import { describe, expect, test } from "vitest";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/email/${name}`, import.meta.url));
const generatedId = (raw: Buffer) =>
  `generated-${createHash("sha256").update(raw).digest("hex").slice(0, 32)}@helpdesk.invalid`;

/** Everything but the bodies and attachments, which have their own assertions. */
function envelopeOf(email: ParsedInboundEmail) {
  const { messageId, inReplyTo, references, subject, from, replyTo, to, cc, date } = email;
  return { messageId, inReplyTo, references, subject, from, replyTo, to, cc, date: date?.toISOString() ?? null };
}

describe("parseInboundEmail: real client mails", () => {
  test.each([
    [
      "gmail-reply.eml",
      {
        messageId: "CAF=gmail-reply-8a1b2c3d@mail.gmail.com",
        inReplyTo: ["reply-1042-7@helpdesk.test"],
        references: ["ticket-1042-created@helpdesk.test", "reply-1042-7@helpdesk.test"],
        subject: "Re: Where is my order? [#1042]",
        from: { address: "jane.customer@gmail.com", name: "Jane Customer" },
        replyTo: [],
        to: [{ address: "support+1042@helpdesk.test", name: "Acme Support" }],
        cc: [{ address: "bob@example.org", name: "Bob (accounts)" }],
        date: "2024-03-05T09:15:42.000Z",
      },
    ],
    [
      "outlook-reply.eml",
      {
        // Folded onto its own line by Outlook.
        messageId: "DB9PR01MB0001A1B2C3D4E5F6A7B8C9D0E1F2A@DB9PR01MB0001.eurprd01.prod.outlook.com",
        inReplyTo: ["reply-1043-2@helpdesk.test"],
        references: ["reply-1043-2@helpdesk.test"],
        subject: "Re: Replacement mug [#1043]",
        from: { address: "max@contoso.test", name: "Max Mustermann" },
        replyTo: [],
        to: [{ address: "support@helpdesk.test", name: "Acme Support" }],
        cc: [],
        date: "2024-03-07T10:05:09.000Z",
      },
    ],
    [
      "apple-mail-reply.eml",
      {
        messageId: "5A6B7C8D-APPLE-MAIL-0001@customer.test",
        inReplyTo: ["reply-2001-3@helpdesk.test"],
        references: ["reply-2001-3@helpdesk.test"],
        subject: "Re: Invoice question [#2001]",
        from: { address: "jane@customer.test", name: "Jane Customer" },
        replyTo: [],
        to: [{ address: "support@helpdesk.test", name: "" }],
        cc: [],
        date: "2024-03-06T08:30:00.000Z",
      },
    ],
    [
      "encoded-subject.eml",
      {
        messageId: "encoded-subject-1@customer.test",
        inReplyTo: [],
        references: [],
        // A Base64 UTF-8 word and a Q-encoded ISO-8859-1 word, folded over two lines.
        subject: "Заказ не доставлен (commande n° 42)",
        from: { address: "olena@customer.test", name: "Oléna Kovalenko" },
        replyTo: [],
        to: [{ address: "support@helpdesk.test", name: "" }],
        cc: [],
        date: "2024-03-12T14:45:00.000Z",
      },
    ],
    [
      "shift-jis.eml",
      {
        messageId: "sjis-1@kokyaku.test",
        inReplyTo: [],
        references: [],
        subject: "注文の件について",
        from: { address: "tanaka@kokyaku.test", name: "田中" },
        replyTo: [],
        to: [{ address: "support@helpdesk.test", name: "" }],
        cc: [],
        date: "2024-03-11T00:00:00.000Z",
      },
    ],
    [
      "iso-8859-1.eml",
      {
        messageId: "latin1-1@kunde.test",
        inReplyTo: [],
        references: [],
        subject: "Rückerstattung für Bestellung 4711",
        from: { address: "juergen@kunde.test", name: "Jürgen Müller" },
        replyTo: [],
        to: [{ address: "support@helpdesk.test", name: "" }],
        cc: [],
        date: "2024-03-07T10:00:00.000Z",
      },
    ],
  ])("%s: identifiers, subject, addresses, date", async (file, expected) => {
    expect(envelopeOf(await parseInboundEmail(fixture(file)))).toEqual(expected);
  });

  test.each([
    ["iso-8859-1.eml", "Guten Tag,\n\nich hätte gern eine Rückerstattung für meine Bestellung.\n\nGrüße aus Köln\n"],
    ["shift-jis.eml", "山田様\n\nご注文の商品が届いておりません。\n確認をお願いいたします。\n\n田中\n"],
    ["encoded-subject.eml", "Добрий день! My parcel has not arrived.\n"],
  ])("%s: the body is decoded to UTF-8", async (file, text) => {
    const email = await parseInboundEmail(fixture(file));
    expect(email.text).toBe(text);
    expect(email.html).toBeNull();
  });

  test("windows-1252 bytes (smart quotes, euro sign) are decoded, not replaced", async () => {
    const raw = Buffer.concat([
      Buffer.from(
        "From: a@customer.test\r\nSubject: quotes\r\nContent-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
      ),
      // “Price” – 20 € (0x93, 0x94, 0x96 and 0x80 are C1 controls in ISO-8859-1, printable only in windows-1252)
      Buffer.from([0x93, 0x50, 0x72, 0x69, 0x63, 0x65, 0x94, 0x20, 0x96, 0x20, 0x32, 0x30, 0x20, 0x80, 0x0d, 0x0a]),
    ]);
    expect((await parseInboundEmail(raw)).text).toBe("“Price” – 20 €\n");
  });

  test("Gmail multipart/alternative: both parts, the HTML untouched (quote detection needs its classes)", async () => {
    const email = await parseInboundEmail(fixture("gmail-reply.eml"));
    expect(email.text).toBe(
      "Thanks, the parcel arrived this morning. The box was damaged though – can I get a replacement for the mug?\n\n" +
        "On Mon, Mar 4, 2024 at 4:02 PM Acme Support <support+1042@helpdesk.test> wrote:\n\n" +
        "> Hi Jane,\n>\n> Your order has shipped and should arrive tomorrow.\n>\n> Kind regards,\n> Sam\n>\n",
    );
    expect(email.html).toContain(
      `<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Mon, Mar 4, 2024`,
    );
    expect(email.attachments).toEqual([]);
  });

  test("Outlook's Windows line endings do not leak into the text", async () => {
    const raw = fixture("outlook-reply.eml");
    // Guards the fixture itself: a checkout that rewrote it to LF would test nothing here.
    expect(raw.includes("\r\n")).toBe(true);
    const email = await parseInboundEmail(raw);
    expect(email.text).toBe(
      "Hello,\n\nThe replacement has not arrived yet. Could you check the tracking number?\n\nRegards,\nMax\n" +
        "________________________________\nFrom: Acme Support <support@helpdesk.test>\nSent: Thursday, March 7, 2024 9:12 AM\n" +
        "To: Max Mustermann <max@contoso.test>\nSubject: Re: Replacement mug [#1043]\n\nHi Max, we have sent a replacement.\n",
    );
    expect(email.html).not.toContain("\r");
  });

  test("an HTML-only mail gets a text rendering of its HTML", async () => {
    const raw = Buffer.from(
      "From: a@customer.test\nContent-Type: text/html; charset=utf-8\n\n<p>Hello <b>there</b></p><div>second line</div>\n",
    );
    const email = await parseInboundEmail(raw);
    expect(email.text).toBe("Hello there\n\nsecond line");
    expect(email.html).toBe("<p>Hello <b>there</b></p><div>second line</div>\n");
  });
});

describe("parseInboundEmail: attachments", () => {
  test("multipart/related: inline images by disposition or bare Content-ID, fallback names from the content type", async () => {
    const email = await parseInboundEmail(fixture("inline-image.eml"));
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    expect(email.attachments.map(({ content, ...rest }) => ({ ...rest, bytes: content.length }))).toEqual([
      {
        filename: "screenshot.png",
        contentType: "image/png",
        size: png.length,
        contentId: "screenshot.8f2a@customer.test",
        inline: true,
        bytes: png.length,
      },
      // Outlook style: no disposition, no name, just a Content-ID.
      {
        filename: "attachment-2.jpeg",
        contentType: "image/jpeg",
        size: 22,
        contentId: "image002.jpg@01DA7144.5B2C3D40",
        inline: true,
        bytes: 22,
      },
      {
        filename: "attachment-3.pdf",
        contentType: "application/pdf",
        size: 23,
        contentId: null,
        inline: false,
        bytes: 23,
      },
    ]);
    expect(email.attachments[0]!.content.equals(png)).toBe(true);
    // cid: links stay as they are; renderEmailHtml rewrites them.
    expect(email.html).toContain(`<img src="cid:screenshot.8f2a@customer.test" alt="screenshot" width="320">`);
  });

  test("a sender's path in the filename is cut to its last segment", async () => {
    const raw = Buffer.from(
      [
        "From: a@customer.test",
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        "--b",
        "Content-Type: text/plain",
        "",
        "see attached",
        "--b",
        'Content-Type: text/plain; name="passwd"',
        'Content-Disposition: attachment; filename="../../etc/passwd"',
        "",
        "root:x:0:0",
        "--b",
        "Content-Type: application/octet-stream",
        'Content-Disposition: attachment; filename="..\\\\windows\\\\evil.exe"',
        "",
        "MZ",
        "--b",
        "Content-Type: application/octet-stream",
        'Content-Disposition: attachment; filename=".."',
        "",
        "??",
        "--b--",
        "",
      ].join("\r\n"),
    );
    const email = await parseInboundEmail(raw);
    expect(email.attachments.map((a) => a.filename)).toEqual(["passwd", "evil.exe", "attachment-3.bin"]);
  });

  test("a 10 MB attachment arrives intact", async () => {
    const content = Buffer.alloc(10 * 1024 * 1024);
    for (let i = 0; i < content.length; i++) content[i] = (i * 31 + (i >> 8)) & 0xff;
    const raw = await new MailComposer({
      from: "Big Sender <big@customer.test>",
      to: "support@helpdesk.test",
      subject: "Log files",
      messageId: "<big-1@customer.test>",
      text: "The logs are attached.",
      attachments: [{ filename: "logs.tar.gz", content, contentType: "application/gzip" }],
    })
      .compile()
      .build();
    expect(raw.length).toBeGreaterThan(13 * 1024 * 1024); // base64 on the wire

    const email = await parseInboundEmail(raw);
    expect(email.messageId).toBe("big-1@customer.test");
    expect(email.text).toBe("The logs are attached.");
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0]!.filename).toBe("logs.tar.gz");
    expect(email.attachments[0]!.size).toBe(10 * 1024 * 1024);
    expect(email.attachments[0]!.content.equals(content)).toBe(true);
    expect(readMessageId(raw)).toBe("big-1@customer.test");
  });
});

describe("parseInboundEmail: headers", () => {
  test("dates: a missing or unreadable Date is null, never the time of parsing", async () => {
    const missing = await parseInboundEmail(Buffer.from("From: a@customer.test\n\nhi\n"));
    const garbage = await parseInboundEmail(Buffer.from("From: a@customer.test\nDate: last Tuesday-ish\n\nhi\n"));
    expect([missing.date, garbage.date]).toEqual([null, null]);
  });

  test("threading headers: bracketed ids, prose around them ignored, bare ids accepted", async () => {
    const raw = Buffer.from(
      [
        "From: a@customer.test",
        "In-Reply-To: <reply-1@helpdesk.test> (Acme Support's message of Tue, 5 Mar 2024)",
        "References: <first@helpdesk.test>",
        "  <second@helpdesk.test>\t<third@helpdesk.test>",
        "",
        "hi",
      ].join("\r\n"),
    );
    const email = await parseInboundEmail(raw);
    expect(email.inReplyTo).toEqual(["reply-1@helpdesk.test"]);
    expect(email.references).toEqual(["first@helpdesk.test", "second@helpdesk.test", "third@helpdesk.test"]);

    const sloppy = await parseInboundEmail(
      Buffer.from("From: a@customer.test\nIn-Reply-To: reply-2@helpdesk.test\nReferences: your message\n\nhi\n"),
    );
    expect(sloppy.inReplyTo).toEqual(["reply-2@helpdesk.test"]);
    expect(sloppy.references).toEqual([]);
  });

  test("address groups are flattened; an empty group contributes nothing", async () => {
    const raw = Buffer.from(
      "From: a@customer.test\nTo: undisclosed-recipients:;\nCc: Team: One <ONE@x.test>, two@X.test;\n\nhi\n",
    );
    const email = await parseInboundEmail(raw);
    expect(email.to).toEqual([]);
    expect(email.cc).toEqual([
      { address: "one@x.test", name: "One" },
      { address: "two@x.test", name: "" },
    ]);
  });

  test("headers: lower-cased names, unfolded values, first occurrence wins", async () => {
    const raw = Buffer.from(
      [
        "From: a@customer.test",
        "X-Custom: first",
        "X-CUSTOM: second",
        "Auto-Submitted: auto-replied;",
        " by=server",
        "__proto__: polluted?",
        "",
        "hi",
      ].join("\r\n"),
    );
    const { headers } = await parseInboundEmail(raw);
    expect(headers).toEqual({
      from: "a@customer.test",
      "x-custom": "first",
      "auto-submitted": "auto-replied; by=server",
      ["__proto__"]: "polluted?",
    });
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
  });
});

describe("readMessageId (idempotency key before the full parse)", () => {
  test.each([
    "gmail-reply.eml",
    "outlook-reply.eml",
    "apple-mail-reply.eml",
    "inline-image.eml",
    "iso-8859-1.eml",
    "shift-jis.eml",
    "encoded-subject.eml",
    "out-of-office.eml",
    "dsn-bounce.eml",
    "malicious-html.eml",
  ])("%s: agrees with parseInboundEmail", async (file) => {
    const raw = fixture(file);
    const parsed = await parseInboundEmail(raw);
    expect(readMessageId(raw)).toBe(parsed.messageId);
    expect(parsed.messageId).not.toMatch(/[<>]|^generated-/);
  });

  test("without a Message-ID both derive the same id from the bytes", async () => {
    const raw = Buffer.from("From: a@customer.test\r\nSubject: no id\r\n\r\nhello\r\n");
    expect(readMessageId(raw)).toBe(generatedId(raw));
    expect((await parseInboundEmail(raw)).messageId).toBe(generatedId(raw));
    const other = Buffer.from("From: a@customer.test\r\nSubject: no id\r\n\r\nhello again\r\n");
    expect(readMessageId(other)).not.toBe(readMessageId(raw));
  });

  test("reads the header block only: a Message-ID line in the body does not count", () => {
    const raw = Buffer.from("From: a@customer.test\n\nForwarded:\nMessage-ID: <inside-the-body@x.test>\n");
    expect(readMessageId(raw)).toBe(generatedId(raw));
  });

  test("bare LF, folded, and without angle brackets", () => {
    expect(readMessageId(Buffer.from("From: a@x.test\nmessage-id:\n  <folded@x.test>\n\nbody"))).toBe("folded@x.test");
    expect(readMessageId(Buffer.from("Message-Id: bare-id@x.test\r\n\r\nbody"))).toBe("bare-id@x.test");
  });
});
