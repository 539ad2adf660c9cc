import { readFileSync } from "node:fs";
import { parseInboundEmail, separateReplyText, visibleReplyHtml } from "@helpdesk/api/domain";
import { describe, expect, test } from "vitest";

const reply = (name: string) => readFileSync(new URL(`../fixtures/email-replies/${name}`, import.meta.url), "utf8");
const mail = (name: string) => readFileSync(new URL(`../fixtures/email/${name}`, import.meta.url));

const RIAK_FOOTER =
  "_______________________________________________\nriak-users mailing list\nriak-users@lists.basho.com\nhttp://lists.basho.com/mailman/listinfo/riak-users_lists.basho.com";

describe("separateReplyText: github/email_reply_parser's real-world replies", () => {
  // What a person reading the mail would call the new text.
  // Left out: email_sent_from_my_not_signature.txt. The library takes every "Sent from …" line for a mobile
  // footer, so "Sent from my desk, is much easier then my mobile phone." lands in `signature` (folded, not lost);
  // telling that sentence from "Sent from my iPhone, excuse typos" needs more than a small rule.
  test.each([
    ["correct_sig.txt", "this is an email with a correct -- signature."],
    [
      "email_1_1.txt",
      "Hi folks\n\nWhat is the best way to clear a Riak bucket of all key, values after\nrunning a test?\nI am currently using the Java HTTP API.\n\n-Abhishek Kona",
    ],
    [
      "email_1_2.txt",
      'Hi,\n\nYou can list the keys for the bucket and call delete for each. Or if you\nput the keys (and kept track of them in your test) you can delete them\none at a time (without incurring the cost of calling list first.)\n\nSomething like:\n\n        String bucket = "my_bucket";\n        BucketResponse bucketResponse = riakClient.listBucket(bucket);\n        RiakBucketInfo bucketInfo = bucketResponse.getBucketInfo();\n\n        for(String key : bucketInfo.getKeys()) {\n            riakClient.delete(bucket, key);\n        }\n\n\nwould do it.\n\nSee also\n\nhttp://wiki.basho.com/REST-API.html#Bucket-operations\n\nwhich says\n\n"At the moment there is no straightforward way to delete an entire\nBucket. There is, however, an open ticket for the feature. To delete all\nthe keys in a bucket, you’ll need to delete them all individually."',
    ],
    ["email_1_3.txt", "Oh thanks.\n\nHaving the function would be great.\n\n-Abhishek Kona"],
    ["email_1_4.txt", "Awesome! I haven't had another problem with it."],
    [
      "email_1_5.txt",
      "One: Here's what I've got.\n\n- This would be the first bullet point that wraps to the second line\nto the next\n- This is the second bullet point and it doesn't wrap\n- This is the third bullet point and I'm having trouble coming up with enough\nto say\n- This is the fourth bullet point\n\nTwo:\n- Here is another bullet point\n- And another one\n\nThis is a paragraph that talks about a bunch of stuff. It goes on and on\nfor a while.",
    ],
    ["email_1_6.txt", "I get proper rendering as well."],
    ["email_1_7.txt", ":+1:"],
    ["email_1_8.txt", "I will reply under this one\n\nand under this."],
    ["email_2_1.txt", "Outlook with a reply"],
    ["email_2_2.txt", "Outlook with a reply directly above line"],
    ["email_2_3.txt", "Outlook with a reply directly above line"],
    ["email_BlackBerry.txt", "Here is another email"],
    [
      "email_bullets.txt",
      "test 2 this should list second\n\nand have spaces\n\nand retain this formatting\n\n\n   - how about bullets\n   - and another",
    ],
    ["email_iPhone.txt", "Here is another email"],
    ["email_multi_word_sent_from_my_mobile_device.txt", "Here is another email"],
    [
      "email_one_is_not_on.txt",
      "Thank, this is really helpful.\n\nOne outstanding question I had:\n\nLocally (on development), when I run...",
    ],
    [
      "email_sig_delimiter_in_middle_of_line.txt",
      "Hi there!\n\nStuff happened.\n\nAnd here is a fix -- this is not a signature.\n\nkthxbai",
    ],
    [
      "greedy_on.txt",
      "On your remote host you can run:\n\n     telnet 127.0.0.1 52698\n\nThis should connect to TextMate (on your Mac, via the tunnel). If that\nfails, the tunnel is not working.",
    ],
    [
      "pathological.txt",
      "I think you're onto something. I will try to fix the problem as soon as I\nget back to a computer.",
    ],
  ])("%s", (file, visible) => {
    expect(separateReplyText(reply(file)).visible).toBe(visible);
  });

  test.each([
    ["correct_sig.txt", { quoted: "", signature: "-- \nrick" }],
    ["email_1_1.txt", { quoted: "", signature: RIAK_FOOTER }],
    ["email_1_6.txt", { signature: "Sent from a magnificent torch of pixels" }],
    ["email_1_8.txt", { signature: "--\nHey there, this is my signature" }],
    [
      "email_2_3.txt",
      {
        quoted:
          "From: CRM Comments [crm-comment@example.com]\nSent: Friday, 23 March 2012 5:08 p.m.\nTo: John S. Greene\nSubject: [contact:106] John Greene\n\n> A new comment has been added to the Contact named 'John Greene':\n>\n> I am replying to a comment.",
      },
    ],
    // Our rules: a bold Outlook header block below a dash divider, and a longer underscore divider, start the history.
    [
      "email_2_1.txt",
      {
        quoted: expect.stringMatching(
          /^ -{30}\n\n\*From:\* Google Apps Sync Team \[mailto:mail-noreply@google\.com\]\n\*Sent:\*[^]*The Google Apps Sync Team\.$/,
        ),
        signature: "",
      },
    ],
    [
      "email_2_2.txt",
      {
        quoted: expect.stringMatching(
          /^_{40}\nFrom: CRM Comments \[crm-comment@example\.com\]\nSent: [^]*I am replying to a comment\.$/,
        ),
        signature: "",
      },
    ],
    [
      "email_bullets.txt",
      {
        quoted:
          "On Fri, Feb 24, 2012 at 10:19 AM, <examples@email.goalengine.com> wrote:\n\n> Give us an example of how you applied what they learned to achieve\n> something in your organization",
        signature: "-- \n\n*Joe Smith | Director, Product Management*",
      },
    ],
  ])("%s: quoted history and signature", (file, parts) => {
    expect(separateReplyText(reply(file))).toMatchObject(parts);
  });

  test("email_1_2.txt: both quoted passages, the list footer as signature", () => {
    const { quoted, signature } = separateReplyText(reply("email_1_2.txt"));
    expect(quoted.split("\n\n")[0]).toBe(
      "On Tue, 2011-03-01 at 18:02 +0530, Abhishek Kona wrote:\n> Hi folks\n>\n> What is the best way to clear a Riak bucket of all key, values after\n> running a test?\n> I am currently using the Java HTTP API.",
    );
    expect(quoted.endsWith("> http://lists.basho.com/mailman/listinfo/riak-users_lists.basho.com")).toBe(true);
    expect(signature).toBe(RIAK_FOOTER);
  });
});

