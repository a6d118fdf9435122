import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Ctx } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { idOrNotFound, optionalText, parseInput, text } from '../../../platform/validation.js';
import { siteMenuItems } from '../../schema.js';
import { invalidateSiteChrome } from '../chrome.js';
import { hrefField, manageableSite, menuAreas, nextMenuPosition, siteChromeChanged } from './site-rules.js';

export const menuItemFields = {
  label: text(100),
  labelEn: optionalText(100),
  href: hrefField,
};

const input = z.object({ ...menuItemFields, area: z.enum(menuAreas, { error: 'field.invalid' }) });

/** Adds a link at the end of one of a site's menus. */
export async function addMenuItem(ctx: Ctx, siteId: string, raw: unknown) {
  const site = await manageableSite(ctx, idOrNotFound(siteId));
  const data = parseInput(input, raw);
  const item = await inTransaction(ctx, async (tx) => {
    const position = await nextMenuPosition(tx.db, site.id, data.area);
    const [row] = await tx.db
      .insert(siteMenuItems)
      .values({ siteId: site.id, area: data.area, label: data.label, labelEn: data.labelEn ?? null, href: data.href, position })
      .returning();
    await recordAudit(tx, { action: 'site.menu_item_added', entityType: 'site_menu_item', entityId: row!.id, agencyId: site.agencyId, after: row });
    await siteChromeChanged(tx.db, site.id);
    return row!;
  });
  invalidateSiteChrome(site.id);
  return item;
}
