import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.js';

export const PAGE_CACHE_CHANNEL = 'congso_pages';

/** NOTIFY payloads are limited to 8,000 bytes; tags are sent in several notifications below that. */
const MAX_PAYLOAD = 7000;

/** The tags pages carry, so writers and pages agree on their spelling. */
export const pageTags = {
  site: (siteId: string) => `site:${siteId}`,
  /** Home pages, category pages, feeds and sitemaps of a site: anything that lists its articles. */
  siteLists: (siteId: string) => `site-lists:${siteId}`,
  /** Menus, footer, colours, links to other sites: every page of the site. */
  chrome: (siteId: string) => `chrome:${siteId}`,
  /** The "other sites" links appear on every site, so a site's name or slug change touches all. */
  allChromes: () => 'chrome:*',
  article: (articleId: string) => `article:${articleId}`,
  category: (categoryId: string) => `category:${categoryId}`,
  legal: (siteId: string) => `legal:${siteId}`,
  questions: (siteId: string) => `questions:${siteId}`,
};

/**
 * Drops the cached pages carrying any of the tags, in every process sharing the database. Called inside the
 * transaction that makes the change: the notification is delivered only if and when it commits, so a rolled-back
 * change invalidates nothing and a committed one cannot be missed.
 */
export async function invalidatePages(db: Queryable, tags: Iterable<string>): Promise<void> {
  const unique = [...new Set(tags)];
  let batch: string[] = [];
  let size = 2;
  for (const tag of unique) {
    const len = Buffer.byteLength(JSON.stringify(tag)) + 1;
    if (batch.length > 0 && size + len > MAX_PAYLOAD) {
      await notify(db, batch);
      batch = [];
      size = 2;
    }
    batch.push(tag);
    size += len;
  }
  if (batch.length > 0) await notify(db, batch);
}

let notified = 0;

/**
 * How many invalidations this process has sent so far. A write request compares it before and after to know whether
 * it must wait for its own invalidations to come back (cache-plugin.ts), without a query for writes that changed
 * nothing shown on a page.
 */
export function invalidationsSent(): number {
  return notified;
}

async function notify(db: Queryable, tags: string[]): Promise<void> {
  notified++;
  await db.execute(sql`select pg_notify(${PAGE_CACHE_CHANNEL}, ${JSON.stringify(tags)})`);
}
