// Knowledge-base search with the Postgres engine on the real Postgres: BENCH_KB_ARTICLES (default 100,000)
// published English articles; search latency p50/p95 for two-word, prefix and typo queries, reindex time, and the
// index update when one article is published into that help centre.
import { randomBytes } from "node:crypto";
import {
  createArticle,
  createPostgresSearchEngine,
  publishArticle,
  searchArticles,
  type KnowledgeBaseDeps,
} from "@helpdesk/knowledge-base";
import {
  createDatabase,
  kbArticles,
  kbArticleTranslations,
  kbCategories,
  kbSections,
  newId,
  users,
} from "@helpdesk/db";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { databaseUrl, postgresAdminUrl } from "../support/services.ts";
import { percentile } from "./_statistics.ts";

const articleCount = Number(process.env.BENCH_KB_ARTICLES ?? 100_000);

// A help centre's vocabulary: support words plus a few hundred made-up product and feature names, drawn with a
// skewed (Zipf-like) frequency, so common words match many articles and specific ones few, as in real content.
const supportNouns = [
  "password",
  "invoice",
  "refund",
  "reader",
  "printer",
  "payout",
  "shipment",
  "subscription",
  "webhook",
  "receipt",
  "account",
  "order",
  "inventory",
  "report",
  "tax",
  "discount",
  "terminal",
  "firmware",
  "battery",
  "barcode",
  "customer",
  "employee",
  "location",
  "menu",
  "tip",
];
const syllables = [
  "ka",
  "lo",
  "mi",
  "ter",
  "van",
  "zu",
  "rex",
  "po",
  "li",
  "dor",
  "sen",
  "fa",
  "qui",
  "bel",
  "mon",
  "tra",
  "vi",
  "sol",
  "nex",
  "ra",
];
const madeUp = Array.from(
  { length: 400 },
  (_, i) => syllables[i % 20]! + syllables[Math.floor(i / 20) % 20]! + syllables[(i * 7) % 20]!,
);
const nouns = [...supportNouns, ...madeUp];
const verbs = [
  "reset",
  "update",
  "cancel",
  "connect",
  "export",
  "import",
  "pair",
  "print",
  "refund",
  "track",
  "configure",
  "enable",
  "disable",
  "sync",
  "troubleshoot",
];
const fillers = [
  "when",
  "after",
  "before",
  "your",
  "the",
  "with",
  "from",
  "settings",
  "dashboard",
  "app",
  "quickly",
  "steps",
  "problem",
  "error",
  "each",
  "every",
  "month",
  "week",
];

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const name = `helpdesk_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const database = await createDatabase({ url: databaseUrl(name), maxConnections: 10 });
try {
  await database.migrate();
  const db = database.db;
  const random = seeded(42);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  /** Earlier entries far more often than later ones. */
  const pickSkewed = <T>(list: T[]) => list[Math.floor(list.length * random() ** 2.5)]!;
  const [category] = await db
    .insert(kbCategories)
    .values({ id: newId("kbCategory"), slug: "bench", name: { en: "Bench" } })
    .returning();
  const [section] = await db
    .insert(kbSections)
    .values({ id: newId("kbSection"), categoryId: category!.id, slug: "bench", name: { en: "Bench" } })
    .returning();

  let started = performance.now();
  for (let offset = 0; offset < articleCount; offset += 2000) {
    const batch = Array.from({ length: Math.min(2000, articleCount - offset) }, (_, j) => {
      const i = offset + j;
      const title = `How to ${pick(verbs)} the ${pickSkewed(nouns)} ${pick(fillers)} ${pickSkewed(nouns)} (${i})`;
      const body = Array.from({ length: 60 }, () =>
        random() < 0.3 ? pickSkewed(nouns) : random() < 0.5 ? pick(verbs) : pick(fillers),
      ).join(" ");
      return {
        article: { id: newId("kbArticle"), sectionId: section!.id, position: i, tags: [pick(nouns)] },
        title,
        body,
        i,
      };
    });
    await db.insert(kbArticles).values(batch.map((b) => b.article));
    await db.insert(kbArticleTranslations).values(
      batch.map((b) => ({
        id: newId("kbTranslation"),
        articleId: b.article.id,
        locale: "en",
        slug: `bench-${b.i}`,
        title: b.title,
        body: b.body,
        bodyHtml: `<p>${b.body}</p>`,
        bodyText: b.body,
        tagsText: b.article.tags.join(" "),
        state: "published" as const,
        publishedAt: new Date(),
      })),
    );
  }
  await db.execute(sql`analyze`);
  console.log(
    `setup: ${articleCount} published articles inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const search = createPostgresSearchEngine(db);
  started = performance.now();
  await search.reindexAll();
  console.log(
    `reindex from scratch (word dictionary for typo tolerance) over ${articleCount} articles: ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  started = performance.now();
  await search.reindexAll();
  console.log(`reindex again, nothing changed: ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const deps: KnowledgeBaseDeps = { db, search };
  const scenarios: [string, () => string][] = [
    ["two words", () => `${pick(verbs)} ${pickSkewed(nouns)}`],
    ["prefix (search as you type)", () => `${pick(verbs)} ${pickSkewed(nouns).slice(0, 4)}`],
    ["typo", () => `${pick(verbs)} ${pickSkewed(nouns).replace(/(.)(.)/, "$2$1")}`],
  ];
  for (const [label, query] of scenarios) {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) await search.search({ q: query(), locale: "en" }); // warm up
    for (let i = 0; i < 60; i++) {
      const q = query();
      const start = performance.now();
      await searchArticles(deps, { q, locale: "en" });
      samples.push(performance.now() - start);
    }
    console.log(
      `search "${label}" over ${articleCount} articles: p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms`,
    );
  }

  // Publishing one more article: its words are counted into the typo dictionary by difference (what the sync job
  // does after every publish), not by rescanning the help centre.
  const author = { kind: "user" as const, id: newId("user"), name: "Bench Writer" };
  await db
    .insert(users)
    .values({ id: author.id, email: `${author.id}@bench.test`, name: author.name, passwordHash: "x" });
  const publishSamples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const body =
      Array.from({ length: 80 }, () => (random() < 0.3 ? pickSkewed(nouns) : pick(fillers))).join(" ") +
      ` zeta${i}word`;
    const { article } = await createArticle(
      { db, search: { ...search, indexArticle: async () => {}, removeArticle: async () => {} } },
      author,
      {
        sectionId: section!.id,
        tags: ["bench"],
        translation: {
          locale: "en",
          slug: `bench-new-${i}`,
          title: `How to ${pick(verbs)} the ${pickSkewed(nouns)} (new ${i})`,
          body,
        },
      },
    );
    await publishArticle({ db, search: { ...search, indexArticle: async () => {} } }, article.id, "en");
    const start = performance.now();
    await search.indexArticle(article.id);
    publishSamples.push(performance.now() - start);
  }
  console.log(
    `index update after publishing one article into ${articleCount}: p50 ${percentile(publishSamples, 50).toFixed(1)} ms, p95 ${percentile(publishSamples, 95).toFixed(1)} ms`,
  );
} finally {
  await database.close();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
