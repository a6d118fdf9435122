import { and, asc, eq, inArray } from 'drizzle-orm';
import { permittedAgencyIds } from '../../../platform/auth/authorize.js';
import type { Ctx } from '../../../platform/context.js';
import { agencies } from '../../../org/schema.js';
import { categories, siteMenuItems, sites } from '../../schema.js';

const collator = new Intl.Collator('vi');

/** The sites the actor may manage, with their agencies' names. */
export async function manageableSites(ctx: Ctx) {
  const ids = await permittedAgencyIds(ctx, 'site.manage');
  if (ids !== 'all' && ids.length === 0) return [];
  const rows = await ctx.db
    .select({ site: sites, agencyName: agencies.name })
    .from(sites)
    .innerJoin(agencies, eq(agencies.id, sites.agencyId))
    .where(ids === 'all' ? undefined : inArray(sites.agencyId, ids));
  return rows.sort((a, b) => Number(b.site.isMain) - Number(a.site.isMain) || collator.compare(a.site.name, b.site.name));
}

/** Active agencies the actor may open a site for, by name. */
export async function agencyChoices(ctx: Ctx) {
  const ids = await permittedAgencyIds(ctx, 'site.manage');
  if (ids !== 'all' && ids.length === 0) return [];
  const rows = await ctx.db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(and(eq(agencies.active, true), ids === 'all' ? undefined : inArray(agencies.id, ids)));
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

export async function siteAdminDetail(ctx: Ctx, siteId: string) {
  const [items, cats] = await Promise.all([
    ctx.db.select().from(siteMenuItems).where(eq(siteMenuItems.siteId, siteId)).orderBy(asc(siteMenuItems.position), asc(siteMenuItems.label)),
    ctx.db.select().from(categories).where(eq(categories.siteId, siteId)).orderBy(asc(categories.position), asc(categories.name)),
  ]);
  return { items, categories: cats };
}
