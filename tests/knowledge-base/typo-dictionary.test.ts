import { kbSearchTerms, newId, users } from "@helpdesk/db";
import {
  createArticle,
  createCategory,
  createPostgresSearchEngine,
  createSection,
  publishArticle,
  saveArticleTranslation,
  unpublishArticle,
  type KnowledgeBaseDeps,
} from "@helpdesk/knowledge-base";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

/**
 * The Postgres engine's typo dictionary (kb_search_terms) is kept by differences: each change adds and takes away
 * only the words of the article that changed. After any sequence of changes it must equal a full rebuild.
 */
let database: TestDatabase;
let deps: KnowledgeBaseDeps;
let sectionId: string;
const author = { kind: "user" as const, id: newId("user"), name: "Kim Writer" };

async function dictionary() {
  return deps.db.select().from(kbSearchTerms).orderBy(asc(kbSearchTerms.locale), asc(kbSearchTerms.word));
}
async function write(slug: string, title: string, body: string, locale = "en") {
  const created = await createArticle(deps, author, {
    sectionId,
    tags: ["shipping"],
    translation: { locale, slug, title, body },
  });
  return created.article.id;
}
const count = async (word: string) => (await dictionary()).find((t) => t.word === word)?.documentCount ?? 0;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = { db: database.handle.db, search: createPostgresSearchEngine(database.handle.db) };
  await deps.db
    .insert(users)
    .values({ id: author.id, email: `${author.id}@kb.test`, name: author.name, passwordHash: "x" });
  const category = await createCategory(deps, { slug: "shipping", name: { en: "Shipping" } });
  sectionId = (await createSection(deps, { categoryId: category.id, slug: "parcels", name: { en: "Parcels" } })).id;
});
afterAll(() => database?.drop());

describe("typo dictionary", () => {
  test("publishing counts an article's words in, editing moves the difference, unpublishing counts them out", async () => {
    const parcel = await write("lost-parcel", "Lost parcel", "Report a lost parcel to the courier within seven days.");
    const customs = await write("customs", "Customs fees", "Customs fees for a parcel are paid by the recipient.");
    expect(await count("courier")).toBe(0); // drafts count for nothing

    await publishArticle(deps, parcel, "en");
    await publishArticle(deps, customs, "en");
    expect(await count("parcel")).toBe(2);
    expect(await count("courier")).toBe(1);
    expect(await count("seven")).toBe(1);
    expect((await deps.search.search({ q: "couriier", locale: "en" })).items.map((i) => i.articleId)).toEqual([parcel]);

    // A published edit: "seven" leaves, "fourteen" and "carrier" arrive; "parcel" stays counted once for it.
    await saveArticleTranslation(deps, author, parcel, "en", {
      slug: "lost-parcel",
      title: "Lost parcel",
      body: "Report a lost parcel to the carrier within fourteen days.",
    });
    expect(await count("seven")).toBe(0);
    expect(await count("fourteen")).toBe(1);
    expect(await count("parcel")).toBe(2);

    await unpublishArticle(deps, customs, "en");
    expect(await count("customs")).toBe(0);
    expect(await count("parcel")).toBe(1);
    expect((await deps.search.search({ q: "custms", locale: "en" })).items).toEqual([]);

    // A second locale is a dictionary of its own.
    const german = await write("paket-verloren", "Paket verloren", "Melden Sie ein verlorenes Paket dem Kurier.", "de");
    await publishArticle(deps, german, "de");
    expect((await dictionary()).filter((t) => t.locale === "de").map((t) => t.word)).toContain("kurier");

    const incremental = await dictionary();
    await deps.search.reindexAll();
    expect(await dictionary()).toEqual(incremental);
  });
});
