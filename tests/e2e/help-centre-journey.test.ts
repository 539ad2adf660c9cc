import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createCustomer,
  createOrganization,
  getOutboundEmail,
  hashPassword,
  openTicketFromCustomer,
  resolvePortalChannel,
  systemActor,
} from "@helpdesk/api/domain";
import { attachments, customers, kbArticles, messages, outboundEmails, tickets } from "@helpdesk/db";
import {
  createArticle,
  createCategory,
  createPostgresSearchEngine,
  createSection,
  publishArticle,
  type KnowledgeBaseDeps,
} from "@helpdesk/knowledge-base";
import { arrayContains, desc, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startBrowserWorld } from "../support/e2e.ts";
import { eventually } from "../support/eventually.ts";
import { freePort } from "../support/free-port.ts";

/**
 * A customer's whole way through the help centre in Chromium: search, read, vote, start a request and see an
 * article suggested while typing, submit it; then sign in by the mailed link, find the request under My tickets
 * and answer it with a file, which an agent who has the ticket open sees arrive without reloading. A second
 * customer does the sign-in and the reply with JavaScript off.
 */
let world: Awaited<ReturnType<typeof startBrowserWorld>>;
let articleId: string;
const shots = join(tmpdir(), "help-centre-journey");
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, name), fullPage: true });

/** The newest sign-in link mailed to an address, read from the local outbox (SMTP_URL is unset). */
async function signInLinkFor(address: string, after = 0): Promise<string> {
  return eventually(async () => {
    const rows = await world.server.deps.db
      .select({ id: outboundEmails.id })
      .from(outboundEmails)
      .where(arrayContains(outboundEmails.toAddresses, [address]))
      .orderBy(desc(outboundEmails.id));
    expect(rows.length, `mails to ${address}`).toBeGreaterThan(after);
    const mail = await getOutboundEmail(world.server.deps, systemActor, rows[0]!.id);
    const link = /https?:\/\/\S+\/auth\/link\?token=[\w-]+/.exec(mail.text)?.[0];
    expect(link, "a sign-in link in the newest mail").toBeDefined();
    return link!;
  });
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  // adapter-node takes the site's origin from ORIGIN; server.ts sets it from PUBLIC_URL unless it is set already.
  process.env.ORIGIN = publicUrl;
  world = await startBrowserWorld({
    env: { PORT: String(port), PUBLIC_URL: publicUrl },
    user: { email: "agent.journey@example.test", name: "Jamie Agent", role: "admin", password: "e2e-password" },
  });
  const kb: KnowledgeBaseDeps = { db: world.server.deps.db, search: createPostgresSearchEngine(world.server.deps.db) };
  const category = await createCategory(kb, { slug: "account", name: { en: "Account & sign-in" } });
  const section = await createSection(kb, { categoryId: category.id, slug: "signing-in", name: { en: "Signing in" } });
  const article = await createArticle(
    kb,
    { id: world.user.id },
    {
      sectionId: section.id,
      translation: {
        locale: "en",
        slug: "reset-your-password",
        title: "How do I reset my password?",
        body: "Choose **Forgot password** on the sign-in page and we e-mail you a link to choose a new one.",
      },
    },
  );
  articleId = article.article.id;
  await publishArticle(kb, articleId, "en");
}, 120_000);

afterAll(() => world?.close());

