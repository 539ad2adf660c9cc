import { kbArticles, kbSearchQueries } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness, type SignedIn } from "../support/harness.ts";

/** The knowledge-base API: public portal reads, staff writing and publishing, leads/admins shaping categories. */
let h: Harness;
let admin: SignedIn;
let agent: SignedIn;
let sectionId: string;
let categoryId: string;

const kb = () => h.client.api.kb;

async function newArticle(slug: string, title: string, body: string) {
  const res = await kb().articles.$post(
    { json: { sectionId, tags: ["account"], translation: { locale: "en", slug, title, body } } },
    { headers: agent.headers },
  );
  expect(res.status).toBe(201);
  const created = await res.json();
  if (!("article" in created)) throw new Error(JSON.stringify(created));
  return created.article.id;
}
const publish = (id: string, locale = "en") =>
  kb().articles[":id"].translations[":locale"].publish.$post({ param: { id, locale } }, { headers: agent.headers });

beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn("admin");
  agent = await h.signIn("agent");
  const category = await kb().categories.$post(
    { json: { slug: "account", name: { en: "Account" } } },
    { headers: admin.headers },
  );
  expect(category.status).toBe(201);
  categoryId = ((await category.json()) as { id: string }).id;
  const section = await kb().sections.$post(
    { json: { categoryId, slug: "sign-in", name: { en: "Signing in" } } },
    { headers: admin.headers },
  );
  expect(section.status).toBe(201);
  sectionId = ((await section.json()) as { id: string }).id;
});
afterAll(() => h?.close());