describe("separateReplyText: hostile input finishes quickly (the library backtracks badly)", () => {
  // A ReDoS guard, not a benchmark: the unguarded library needs minutes for some of these.
  const SECONDS = 2000;

  test("pathological.txt", () => {
    const started = performance.now();
    separateReplyText(reply("pathological.txt"));
    expect(performance.now() - started).toBeLessThan(SECONDS);
  });

  test("email_long_quote.txt: a 700 kB line of '>' (the unguarded library takes about 7 minutes)", () => {
    const started = performance.now();
    const { visible, quoted, signature } = separateReplyText(reply("email_long_quote.txt"));
    expect(performance.now() - started).toBeLessThan(SECONDS);
    // The long lines are judged like any other: the one that starts with ">" is quoted, the other is text.
    expect(quoted).toBe(">".repeat(quoted.length));
    expect(quoted.length).toBeGreaterThan(50_000);
    expect(
      visible.startsWith(
        "Hi folks\n\nWhat is the best way to clear a Riak bucket of all key, values after\nrunning a test?\n\nasdf\nA>>>",
      ),
    ).toBe(true);
    expect(visible.endsWith(">>>\nI am currently using the Java HTTP API.\n\n-Abhishek Kona")).toBe(true);
    expect(signature).toBe(RIAK_FOOTER);
  });

  test.each([
    ["200 000 blank lines", `Hello\n${"\n".repeat(200_000)}Bye`],
    ["whitespace-only lines", `Hello\n${"\t\n \u00a0\n".repeat(50_000)}Bye`],
    ["lines starting like a Chinese quote header", "在 x\n".repeat(100_000)],
    ["lines starting like a Danish quote header", "abc. x\n".repeat(100_000)],
    ["runs of '>' inside short lines", "a>>b\n".repeat(100_000)],
    ["lone CR line endings", "a\r".repeat(200_000)],
    ["10 MB of ordinary text", "hello world, this is a line\n".repeat(360_000)],
  ])("%s", (_, text) => {
    const started = performance.now();
    const { visible } = separateReplyText(text);
    expect(performance.now() - started).toBeLessThan(SECONDS);
    expect(visible.length).toBeGreaterThan(0);
  });

  test("blank runs are collapsed, the words around them kept", () => {
    expect(separateReplyText(`Hello\n${"\n".repeat(200_000)}Bye`).visible).toBe("Hello\n\n\nBye");
  });
});

