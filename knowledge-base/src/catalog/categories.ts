import { kbArticles, kbCategories, kbSections, newId } from "@helpdesk/db";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { KnowledgeBaseDeps } from "../deps.ts";
import { KnowledgeBaseError, uniqueViolationOf } from "../errors.ts";
import { localizedTextInput, slugInput } from "../locales.ts";

export const categoryInput = z.object({
  slug: slugInput,
  position: z.number().int().min(0).max(100_000).default(0),
  name: localizedTextInput.refine((n) => Object.keys(n).length > 0, "Name the category in at least one locale."),
  description: localizedTextInput.default({}),
});
export type CategoryInput = z.input<typeof categoryInput>;
export const updateCategoryInput = categoryInput.partial();
export type UpdateCategoryInput = z.input<typeof updateCategoryInput>;

export const sectionInput = categoryInput.extend({ categoryId: z.string().min(1).max(100) });
export type SectionInput = z.input<typeof sectionInput>;
export const updateSectionInput = sectionInput.partial();
export type UpdateSectionInput = z.input<typeof updateSectionInput>;

function slugTaken(error: unknown, slug: string | undefined): never {
  if (uniqueViolationOf(error) !== null)
    throw new KnowledgeBaseError("KB_SLUG_TAKEN", `The slug "${slug}" is already used here.`, { slug });
  throw error;
}

/** Categories in order, each with its sections; the portal's home page. */
export async function listCategories(deps: KnowledgeBaseDeps) {
  const [categories, sections] = await Promise.all([
    deps.db.select().from(kbCategories).orderBy(asc(kbCategories.position), asc(kbCategories.slug)),
    deps.db.select().from(kbSections).orderBy(asc(kbSections.position), asc(kbSections.slug)),
  ]);
  return categories.map((category) => ({
    ...category,
    sections: sections.filter((s) => s.categoryId === category.id),
  }));
}

export async function createCategory(deps: KnowledgeBaseDeps, raw: CategoryInput) {
  const input = categoryInput.parse(raw);
  const [row] = await deps.db
    .insert(kbCategories)
    .values({ id: newId("kbCategory"), ...input })
    .returning()
    .catch((error: unknown) => slugTaken(error, input.slug));
  return row!;
}

export async function updateCategory(deps: KnowledgeBaseDeps, categoryId: string, raw: UpdateCategoryInput) {
  const input = updateCategoryInput.parse(raw);
  const [row] = await deps.db
    .update(kbCategories)
    .set(input)
    .where(eq(kbCategories.id, categoryId))
    .returning()
    .catch((error: unknown) => slugTaken(error, input.slug));
  if (!row) throw new KnowledgeBaseError("KB_CATEGORY_NOT_FOUND", "No such category.", { categoryId });
  return row;
}

/** Removes the category with its sections; refused while any of them holds articles. */
export async function deleteCategory(deps: KnowledgeBaseDeps, categoryId: string) {
  await deps.db.transaction(async (tx) => {
    const [used] = await tx
      .select({ id: kbArticles.id })
      .from(kbArticles)
      .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
      .where(eq(kbSections.categoryId, categoryId))
      .limit(1);
    if (used)
      throw new KnowledgeBaseError("KB_SECTION_NOT_EMPTY", "Move or delete the category's articles first.", {
        categoryId,
      });
    const deleted = await tx
      .delete(kbCategories)
      .where(eq(kbCategories.id, categoryId))
      .returning({ id: kbCategories.id });
    if (deleted.length === 0)
      throw new KnowledgeBaseError("KB_CATEGORY_NOT_FOUND", "No such category.", { categoryId });
  });
}

async function requireCategory(deps: KnowledgeBaseDeps, categoryId: string) {
  const [row] = await deps.db.select({ id: kbCategories.id }).from(kbCategories).where(eq(kbCategories.id, categoryId));
  if (!row) throw new KnowledgeBaseError("KB_CATEGORY_NOT_FOUND", "No such category.", { categoryId });
}

export async function createSection(deps: KnowledgeBaseDeps, raw: SectionInput) {
  const input = sectionInput.parse(raw);
  await requireCategory(deps, input.categoryId);
  const [row] = await deps.db
    .insert(kbSections)
    .values({ id: newId("kbSection"), ...input })
    .returning()
    .catch((error: unknown) => slugTaken(error, input.slug));
  return row!;
}

export async function updateSection(deps: KnowledgeBaseDeps, sectionId: string, raw: UpdateSectionInput) {
  const input = updateSectionInput.parse(raw);
  if (input.categoryId) await requireCategory(deps, input.categoryId);
  const [row] = await deps.db
    .update(kbSections)
    .set(input)
    .where(eq(kbSections.id, sectionId))
    .returning()
    .catch((error: unknown) => slugTaken(error, input.slug));
  if (!row) throw new KnowledgeBaseError("KB_SECTION_NOT_FOUND", "No such section.", { sectionId });
  return row;
}

export async function deleteSection(deps: KnowledgeBaseDeps, sectionId: string) {
  const [used] = await deps.db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(eq(kbArticles.sectionId, sectionId))
    .limit(1);
  if (used)
    throw new KnowledgeBaseError("KB_SECTION_NOT_EMPTY", "Move or delete the section's articles first.", { sectionId });
  const deleted = await deps.db.delete(kbSections).where(eq(kbSections.id, sectionId)).returning({ id: kbSections.id });
  if (deleted.length === 0) throw new KnowledgeBaseError("KB_SECTION_NOT_FOUND", "No such section.", { sectionId });
}
