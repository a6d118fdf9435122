import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../../platform/db/client.js';
import { BODY_MAX_CHARS, type SearchEntityType } from '../search/search-index.js';
import { sitePaths } from '../urls.js';

/** An article or page to be written already published, as imports, the demo and the corpus generator do. */
export type NewPublishedArticle = {
  siteId: string;
  kind?: 'news' | 'page';
  locale?: 'vi' | 'en';
  translationOfId?: string | null;
  categoryId: string | null;
  slug: string;
  title: string;
  summary: string | null;
  /** Sanitised HTML. */
  body: string;
  /** The words of the body (htmlToText), for the search index; the caller often has them already. */
  text: string;
  authorName?: string | null;
  source?: string | null;
  featured?: boolean;
  publishedAt: Date;
  sourceId?: string | null;
};

/** Rows per statement (and per transaction for the generators): big enough to amortise a round trip. */
export const ROWS_PER_STATEMENT = 1000;

/** The fields a revision records besides title, summary and body (see article_revisions.fields). */
export function revisionFields(a: { categoryId: string | null; slug: string; tags?: string[]; authorName?: string | null; source?: string | null; featured?: boolean }) {
  return { categoryId: a.categoryId, slug: a.slug, tags: a.tags ?? [], coverFileId: null, authorName: a.authorName ?? null, source: a.source ?? null, featured: a.featured ?? false };
}

export type SearchRow = {
  entityType: SearchEntityType;
  entityId: string;
  siteId: string | null;
  locale: 'vi' | 'en';
  categoryId: string | null;
  title: string;
  summary: string | null;
  body: string;
  url: string;
  publishedAt: Date;
};

/** One array parameter per column: a statement of 1,000 rows then has a dozen parameters, not 20,000. */
const column = <T>(rows: T[], pick: (r: T) => unknown) => sql.param(rows.map(pick));

/**
 * indexSearchEntry for many rows in one statement; the tsvector is computed exactly as there (weights A/B/C over
 * f_unaccent(lower(…)), body cut to BODY_MAX_CHARS), so a row indexed either way is found the same way.
 */
export async function indexSearchRows(db: Queryable, rows: SearchRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const col = (pick: (r: SearchRow) => unknown) => column(chunk, pick);
    await db.execute(sql`
      insert into search_entries (entity_type, entity_id, site_id, locale, category_id, title, summary, url, published_at, tsv, title_folded)
      select v.entity_type, v.entity_id, v.site_id, v.locale, v.category_id, v.title, v.summary, v.url, v.published_at,
             setweight(to_tsvector('simple', f_unaccent(lower(v.title))), 'A')
             || setweight(to_tsvector('simple', f_unaccent(lower(coalesce(v.summary, '')))), 'B')
             || setweight(to_tsvector('simple', f_unaccent(lower(v.body))), 'C'),
             f_unaccent(lower(v.title))
        from unnest(${col((r) => r.entityType)}::text[], ${col((r) => r.entityId)}::uuid[], ${col((r) => r.siteId)}::uuid[], ${col((r) => r.locale)}::text[],
                    ${col((r) => r.categoryId)}::uuid[], ${col((r) => r.title)}::text[], ${col((r) => r.summary)}::text[],
                    ${col((r) => r.body.slice(0, BODY_MAX_CHARS))}::text[], ${col((r) => r.url)}::text[], ${col((r) => r.publishedAt.toISOString())}::timestamptz[])
             as v(entity_type, entity_id, site_id, locale, category_id, title, summary, body, url, published_at)
      on conflict (entity_type, entity_id) do update set
        site_id = excluded.site_id, locale = excluded.locale, category_id = excluded.category_id, title = excluded.title,
        summary = excluded.summary, url = excluded.url, published_at = excluded.published_at, tsv = excluded.tsv,
        title_folded = excluded.title_folded`);
  }
}

export function articleSearchRow(a: { id: string } & NewPublishedArticle): SearchRow {
  const kind = a.kind ?? 'news';
  const locale = a.locale ?? 'vi';
  return {
    entityType: kind === 'page' ? 'page' : 'article',
    entityId: a.id,
    siteId: a.siteId,
    locale,
    categoryId: a.categoryId,
    title: a.title,
    summary: a.summary,
    body: a.text,
    url: kind === 'page' ? sitePaths.page(a.slug, locale) : sitePaths.article(a.slug, locale),
    publishedAt: a.publishedAt,
  };
}