describe("public portal", () => {
  test("search needs no sign-in, finds only published articles and records the query without personal data", async () => {
    const id = await newArticle(
      "reset-password",
      "How do I reset my password?",
      "Choose **Forgot password** on the sign-in page.",
    );
    const before = await kb().search.$get({ query: { q: "password", locale: "en" } });
    expect(before.status).toBe(200);
    expect(((await before.json()) as { total: number }).total).toBe(0);
    expect((await publish(id)).status).toBe(200);
    // Publishing enqueues the index update (here: the typo dictionary that corrects "pasword"); the job runs it.
    await h.jobs.drain();

    const res = await kb().search.$get({ query: { q: "Pasword reset", locale: "en" } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: { articleId: string; slug: string; snippetHtml: string }[];
      total: number;
      searchId: string;
    };
    expect(body.items[0]).toMatchObject({ articleId: id, slug: "reset-password" });
    const [logged] = await h.db.select().from(kbSearchQueries).where(eq(kbSearchQueries.id, body.searchId));
    expect(logged).toMatchObject({
      query: "pasword reset",
      locale: "en",
      resultCount: body.total,
      clickedArticleId: null,
    });
    const personal = (await (
      await kb().search.$get({ query: { q: "Refund jane@example.com 4111 1111 1111 1111", locale: "en" } })
    ).json()) as { searchId: string };
    const [stripped] = await h.db.select().from(kbSearchQueries).where(eq(kbSearchQueries.id, personal.searchId));
    expect(stripped!.query).toBe("refund <email> <number>");

    const view = await kb().articles[":id"].views.$post({
      param: { id },
      json: { locale: "en", searchId: body.searchId },
    });
    expect(view.status).toBe(201);
    expect(await view.json()).toEqual({ viewCount: 1 });
    const [clicked] = await h.db.select().from(kbSearchQueries).where(eq(kbSearchQueries.id, body.searchId));
    expect(clicked!.clickedArticleId).toBe(id);
  });

  test("a published article is readable by locale and slug, as sanitised HTML; a draft is a 404", async () => {
    const id = await newArticle(
      "safe-html",
      "Safe HTML",
      "Hello <script>alert(1)</script> **world** [x](javascript:alert(1))",
    );
    const hidden = await kb().articles[":locale"][":slug"].$get({ param: { locale: "en", slug: "safe-html" } });
    expect(hidden.status).toBe(404);
    expect(((await hidden.json()) as { error: { code: string } }).error.code).toBe("KB_ARTICLE_NOT_FOUND");
    await publish(id);
    const res = await kb().articles[":locale"][":slug"].$get({ param: { locale: "en", slug: "safe-html" } });
    expect(res.status).toBe(200);
    const article = (await res.json()) as {
      html: string;
      category: { id: string };
      translations: { locale: string }[];
    };
    expect(article.html).toContain("<strong>world</strong>");
    expect(article.html).not.toContain("<script");
    expect(article.html).not.toContain("javascript:");
    expect(article.category.id).toBe(categoryId);
    expect(article.translations).toEqual([{ locale: "en", slug: "safe-html" }]);
  });

  test("feedback counts votes on published articles and rejects bad input", async () => {
    const id = await newArticle("feedback-me", "Feedback me", "Text.");
    const onDraft = await kb().articles[":id"].feedback.$post({ param: { id }, json: { locale: "en", helpful: true } });
    expect(onDraft.status).toBe(404);
    await publish(id);
    for (const helpful of [true, true, false]) {
      expect(
        (await kb().articles[":id"].feedback.$post({ param: { id }, json: { locale: "en", helpful } })).status,
      ).toBe(201);
    }
    const [row] = await h.db.select().from(kbArticles).where(eq(kbArticles.id, id));
    expect([row!.helpfulCount, row!.notHelpfulCount]).toEqual([2, 1]);
    const bad = await kb().articles[":id"].feedback.$post({
      param: { id },
      json: { locale: "english", helpful: "yes" } as never,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("VALIDATION_FAILED");
  });

  test("search validates its query", async () => {
    expect((await kb().search.$get({ query: { q: "", locale: "en" } })).status).toBe(400);
    expect((await kb().search.$get({ query: { q: "x", locale: "EN_us" } })).status).toBe(400);
  });
});

describe("staff", () => {
  test("writing needs a signed-in staff member; categories need a lead or admin", async () => {
    const anonymous = await kb().articles.$post({
      json: { sectionId, translation: { locale: "en", slug: "x", title: "X", body: "" } },
    });
    expect(anonymous.status).toBe(401);
    const agentCategory = await kb().categories.$post(
      { json: { slug: "nope", name: { en: "Nope" } } },
      { headers: agent.headers },
    );
    expect(agentCategory.status).toBe(403);
    const unknownSection = await kb().articles.$post(
      { json: { sectionId: "kbs_missing", translation: { locale: "en", slug: "x", title: "X", body: "" } } },
      { headers: agent.headers },
    );
    expect(unknownSection.status).toBe(404);
    const badSlug = await kb().articles.$post(
      { json: { sectionId, translation: { locale: "en", slug: "Not A Slug", title: "X", body: "" } } },
      { headers: agent.headers },
    );
    expect(badSlug.status).toBe(400);
    await newArticle("taken", "Taken", "");
    const duplicate = await kb().articles.$post(
      { json: { sectionId, translation: { locale: "en", slug: "taken", title: "Again", body: "" } } },
      { headers: agent.headers },
    );
    expect(duplicate.status).toBe(409);
    expect(((await duplicate.json()) as unknown as { error: { code: string } }).error.code).toBe("KB_SLUG_TAKEN");
  });

  test("every save is a revision; restoring one puts its text back as a new revision and into search", async () => {
    const id = await newArticle("shipping", "Shipping times", "Parcels arrive in three days.");
    await publish(id);
    const save = (title: string, body: string) =>
      kb().articles[":id"].translations[":locale"].$put(
        { param: { id, locale: "en" }, json: { slug: "shipping", title, body } },
        { headers: agent.headers },
      );
    expect((await save("Shipping times", "Parcels arrive in five days via courier.")).status).toBe(200);

    const list = await kb().articles[":id"].revisions.$get({ param: { id }, query: {} }, { headers: agent.headers });
    expect(list.status).toBe(200);
    const revisions = ((await list.json()) as { items: { id: string; body: string; authorName: string | null }[] })
      .items;
    expect(revisions.map((r) => r.body)).toEqual([
      "Parcels arrive in five days via courier.",
      "Parcels arrive in three days.",
    ]);
    expect(revisions[0]!.authorName).toBe("Test agent");
    const courier = await kb().search.$get({ query: { q: "courier", locale: "en" } });
    expect(((await courier.json()) as { items: { articleId: string }[] }).items.map((i) => i.articleId)).toEqual([id]);

    const restored = await kb().articles[":id"].revisions[":revisionId"].restore.$post(
      { param: { id, revisionId: revisions[1]!.id } },
      { headers: agent.headers },
    );
    expect(restored.status).toBe(200);
    expect(await restored.json()).toMatchObject({ body: "Parcels arrive in three days.", state: "published" });
    const after = (
      (await (
        await kb().articles[":id"].revisions.$get({ param: { id }, query: {} }, { headers: agent.headers })
      ).json()) as { items: unknown[] }
    ).items;
    expect(after).toHaveLength(3);
    const gone = await kb().search.$get({ query: { q: "courier", locale: "en" } });
    expect(((await gone.json()) as { total: number }).total).toBe(0);

    const missing = await kb().articles[":id"].revisions[":revisionId"].restore.$post(
      { param: { id, revisionId: "arv_missing" } },
      { headers: agent.headers },
    );
    expect(missing.status).toBe(404);
    expect((await kb().articles[":id"].revisions.$get({ param: { id }, query: {} })).status).toBe(401);
  });

  test("unpublish and archive take an article out of the portal", async () => {
    const id = await newArticle("seasonal", "Seasonal opening hours", "Closed on holidays.");
    await publish(id);
    const read = () => kb().articles[":locale"][":slug"].$get({ param: { locale: "en", slug: "seasonal" } });
    expect((await read()).status).toBe(200);
    const unpublished = await kb().articles[":id"].translations[":locale"].unpublish.$post(
      { param: { id, locale: "en" } },
      { headers: agent.headers },
    );
    expect(await unpublished.json()).toMatchObject({ state: "draft" });
    expect((await read()).status).toBe(404);
    await publish(id);
    const archived = await kb().articles[":id"].translations[":locale"].archive.$post(
      { param: { id, locale: "en" } },
      { headers: agent.headers },
    );
    expect(await archived.json()).toMatchObject({ state: "archived" });
    expect((await read()).status).toBe(404);
    const noTranslation = await publish(id, "fr");
    expect(noTranslation.status).toBe(404);
  });

  test("a section with articles cannot be deleted; an empty one can", async () => {
    const blocked = await kb().sections[":id"].$delete({ param: { id: sectionId } }, { headers: admin.headers });
    expect(blocked.status).toBe(409);
    const empty = await kb().sections.$post(
      { json: { categoryId, slug: "empty", name: { en: "Empty" } } },
      { headers: admin.headers },
    );
    const emptyId = ((await empty.json()) as { id: string }).id;
    expect((await kb().sections[":id"].$delete({ param: { id: emptyId } }, { headers: admin.headers })).status).toBe(
      204,
    );
    const listed = (await (await kb().categories.$get()).json()) as {
      items: { id: string; sections: { id: string }[] }[];
    };
    expect(listed.items.find((c) => c.id === categoryId)!.sections.map((s) => s.id)).toEqual([sectionId]);
  });
});

describe("search analytics", () => {
  test("top searches with click-through, searches that found nothing, most read articles; leads and admins only", async () => {
    const id = await newArticle(
      "export-sales-report",
      "Exporting your sales report",
      "Open **Reports**, choose a period, then Export.",
    );
    await publish(id);
    for (let i = 0; i < 3; i++) {
      const found = (await (await kb().search.$get({ query: { q: "export report", locale: "en" } })).json()) as {
        searchId: string;
      };
      if (i === 0)
        await kb().articles[":id"].views.$post({ param: { id }, json: { locale: "en", searchId: found.searchId } });
    }
    await kb().search.$get({ query: { q: "gift cards", locale: "en" } });
    await kb().search.$get({ query: { q: "Gift   Cards", locale: "en" } });

    const period = {
      from: new Date(Date.now() - 3600_000).toISOString(),
      to: new Date(Date.now() + 3600_000).toISOString(),
    };
    const res = await kb().analytics.$get({ query: period }, { headers: admin.headers });
    expect(res.status).toBe(200);
    const report = await res.json();
    if (!("topSearches" in report)) throw new Error(JSON.stringify(report));
    expect(report.topSearches.find((s) => s.query === "export report")).toMatchObject({
      searches: 3,
      clicks: 1,
      clickThroughRate: 33.3,
    });
    expect(report.searchesWithoutResults.find((s) => s.query === "gift cards")).toMatchObject({ searches: 2 });
    expect(report.searchesWithoutResults.some((s) => s.query === "export report")).toBe(false);
    expect(report.topArticles.find((a) => a.articleId === id)).toMatchObject({
      title: "Exporting your sales report",
      views: 1,
      fromSearch: 1,
    });
    expect(report.noResultRate).toBeGreaterThan(0);

    expect((await kb().analytics.$get({ query: period }, { headers: agent.headers })).status).toBe(403);
    expect(
      (await kb().analytics.$get({ query: { from: period.to, to: period.from } }, { headers: admin.headers })).status,
    ).toBe(400);
  });
});
