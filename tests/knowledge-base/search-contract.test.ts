import { createDatabase, kbArticles, newId, users, type Database } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import {
  createArticle,
  createCategory,
  createPostgresSearchEngine,
  createSection,
  publishArticle,
  recordArticleFeedback,
  saveArticleTranslation,
  unpublishArticle,
  type KnowledgeBaseDeps,
  type SearchEngine,
} from "@helpdesk/knowledge-base";
import { createMeilisearchSearchEngine } from "@helpdesk/knowledge-base/search/meilisearch";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase } from "../support/database.ts";

interface EngineUnderTest {
  db: Database;
  engine: SearchEngine;
  close(): Promise<void>;
}

/** A small judged set: each query has one article a reader would want first. */
const articles = {
  password: {
    title: "How do I reset my password?",
    tags: ["account", "login"],
    body: "Forgot your password? Open the sign-in page and choose **Forgot password**. We e-mail you a link to reset it; the link works for one hour.",
  },
  refund: {
    title: "Requesting a refund",
    tags: ["billing"],
    body: "You can ask for a refund within 30 days of purchase. Open your order, choose *Request refund* and tell us why. Refunds reach your card in 5 to 10 days.",
  },
  address: {
    title: "Changing your shipping address",
    tags: ["shipping", "orders"],
    body: "You can change the delivery address of an order until it is dispatched. Open the order and edit the address.",
  },
  tracking: {
    title: "Tracking your parcel",
    tags: ["shipping"],
    body: "Every dispatched order gets a tracking number from the carrier. Follow the link in the dispatch e-mail to see where your parcel is.",
  },
  twoFactor: {
    title: "Setting up two-factor authentication",
    tags: ["security", "account"],
    body: "Protect your account with an authenticator app. After your password you then enter a six-digit code.",
  },
  payment: {
    title: "Updating payment methods",
    tags: ["billing"],
    body: "Add or remove a credit card under Billing. A card expires when its month < the current month & year, so keep it current.",
  },
  cancel: {
    title: "Cancelling your subscription",
    tags: ["billing", "subscription"],
    body: "Cancel your plan at any time; it runs until the end of the billing period. There is no refund for partial months.",
  },
  export: {
    title: "Exporting your data",
    tags: ["privacy"],
    body: "Download a CSV export of everything we store about you from the privacy settings.",
  },
  deleteAccount: {
    title: "Deleting your account",
    tags: ["account", "privacy"],
    body: "Deleting your account is permanent: your orders, addresses and saved cards are removed.",
  },
} as const;
type Key = keyof typeof articles;

const judged: [query: string, expected: Key][] = [
  ["reset password", "password"],
  ["refund", "refund"],
  ["change shipping address", "address"],
  ["track parcel", "tracking"],
  ["two-factor authentication", "twoFactor"],
  ["credit card", "payment"],
  ["cancel subscription", "cancel"],
  ["export data", "export"],
  ["delete account", "deleteAccount"],
];

/**
 * The contract every SearchEngine must meet. Articles are written through the knowledge-base use cases, which
 * call the engine's sync exactly as production does; the assertions look only at search results.
 */
