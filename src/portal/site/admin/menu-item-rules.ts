import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.js';
import { NotFound } from '../../../platform/errors.js';
import { idOrNotFound } from '../../../platform/validation.js';
import { siteMenuItems } from '../../schema.js';
import { manageableSite } from './site-rules.js';

export type MenuItemRow = typeof siteMenuItems.$inferSelect;

/** A menu item of a site the actor manages; an item of another site is as unknown as a missing one. */
export async function manageableMenuItem(ctx: Ctx, siteId: string, itemId: string) {
  const site = await manageableSite(ctx, idOrNotFound(siteId));
  const [item] = await ctx.db
    .select()
    .from(siteMenuItems)
    .where(and(eq(siteMenuItems.id, idOrNotFound(itemId)), eq(siteMenuItems.siteId, site.id)));
  if (!item) throw new NotFound();
  return { site, item };
}