/**
 * Writes published articles in statements of ROWS_PER_STATEMENT: the articles, their revision 1 and their search
 * entries. `skipExisting` leaves out rows whose (site, source_id) is already there, so a generator run twice adds
 * nothing; what is returned names the rows written.
 */
export async function insertPublishedArticles(
  db: Queryable,
  rows: NewPublishedArticle[],
  opts: { by: string | null; now: Date; skipExisting?: boolean },
): Promise<{ id: string; siteId: string; sourceId: string | null }[]> {
  const written: { id: string; siteId: string; sourceId: string | null }[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const col = (pick: (r: NewPublishedArticle) => unknown) => column(chunk, pick);
    const returned = await queryRows<{ id: string; site_id: string; kind: string; locale: string; slug: string }>(
      db,
      sql`
      insert into articles (site_id, kind, locale, translation_of_id, category_id, slug, title, summary, body, author_name, source, featured,
                            status, published_at, published_by, created_by, updated_by, source_id, created_at, updated_at)
      select v.site_id, v.kind::article_kind, v.locale, v.translation_of_id, v.category_id, v.slug, v.title, v.summary, v.body, v.author_name,
             v.source, v.featured, 'published', v.published_at, ${opts.by}::uuid, ${opts.by}::uuid, ${opts.by}::uuid, v.source_id,
             ${opts.now.toISOString()}::timestamptz, ${opts.now.toISOString()}::timestamptz
        from unnest(${col((a) => a.siteId)}::uuid[], ${col((a) => a.kind ?? 'news')}::text[], ${col((a) => a.locale ?? 'vi')}::text[],
                    ${col((a) => a.translationOfId ?? null)}::uuid[], ${col((a) => a.categoryId)}::uuid[], ${col((a) => a.slug)}::text[],
                    ${col((a) => a.title)}::text[], ${col((a) => a.summary)}::text[], ${col((a) => a.body)}::text[], ${col((a) => a.authorName ?? null)}::text[],
                    ${col((a) => a.source ?? null)}::text[], ${col((a) => a.featured ?? false)}::boolean[], ${col((a) => a.publishedAt.toISOString())}::timestamptz[],
                    ${col((a) => a.sourceId ?? null)}::text[])
             as v(site_id, kind, locale, translation_of_id, category_id, slug, title, summary, body, author_name, source, featured, published_at, source_id)
      ${opts.skipExisting ? sql`on conflict (site_id, source_id) where source_id is not null do nothing` : sql``}
      returning id, site_id, kind, locale, slug`,
    );
    // (site, kind, locale, slug) is unique, so it finds each returned row's input even when some were skipped.
    const byKey = new Map(chunk.map((a) => [`${a.siteId}|${a.kind ?? 'news'}|${a.locale ?? 'vi'}|${a.slug}`, a]));
    const done = returned.map((r) => ({ ...byKey.get(`${r.site_id}|${r.kind}|${r.locale}|${r.slug}`)!, id: r.id }));
    if (done.length === 0) continue;
    const rev = (pick: (r: (typeof done)[number]) => unknown) => column(done, pick);
    await db.execute(sql`
      insert into article_revisions (article_id, number, title, summary, body, fields, created_by, created_at)
      select v.article_id, 1, v.title, v.summary, v.body, v.fields, ${opts.by}::uuid, ${opts.now.toISOString()}::timestamptz
        from unnest(${rev((a) => a.id)}::uuid[], ${rev((a) => a.title)}::text[], ${rev((a) => a.summary)}::text[], ${rev((a) => a.body)}::text[],
                    ${rev((a) => JSON.stringify(revisionFields(a)))}::jsonb[])
             as v(article_id, title, summary, body, fields)`);
    await indexSearchRows(db, done.map(articleSearchRow));
    written.push(...done.map((a) => ({ id: a.id, siteId: a.siteId, sourceId: a.sourceId ?? null })));
  }
  return written;
}
