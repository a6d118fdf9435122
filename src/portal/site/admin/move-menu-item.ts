import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Ctx } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { siteMenuItems } from '../../schema.js';
import { invalidateSiteChrome } from '../chrome.js';
import { manageableMenuItem } from './menu-item-rules.js';
import { siteChromeChanged } from './site-rules.js';

/**
 * Moves a link one place up or down within its menu. The whole menu is renumbered 1..n under a lock, so equal or
 * gapped positions (imported menus) end up in a clean order and two people moving items cannot interleave.
 */
export async function moveMenuItem(ctx: Ctx, siteId: string, itemId: string, direction: 'up' | 'down'): Promise<void> {
  const { site, item } = await manageableMenuItem(ctx, siteId, itemId);
  await inTransaction(ctx, async (tx) => {
    const items = await tx.db
      .select({ id: siteMenuItems.id, position: siteMenuItems.position })
      .from(siteMenuItems)
      .where(and(eq(siteMenuItems.siteId, site.id), eq(siteMenuItems.area, item.area)))
      .orderBy(asc(siteMenuItems.position), asc(siteMenuItems.label), asc(siteMenuItems.id))
      .for('update');
    const order = items.map((i) => i.id);
    const at = order.indexOf(item.id);
    const to = direction === 'up' ? at - 1 : at + 1;
    if (at < 0 || to < 0 || to >= order.length) return;
    [order[at], order[to]] = [order[to]!, order[at]!];
    for (const [i, id] of order.entries()) {
      const position = i + 1;
      if (items.find((x) => x.id === id)!.position !== position) await tx.db.update(siteMenuItems).set({ position }).where(eq(siteMenuItems.id, id));
    }
    await recordAudit(tx, { action: 'site.menu_item_moved', entityType: 'site_menu_item', entityId: item.id, agencyId: site.agencyId, before: { position: at + 1 }, after: { position: to + 1 } });
    await siteChromeChanged(tx.db, site.id);
  });
  invalidateSiteChrome(site.id);
}
