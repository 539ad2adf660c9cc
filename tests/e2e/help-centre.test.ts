import { kbArticles, kbSearchQueries } from "@helpdesk/db";
import {
  createArticle,
  createCategory,
  createPostgresSearchEngine,
  createSection,
  publishArticle,
  saveArticleTranslation,
  updateArticle,
  type KnowledgeBaseDeps,
} from "@helpdesk/knowledge-base";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { artifactPath } from "../support/browser.ts";
import { startBrowserWorld } from "../support/e2e.ts";
import { eventually } from "../support/eventually.ts";

/**
 * The public help centre, server-rendered: a visitor who never signs in searches as they type, reads an
 * article, votes on it and switches language; search engines get titles, descriptions, canonical links and a
 * sitemap; drafts stay invisible.
 */
let world: Awaited<ReturnType<typeof startBrowserWorld>>;
let kb: KnowledgeBaseDeps;
let resetId: string;

beforeAll(async () => {
  world = await startBrowserWorld({
    user: { email: "writer.e2e@example.test", name: "Wren Writer", role: "admin", password: "e2e-password" },
  });
  kb = { db: world.server.deps.db, search: createPostgresSearchEngine(world.server.deps.db) };
  const author = { id: world.user.id };

  const account = await createCategory(kb, {
    slug: "account",
    name: { en: "Account & sign-in", de: "Konto & Anmeldung" },
    description: {
      en: "Passwords, logins and keeping your account safe.",
      de: "Passwörter, Anmeldung und Kontosicherheit.",
    },
  });
  const signIn = await createSection(kb, {
    categoryId: account.id,
    slug: "signing-in",
    name: { en: "Signing in", de: "Anmelden" },
  });
  const billing = await createCategory(kb, {
    slug: "billing",
    position: 1,
    name: { en: "Billing", de: "Abrechnung" },
    description: { en: "Invoices, plans and payments." },
  });
  const invoices = await createSection(kb, {
    categoryId: billing.id,
    slug: "invoices",
    name: { en: "Invoices", de: "Rechnungen" },
  });

  const reset = await createArticle(kb, author, {
    sectionId: signIn.id,
    tags: ["password"],
    translation: {
      locale: "en",
      slug: "reset-your-password",
      title: "How do I reset my password?",
      body: "Forgot your password? Choose **Forgot password** on the sign-in page and we e-mail you a link to choose a new one. The link works for one hour.\n\n## Still stuck?\n\nCheck your spam folder, then contact support.",
    },
  });
  resetId = reset.article.id;
  await publishArticle(kb, resetId, "en");
  await saveArticleTranslation(kb, author, resetId, "de", {
    slug: "passwort-zuruecksetzen",
    title: "Wie setze ich mein Passwort zurück?",
    body: "Passwort vergessen? Wählen Sie auf der Anmeldeseite **Passwort vergessen**, und wir senden Ihnen einen Link.",
  });
  await publishArticle(kb, resetId, "de");

  const twoFactor = await createArticle(kb, author, {
    sectionId: signIn.id,
    position: 1,
    translation: {
      locale: "en",
      slug: "two-factor-authentication",
      title: "Turning on two-factor authentication",
      body: "Add an authenticator app under **Security**.",
    },
  });
  await publishArticle(kb, twoFactor.article.id, "en");
  await updateArticle(kb, resetId, { relatedArticleIds: [twoFactor.article.id] });

  const invoice = await createArticle(kb, author, {
    sectionId: invoices.id,
    translation: {
      locale: "en",
      slug: "download-an-invoice",
      title: "Downloading an invoice",
      body: "Open **Billing** and choose the invoice.",
    },
  });
  await publishArticle(kb, invoice.article.id, "en");

  // Never published: must not be reachable, searchable or listed.
  await createArticle(kb, author, {
    sectionId: signIn.id,
    translation: {
      locale: "en",
      slug: "secret-roadmap",
      title: "Secret roadmap password policy",
      body: "Unannounced password changes.",
    },
  });
}, 120_000);

