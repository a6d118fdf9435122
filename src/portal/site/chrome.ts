import { and, asc, eq, ne } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.js';
import { siteMenuItems, sites } from '../schema.js';

export type Site = typeof sites.$inferSelect;
export type MenuItem = { id: string; label: string; labelEn: string | null; href: string };
export type OtherSite = { id: string; slug: string; name: string; nameEn: string | null; host: string | null; isMain: boolean };

/** What every public page of a site shows around its content: the three menus and the province's other sites. */
export type SiteChrome = {
  menus: { main: MenuItem[]; footer: MenuItem[]; links: MenuItem[] };
  otherSites: OtherSite[];
};

// Every public page needs the chrome; menus change a few times a year, so they are read once per site and kept
// until a back-office change drops them. Keyed by site id: ids are random UUIDs, so sites of different databases
// (test environments in one process) never meet.
const cache = new Map<string, SiteChrome>();

/** Menus and other sites in two queries, from memory after the first time. */
export async function loadSiteChrome(db: Queryable, siteId: string): Promise<SiteChrome> {
  const hit = cache.get(siteId);
  if (hit) return hit;
  const [items, others] = await Promise.all([
    db
      .select({ id: siteMenuItems.id, area: siteMenuItems.area, label: siteMenuItems.label, labelEn: siteMenuItems.labelEn, href: siteMenuItems.href })
      .from(siteMenuItems)
      .where(eq(siteMenuItems.siteId, siteId))
      .orderBy(asc(siteMenuItems.area), asc(siteMenuItems.position), asc(siteMenuItems.label)),
    db
      .select({ id: sites.id, slug: sites.slug, name: sites.name, nameEn: sites.nameEn, host: sites.host, isMain: sites.isMain })
      .from(sites)
      .where(and(eq(sites.active, true), ne(sites.id, siteId)))
      .orderBy(asc(sites.name)),
  ]);
  const menus: SiteChrome['menus'] = { main: [], footer: [], links: [] };
  for (const { area, ...item } of items) menus[area].push(item);
  const collator = new Intl.Collator('vi');
  others.sort((a, b) => Number(b.isMain) - Number(a.isMain) || collator.compare(a.name, b.name));
  const chrome = { menus, otherSites: others };
  cache.set(siteId, chrome);
  return chrome;
}

/**
 * Drops cached chrome after a change. Without an id every site's chrome goes, which a change to a site itself
 * needs: its name appears in the other sites' footers.
 */
export function invalidateSiteChrome(siteId?: string): void {
  if (siteId) cache.delete(siteId);
  else cache.clear();
  for (const l of chromeListeners) l();
}

const chromeListeners = new Set<() => void>();

/** Other copies of site data kept in memory (sites by host and slug) drop theirs whenever the chrome is dropped. */
export function onSiteChromeInvalidated(listener: () => void): void {
  chromeListeners.add(listener);
}