describe("separateReplyText: our rules around the library", () => {
  test("what lies past the parsed head continues the section the head ended in", () => {
    const history = Array.from({ length: 3000 }, (_, i) => `> quoted line ${i} of a very long thread`).join("\n");
    const { visible, quoted } = separateReplyText(
      `Thanks, that fixed it.\n\nOn Tue, 5 Mar 2024 at 10:00, Acme Support <support@helpdesk.test> wrote:\n${history}`,
    );
    expect(visible).toBe("Thanks, that fixed it.");
    expect(quoted.endsWith("> quoted line 2999 of a very long thread")).toBe(true);
  });

  test("localized Outlook header block (German, bold) starts the history", () => {
    const text =
      "Danke, passt so.\n\n-----Ursprüngliche Nachricht-----\n*Von:* Acme Support <support@helpdesk.test>\n*Gesendet:* Dienstag, 5. März 2024 10:00\n*An:* Max\n\nAlte Nachricht";
    expect(separateReplyText(text)).toEqual({
      visible: "Danke, passt so.",
      quoted:
        "-----Ursprüngliche Nachricht-----\n*Von:* Acme Support <support@helpdesk.test>\n*Gesendet:* Dienstag, 5. März 2024 10:00\n*An:* Max\n\nAlte Nachricht",
      signature: "",
    });
  });

  test("a 'From:' line in the customer's own text is not history without a date line under it", () => {
    const text = "From: the warehouse in Leeds\nTo: my house in York\nThe parcel took two weeks.";
    expect(separateReplyText(text)).toEqual({ visible: text, quoted: "", signature: "" });
  });

  test("nothing new (a bare forward): the whole text stays visible", () => {
    const text = "> On Tue, Acme wrote:\n> Your order shipped.";
    expect(separateReplyText(text)).toEqual({ visible: text, quoted: "", signature: "" });
  });

  test("a sender cannot forge the internal stand-in marker", () => {
    expect(separateReplyText("A \uE0000\uE000 B").visible).toBe("A \uFFFD0\uFFFD B");
  });

  test("the Outlook fixture: closing and name as signature, everything under the divider as history", async () => {
    const email = await parseInboundEmail(mail("outlook-reply.eml"));
    expect(separateReplyText(email.text)).toEqual({
      visible: "Hello,\n\nThe replacement has not arrived yet. Could you check the tracking number?",
      quoted:
        "________________________________\nFrom: Acme Support <support@helpdesk.test>\nSent: Thursday, March 7, 2024 9:12 AM\nTo: Max Mustermann <max@contoso.test>\nSubject: Re: Replacement mug [#1043]\n\nHi Max, we have sent a replacement.",
      signature: "Regards,\nMax",
    });
  });
});

describe("visibleReplyHtml: client fixtures", () => {
  test("Gmail: div.gmail_quote with its attribution goes", async () => {
    const { html } = await parseInboundEmail(mail("gmail-reply.eml"));
    expect(visibleReplyHtml(html!)).toEqual({
      html: `<div dir="ltr"><div>Thanks, the parcel arrived this morning. The box was damaged though – can I get a replacement for the mug?</div></div><br>\n`,
      hadQuotedHistory: true,
    });
  });

  test("Outlook on the web: everything from div#appendonsend on goes", async () => {
    const { html } = await parseInboundEmail(mail("outlook-reply.eml"));
    const visible = visibleReplyHtml(html!);
    expect(visible.hadQuotedHistory).toBe(true);
    expect(visible.html.endsWith(`Regards,<br>\nMax</div>\n</body></html>`)).toBe(true);
    expect(visible.html).not.toMatch(/divRplyFwdMsg|From:|we have sent a replacement/);
  });

  test("Apple Mail: blockquote[type=cite] with the attribution inside goes", async () => {
    const { html } = await parseInboundEmail(mail("apple-mail-reply.eml"));
    const visible = visibleReplyHtml(html!);
    expect(visible.hadQuotedHistory).toBe(true);
    expect(visible.html).toContain(
      `line-break: after-white-space;">Perfect, that answers it. I will pay by Friday.<div><br></div><div>Jane<br id="lineBreakAtBeginningOfMessage"><div><br></div><br></div></body></html>`,
    );
    expect(visible.html).not.toContain("invoice total");
  });
});

