import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { kbArticleStates, type KbArticleTranslation } from "@helpdesk/db";
import {
  searchAnalyticsInput,
  archiveArticle,
  articleFeedbackInput,
  articleViewInput,
  categoryInput,
  createArticle,
  createArticleInput,
  deleteArticleFile,
  getArticle,
  getPublishedArticle,
  KnowledgeBaseError,
  listArticleRevisions,
  listArticleFiles,
  listArticles,
  listCategories,
  listPublishedArticles,
  localeInput,
  maxArticleFileBytes,
  publishArticle,
  readArticleFile,
  recordArticleFeedback,
  recordArticleView,
  restoreArticleRevision,
  saveArticleTranslation,
  searchArticles,
  sectionInput,
  translationInput,
  unpublishArticle,
  updateArticle,
  updateArticleInput,
  updateCategoryInput,
  updateSectionInput,
  uploadArticleFile,
} from "@helpdesk/knowledge-base";
import { z } from "zod";
import { DomainError } from "../../domain/errors.ts";
import {
  createCategory,
  createSection,
  deleteCategory,
  deleteSection,
  getSearchAnalytics,
  updateCategory,
  updateSection,
} from "../../domain/knowledge-base/manage-knowledge-base.ts";
import { requestKnowledgeBaseReindex } from "../../domain/knowledge-base/request-reindex.ts";
import { authenticateSession } from "../../domain/auth/sessions.ts";
import { sessionTokenFromHeaders } from "../../http-shared/session-token.ts";
import { authenticate, idParam, type AppEnv } from "../context.ts";
import { storedFileResponse } from "../stored-file-response.ts";
import { uploadedFile } from "../uploaded-files.ts";
import { commonErrorResponses } from "../errors.ts";
import { jsonContent } from "../openapi.ts";

const tags = ["Knowledge base"];
const localized = z.record(z.string(), z.string());
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const searchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  locale: localeInput,
  category: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