describe("the customer's journey through the help centre", () => {
  test("search, read, vote, request, sign in by link, reply with a file; the agent sees it live", async () => {
    const customerEmail = "riley.journey@example.test";
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));

    // Search, open the article, find it helpful.
    await page.goto(`${world.server.url}/help/en`);
    await page
      .getByRole("combobox", { name: "Search the help centre" })
      .pressSequentially("reset password", { delay: 30 });
    const suggestion = page.getByRole("option", { name: /How do I reset my password\?/ });
    await suggestion.waitFor();
    await suggestion.getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "How do I reset my password?" }).waitFor();
    await page.getByRole("button", { name: "Yes" }).click();
    await page.getByText("Thanks for your feedback!").waitFor();
    await eventually(async () =>
      expect(
        (await world.server.deps.db.select().from(kbArticles).where(eq(kbArticles.id, articleId)))[0]!.helpfulCount,
      ).toBe(1),
    );
    expect(await page.getByRole("link", { name: "Sign in", exact: true }).count()).toBe(1);

    // Start a request: typing the subject suggests the article.
    await page.getByRole("link", { name: "Submit a request" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Submit a request" }).waitFor();
    await page.getByLabel("Your e-mail address").fill(customerEmail);
    await page.getByLabel("Your name (optional)").fill("Riley Journey");
    await page.getByLabel("Subject").pressSequentially("Reset password link", { delay: 25 });
    const suggested = page.getByRole("region", { name: "These articles might answer your question" });
    await eventually(async () =>
      expect(await suggested.getByRole("link", { name: /How do I reset my password\?/ }).count()).toBe(1),
    );
    await shot(page, "1-request-suggestion.png");
    await page.getByLabel("Description").fill("I clicked Forgot password three times, no mail came.");
    await page.getByRole("button", { name: "Submit" }).click();
    await page.getByRole("heading", { name: "Thank you!" }).waitFor();
    const [ticket] = await world.server.deps.db
      .select()
      .from(tickets)
      .where(eq(tickets.subject, "Reset password link"));
    expect(ticket).toBeDefined();
    await eventually(async () =>
      expect(await page.getByText(`We’ve received request #${ticket!.number}`).count()).toBe(1),
    );

    // Sign in by the mailed link.
    await page.getByRole("link", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in to the help centre" }).waitFor();
    await page.getByLabel("E-mail address").first().fill(customerEmail);
    await shot(page, "2-sign-in.png");
    await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
    await shot(page, "3-check-inbox.png");
    const link = await signInLinkFor(customerEmail);
    expect(link.startsWith(`${world.server.url}/help/en/auth/link?token=`)).toBe(true);
    await page.goto(link);
    // Opening the link signs nobody in (mail scanners open links too): the customer continues.
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL("**/help/en/tickets");
    await page.getByRole("heading", { level: 1, name: "My tickets" }).waitFor();
    const row = page.getByRole("link", { name: /Reset password link/ });
    await eventually(async () => expect(await row.count()).toBe(1));
    expect(await row.textContent()).toContain(`#${ticket!.number}`);
    expect(await row.textContent()).toContain("Open");
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(1);
    await shot(page, "4-my-tickets.png");

    // An agent has the ticket open in the workspace meanwhile.
    const agentPage = await world.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await world.signIn(agentPage, `/tickets/${ticket!.id}`);
    await eventually(async () =>
      expect(await agentPage.getByText("I clicked Forgot password three times").count()).toBe(1),
    );
    await eventually(async () => expect(await agentPage.locator("nav span.live.on").count()).toBe(1));

    // The customer replies with a screenshot.
    await row.click();
    await page.waitForURL(`**/help/en/tickets/${ticket!.number}`);
    await page.getByRole("heading", { level: 1, name: "Reset password link" }).waitFor();
    await page.getByLabel("Your reply").fill("Here is what the sign-in page shows after I click the button.");
    await page.getByLabel("Attach files").setInputFiles({
      name: "sign-in-error.png",
      mimeType: "image/png",
      buffer: Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 0]),
    });
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByText("Your reply was added.").waitFor();
    const mine = page.locator("li.message.mine", { hasText: "Here is what the sign-in page shows" });
    await eventually(async () => expect(await mine.count()).toBe(1));
    await eventually(async () => expect(await mine.getByRole("link", { name: /sign-in-error\.png/ }).count()).toBe(1));
    await shot(page, "5-ticket-replied.png");

    // The reply is on the ticket, with its file, and reached the agent's open page without a reload.
    const stored = await world.server.deps.db.select().from(messages).where(eq(messages.ticketId, ticket!.id));
    const reply = stored.find((m) => m.bodyText === "Here is what the sign-in page shows after I click the button.");
    expect(reply).toMatchObject({ direction: "inbound", authorKind: "customer", authorCustomerId: ticket!.customerId });
    const files = await world.server.deps.db.select().from(attachments).where(eq(attachments.messageId, reply!.id));
    expect(files.map((f) => [f.filename, f.size])).toEqual([["sign-in-error.png", 12]]);
    await eventually(async () =>
      expect(await agentPage.getByText("Here is what the sign-in page shows").count()).toBe(1),
    );
    await agentPage.screenshot({ path: join(shots, "6-agent-sees-reply.png") });

    // The file downloads for the customer, from the link on the page.
    const href = await mine.getByRole("link", { name: /sign-in-error\.png/ }).getAttribute("href");
    const download = await page.request.get(`${world.server.url}${href}`);
    expect(download.status()).toBe(200);
    expect([...(await download.body())]).toEqual([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 0]);

    // The request form now knows who is writing.
    await page.goto(`${world.server.url}/help/en/requests/new`);
    expect(await page.getByLabel("Your e-mail address").inputValue()).toBe(customerEmail);
    expect(pageErrors).toEqual([]);
    await agentPage.close();
    await page.close();
  });

  test("an organization admin signs in with a password and switches to the organization's tickets", async () => {
    const deps = world.server.deps;
    const org = await createOrganization(deps, systemActor, { name: "Lumen Books" });
    const admin = await createCustomer(deps, { name: "Ada Admin", email: "ada@lumen.example", organizationId: org.id });
    const colleague = await createCustomer(deps, {
      name: "Colin Colleague",
      email: "colin@lumen.example",
      organizationId: org.id,
    });
    await deps.db
      .update(customers)
      .set({ organizationAdmin: true, passwordHash: await hashPassword("lumen portal 2026") })
      .where(eq(customers.id, admin.id));
    const channel = await resolvePortalChannel(deps.db);
    await openTicketFromCustomer(deps, {
      channelId: channel.id,
      customerId: admin.id,
      subject: "Update our billing address",
      body: "New address: 4 Quay St.",
    });
    await openTicketFromCustomer(deps, {
      channelId: channel.id,
      customerId: colleague.id,
      subject: "Barcode scanner not pairing",
      body: "It blinks red.",
    });

    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${world.server.url}/help/en/auth/sign-in`);
    await page.getByText("Or sign in with your password").click();
    await page.locator("#password-email").fill("ada@lumen.example");
    await page.getByLabel("Password", { exact: true }).fill("lumen portal 2026");
    await page.getByRole("button", { name: "Sign in with password" }).click();
    await page.waitForURL("**/help/en/tickets");
    await page.getByRole("link", { name: /Update our billing address/ }).waitFor();
    expect(await page.getByRole("link", { name: /Barcode scanner/ }).count()).toBe(0);

    await page.getByRole("link", { name: "All of Lumen Books" }).click();
    await page.waitForURL("**/help/en/tickets?scope=organization");
    const colleagues = page.getByRole("link", { name: /Barcode scanner not pairing/ });
    await colleagues.waitFor();
    expect(await colleagues.textContent()).toContain("Requested by Colin Colleague");
    await shot(page, "9-organization-tickets.png");
    await colleagues.click();
    await page.getByRole("heading", { level: 1, name: "Barcode scanner not pairing" }).waitFor();
    expect(await page.getByText("It blinks red.").count()).toBe(1);
    await page.close();
  });

  test("without JavaScript: sign in by link, reply with a file, set a password, sign out", async () => {
    const email = "nojs.customer@example.test";
    const setup = await world.browser.newPage();
    await setup.goto(`${world.server.url}/help/en/requests/new`);
    await setup.getByLabel("Your e-mail address").fill(email);
    await setup.getByLabel("Subject").fill("Invoice PDF is blank");
    await setup.getByLabel("Description").fill("The March invoice opens as an empty page.");
    await setup.getByRole("button", { name: "Submit" }).click();
    await setup.getByRole("heading", { name: "Thank you!" }).waitFor();
    await setup.close();
    const [ticket] = await world.server.deps.db
      .select()
      .from(tickets)
      .where(eq(tickets.subject, "Invoice PDF is blank"));

    const page = await world.browser.newPage({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await page.goto(`${world.server.url}/help/en/auth/sign-in`);
    await page.getByLabel("E-mail address").first().fill(email);
    await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
    const link = await signInLinkFor(email);
    await page.goto(link);
    // Opening the link signs nobody in (mail scanners open links too): the customer continues.
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL("**/help/en/tickets");
    await page.getByRole("link", { name: /Invoice PDF is blank/ }).click();
    await page.waitForURL(`**/help/en/tickets/${ticket!.number}`);

    await page.getByLabel("Your reply").fill("Attached is what I see.");
    await page
      .getByLabel("Attach files")
      .setInputFiles({ name: "blank.txt", mimeType: "text/plain", buffer: Buffer.from("nothing here") });
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByText("Your reply was added.").waitFor();
    await eventually(async () =>
      expect(
        await page
          .locator("li.message.mine", { hasText: "Attached is what I see." })
          .getByRole("link", { name: /blank\.txt/ })
          .count(),
      ).toBe(1),
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "7-ticket-phone-nojs.png");
    const stored = await world.server.deps.db.select().from(messages).where(eq(messages.ticketId, ticket!.id));
    expect(stored.map((m) => m.bodyText)).toContain("Attached is what I see.");

    // A link used once does not work again.
    await page.goto(link);
    // Opening the link signs nobody in (mail scanners open links too): the customer continues.
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "This link no longer works" }).waitFor();

    // A password, then signing out and back in with it.
    await page.goto(`${world.server.url}/help/en/account`);
    await page.getByLabel("New password").fill("a long portal password");
    await page.getByRole("button", { name: "Save password" }).click();
    await page.getByText("Your password was saved.").waitFor();
    await shot(page, "8-account-nojs.png");
    await page.getByRole("button", { name: "Sign out" }).first().click();
    await page.waitForURL("**/help/en");
    await eventually(async () =>
      expect(await page.getByRole("link", { name: "Sign in", exact: true }).count()).toBe(1),
    );
    expect((await page.context().cookies()).some((c) => c.name === "helpdesk_portal_session")).toBe(false);

    await page.goto(`${world.server.url}/help/en/auth/sign-in`);
    await page.getByText("Or sign in with your password").click();
    await page.locator("#password-email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("not it");
    await page.getByRole("button", { name: "Sign in with password" }).click();
    await page.getByText("The e-mail address or password is wrong.").waitFor();
    await page.locator("#password-email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("a long portal password");
    await page.getByRole("button", { name: "Sign in with password" }).click();
    await page.waitForURL("**/help/en/tickets");
    await page.getByRole("link", { name: /Invoice PDF is blank/ }).waitFor();
    const cookie = (await page.context().cookies()).find((c) => c.name === "helpdesk_portal_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    await page.close();
  });
});
