import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Ctx } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { Conflict } from '../../../platform/errors.js';
import { parseInput } from '../../../platform/validation.js';
import { siteMenuItems } from '../../schema.js';
import { invalidateSiteChrome } from '../chrome.js';
import { menuItemFields } from './add-menu-item.js';
import { manageableMenuItem } from './menu-item-rules.js';
import { siteChromeChanged } from './site-rules.js';

/**
 * Menu items carry no version of their own, so the form sends back the label and address it was opened with;
 * if someone changed the item meanwhile, saving over their change is refused.
 */
const input = z.object({ ...menuItemFields, originalLabel: z.string().optional(), originalHref: z.string().optional() });

export async function editMenuItem(ctx: Ctx, siteId: string, itemId: string, raw: unknown) {
  const { site, item } = await manageableMenuItem(ctx, siteId, itemId);
  const data = parseInput(input, raw);
  const updated = await inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(siteMenuItems).where(eq(siteMenuItems.id, item.id)).for('update');
    if (!before) throw new Conflict('site.admin.conflict');
    if ((data.originalLabel !== undefined && data.originalLabel !== before.label) || (data.originalHref !== undefined && data.originalHref !== before.href)) {
      throw new Conflict('site.admin.conflict');
    }
    const [after] = await tx.db
      .update(siteMenuItems)
      .set({ label: data.label, labelEn: data.labelEn ?? null, href: data.href })
      .where(eq(siteMenuItems.id, item.id))
      .returning();
    await recordAudit(tx, { action: 'site.menu_item_updated', entityType: 'site_menu_item', entityId: item.id, agencyId: site.agencyId, before, after });
    await siteChromeChanged(tx.db, site.id);
    return after!;
  });
  invalidateSiteChrome(site.id);
  return updated;
}