const searchView = z.object({
  items: z.array(
    z.object({
      articleId: z.string(),
      locale: z.string(),
      slug: z.string(),
      title: z.string(),
      snippetHtml: z.string(),
      score: z.number(),
    }),
  ),
  total: z.number().int(),
  /** Send back with POST /articles/{id}/views so the click is credited to this search. */
  searchId: z.string(),
});
const sectionView = z.object({
  id: z.string(),
  categoryId: z.string(),
  slug: z.string(),
  position: z.number().int(),
  name: localized,
  description: localized,
});
const categoryView = z.object({
  id: z.string(),
  slug: z.string(),
  position: z.number().int(),
  name: localized,
  description: localized,
});
const linkView = z.object({ id: z.string(), slug: z.string(), name: z.string() });
const publicArticleView = z.object({
  id: z.string(),
  locale: z.string(),
  slug: z.string(),
  title: z.string(),
  html: z.string(),
  tags: z.array(z.string()),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  helpfulCount: z.number().int(),
  notHelpfulCount: z.number().int(),
  section: linkView,
  category: linkView,
  translations: z.array(z.object({ locale: z.string(), slug: z.string() })),
  related: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string() })),
});
const translationView = z.object({
  id: z.string(),
  articleId: z.string(),
  locale: z.string(),
  slug: z.string(),
  title: z.string(),
  body: z.string(),
  bodyHtml: z.string(),
  state: z.enum(kbArticleStates),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
const articleView = z.object({
  id: z.string(),
  sectionId: z.string(),
  position: z.number().int(),
  tags: z.array(z.string()),
  relatedArticleIds: z.array(z.string()),
  viewCount: z.number().int(),
  helpfulCount: z.number().int(),
  notHelpfulCount: z.number().int(),
  authorId: z.string().nullable(),
});
const articleDetailView = z.object({ article: articleView, translations: z.array(translationView) });
const revisionView = z.object({
  id: z.string(),
  locale: z.string(),
  title: z.string(),
  body: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});

type ArticleRow = Parameters<typeof toArticle>[0];
function toArticle(a: z.infer<typeof articleView> & { createdAt: Date; updatedAt: Date }) {
  const { createdAt: _c, updatedAt: _u, ...rest } = a;
  return rest;
}
function toTranslation(t: KbArticleTranslation): z.infer<typeof translationView> {
  return {
    id: t.id,
    articleId: t.articleId,
    locale: t.locale,
    slug: t.slug,
    title: t.title,
    body: t.body,
    bodyHtml: t.bodyHtml,
    state: t.state,
    publishedAt: iso(t.publishedAt),
    updatedAt: iso(t.updatedAt)!,
  };
}
const toDetail = (d: { article: ArticleRow; translations: KbArticleTranslation[] }) => ({
  article: toArticle(d.article),
  translations: d.translations.map(toTranslation),
});
const withoutTimestamps = <T extends { createdAt: Date; updatedAt: Date }>({
  createdAt: _c,
  updatedAt: _u,
  ...rest
}: T) => rest;

const articleId = z.object({ id: z.string().min(1).max(100) });
const translationParams = articleId.extend({ locale: localeInput });
const stateChange = (action: "publish" | "unpublish" | "archive", summary: string) =>
  createRoute({
    method: "post",
    path: `/articles/{id}/translations/{locale}/${action}`,
    tags,
    summary,
    middleware: [authenticate] as const,
    request: { params: translationParams },
    responses: { 200: { description: "Changed", content: jsonContent(translationView) }, ...commonErrorResponses },
  });

// Public: the customer portal reads these without signing in.
const search = createRoute({
  method: "get",
  path: "/search",
  tags,
  summary: "Search published articles (public)",
  request: { query: searchQuery },
  responses: {
    200: { description: "Hits, best first", content: jsonContent(searchView) },
    400: commonErrorResponses[400],
  },
});
const categories = createRoute({
  method: "get",
  path: "/categories",
  tags,
  summary: "Categories with their sections (public)",
  responses: {
    200: {
      description: "Categories",
      content: jsonContent(z.object({ items: z.array(categoryView.extend({ sections: z.array(sectionView) })) })),
    },
  },
});
const sectionArticles = createRoute({
  method: "get",
  path: "/sections/{id}/articles",
  tags,
  summary: "Published articles of a section in one locale (public)",
  request: { params: idParam, query: z.object({ locale: localeInput }) },
  responses: {
    200: {
      description: "Articles",
      content: jsonContent(
        z.object({
          items: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string(), position: z.number().int() })),
        }),
      ),
    },
    400: commonErrorResponses[400],
  },
});
const publicArticle = createRoute({
  method: "get",
  path: "/articles/{locale}/{slug}",
  tags,
  summary: "A published article (public)",
  request: { params: z.object({ locale: localeInput, slug: z.string().min(1).max(120) }) },
  responses: {
    200: { description: "Article", content: jsonContent(publicArticleView) },
    404: commonErrorResponses[404],
  },
});
const feedback = createRoute({
  method: "post",
  path: "/articles/{id}/feedback",
  tags,
  summary: "Was this article helpful? (public)",
  request: { params: articleId, body: { content: jsonContent(articleFeedbackInput), required: true } },
  responses: {
    201: {
      description: "Recorded",
      content: jsonContent(z.object({ helpfulCount: z.number().int(), notHelpfulCount: z.number().int() })),
    },
    400: commonErrorResponses[400],
    404: commonErrorResponses[404],
  },
});
const view = createRoute({
  method: "post",
  path: "/articles/{id}/views",
  tags,
  summary: "Count a read, crediting the search it came from (public)",
  request: { params: articleId, body: { content: jsonContent(articleViewInput), required: true } },
  responses: {
    201: { description: "Recorded", content: jsonContent(z.object({ viewCount: z.number().int() })) },
    400: commonErrorResponses[400],
    404: commonErrorResponses[404],
  },
});

