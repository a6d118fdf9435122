import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { versionField } from '../../../org/agency-rules.js';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Ctx } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { Conflict, type FieldErrors, Invalid, NotFound, pgErrorCode } from '../../../platform/errors.js';
import { parseInput } from '../../../platform/validation.js';
import { categories } from '../../schema.js';
import { invalidateSiteChrome } from '../chrome.js';
import { type CategoryRow, categoryFields, categorySlug, categorySlugTaken, categorySnapshot, manageableCategory, parentValid } from './category-rules.js';
import { categoriesChanged } from './site-rules.js';

const input = z.object({ ...categoryFields, version: versionField });

/**
 * Renames a category or changes its address. A blank slug keeps the current one: links to the category's page are
 * already out in the world.
 */
export async function editCategory(ctx: Ctx, siteId: string, categoryId: string, raw: unknown): Promise<CategoryRow> {
  const { site, category } = await manageableCategory(ctx, siteId, categoryId);
  const data = parseInput(input, raw);
  const slug = data.slug ? categorySlug(data.name, data.slug) : category.slug;
  const errors: FieldErrors = {};
  if (await categorySlugTaken(ctx.db, site.id, slug, category.id)) errors.slug = { key: 'site.admin.categorySlugTaken', params: { slug } };
  if (!(await parentValid(ctx.db, site.id, data.parentId, category.id))) errors.parentId = { key: 'site.admin.parentInvalid' };
  if (Object.keys(errors).length) throw new Invalid(errors);
  try {
    const updated = await inTransaction(ctx, async (tx) => {
      const [before] = await tx.db.select().from(categories).where(eq(categories.id, category.id)).for('update');
      if (!before) throw new NotFound();
      if (before.version !== data.version) throw new Conflict('site.admin.conflict');
      const [after] = await tx.db
        .update(categories)
        .set({ name: data.name, nameEn: data.nameEn ?? null, slug, description: data.description ?? null, parentId: data.parentId ?? null, version: before.version + 1, updatedAt: ctx.now() })
        .where(and(eq(categories.id, category.id), eq(categories.version, data.version)))
        .returning();
      if (!after) throw new Conflict('site.admin.conflict');
      await recordAudit(tx, { action: 'site.category_updated', entityType: 'category', entityId: category.id, agencyId: site.agencyId, before: categorySnapshot(before), after: categorySnapshot(after) });
      await categoriesChanged(tx.db, site.id, category.id);
      return after;
    });
    invalidateSiteChrome(site.id);
    return updated;
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Invalid({ slug: { key: 'site.admin.categorySlugTaken', params: { slug } } });
    throw err;
  }
}
