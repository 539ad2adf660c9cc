import { createTicket } from "@helpdesk/api/domain";
import { createCategory, createPostgresSearchEngine, createSection } from "@helpdesk/knowledge-base";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { artifactPath } from "../support/browser.ts";
import { startBrowserWorld } from "../support/e2e.ts";
import { eventually } from "../support/eventually.ts";

/**
 * A lead writes a help-centre article in the staff workspace, in a real browser against the real server: live
 * Markdown preview, save, publish, a second revision, the diff between them, and a restore. Then, on a ticket,
 * the reply composer finds the published article and links it at the cursor.
 */
let world: Awaited<ReturnType<typeof startBrowserWorld>>;

beforeAll(async () => {
  world = await startBrowserWorld({
    user: { email: "lead.e2e@example.test", name: "Lena Lead", role: "lead", password: "e2e-password" },
  });
  const kb = { db: world.server.deps.db, search: createPostgresSearchEngine(world.server.deps.db) };
  const category = await createCategory(kb, { slug: "billing", name: { en: "Billing" } });
  await createSection(kb, { categoryId: category.id, slug: "invoices", name: { en: "Invoices" } });
}, 120_000);

afterAll(() => world?.close());

describe("knowledge-base editor in Chromium", () => {
  test("a lead writes, publishes, revises and restores an article, then links it in a reply", async () => {
    const page = await world.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await world.signIn(page, "/knowledge");

    // The list: the section is there, empty; "New article" opens a blank editor.
    await eventually(async () => expect(await page.getByRole("heading", { name: "Billing" }).count()).toBe(1));
    expect(await page.getByText("No articles in this section yet.").count()).toBe(1);
    await page.getByRole("link", { name: "New article" }).click();
    await page.waitForURL("**/knowledge/new");

    // The slug follows the title; the preview renders the Markdown as it is typed.
    await page.getByLabel("Title").fill("Download your invoices");
    expect(await page.getByLabel("Slug").inputValue()).toBe("download-your-invoices");
    const firstBody = "Open **Billing** in your account.\n\n- Choose a month.\n- Click Download.";
    await page.getByLabel("Body").fill(firstBody);
    const preview = page.getByTestId("preview");
    await eventually(async () => expect(await preview.locator("strong", { hasText: "Billing" }).count()).toBe(1));
    expect(await preview.locator("li").count()).toBe(2);

    // Creating saves the first revision and moves to the article's own address.
    await page.getByRole("button", { name: "Create draft" }).click();
    await eventually(async () => expect(await page.getByRole("status").textContent()).toContain("Saved, revision 1"));
    await page.waitForURL(/\/knowledge\/(?!new)[^/]+$/);
    const articleId = new URL(page.url()).pathname.split("/").at(-1)!;
    expect(await page.getByTestId("translation-state").textContent()).toContain("Draft");

    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await eventually(async () =>
      expect(await page.getByTestId("translation-state").textContent()).toContain("Published"),
    );
    expect(await page.getByRole("button", { name: "Unpublish" }).count()).toBe(1);

    // A second version: the save button wakes up on the edit and the status counts the revision.
    const secondBody = "Open **Billing** in your account.\n\n- Pick the year, then the month.\n- Click Download.";
    await page.getByLabel("Body").fill(secondBody);
    await eventually(async () => expect(await page.getByRole("status").textContent()).toContain("Unsaved changes"));
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await eventually(async () => expect(await page.getByRole("status").textContent()).toContain("Saved, revision 2"));
    const revisions = page.getByRole("list", { name: "Revisions" }).getByRole("listitem");
    await eventually(async () => expect(await revisions.count()).toBe(2));
    expect(await revisions.first().textContent()).toContain("Lena Lead");
    // Still published: saving a published translation keeps it live.
    expect(await page.getByTestId("translation-state").textContent()).toContain("Published");

    // The diff of revision 1 against the current text: one line out, one line in.
    await page.getByRole("button", { name: "Compare revision 1" }).click();
    const diff = page.getByRole("region", { name: "Changes since revision 1" });
    await eventually(async () =>
      expect(await diff.locator(".line.removed").textContent()).toContain("Choose a month."),
    );
    expect(await diff.locator(".line.added").textContent()).toContain("Pick the year, then the month.");
    expect(await diff.locator(".line.same").count()).toBe(3);
    await page.screenshot({ path: artifactPath("knowledge-editor.png"), fullPage: true });

    // Restoring revision 1 puts its text back, saved as revision 3.
    await page.getByRole("button", { name: "Restore revision 1" }).click();
    await eventually(async () =>
      expect(await page.getByRole("status").textContent()).toContain("Restored revision 1, saved as revision 3"),
    );
    expect(await page.getByLabel("Body").inputValue()).toBe(firstBody);
    await eventually(async () => expect(await revisions.count()).toBe(3));
    const stored = await world.server.deps.db.query.kbArticleTranslations.findFirst({
      where: (t, { eq }) => eq(t.articleId, articleId),
    });
    expect(stored?.body).toBe(firstBody);
    expect(stored?.state).toBe("published");

    // An image: uploaded from the editor, its Markdown lands in the body, the preview and the public page show it.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
      "base64",
    );
    await page
      .getByTestId("kb-file-input")
      .setInputFiles({ name: "billing-page.png", mimeType: "image/png", buffer: png });
    await eventually(async () =>
      expect(await page.getByLabel("Body").inputValue()).toMatch(
        /!\[billing-page\]\(\/api\/kb\/files\/kbf_\w+\/billing-page\.png\)/,
      ),
    );
    const previewImage = preview.locator('img[alt="billing-page"]');
    await eventually(async () =>
      expect(await previewImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1),
    );
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await eventually(async () => expect(await page.getByRole("status").textContent()).toContain("Saved, revision 4"));
    const reader = await world.browser.newPage();
    await reader.goto(`${world.server.url}/help/en/download-your-invoices`);
    const publicImage = reader.locator('article img[alt="billing-page"], main img[alt="billing-page"]').first();
    await eventually(async () =>
      expect(await publicImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1),
    );
    await reader.close();

    // The list shows the article with its English translation published.
    await page.getByRole("link", { name: "Knowledge base" }).click();
    await page.waitForURL("**/knowledge");
    const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Download your invoices" }) });
    await eventually(async () => expect(await row.count()).toBe(1));
    expect(await row.locator(".pill.kb-state.published").textContent()).toContain("EN");
    await page.screenshot({ path: artifactPath("knowledge-list.png") });
    await page.getByLabel("Filter articles").fill("nothing like this");
    await eventually(async () =>
      expect(await page.getByRole("link", { name: "Download your invoices" }).count()).toBe(0),
    );

    // On a ticket: "Insert article" finds the published article and links it where the cursor is.
    const ticket = await createTicket(
      world.server.deps,
      { kind: "system" },
      {
        subject: "Where are my invoices?",
        body: "I need the invoice for March for my accountant.",
        customer: { email: "maya@example.test", name: "Maya Chen" },
      },
    );
    await page.goto(`${world.server.url}/tickets/${ticket.id}`);
    const reply = page.getByLabel("Reply to the customer");
    await reply.fill("Hi Maya, here is how: ");
    await page.getByRole("button", { name: "Insert article" }).click();
    await page.getByRole("combobox", { name: "Search articles" }).fill("invoices");
    const option = page.getByRole("option", { name: /Download your invoices/ });
    await eventually(async () => expect(await option.count()).toBe(1));
    await page.screenshot({ path: artifactPath("knowledge-insert-article.png") });
    await option.click();
    await eventually(async () =>
      expect(await reply.inputValue()).toBe(
        `Hi Maya, here is how: [Download your invoices](${world.server.url}/help/en/download-your-invoices)`,
      ),
    );
    expect(await page.getByRole("dialog", { name: "Insert a help-centre article" }).count()).toBe(0);

    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