// Staff: writing and publishing articles.
const listAll = createRoute({
  method: "get",
  path: "/articles",
  tags,
  summary: "All articles with their translations' states",
  middleware: [authenticate] as const,
  request: { query: z.object({ sectionId: z.string().optional() }) },
  responses: {
    200: {
      description: "Articles",
      content: jsonContent(
        z.object({
          items: z.array(
            articleView.extend({
              translations: z.array(
                z.object({ locale: z.string(), slug: z.string(), title: z.string(), state: z.enum(kbArticleStates) }),
              ),
            }),
          ),
        }),
      ),
    },
    ...commonErrorResponses,
  },
});
const create = createRoute({
  method: "post",
  path: "/articles",
  tags,
  summary: "Write a new article (a draft)",
  middleware: [authenticate] as const,
  request: { body: { content: jsonContent(createArticleInput), required: true } },
  responses: { 201: { description: "Created", content: jsonContent(articleDetailView) }, ...commonErrorResponses },
});
const getOne = createRoute({
  method: "get",
  path: "/articles/{id}",
  tags,
  summary: "An article with all its translations, for the editor",
  middleware: [authenticate] as const,
  request: { params: articleId },
  responses: { 200: { description: "Article", content: jsonContent(articleDetailView) }, ...commonErrorResponses },
});
const patch = createRoute({
  method: "patch",
  path: "/articles/{id}",
  tags,
  summary: "Move, reorder, tag or relate an article",
  middleware: [authenticate] as const,
  request: { params: articleId, body: { content: jsonContent(updateArticleInput), required: true } },
  responses: { 200: { description: "Updated", content: jsonContent(articleView) }, ...commonErrorResponses },
});
const saveTranslation = createRoute({
  method: "put",
  path: "/articles/{id}/translations/{locale}",
  tags,
  summary: "Create or change a translation (saved as a revision)",
  middleware: [authenticate] as const,
  request: { params: translationParams, body: { content: jsonContent(translationInput), required: true } },
  responses: { 200: { description: "Saved", content: jsonContent(translationView) }, ...commonErrorResponses },
});
const publish = stateChange("publish", "Publish a translation");
const unpublish = stateChange("unpublish", "Back to draft");
const archive = stateChange("archive", "Archive a translation");
const revisions = createRoute({
  method: "get",
  path: "/articles/{id}/revisions",
  tags,
  summary: "Saved versions, newest first",
  middleware: [authenticate] as const,
  request: { params: articleId, query: z.object({ locale: localeInput.optional() }) },
  responses: {
    200: { description: "Revisions", content: jsonContent(z.object({ items: z.array(revisionView) })) },
    ...commonErrorResponses,
  },
});
const restore = createRoute({
  method: "post",
  path: "/articles/{id}/revisions/{revisionId}/restore",
  tags,
  summary: "Put a revision's text back (as a new revision)",
  middleware: [authenticate] as const,
  request: { params: articleId.extend({ revisionId: z.string().min(1).max(100) }) },
  responses: { 200: { description: "Restored", content: jsonContent(translationView) }, ...commonErrorResponses },
});

// Leads and admins: the structure of the knowledge base.
const createCat = createRoute({
  method: "post",
  path: "/categories",
  tags,
  summary: "Add a category",
  middleware: [authenticate] as const,
  request: { body: { content: jsonContent(categoryInput), required: true } },
  responses: { 201: { description: "Created", content: jsonContent(categoryView) }, ...commonErrorResponses },
});
const patchCat = createRoute({
  method: "patch",
  path: "/categories/{id}",
  tags,
  summary: "Change a category",
  middleware: [authenticate] as const,
  request: { params: idParam, body: { content: jsonContent(updateCategoryInput), required: true } },
  responses: { 200: { description: "Updated", content: jsonContent(categoryView) }, ...commonErrorResponses },
});
const deleteCat = createRoute({
  method: "delete",
  path: "/categories/{id}",
  tags,
  summary: "Delete an empty category",
  middleware: [authenticate] as const,
  request: { params: idParam },
  responses: { 204: { description: "Deleted" }, ...commonErrorResponses },
});
const createSec = createRoute({
  method: "post",
  path: "/sections",
  tags,
  summary: "Add a section to a category",
  middleware: [authenticate] as const,
  request: { body: { content: jsonContent(sectionInput), required: true } },
  responses: { 201: { description: "Created", content: jsonContent(sectionView) }, ...commonErrorResponses },
});
const patchSec = createRoute({
  method: "patch",
  path: "/sections/{id}",
  tags,
  summary: "Change or move a section",
  middleware: [authenticate] as const,
  request: { params: idParam, body: { content: jsonContent(updateSectionInput), required: true } },
  responses: { 200: { description: "Updated", content: jsonContent(sectionView) }, ...commonErrorResponses },
});
const deleteSec = createRoute({
  method: "delete",
  path: "/sections/{id}",
  tags,
  summary: "Delete an empty section",
  middleware: [authenticate] as const,
  request: { params: idParam },
  responses: { 204: { description: "Deleted" }, ...commonErrorResponses },
});

const articleFileView = z.object({
  id: z.string(),
  articleId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  url: z.string(),
  isImage: z.boolean(),
  createdAt: z.string(),
});

