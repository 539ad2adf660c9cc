import { describe, expect, test } from "vitest";
import { demoArticles, demoCategories } from "../../api/src/seed/help-centre-content.ts";

// Pure data checks on the demo help centre: no database, no I/O.

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TAG = /^[a-z0-9]+$/;
const LINK = /\]\((\/help\/([a-z]{2})\/([^)\s]+))\)/g;

const articleKeys = new Set(demoArticles.map((a) => a.key));
const withLocale = (locale: string) => demoArticles.filter((a) => a.translations[locale]);
const words = (markdown: string) => markdown.split(/\s+/).filter(Boolean).length;

describe("demo help centre", () => {
  test("six categories with two or three sections each, all translated into en, de and fr", () => {
    expect(demoCategories.map((c) => c.key).sort()).toEqual([
      "accounts",
      "billing",
      "integrations",
      "returns",
      "shipping",
      "troubleshooting",
    ]);
    for (const category of demoCategories) {
      expect(category.sections.length, category.key).toBeGreaterThanOrEqual(2);
      expect(category.sections.length, category.key).toBeLessThanOrEqual(3);
      expect(new Set(category.sections.map((s) => s.key)).size).toBe(category.sections.length);
      for (const locale of ["en", "de", "fr"]) {
        const t = category.translations[locale];
        expect(t?.name && t.description && SLUG.test(t.slug), `${category.key} ${locale}`).toBeTruthy();
        for (const section of category.sections) {
          const s = section.translations[locale];
          expect(s?.name && SLUG.test(s.slug), `${category.key}/${section.key} ${locale}`).toBeTruthy();
        }
        const sectionSlugs = category.sections.map((s) => s.translations[locale]!.slug);
        expect(new Set(sectionSlugs).size).toBe(sectionSlugs.length);
      }
    }
    for (const locale of ["en", "de", "fr"]) {
      const slugs = demoCategories.map((c) => c.translations[locale]!.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
    }
  });

  test("at least 60 articles with unique keys, each in an existing category and section", () => {
    expect(demoArticles.length).toBeGreaterThanOrEqual(60);
    expect(articleKeys.size).toBe(demoArticles.length);
    for (const article of demoArticles) {
      const category = demoCategories.find((c) => c.key === article.category);
      expect(
        category?.sections.some((s) => s.key === article.section),
        article.key,
      ).toBe(true);
    }
    for (const category of demoCategories) {
      expect(demoArticles.filter((a) => a.category === category.key).length, category.key).toBeGreaterThanOrEqual(8);
    }
  });

  test("every translation has a title, a well-formed slug and a body; slugs are unique per locale", () => {
    const slugsByLocale = new Map<string, string[]>();
    for (const article of demoArticles) {
      expect(article.translations.en, article.key).toBeDefined();
      for (const [locale, t] of Object.entries(article.translations)) {
        expect(t.title.trim(), `${article.key} ${locale}`).not.toBe("");
        expect(t.body.trim(), `${article.key} ${locale}`).not.toBe("");
        expect(t.slug, `${article.key} ${locale}`).toMatch(SLUG);
        slugsByLocale.set(locale, [...(slugsByLocale.get(locale) ?? []), t.slug]);
      }
    }
    for (const [locale, slugs] of slugsByLocale) expect(new Set(slugs).size, locale).toBe(slugs.length);
  });

  test("related keys exist, tags are 1-4 lowercase words", () => {
    for (const article of demoArticles) {
      for (const key of article.related ?? []) {
        expect(articleKeys.has(key), `${article.key} -> ${key}`).toBe(true);
        expect(key).not.toBe(article.key);
      }
      expect(article.tags.length, article.key).toBeGreaterThanOrEqual(1);
      expect(article.tags.length, article.key).toBeLessThanOrEqual(4);
      for (const tag of article.tags) expect(tag, article.key).toMatch(TAG);
    }
  });

  test("bodies link only to existing articles, with no external URLs or images; English bodies are 80-300 words", () => {
    for (const article of demoArticles) {
      for (const [locale, t] of Object.entries(article.translations)) {
        expect(t.body, `${article.key} ${locale}`).not.toMatch(/https?:\/\/|www\.|!\[/);
        for (const [, , linkLocale, slug] of t.body.matchAll(LINK)) {
          const target = withLocale(linkLocale!).find((a) => a.translations[linkLocale!]!.slug === slug);
          expect(target, `${article.key} ${locale} links to /help/${linkLocale}/${slug}`).toBeDefined();
        }
      }
      const count = words(article.translations.en!.body);
      expect(count, article.key).toBeGreaterThanOrEqual(80);
      expect(count, article.key).toBeLessThanOrEqual(300);
    }
  });

  test("published articles neither link nor relate to drafts or archived articles", () => {
    const hidden = demoArticles.filter((a) => (a.state ?? "published") !== "published");
    const hiddenKeys = new Set(hidden.map((a) => a.key));
    const hiddenSlugs = new Set(hidden.flatMap((a) => Object.values(a.translations).map((t) => t.slug)));
    for (const article of demoArticles.filter((a) => !hiddenKeys.has(a.key))) {
      for (const key of article.related ?? []) expect(hiddenKeys.has(key), `${article.key} -> ${key}`).toBe(false);
      for (const t of Object.values(article.translations)) {
        for (const [, , , slug] of t.body.matchAll(LINK))
          expect(hiddenSlugs.has(slug!), `${article.key} -> ${slug}`).toBe(false);
      }
    }
  });

  test("the password reset article, translations and non-published states are there", () => {
    const reset = demoArticles.find((a) => a.key === "reset-password");
    expect(reset?.translations.en?.title).toBe("How do I reset my password?");
    expect(withLocale("de").length).toBeGreaterThanOrEqual(6);
    expect(withLocale("fr").length).toBeGreaterThanOrEqual(2);
    expect(demoArticles.filter((a) => a.state === "draft")).toHaveLength(2);
    expect(demoArticles.filter((a) => a.state === "archived")).toHaveLength(1);
  });
});
