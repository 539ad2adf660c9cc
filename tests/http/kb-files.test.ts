import { kbArticleFiles, kbSearchTerms } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness, type SignedIn } from "../support/harness.ts";

/** Images and files in articles: staff upload them, readers get them only once the article is published. */
let h: Harness;
let agent: SignedIn;
let sectionId: string;

// A 1×1 transparent PNG.
const png = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64"),
);

async function upload(
  articleId: string,
  file: Blob,
  filename: string,
  headers: Record<string, string> = agent.headers,
) {
  const form = new FormData();
  form.append("file", file, filename);
  return h.app.request(`/api/kb/articles/${articleId}/files`, { method: "POST", body: form, headers });
}

async function newArticle(slug: string) {
  const res = await h.client.api.kb.articles.$post(
    { json: { sectionId, tags: [], translation: { locale: "en", slug, title: `Article ${slug}`, body: "Text." } } },
    { headers: agent.headers },
  );
  const created = (await res.json()) as { article: { id: string } };
  return created.article.id;
}

beforeAll(async () => {
  h = await createHarness();
  const admin = await h.signIn("admin");
  agent = await h.signIn("agent");
  const category = await h.client.api.kb.categories.$post(
    { json: { slug: "files", name: { en: "Files" } } },
    { headers: admin.headers },
  );
  const categoryId = ((await category.json()) as { id: string }).id;
  const section = await h.client.api.kb.sections.$post(
    { json: { categoryId, slug: "files", name: { en: "Files" } } },
    { headers: admin.headers },
  );
  sectionId = ((await section.json()) as { id: string }).id;
});
afterAll(() => h?.close());

describe("article files", () => {
  test("an uploaded image is private while the article is a draft and public once it is published", async () => {
    const articleId = await newArticle("with-image");
    const res = await upload(articleId, new Blob([png], { type: "image/png" }), "screen shot.png");
    expect(res.status).toBe(201);
    const file = (await res.json()) as { id: string; url: string; isImage: boolean; size: number; filename: string };
    expect(file).toMatchObject({ isImage: true, size: png.byteLength, filename: "screen shot.png" });
    expect(file.url).toBe(`/api/kb/files/${file.id}/screen%20shot.png`);

    const anonymousDraft = await h.app.request(file.url);
    expect(anonymousDraft.status).toBe(404);
    expect(((await anonymousDraft.json()) as { error: { code: string } }).error.code).toBe("KB_FILE_NOT_FOUND");
    const staffDraft = await h.app.request(file.url, { headers: agent.headers });
    expect(staffDraft.status).toBe(200);
    expect(new Uint8Array(await staffDraft.arrayBuffer())).toEqual(png);

    const body = `Look here:\n\n![The settings page](${file.url})`;
    await h.client.api.kb.articles[":id"].translations[":locale"].$put(
      { param: { id: articleId, locale: "en" }, json: { slug: "with-image", title: "Article with an image", body } },
      { headers: agent.headers },
    );
    const published = await h.client.api.kb.articles[":id"].translations[":locale"].publish.$post(
      { param: { id: articleId, locale: "en" } },
      { headers: agent.headers },
    );
    expect(published.status).toBe(200);

    const article = await h.client.api.kb.articles[":locale"][":slug"].$get({
      param: { locale: "en", slug: "with-image" },
    });
    expect(((await article.json()) as { html: string }).html).toContain(
      `<img src="${file.url}" alt="The settings page" />`,
    );
    const publicRead = await h.app.request(file.url);
    expect(publicRead.status).toBe(200);
    expect(publicRead.headers.get("content-type")).toBe("image/png");
    expect(publicRead.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(publicRead.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await publicRead.arrayBuffer())).toEqual(png);
  });

  test("other files download instead of opening; the list shows them; deleting removes them", async () => {
    const articleId = await newArticle("with-file");
    const res = await upload(articleId, new Blob(["a,b\n1,2\n"], { type: "text/csv" }), "prices.csv");
    expect(res.status).toBe(201);
    const file = (await res.json()) as { id: string; url: string; isImage: boolean };
    expect(file.isImage).toBe(false);
    const read = await h.app.request(file.url, { headers: agent.headers });
    expect(read.headers.get("content-type")).toBe("application/octet-stream");
    expect(read.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''prices.csv");

    const list = await h.client.api.kb.articles[":id"].files.$get(
      { param: { id: articleId } },
      { headers: agent.headers },
    );
    expect(((await list.json()) as { items: { id: string }[] }).items.map((f) => f.id)).toEqual([file.id]);

    const deleted = await h.client.api.kb.files[":id"].$delete({ param: { id: file.id } }, { headers: agent.headers });
    expect(deleted.status).toBe(204);
    expect(await h.db.select().from(kbArticleFiles).where(eq(kbArticleFiles.id, file.id))).toEqual([]);
    expect((await h.app.request(file.url, { headers: agent.headers })).status).toBe(404);
  });

  test("refuses script-capable and unknown types, empty files, a missing file field, unknown articles and anonymous uploads", async () => {
    const articleId = await newArticle("refusals");
    const svg = await upload(articleId, new Blob(["<svg onload=alert(1)>"], { type: "image/svg+xml" }), "x.svg");
    expect(svg.status).toBe(400);
    expect(((await svg.json()) as { error: { code: string } }).error.code).toBe("VALIDATION_FAILED");
    const html = await upload(articleId, new Blob(["<script>"], { type: "text/html" }), "x.html");
    expect(html.status).toBe(400);
    expect((await upload(articleId, new Blob([], { type: "image/png" }), "empty.png")).status).toBe(400);

    const noFile = await h.app.request(`/api/kb/articles/${articleId}/files`, {
      method: "POST",
      body: new FormData(),
      headers: agent.headers,
    });
    expect(noFile.status).toBe(400);
    const unknown = await upload("art_missing", new Blob([png], { type: "image/png" }), "a.png");
    expect(unknown.status).toBe(404);
    const anonymous = await upload(articleId, new Blob([png], { type: "image/png" }), "a.png", {});
    expect(anonymous.status).toBe(401);
    expect(await h.db.select().from(kbArticleFiles).where(eq(kbArticleFiles.articleId, articleId))).toEqual([]);
  });
});

describe("reindex", () => {
  test("an admin queues a full rebuild that the worker runs; agents may not", async () => {
    const admin = await h.signIn("admin");
    const refused = await h.client.api.kb.reindex.$post({}, { headers: agent.headers });
    expect(refused.status).toBe(403);
    const articleId = await newArticle("reindexed");
    await h.client.api.kb.articles[":id"].translations[":locale"].publish.$post(
      { param: { id: articleId, locale: "en" } },
      { headers: agent.headers },
    );
    await h.jobs.drain();
    // Emptied behind the engine's back (as after restoring an old backup): the typo correction knows no words.
    await h.db.delete(kbSearchTerms);
    const res = await h.client.api.kb.reindex.$post({}, { headers: admin.headers });
    expect(res.status).toBe(202);
    await h.jobs.drain();
    const words = await h.db.select().from(kbSearchTerms).where(eq(kbSearchTerms.word, "reindexed"));
    expect(words).toEqual([{ locale: "en", word: "reindexed", documentCount: 1 }]);
  });
});
