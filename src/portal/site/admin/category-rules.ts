import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db/client.js';
import { NotFound } from '../../../platform/errors.js';
import { idOrNotFound, optionalField, optionalText, optionalUuid, text } from '../../../platform/validation.js';
import { categories } from '../../schema.js';
import { isSlug, slugify } from '../../text/slug.js';
import { manageableSite } from './site-rules.js';

export type CategoryRow = typeof categories.$inferSelect;

export const categoryFields = {
  name: text(150),
  nameEn: optionalText(150),
  /** Left blank, the slug is made from the name. */
  slug: optionalField(z.string().max(80, { error: 'field.tooLong' }).refine(isSlug, { error: 'site.admin.slugFormat' }), (s) => s.toLowerCase()),
  description: optionalText(500),
  parentId: optionalUuid,
};

export async function categorySlugTaken(db: Queryable, siteId: string, slug: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.siteId, siteId), eq(categories.slug, slug), exceptId ? ne(categories.id, exceptId) : undefined));
  return !!row;
}

export function categorySlug(name: string, given: string | undefined): string {
  return given ?? slugify(name, { fallback: 'chuyen-muc' });
}

/** A parent must be another category of the same site, and not the category itself. */
export async function parentValid(db: Queryable, siteId: string, parentId: string | undefined, selfId?: string): Promise<boolean> {
  if (!parentId) return true;
  if (parentId === selfId) return false;
  const [p] = await db
    .select({ id: categories.id, parentId: categories.parentId })
    .from(categories)
    .where(and(eq(categories.id, parentId), eq(categories.siteId, siteId)));
  // One level of nesting keeps menus and breadcrumbs simple, and rules out cycles.
  return !!p && !p.parentId;
}

export async function manageableCategory(ctx: Ctx, siteId: string, categoryId: string) {
  const site = await manageableSite(ctx, idOrNotFound(siteId));
  const [category] = await ctx.db
    .select()
    .from(categories)
    .where(and(eq(categories.id, idOrNotFound(categoryId)), eq(categories.siteId, site.id)));
  if (!category) throw new NotFound();
  return { site, category };
}

export function categorySnapshot(c: CategoryRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = c;
  return rest;
}
