import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Ctx } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { type FieldErrors, Invalid, pgErrorCode } from '../../../platform/errors.js';
import { idOrNotFound, parseInput } from '../../../platform/validation.js';
import { categories } from '../../schema.js';
import { invalidateSiteChrome } from '../chrome.js';
import { type CategoryRow, categoryFields, categorySlug, categorySlugTaken, categorySnapshot, parentValid } from './category-rules.js';
import { categoriesChanged, manageableSite, nextCategoryPosition } from './site-rules.js';

const input = z.object(categoryFields);

/** Adds a news category to a site; its address comes from the name unless one is given. */
export async function createCategory(ctx: Ctx, siteId: string, raw: unknown): Promise<CategoryRow> {
  const site = await manageableSite(ctx, idOrNotFound(siteId));
  const data = parseInput(input, raw);
  const slug = categorySlug(data.name, data.slug);
  const errors: FieldErrors = {};
  if (await categorySlugTaken(ctx.db, site.id, slug)) errors[data.slug ? 'slug' : 'name'] = { key: 'site.admin.categorySlugTaken', params: { slug } };
  if (!(await parentValid(ctx.db, site.id, data.parentId))) errors.parentId = { key: 'site.admin.parentInvalid' };
  if (Object.keys(errors).length) throw new Invalid(errors);
  try {
    const category = await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(categories)
        .values({
          siteId: site.id,
          name: data.name,
          nameEn: data.nameEn ?? null,
          slug,
          description: data.description ?? null,
          parentId: data.parentId ?? null,
          position: await nextCategoryPosition(tx.db, site.id),
          createdAt: ctx.now(),
          updatedAt: ctx.now(),
        })
        .returning();
      await recordAudit(tx, { action: 'site.category_created', entityType: 'category', entityId: row!.id, agencyId: site.agencyId, after: categorySnapshot(row!) });
      await categoriesChanged(tx.db, site.id, row!.id);
      return row!;
    });
    invalidateSiteChrome(site.id);
    return category;
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Invalid({ slug: { key: 'site.admin.categorySlugTaken', params: { slug } } });
    throw err;
  }
}
