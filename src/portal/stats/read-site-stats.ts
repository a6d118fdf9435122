import { asc, desc, eq, inArray } from 'drizzle-orm';
import { permittedAgencyIds, requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { vnToday } from '../../platform/dates.js';
import { NotFound } from '../../platform/errors.js';
import { isUuid } from '../../platform/validation.js';
import { sites } from '../schema.js';
import { dailyVisits, monthlyVisits, siteCounters, topArticles } from './queries.js';
import type { VisitCounter } from './visit-counter.js';

/** The sites whose statistics the actor may read, portal first. */
export async function statsSites(ctx: Ctx) {
  const scope = await permittedAgencyIds(ctx, 'portal.stats.read');
  if (scope !== 'all' && scope.length === 0) return [];
  return ctx.db
    .select({ id: sites.id, name: sites.name, slug: sites.slug, isMain: sites.isMain })
    .from(sites)
    .where(scope === 'all' ? undefined : inArray(sites.agencyId, scope))
    .orderBy(desc(sites.isMain), asc(sites.name));
}

/** Everything the statistics page shows for one site, for a holder of portal.stats.read on its agency. */
export async function readSiteStats(ctx: Ctx, counter: VisitCounter, siteId: string) {
  if (!isUuid(siteId)) throw new NotFound();
  const [site] = await ctx.db.select().from(sites).where(eq(sites.id, siteId));
  if (!site) throw new NotFound();
  await requirePermission(ctx, 'portal.stats.read', site.agencyId);
  const now = ctx.now();
  const year = Number(vnToday(now).slice(0, 4));
  const [counters, daily, monthly, top] = await Promise.all([
    siteCounters(ctx.db, counter, site.id, now),
    dailyVisits(ctx.db, site.id, now, 30),
    monthlyVisits(ctx.db, site.id, year),
    topArticles(ctx.db, site.id, 10),
  ]);
  return { site, year, counters, daily, monthly, top };
}
export type SiteStats = Awaited<ReturnType<typeof readSiteStats>>;
