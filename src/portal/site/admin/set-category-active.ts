import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { versionField } from '../../../org/agency-rules.js';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Ctx } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { Conflict } from '../../../platform/errors.js';
import { parseInput } from '../../../platform/validation.js';
import { categories } from '../../schema.js';
import { invalidateSiteChrome } from '../chrome.js';
import { categorySnapshot, manageableCategory } from './category-rules.js';
import { categoriesChanged } from './site-rules.js';

const input = z.object({ version: versionField });

/**
 * Takes a category off the public site, or brings it back. Its articles keep it (they may not lose their place
 * in the archive); a deactivated category's page is simply not shown.
 */
export async function setCategoryActive(ctx: Ctx, siteId: string, categoryId: string, active: boolean, raw: unknown): Promise<void> {
  const { site, category } = await manageableCategory(ctx, siteId, categoryId);
  const data = parseInput(input, raw);
  await inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(categories)
      .set({ active, version: category.version + 1, updatedAt: ctx.now() })
      .where(and(eq(categories.id, category.id), eq(categories.version, data.version)))
      .returning();
    if (!after) throw new Conflict('site.admin.conflict');
    await recordAudit(tx, {
      action: active ? 'site.category_activated' : 'site.category_deactivated',
      entityType: 'category',
      entityId: category.id,
      agencyId: site.agencyId,
      before: categorySnapshot(category),
      after: categorySnapshot(after),
    });
    await categoriesChanged(tx.db, site.id, category.id);
  });
  invalidateSiteChrome(site.id);
}