function searchEngineContract(name: string, open: () => Promise<EngineUnderTest>) {
  describe(name, () => {
    let subject: EngineUnderTest;
    let deps: KnowledgeBaseDeps;
    const ids = {} as Record<Key, string>;
    let billingCategoryId: string;
    const author = { id: "" };

    const search = (q: string, locale = "en", categoryId?: string) =>
      deps.search.search({ q, locale, categoryId, limit: 10 });
    const top = async (q: string, locale = "en") => (await search(q, locale)).items[0]?.articleId;

    async function write(
      sectionId: string,
      slug: string,
      article: { title: string; tags: readonly string[]; body: string },
    ) {
      const created = await createArticle(deps, author, {
        sectionId,
        tags: [...article.tags],
        translation: { locale: "en", slug, title: article.title, body: article.body },
      });
      return created.article.id;
    }

    beforeAll(async () => {
      subject = await open();
      deps = { db: subject.db, search: subject.engine };
      author.id = newId("user");
      await subject.db
        .insert(users)
        .values({ id: author.id, email: `${author.id}@kb.test`, name: "Kim Writer", passwordHash: "x" });
      const account = await createCategory(deps, { slug: "account", name: { en: "Account", de: "Konto" } });
      const billing = await createCategory(deps, { slug: "billing", name: { en: "Billing" } });
      billingCategoryId = billing.id;
      const accountSection = await createSection(deps, {
        categoryId: account.id,
        slug: "general",
        name: { en: "General" },
      });
      const billingSection = await createSection(deps, {
        categoryId: billing.id,
        slug: "payments",
        name: { en: "Payments" },
      });
      for (const [key, article] of Object.entries(articles) as [Key, (typeof articles)[Key]][]) {
        const section = (article.tags as readonly string[]).includes("billing") ? billingSection.id : accountSection.id;
        ids[key] = await write(section, key.toLowerCase(), article);
        await publishArticle(deps, ids[key], "en");
      }
      await saveArticleTranslation(deps, author, ids.password, "de", {
        slug: "passwort-zuruecksetzen",
        title: "Wie setze ich mein Passwort zurück?",
        body: "Öffnen Sie die Anmeldeseite und wählen Sie **Passwort vergessen**. Wir senden Ihnen einen Link.",
      });
      await publishArticle(deps, ids.password, "de");
      // A draft that shares words with published articles and has one of its own.
      await write(accountSection.id, "quantum-draft", {
        title: "Quantum widgets: reset everything",
        tags: ["account"],
        body: "Unreleased: quantum widgets reset your password and account.",
      });
    });
    afterAll(() => subject?.close());

    test.each(judged)("ranking: %s → %s first", async (query, expected) => {
      expect(await top(query)).toBe(ids[expected]);
    });

    test.each([
      ["pasword reset", "password"],
      ["refnd", "refund"],
      ["cancel subscripton", "cancel"],
    ] as [string, Key][])("typo: %s still finds %s first", async (query, expected) => {
      expect(await top(query)).toBe(ids[expected]);
    });

    test("prefix: a word being typed matches as a prefix", async () => {
      expect(await top("pass")).toBe(ids.password);
      expect(await top("subscr")).toBe(ids.cancel);
    });

    test("locale: the German translation is found in de, never in en", async () => {
      const de = await search("Passwort zurücksetzen", "de");
      expect(de.items.map((i) => [i.articleId, i.locale, i.slug])).toEqual([
        [ids.password, "de", "passwort-zuruecksetzen"],
      ]);
      const en = await search("Passwort", "en");
      expect(en.items.every((i) => i.locale === "en")).toBe(true);
      expect((await search("reset password", "de")).items.every((i) => i.locale === "de")).toBe(true);
    });

    test("category filter keeps to one category", async () => {
      // "card" is in the payment article (billing) and in the account-deletion article (account).
      const all = (await search("card")).items.map((i) => i.articleId);
      expect(all).toEqual(expect.arrayContaining([ids.payment, ids.deleteAccount]));
      const billing = (await search("card", "en", billingCategoryId)).items.map((i) => i.articleId);
      expect(billing).toContain(ids.payment);
      expect(billing).not.toContain(ids.deleteAccount);
    });

    test("drafts are never found", async () => {
      expect((await search("quantum widgets")).items).toEqual([]);
      expect((await search("quantum widgets")).total).toBe(0);
      const reset = await search("reset");
      expect(reset.items.map((i) => i.title)).not.toContain("Quantum widgets: reset everything");
    });

    test("unpublishing removes an article from results, publishing brings it back", async () => {
      const holidayId = await write(await firstSection(), "holiday-hours", {
        title: "Holiday opening hours",
        tags: ["support"],
        body: "Our support team is away on public holidays; replies resume the next working day.",
      });
      expect((await search("holiday")).items).toEqual([]);
      await publishArticle(deps, holidayId, "en");
      expect((await search("holiday")).items.map((i) => i.articleId)).toEqual([holidayId]);
      await unpublishArticle(deps, holidayId, "en");
      expect((await search("holiday")).items).toEqual([]);
    });

    async function firstSection() {
      const [row] = await subject.db
        .select({ sectionId: kbArticles.sectionId })
        .from(kbArticles)
        .where(eq(kbArticles.id, ids.export));
      return row!.sectionId;
    }

    test("snippets mark the matched words and escape everything else", async () => {
      const refund = (await search("refund")).items.find((i) => i.articleId === ids.refund)!;
      expect(refund.snippetHtml).toMatch(/<mark>refund<\/mark>/i);
      const payment = (await search("credit card")).items.find((i) => i.articleId === ids.payment)!;
      expect(payment.snippetHtml).toMatch(/<mark>card<\/mark>/i);
      expect(payment.snippetHtml).toContain("&#60;");
      expect(payment.snippetHtml).toContain("&#38;");
      expect(payment.snippetHtml.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
    });

    test("helpful votes break a tie between equally relevant articles", async () => {
      // Two articles with the same text: the one readers found helpful ranks first.
      const section = await firstSection();
      const text = { tags: ["gift"], body: "Gift cards can be redeemed at checkout." };
      const a = await write(section, "gift-cards-a", { title: "Redeeming gift cards", ...text });
      const b = await write(section, "gift-cards-b", { title: "Redeeming gift cards", ...text });
      await publishArticle(deps, a, "en");
      await publishArticle(deps, b, "en");
      const favoured = [a, b].sort()[1]!;
      // No explicit reindex: a vote itself brings every engine's ranking up to date.
      for (let i = 0; i < 5; i++) await recordArticleFeedback(deps, favoured, { locale: "en", helpful: true });
      expect(await top("redeem gift cards")).toBe(favoured);
    });
  });
}

searchEngineContract("postgres", async () => {
  const database = await createTestDatabase();
  return {
    db: database.handle.db,
    engine: createPostgresSearchEngine(database.handle.db),
    close: () => database.drop(),
  };
});

searchEngineContract("pglite", async () => {
  const handle = await createDatabase({ dataDir: "memory://" });
  await handle.migrate();
  return { db: handle.db, engine: createPostgresSearchEngine(handle.db), close: () => handle.close() };
});

// Meilisearch needs a running server, which CI and the dev box do not have by default: the suite runs only when
// MEILISEARCH_URL points at one (e.g. `docker run -p 7700:7700 getmeili/meilisearch`). Postgres stays the source
// of truth; each run uses its own index so parallel runs do not see each other's documents.
describe.runIf(Boolean(process.env.MEILISEARCH_URL))("meilisearch (MEILISEARCH_URL)", () => {
  searchEngineContract("meilisearch", async () => {
    const database = await createTestDatabase();
    const engine = createMeilisearchSearchEngine(database.handle.db, {
      url: process.env.MEILISEARCH_URL!,
      apiKey: process.env.MEILISEARCH_API_KEY,
      indexName: `kb_test_${database.name}`,
    });
    return { db: database.handle.db, engine, close: () => database.drop() };
  });
});
