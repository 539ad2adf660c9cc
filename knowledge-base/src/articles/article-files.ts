import { kbArticleFiles, kbArticles, kbArticleTranslations, newId } from "@helpdesk/db";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { KnowledgeBaseDeps } from "../deps.ts";
import { KnowledgeBaseError } from "../errors.ts";
import { safeFilename } from "../files/safe-filename.ts";

/** Large enough for screenshots and PDFs of a manual; larger files belong on a file host. */
export const maxArticleFileBytes = 10 * 1024 * 1024;

/**
 * What an article may embed or link. SVG is left out on purpose: it can carry script, and these files are served
 * from the help desk's own origin.
 */
const allowedTypes = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/pdf",
  "text/plain",
  "text/csv",
  "application/zip",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
]);

export const articleFileInput = z.object({
  filename: z.string().transform((name) => safeFilename(name)),
  contentType: z
    .string()
    .trim()
    .toLowerCase()
    .transform((type) => type.split(";")[0]!.trim())
    .refine((type) => allowedTypes.has(type), {
      message: "Images (PNG, JPEG, GIF, WebP), PDF, text, CSV, ZIP and Office files only.",
    }),
  content: z
    .instanceof(Uint8Array)
    .refine((bytes) => bytes.byteLength > 0, { message: "The file is empty." })
    .refine((bytes) => bytes.byteLength <= maxArticleFileBytes, {
      message: `At most ${maxArticleFileBytes / 1024 / 1024} MB per file.`,
    }),
});
export type ArticleFileInput = z.input<typeof articleFileInput>;

export interface ArticleFileView {
  id: string;
  articleId: string;
  filename: string;
  contentType: string;
  size: number;
  /** Where the help centre and the editor load it from; put it in the Markdown as is. */
  url: string;
  isImage: boolean;
  createdAt: string;
}

export function articleFileUrl(file: { id: string; filename: string }): string {
  return `/api/kb/files/${file.id}/${encodeURIComponent(file.filename)}`;
}

const columns = {
  id: kbArticleFiles.id,
  articleId: kbArticleFiles.articleId,
  filename: kbArticleFiles.filename,
  contentType: kbArticleFiles.contentType,
  size: kbArticleFiles.size,
  createdAt: kbArticleFiles.createdAt,
};

function toView(row: {
  id: string;
  articleId: string;
  filename: string;
  contentType: string;
  size: number;
  createdAt: Date;
}): ArticleFileView {
  return {
    ...row,
    url: articleFileUrl(row),
    isImage: row.contentType.startsWith("image/"),
    createdAt: row.createdAt.toISOString(),
  };
}

async function requireArticle(deps: KnowledgeBaseDeps, articleId: string) {
  const [article] = await deps.db.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.id, articleId));
  if (!article)
    throw new KnowledgeBaseError("KB_ARTICLE_NOT_FOUND", `Article ${articleId} does not exist.`, { articleId });
}

export async function uploadArticleFile(
  deps: KnowledgeBaseDeps,
  articleId: string,
  raw: ArticleFileInput,
  uploadedById: string | null,
): Promise<ArticleFileView> {
  const input = articleFileInput.parse(raw);
  await requireArticle(deps, articleId);
  const [row] = await deps.db
    .insert(kbArticleFiles)
    .values({
      id: newId("kbArticleFile"),
      articleId,
      filename: input.filename,
      contentType: input.contentType,
      size: input.content.byteLength,
      content: Buffer.from(input.content),
      uploadedById,
    })
    .returning(columns);
  return toView(row!);
}

export async function listArticleFiles(deps: KnowledgeBaseDeps, articleId: string): Promise<ArticleFileView[]> {
  await requireArticle(deps, articleId);
  const rows = await deps.db
    .select(columns)
    .from(kbArticleFiles)
    .where(eq(kbArticleFiles.articleId, articleId))
    .orderBy(desc(kbArticleFiles.createdAt));
  return rows.map(toView);
}

export async function deleteArticleFile(deps: KnowledgeBaseDeps, fileId: string): Promise<void> {
  const deleted = await deps.db
    .delete(kbArticleFiles)
    .where(eq(kbArticleFiles.id, fileId))
    .returning({ id: kbArticleFiles.id });
  if (!deleted.length) throw new KnowledgeBaseError("KB_FILE_NOT_FOUND", `File ${fileId} does not exist.`, { fileId });
}

/**
 * A file's bytes. Readers of the help centre get it only while its article has a published translation, so the
 * screenshots of a draft stay private; staff (`asStaff`) get it always, for the editor's preview.
 */
export async function readArticleFile(deps: KnowledgeBaseDeps, fileId: string, options: { asStaff: boolean }) {
  const [file] = await deps.db.select().from(kbArticleFiles).where(eq(kbArticleFiles.id, fileId));
  if (!file) throw new KnowledgeBaseError("KB_FILE_NOT_FOUND", `File ${fileId} does not exist.`, { fileId });
  if (!options.asStaff) {
    const [published] = await deps.db
      .select({ id: kbArticleTranslations.id })
      .from(kbArticleTranslations)
      .where(and(eq(kbArticleTranslations.articleId, file.articleId), eq(kbArticleTranslations.state, "published")))
      .limit(1);
    if (!published) throw new KnowledgeBaseError("KB_FILE_NOT_FOUND", `File ${fileId} does not exist.`, { fileId });
  }
  return {
    filename: file.filename,
    contentType: file.contentType,
    size: file.size,
    content: new Uint8Array(file.content),
  };
}
