import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.js';
import { searchEntries } from '../schema.js';

export type SearchEntityType = (typeof searchEntries.entityType.enumValues)[number];

export type SearchEntry = {
  entityType: SearchEntityType;
  entityId: string;
  siteId: string | null;
  locale?: 'vi' | 'en';
  categoryId?: string | null;
  title: string;
  summary?: string | null;
  /** Plain text (see htmlToText); cut to BODY_MAX_CHARS, which is plenty for ranking. */
  body?: string | null;
  /** Site-relative (see urls.ts): the page composes it with the base the visitor reached the site by. */
  url: string;
  publishedAt: Date;
};

/** Beyond this a body adds index size but not findability: the opening of an article carries its words. */
export const BODY_MAX_CHARS = 20_000;

/**
 * Adds or refreshes what search shows for one published thing; call it in the transaction that publishes it, so
 * search never shows something withdrawn nor misses something published. Words are stored diacritic-folded, so
 * "chuyen doi so" and "chuyển đổi số" meet in one form (see search-text.ts for the query side).
 */
export async function indexSearchEntry(db: Queryable, e: SearchEntry): Promise<void> {
  const body = (e.body ?? '').slice(0, BODY_MAX_CHARS);
  const tsv = sql`setweight(to_tsvector('simple', f_unaccent(lower(${e.title}))), 'A')
    || setweight(to_tsvector('simple', f_unaccent(lower(${e.summary ?? ''}))), 'B')
    || setweight(to_tsvector('simple', f_unaccent(lower(${body}))), 'C')`;
  const values = {
    entityType: e.entityType,
    entityId: e.entityId,
    siteId: e.siteId,
    locale: e.locale ?? 'vi',
    categoryId: e.categoryId ?? null,
    title: e.title,
    summary: e.summary ?? null,
    url: e.url,
    publishedAt: e.publishedAt,
    tsv,
    titleFolded: sql`f_unaccent(lower(${e.title}))`,
  };
  const { entityType: _t, entityId: _i, ...changes } = values;
  await db.insert(searchEntries).values(values).onConflictDoUpdate({ target: [searchEntries.entityType, searchEntries.entityId], set: changes });
}

/** Takes a withdrawn thing out of search; a no-op when it was not there. */
export async function removeSearchEntry(db: Queryable, entityType: SearchEntityType, entityId: string): Promise<void> {
  await db.delete(searchEntries).where(and(eq(searchEntries.entityType, entityType), eq(searchEntries.entityId, entityId)));
}