const uploadFile = createRoute({
  method: "post",
  path: "/articles/{id}/files",
  tags,
  summary: `Upload an image or file for an article (multipart field "file", at most ${maxArticleFileBytes / 1024 / 1024} MB)`,
  middleware: [authenticate] as const,
  request: {
    params: articleId,
    body: {
      content: {
        "multipart/form-data": { schema: z.object({ file: z.any().openapi({ type: "string", format: "binary" }) }) },
      },
      required: true,
    },
  },
  responses: {
    201: { description: "Stored; put `url` in the Markdown", content: jsonContent(articleFileView) },
    ...commonErrorResponses,
  },
});
const listFiles = createRoute({
  method: "get",
  path: "/articles/{id}/files",
  tags,
  summary: "An article's images and files",
  middleware: [authenticate] as const,
  request: { params: articleId },
  responses: {
    200: { description: "Files, newest first", content: jsonContent(z.object({ items: z.array(articleFileView) })) },
    ...commonErrorResponses,
  },
});
const deleteFile = createRoute({
  method: "delete",
  path: "/files/{id}",
  tags,
  summary: "Delete an article's file",
  middleware: [authenticate] as const,
  request: { params: idParam },
  responses: { 204: { description: "Deleted" }, ...commonErrorResponses },
});
const downloadFile = createRoute({
  method: "get",
  path: "/files/{id}/{filename}",
  tags,
  summary: "An article's image or file (public once the article is published; staff always)",
  request: { params: z.object({ id: z.string().min(1).max(100), filename: z.string().max(300) }) },
  responses: { 200: { description: "The file" }, 404: commonErrorResponses[404] },
});

const reindex = createRoute({
  method: "post",
  path: "/reindex",
  tags,
  summary: "Rebuild the whole search index from the database, in the background (admins)",
  middleware: [authenticate] as const,
  responses: {
    202: { description: "Queued", content: jsonContent(z.object({ requestedAt: z.string() })) },
    ...commonErrorResponses,
  },
});

const analytics = createRoute({
  method: "get",
  path: "/analytics",
  tags,
  summary: "What help-centre visitors searched for: top searches, searches without results, most read articles",
  middleware: [authenticate] as const,
  request: { query: searchAnalyticsInput },
  responses: {
    200: {
      description: "The report",
      content: jsonContent(
        z.object({
          searches: z.number().int(),
          noResultRate: z.number().nullable(),
          clickThroughRate: z.number().nullable(),
          topSearches: z.array(
            z.object({
              query: z.string(),
              searches: z.number().int(),
              clicks: z.number().int(),
              averageResults: z.number(),
              clickThroughRate: z.number().nullable(),
            }),
          ),
          searchesWithoutResults: z.array(
            z.object({ query: z.string(), searches: z.number().int(), lastSearchedAt: z.string() }),
          ),
          topArticles: z.array(
            z.object({
              articleId: z.string(),
              title: z.string(),
              views: z.number().int(),
              helpful: z.number().int(),
              notHelpful: z.number().int(),
              fromSearch: z.number().int(),
              helpfulRate: z.number().nullable(),
            }),
          ),
          /** Suggested articles opened from the portal's request form whose request was never submitted. */
          deflectedRequests: z.number().int(),
        }),
      ),
    },
    ...commonErrorResponses,
  },
});

