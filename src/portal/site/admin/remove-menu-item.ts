import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Ctx } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { siteMenuItems } from '../../schema.js';
import { invalidateSiteChrome } from '../chrome.js';
import { manageableMenuItem } from './menu-item-rules.js';
import { siteChromeChanged } from './site-rules.js';

/** Takes a link out of a menu; the audit entry keeps what it was. */
export async function removeMenuItem(ctx: Ctx, siteId: string, itemId: string): Promise<void> {
  const { site, item } = await manageableMenuItem(ctx, siteId, itemId);
  await inTransaction(ctx, async (tx) => {
    await tx.db.delete(siteMenuItems).where(eq(siteMenuItems.id, item.id));
    await recordAudit(tx, { action: 'site.menu_item_removed', entityType: 'site_menu_item', entityId: item.id, agencyId: site.agencyId, before: item });
    await siteChromeChanged(tx.db, site.id);
  });
  invalidateSiteChrome(site.id);
}