afterAll(() => world?.close());

describe("help centre", () => {
  test("/help sends the visitor to their language", async () => {
    const english = await fetch(`${world.server.url}/help`, { redirect: "manual" });
    expect(english.status).toBe(302);
    expect(english.headers.get("location")).toBe("/help/en");
    const german = await fetch(`${world.server.url}/help`, {
      redirect: "manual",
      headers: { "accept-language": "de-AT,de;q=0.9,en;q=0.5" },
    });
    expect(german.headers.get("location")).toBe("/help/de");
  });

  test("an article is server-rendered: its text, title, description and canonical link are in the HTML", async () => {
    const res = await fetch(`${world.server.url}/help/en/articles/reset-your-password`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Choose <strong>Forgot password</strong> on the sign-in page");
    expect(html).toContain("<title>How do I reset my password? · Help centre</title>");
    expect(html).toMatch(
      /<meta name="description" content="Forgot your password\? Choose Forgot password on the sign-in page/,
    );
    expect(html).toMatch(/<link rel="canonical" href="https?:\/\/[^"]+\/help\/en\/articles\/reset-your-password"/);
    expect(html).toMatch(
      /<link rel="alternate" hreflang="de" href="https?:\/\/[^"]+\/help\/de\/articles\/passwort-zuruecksetzen"/,
    );
    expect(html).toContain("Turning on two-factor authentication"); // related
    expect(html.match(/>Turning on two-factor authentication<\/a>/g)).toHaveLength(1); // not again under "In this section"

    const german = await (await fetch(`${world.server.url}/help/de/articles/passwort-zuruecksetzen`)).text();
    expect(german).toContain('<html lang="de">');

    const search = await (await fetch(`${world.server.url}/help/en/search?q=invoice`)).text();
    expect(search).toContain("Downloading an invoice");
    expect(search).toContain("<mark>");
  });

  test("a visitor searches as they type, reads the article, votes and switches to German", async () => {
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${world.server.url}/help/en`);
    await eventually(async () => expect(await page.title()).toBe("Help centre"));
    await eventually(async () => expect(await page.getByRole("link", { name: "Account & sign-in" }).count()).toBe(1));
    await eventually(async () =>
      expect(await page.getByRole("link", { name: "Billing", exact: true }).count()).toBe(1),
    );

    await page.getByRole("combobox", { name: "Search the help centre" }).pressSequentially("pasword", { delay: 40 });
    const suggestion = page.getByRole("option", { name: /How do I reset my password\?/ });
    await suggestion.waitFor();
    expect(await page.getByRole("option").count()).toBeLessThanOrEqual(5);
    expect(await page.getByRole("option", { name: /Secret roadmap/ }).count()).toBe(0);
    expect(await suggestion.locator("mark").count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath("help-centre-home.png") });

    await suggestion.getByRole("link").click();
    await page.waitForURL("**/help/en/articles/reset-your-password**");
    await page.getByRole("heading", { level: 1, name: "How do I reset my password?" }).waitFor();
    // The view is credited to the search, then the search id leaves the address.
    await eventually(() => expect(new URL(page.url()).search).toBe(""));
    await eventually(async () =>
      expect(
        await world.server.deps.db.select().from(kbSearchQueries).where(eq(kbSearchQueries.clickedArticleId, resetId)),
      ).not.toHaveLength(0),
    );
    const [viewed] = await world.server.deps.db.select().from(kbArticles).where(eq(kbArticles.id, resetId));
    expect(viewed!.viewCount).toBe(1);

    expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toMatch(
      /\/help\/en\/articles\/reset-your-password$/,
    );
    expect(await page.locator('meta[name="description"]').getAttribute("content")).toMatch(/^Forgot your password\?/);
    const crumbs = page.getByRole("navigation", { name: "Breadcrumbs" });
    expect(await crumbs.getByRole("link").allTextContents()).toEqual([
      "Help centre",
      "Account & sign-in",
      "Signing in",
    ]);

    await page.getByRole("button", { name: "Yes" }).click();
    await page.getByText("Thanks for your feedback!").waitFor();
    await eventually(async () =>
      expect(
        (await world.server.deps.db.select().from(kbArticles).where(eq(kbArticles.id, resetId)))[0]!.helpfulCount,
      ).toBe(1),
    );
    await page.screenshot({ path: artifactPath("help-centre-article.png"), fullPage: true });

    await page.getByRole("link", { name: "Deutsch" }).first().click();
    await page.waitForURL("**/help/de/articles/passwort-zuruecksetzen");
    await page.getByRole("heading", { level: 1, name: "Wie setze ich mein Passwort zurück?" }).waitFor();
    expect(await page.getByRole("heading", { name: "War dieser Artikel hilfreich?" }).count()).toBe(1);

    // "No" asks for an optional comment first.
    await page.getByRole("button", { name: "Nein" }).click();
    await page.getByLabel("Was hat gefehlt oder war unklar? (optional)").fill("Der Link kam nicht an.");
    await page.getByRole("button", { name: "Feedback senden" }).click();
    await page.getByText("Danke für Ihr Feedback!").waitFor();
    const [voted] = await world.server.deps.db.select().from(kbArticles).where(eq(kbArticles.id, resetId));
    expect([voted!.helpfulCount, voted!.notHelpfulCount]).toEqual([1, 1]);
    await page.close();
  });

  test("the phone layout, the category page and the no-JS search work", async () => {
    const page = await world.browser.newPage({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    await page.goto(`${world.server.url}/help/en`);
    await page.getByRole("heading", { level: 1, name: "How can we help?" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: artifactPath("help-centre-home-phone.png"), fullPage: true });
    await page.goto(`${world.server.url}/help/en/categories/account`);
    await page.getByRole("heading", { level: 1, name: "Account & sign-in" }).waitFor();
    expect(await page.getByRole("link", { name: "Turning on two-factor authentication" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: /Secret roadmap/ }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole("combobox", { name: "Search the help centre" }).fill("two factor");
    await page.getByRole("combobox", { name: "Search the help centre" }).press("Enter");
    await page.waitForURL("**/help/en/search?q=two+factor");
    await page.getByRole("link", { name: "Turning on two-factor authentication" }).click();
    await page.getByRole("heading", { level: 1, name: "Turning on two-factor authentication" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: artifactPath("help-centre-article-phone.png"), fullPage: true });
    await page.close();
  });

  test("a draft is the portal's 404, and the sitemap lists only published articles", async () => {
    const page = await world.browser.newPage();
    const response = await page.goto(`${world.server.url}/help/en/articles/secret-roadmap`);
    expect(response!.status()).toBe(404);
    await page.getByRole("heading", { name: "We can’t find that page" }).waitFor();
    expect(await page.getByRole("link", { name: "Back to the help centre" }).count()).toBe(1);
    expect(await page.content()).not.toContain("Unannounced");
    await page.close();
    expect((await fetch(`${world.server.url}/help/xx`)).status).toBe(404);

    const sitemap = await fetch(`${world.server.url}/sitemap.xml`);
    expect(sitemap.headers.get("content-type")).toContain("application/xml");
    const xml = await sitemap.text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    expect(locs).toEqual(
      expect.arrayContaining([
        "/help/en",
        "/help/en/categories/account",
        "/help/en/articles/reset-your-password",
        "/help/en/articles/download-an-invoice",
        "/help/de",
        "/help/de/articles/passwort-zuruecksetzen",
      ]),
    );
    expect(xml).not.toContain("secret-roadmap");
    expect(locs).not.toContain("/help/de/categories/billing"); // no German billing articles
  });
});