export function kbRoutes() {
  return (
    new OpenAPIHono<AppEnv>()
      .openapi(search, async (c) => {
        const { q, locale, category, limit } = c.req.valid("query");
        return c.json(await searchArticles(c.var.deps, { q, locale, categoryId: category, limit }), 200);
      })
      .openapi(categories, async (c) =>
        c.json(
          {
            items: (await listCategories(c.var.deps)).map((cat) => ({
              ...withoutTimestamps(cat),
              sections: cat.sections.map(withoutTimestamps),
            })),
          },
          200,
        ),
      )
      .openapi(sectionArticles, async (c) =>
        c.json(
          { items: await listPublishedArticles(c.var.deps, c.req.valid("param").id, c.req.valid("query").locale) },
          200,
        ),
      )
      .openapi(feedback, async (c) =>
        c.json(await recordArticleFeedback(c.var.deps, c.req.valid("param").id, c.req.valid("json")), 201),
      )
      .openapi(view, async (c) =>
        c.json(await recordArticleView(c.var.deps, c.req.valid("param").id, c.req.valid("json")), 201),
      )
      .openapi(analytics, async (c) =>
        c.json(await getSearchAnalytics(c.var.deps, c.var.actor, c.req.valid("query")), 200),
      )
      .openapi(uploadFile, async (c) => {
        const file = await uploadedFile(await c.req.parseBody(), "file");
        if (!file) throw new DomainError("VALIDATION_FAILED", 'Send the file as the multipart field "file".');
        const stored = await uploadArticleFile(c.var.deps, c.req.valid("param").id, file, c.var.actor.id);
        return c.json(stored, 201);
      })
      .openapi(listFiles, async (c) =>
        c.json({ items: await listArticleFiles(c.var.deps, c.req.valid("param").id) }, 200),
      )
      .openapi(deleteFile, async (c) => {
        await deleteArticleFile(c.var.deps, c.req.valid("param").id);
        return c.body(null, 204);
      })
      .openapi(downloadFile, async (c) => {
        // Staff see a draft's screenshots in the editor's preview; readers only once the article is published.
        const token = sessionTokenFromHeaders(c.req.header("authorization"), c.req.header("cookie"));
        const asStaff = token ? (await authenticateSession(c.var.deps, token)) !== null : false;
        const file = await readArticleFile(c.var.deps, c.req.valid("param").id, { asStaff });
        // A file's bytes never change under its id; drafts' files are private to staff.
        return storedFileResponse(file, { cacheControl: asStaff ? "private, max-age=300" : "public, max-age=86400" });
      })
      .openapi(reindex, async (c) => c.json(await requestKnowledgeBaseReindex(c.var.deps, c.var.actor), 202))
      .openapi(listAll, async (c) =>
        c.json(
          {
            items: (await listArticles(c.var.deps, c.req.valid("query"))).map((a) => ({
              ...toArticle(a),
              translations: a.translations,
            })),
          },
          200,
        ),
      )
      .openapi(create, async (c) =>
        c.json(toDetail(await createArticle(c.var.deps, c.var.actor, c.req.valid("json"))), 201),
      )
      .openapi(getOne, async (c) => c.json(toDetail(await getArticle(c.var.deps, c.req.valid("param").id)), 200))
      .openapi(patch, async (c) =>
        c.json(toArticle(await updateArticle(c.var.deps, c.req.valid("param").id, c.req.valid("json"))), 200),
      )
      .openapi(saveTranslation, async (c) => {
        const { id, locale } = c.req.valid("param");
        return c.json(
          toTranslation(await saveArticleTranslation(c.var.deps, c.var.actor, id, locale, c.req.valid("json"))),
          200,
        );
      })
      .openapi(publish, async (c) =>
        c.json(
          toTranslation(await publishArticle(c.var.deps, c.req.valid("param").id, c.req.valid("param").locale)),
          200,
        ),
      )
      .openapi(unpublish, async (c) =>
        c.json(
          toTranslation(await unpublishArticle(c.var.deps, c.req.valid("param").id, c.req.valid("param").locale)),
          200,
        ),
      )
      .openapi(archive, async (c) =>
        c.json(
          toTranslation(await archiveArticle(c.var.deps, c.req.valid("param").id, c.req.valid("param").locale)),
          200,
        ),
      )
      .openapi(revisions, async (c) => {
        const rows = await listArticleRevisions(c.var.deps, c.req.valid("param").id, c.req.valid("query").locale);
        return c.json(
          { items: rows.map(({ articleId: _a, createdAt, ...r }) => ({ ...r, createdAt: iso(createdAt)! })) },
          200,
        );
      })
      .openapi(restore, async (c) => {
        const { id, revisionId } = c.req.valid("param");
        return c.json(toTranslation(await restoreArticleRevision(c.var.deps, c.var.actor, id, revisionId)), 200);
      })
      // After the staff routes: GET /articles/{id}/revisions must not be read as locale "{id}", slug "revisions".
      .openapi(publicArticle, async (c) => {
        const { locale, slug } = c.req.valid("param");
        const article = await getPublishedArticle(c.var.deps, locale, slug);
        return c.json({ ...article, publishedAt: iso(article.publishedAt), updatedAt: iso(article.updatedAt)! }, 200);
      })
      .openapi(createCat, async (c) =>
        c.json(withoutTimestamps(await createCategory(c.var.deps, c.var.actor, c.req.valid("json"))), 201),
      )
      .openapi(patchCat, async (c) =>
        c.json(
          withoutTimestamps(
            await updateCategory(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")),
          ),
          200,
        ),
      )
      .openapi(deleteCat, async (c) => {
        await deleteCategory(c.var.deps, c.var.actor, c.req.valid("param").id);
        return c.body(null, 204);
      })
      .openapi(createSec, async (c) =>
        c.json(withoutTimestamps(await createSection(c.var.deps, c.var.actor, c.req.valid("json"))), 201),
      )
      .openapi(patchSec, async (c) =>
        c.json(
          withoutTimestamps(await updateSection(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json"))),
          200,
        ),
      )
      .openapi(deleteSec, async (c) => {
        await deleteSection(c.var.deps, c.var.actor, c.req.valid("param").id);
        return c.body(null, 204);
      })
      // The knowledge base throws its own errors; as DomainErrors they reach the app's one error handler and
      // its one code→status table. Anything else is passed on untouched.
      .onError((error) => {
        if (error instanceof KnowledgeBaseError) throw new DomainError(error.code, error.message, error.details);
        throw error;
      })
  );
}