describe("visibleReplyHtml: markers of each client", () => {
  test.each([
    [
      "Outlook desktop: the #E1E1E1 divider and all after it",
      `<div class="WordSection1"><p class="MsoNormal">Yes, please cancel it.</p><p class="MsoNormal">&nbsp;</p><div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>From:</b> Acme Support</p></div></div><p class="MsoNormal">Shall we cancel the order?</p></div>`,
      `<div class="WordSection1"><p class="MsoNormal">Yes, please cancel it.</p><p class="MsoNormal">&nbsp;</p><div></div></div>`,
    ],
    [
      "Outlook 2010: the #B5C4DF divider",
      `<div><p>Agreed.</p><div style="border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0in 0in 0in"><p><b>From:</b> Acme</p></div><p>Old text</p></div><p>More old text</p>`,
      `<div><p>Agreed.</p></div>`,
    ],
    [
      "Outlook: div#divRplyFwdMsg without appendonsend",
      `<p>See you then.</p><hr><div id="divRplyFwdMsg"><b>From:</b> Acme</div><div>Old</div>`,
      `<p>See you then.</p><hr>`,
    ],
    [
      "Thunderbird: div.moz-cite-prefix and the blockquote after it",
      `<p>Works now, thanks!</p><div class="moz-cite-prefix">On 05.03.24 10:00, Acme Support wrote:<br></div>\n<blockquote cite="mid:reply-1@helpdesk.test">Try restarting.</blockquote><p>-- <br>Anna</p>`,
      `<p>Works now, thanks!</p>\n<p>-- <br>Anna</p>`,
    ],
    [
      "Yahoo: div.yahoo_quoted",
      `<div class="ydp1"><div>Sounds good.</div></div><div id="yahoo_quoted_123" class="yahoo_quoted"><div>On Tuesday, Acme wrote:</div><div>Old</div></div>`,
      `<div class="ydp1"><div>Sounds good.</div></div>`,
    ],
    [
      "Gmail, older markup: blockquote.gmail_quote and a separate gmail_attr",
      `<div>New text</div><div class="gmail_attr">On Mon, X wrote:</div><blockquote class="gmail_quote">Old</blockquote>`,
      `<div>New text</div>`,
    ],
    [
      "non-ASCII text and entities survive the round trip",
      `<p>Grüße – 5 &lt; 6 &amp; “ok”</p><blockquote type="cite">alt</blockquote>`,
      `<p>Grüße – 5 &lt; 6 &amp; “ok”</p>`,
    ],
  ])("%s", (_, html, visible) => {
    expect(visibleReplyHtml(html)).toEqual({ html: visible, hadQuotedHistory: true });
  });

  test.each([
    [
      "no quoted history",
      `<p>Just a question: do you ship to Norway?</p><blockquote>A quote the customer typed</blockquote>`,
    ],
    [
      "only quoted history (a bare forward)",
      `<div class="gmail_quote">---------- Forwarded message ---------<br>From: Shop</div>`,
    ],
    [
      "history removed, only whitespace and a style left",
      `<html><head><style>p{}</style></head><body>&nbsp;\u200b<div id="appendonsend"></div><p>Old</p></body></html>`,
    ],
  ])("unchanged when %s", (_, html) => {
    expect(visibleReplyHtml(html)).toEqual({ html, hadQuotedHistory: false });
  });

  test("an image alone is something to read", () => {
    expect(visibleReplyHtml(`<img src="cid:photo"><blockquote type="cite">Old</blockquote>`)).toEqual({
      html: `<img src="cid:photo">`,
      hadQuotedHistory: true,
    });
  });

  test("absurdly deep nesting does not throw", () => {
    const html = `${"<div>".repeat(100_000)}deep${"</div>".repeat(100_000)}<blockquote type="cite">old</blockquote>`;
    const started = performance.now();
    const visible = visibleReplyHtml(html);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(visible.html.includes("deep")).toBe(true);
  });
});
