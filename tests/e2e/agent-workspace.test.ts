import { createTicket } from "@helpdesk/api/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { artifactPath } from "../support/browser.ts";
import { startBrowserWorld } from "../support/e2e.ts";
import { eventually } from "../support/eventually.ts";

/**
 * The agent's core journey in a real browser against the real server (web + API + socket.io on one port):
 * sign in, find a ticket in the inbox, answer it, see the answer in the thread; and see a ticket that
 * arrives meanwhile appear in the inbox without reloading.
 */
let world: Awaited<ReturnType<typeof startBrowserWorld>>;

beforeAll(async () => {
  world = await startBrowserWorld({
    user: { email: "agent.e2e@example.test", name: "Erin Agent", role: "agent", password: "e2e-password" },
  });
}, 120_000);

afterAll(() => world?.close());

// Not signed in: the workspace sends the visitor to the login page and back to the inbox afterwards.
const signIn = (page: Page) => world.signIn(page, "/tickets", /\/tickets\?/);

describe("agent workspace in Chromium", () => {
  test("an agent signs in, opens a ticket, replies, and sees the reply in the thread", async () => {
    const ticket = await createTicket(
      world.server.deps,
      { kind: "system" },
      {
        subject: "My parcel never arrived",
        body: "Order 5521 was due last Tuesday and tracking has not moved since.",
        customer: { email: "olivia@example.test", name: "Olivia Brown" },
        priority: "high",
      },
    );

    const page = await world.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(page);

    const row = page.getByRole("link", { name: /My parcel never arrived/ });
    await eventually(async () => expect(await row.count()).toBe(1));
    await row.click();
    await page.waitForURL(`**/tickets/${ticket.id}`);
    await eventually(async () => expect(await page.getByText("Order 5521 was due last Tuesday").count()).toBe(1));
    // The customer sidebar shows who is writing.
    await eventually(async () =>
      expect(await page.getByRole("complementary", { name: "Customer" }).getByText("olivia@example.test").count()).toBe(
        1,
      ),
    );

    await page
      .getByLabel("Reply to the customer")
      .fill("Hi Olivia, the carrier found it: it will be **delivered tomorrow**.");
    // The carrier's proof goes with it, as a file on the reply.
    await page.getByLabel("Attach files").setInputFiles({
      name: "tracking.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n% tracking\n"),
    });
    await eventually(async () =>
      expect(await page.getByRole("list", { name: "Attached files" }).textContent()).toContain("tracking.pdf"),
    );
    await page.getByRole("button", { name: "Send reply" }).click();

    const reply = page.locator("li.message.agent", { hasText: "the carrier found it" });
    await eventually(async () => expect(await reply.count()).toBe(1));
    expect(await reply.locator("strong", { hasText: "delivered tomorrow" }).count()).toBe(1);
    expect(await reply.getByText("Erin Agent").count()).toBe(1);
    await eventually(async () => expect(await reply.getByRole("link", { name: /tracking\.pdf/ }).count()).toBe(1));
    expect(await page.getByRole("list", { name: "Attached files" }).count()).toBe(0);
    // Replying to a new ticket opens it.
    await eventually(async () =>
      expect(await page.locator(".conversation header .pill").textContent()).toContain("Open"),
    );
    await page.screenshot({ path: artifactPath("agent-reply.png") });

    // And the reply is stored, not just drawn.
    const stored = await world.server.deps.db.query.messages.findMany({
      where: (m, { eq }) => eq(m.ticketId, ticket.id),
    });
    expect(stored.map((m) => m.bodyText)).toContain(
      "Hi Olivia, the carrier found it: it will be **delivered tomorrow**.",
    );
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  test("a ticket that arrives while the inbox is open appears without a reload", async () => {
    const page = await world.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page);
    await eventually(async () => expect(await page.locator("nav span.live.on").count()).toBe(1));
    const navigations: string[] = [];
    page.on("framenavigated", (frame) => navigations.push(frame.url()));

    await createTicket(
      world.server.deps,
      { kind: "system" },
      {
        subject: "Invoice shows the wrong VAT number",
        body: "Our VAT number is DE123456789, the invoice says DE987654321.",
        customer: { email: "finance@acme.test", name: "Acme Finance" },
      },
    );

    const row = page.getByRole("link", { name: /Invoice shows the wrong VAT number/ });
    await eventually(async () => expect(await row.count()).toBe(1));
    expect(navigations).toEqual([]);
    await page.screenshot({ path: artifactPath("agent-inbox-live.png") });
    await page.close();
  });
});
