import { channels, mailboxSyncStates, newId } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HelpdeskServer } from "@helpdesk/api/server";
import { artifactPath } from "../support/browser.ts";
import { startBrowserWorld } from "../support/e2e.ts";
import { eventually } from "../support/eventually.ts";

/**
 * An admin sets up an email address in a real browser against the real server: adds it with an IMAP account,
 * finds it in the channel list, changes its reply settings, and never gets the stored password back.
 */
const imapPassword = "imap-Pa55word-never-shown";
let world: Awaited<ReturnType<typeof startBrowserWorld>>;
let server: HelpdeskServer;
let browser: Browser;

beforeAll(async () => {
  world = await startBrowserWorld({
    // No IMAP poll during the test: nothing listens on 127.0.0.1:1143, and the sync status is set by the test.
    env: { IMAP_POLL_SECONDS: "3600" },
    user: { email: "admin.e2e@example.test", name: "Ada Admin", role: "admin", password: "e2e-password" },
  });
  ({ server, browser } = world);
  const now = new Date();
  await server.deps.db.insert(channels).values({
    id: newId("channel"),
    kind: "email",
    name: "Orders",
    address: "orders@shop.test",
    active: true,
    settings: {},
    createdAt: now,
    updatedAt: now,
  });
}, 120_000);

afterAll(() => world?.close());
const signIn = (page: Page, path: string) => world.signIn(page, path);

const storedChannel = (address: string) =>
  server.deps.db.query.channels.findFirst({ where: (c, { eq }) => eq(c.address, address) });

describe("email channel settings in Chromium", () => {
  test("an admin adds an address with an IMAP account, then changes its replies; the password stays secret", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(page, "/settings/channels");

    // Add the address with an IMAP mailbox to fetch from.
    await page.getByRole("link", { name: "Add email address" }).click();
    await page.waitForURL("**/settings/channels/new");
    const address = page.getByRole("region", { name: "Address", exact: true });
    await address.getByLabel("Name", { exact: true }).fill("Shop help");
    await address.getByLabel("E-mail address").fill("help@shop.test");
    const imap = page.getByRole("region", { name: /Fetch mail by IMAP/ });
    await imap.getByRole("button", { name: "Set up IMAP fetching" }).click();
    await imap.getByLabel("Host").fill("127.0.0.1");
    await imap.getByLabel("Port").fill("1143");
    await imap.getByRole("switch", { name: "TLS" }).uncheck();
    await imap.getByLabel("Username").fill("help");
    await imap.getByLabel("Password").fill(imapPassword);
    await page.getByRole("button", { name: "Add email address" }).click();

    // Back in the list, with the new address.
    await page.waitForURL(/\/settings\/channels\?added=/);
    await eventually(async () =>
      expect(await page.getByRole("status").textContent()).toContain("help@shop.test was added"),
    );
    const row = page.getByRole("row", { name: /help@shop\.test/ });
    await eventually(async () => expect(await row.count()).toBe(1));
    expect(await row.getByText("Active").count()).toBe(1);

    const created = await storedChannel("help@shop.test");
    expect(created).toBeDefined();
    // What a poll would have recorded: shown to the admin as the sync status.
    await server.deps.db.insert(mailboxSyncStates).values({
      channelId: created!.id,
      uidValidity: 1700000000,
      lastUid: 42,
      lastPolledAt: new Date(Date.now() - 2 * 60_000),
      lastSucceededAt: new Date(Date.now() - 60 * 60_000),
      lastError: "connect ECONNREFUSED 127.0.0.1:1143",
    });

    // Open its settings from the list.
    await row.getByRole("link", { name: "Shop help" }).click();
    await page.waitForURL(`**/settings/channels/${created!.id}`);
    const password = page.getByRole("region", { name: /Fetch mail by IMAP/ }).getByLabel("Password");
    await eventually(async () => expect(await password.getAttribute("placeholder")).toBe("•••••• (stored, encrypted)"));
    expect(await password.inputValue()).toBe("");
    expect(await page.content()).not.toContain(imapPassword);
    expect(
      await page
        .getByRole("region", { name: /Fetch mail by IMAP/ })
        .getByLabel("Host")
        .inputValue(),
    ).toBe("127.0.0.1");
    expect(await page.getByText("connect ECONNREFUSED 127.0.0.1:1143").count()).toBe(1);

    // Nothing changed yet: nothing to save.
    const save = page.getByRole("button", { name: "Save changes" });
    expect(await save.isDisabled()).toBe(true);
    await page.getByLabel("Signature").fill("Kind regards,\nThe Shop help team");
    await page.getByRole("switch", { name: "Send an acknowledgement" }).check();
    await save.click();
    await eventually(async () => expect(await page.locator(".save-bar").textContent()).toContain("Saved at"));
    expect(await save.isDisabled()).toBe(true);

    // Stored: the changed settings, the IMAP account kept, its password encrypted.
    const [stored] = await server.deps.db.select().from(channels).where(eq(channels.id, created!.id));
    const settings = stored!.settings as Record<string, unknown> & { imap?: Record<string, unknown> };
    expect(settings.signature).toBe("Kind regards,\nThe Shop help team");
    expect(settings.acknowledgement).toBe(true);
    expect(settings.imap).toMatchObject({
      host: "127.0.0.1",
      port: 1143,
      secure: false,
      username: "help",
      mailbox: "INBOX",
    });
    expect(typeof settings.imap?.passwordEncrypted).toBe("string");
    expect(JSON.stringify(settings)).not.toContain(imapPassword);

    // The workspace scrolls inside its own pane: a tall window shows the whole page.
    await page.setViewportSize({ width: 1440, height: 2150 });
    await page.screenshot({ path: artifactPath("channel-settings.png") });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  test("an address another email channel uses is refused next to the field", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, "/settings/channels/new");
    await page.getByLabel("Name", { exact: true }).fill("Orders again");
    // Compared as mail is routed: case and +tags do not make another mailbox.
    await page.getByLabel("E-mail address").fill("Orders+EU@Shop.test");
    await page.getByRole("button", { name: "Add email address" }).click();

    const fieldError = page.locator("#channel-address-error");
    await eventually(async () =>
      expect(await fieldError.textContent()).toContain("Another email channel already uses"),
    );
    expect(await page.getByLabel("E-mail address").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(".save-bar").textContent()).toContain("already uses");
    expect(page.url()).toMatch(/\/settings\/channels\/new$/);
    await page.screenshot({ path: artifactPath("channel-settings-duplicate.png") });
    await page.close();
  });
});
