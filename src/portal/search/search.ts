import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { queryRows } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { parseDate, vnDayStart } from '../../platform/dates.js';
import { optionalField, parseInput } from '../../platform/validation.js';
import { QUERY_MAX_LENGTH, type Segment, highlight } from '../text/search-text.js';
import { siteBase } from '../urls.js';
import { type ParsedQuery, didYouMean, parseQuery } from './parse-query.js';
import type { SearchEntityType } from './search-index.js';

export const SEARCH_TYPES = ['article', 'page', 'legal', 'question', 'procedure'] as const satisfies readonly SearchEntityType[];
export const PAGE_SIZES = [10, 20] as const;
/** Nobody reads result 1,000; deeper pages only cost the database work. */
export const MAX_PAGE = 50;

/**
 * Relevance, then recency:
 *   relevance = the share of the query's words found as whole words in the (folded) title        — in [0, 1]
 *             + 1   when every document number of the query is in the title — "15/2025" finds 15/2025/QĐ-UBND first
 *             + word_similarity(query, title_folded)     only when nothing matched exactly (the fuzzy second pass)
 *   score     = relevance × (1 + 0.5 / (1 + age in days / 90))
 * so something published today weighs 1.5×, three months ago 1.25×, a year ago about 1.1×: for equal relevance the
 * newer comes first, but recency never lifts a body-only match above a title match. Ties: newer, then id. Every
 * result matched all its words somewhere (title, summary or body) through the full-text index; only the newest
 * RANK_WINDOW matches are ranked (see there).
 */
const dateField = optionalField(
  z.string().transform((s, c) => {
    const iso = parseDate(s);
    if (!iso) {
      c.addIssue({ code: 'custom', message: 'field.date' });
      return z.NEVER;
    }
    return iso;
  }),
);

/** A whole number from the address or a form; anything else (text, a repeated parameter) is refused as invalid. */
const intField = (min: number, max: number, fallback: number) =>
  z
    .unknown()
    .optional()
    .transform((v, c) => {
      const n = v === undefined || v === '' ? fallback : typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(n) || n < min) c.addIssue({ code: 'custom', message: 'field.invalid' });
      else if (n > max) c.addIssue({ code: 'custom', message: 'search.pageTooFar' });
      else return n;
      return z.NEVER;
    });

export const searchInputSchema = z
  .object({
    q: z
      .unknown()
      .optional()
      .refine((v) => v === undefined || typeof v === 'string', { message: 'field.invalid' })
      .transform((v) => (typeof v === 'string' ? v.normalize('NFC').trim() : ''))
      .pipe(z.string().max(QUERY_MAX_LENGTH, { error: 'field.tooLong' })),
    siteId: optionalField(z.uuid({ error: 'field.uuid' })),
    type: optionalField(z.enum(SEARCH_TYPES, { error: 'field.invalid' })),
    categoryId: optionalField(z.uuid({ error: 'field.uuid' })),
    from: dateField,
    to: dateField,
    locale: optionalField(z.enum(['vi', 'en'], { error: 'field.invalid' })),
    page: intField(1, MAX_PAGE, 1),
    pageSize: z
      .unknown()
      .optional()
      .transform((v) => (v === undefined || v === '' ? 10 : Number(v)))
      .refine((n): n is (typeof PAGE_SIZES)[number] => (PAGE_SIZES as readonly number[]).includes(n), { message: 'search.pageSize' }),
  })
  .refine((i) => !i.from || !i.to || i.from <= i.to, { path: ['to'], message: 'search.dateOrder' });

export type SearchInput = z.output<typeof searchInputSchema>;

export type SearchHit = {
  type: SearchEntityType;
  id: string;
  title: string;
  titleSegments: Segment[];
  summary: string | null;
  snippet: Segment[];
  /** Absolute path on the portal's host: the site's base and the entry's site-relative URL. */
  url: string;
  site: { slug: string; name: string; nameEn: string | null; isMain: boolean } | null;
  publishedAt: Date;
};

export type SearchResult = {
  query: ParsedQuery;
  input: SearchInput;
  /** Exact up to COUNT_CAP; with totalAtLeast it is COUNT_CAP and there are more. */
  total: number;
  totalAtLeast: boolean;
  pages: number;
  hits: SearchHit[];
  facets: Partial<Record<SearchEntityType, number>>;
  /** Only when nothing was found for a real query. */
  suggestions: { didYouMean: string | null; titles: { title: string; url: string }[] } | null;
};

type Row = {
  facets: Record<string, number> | string | null;
  entity_type: SearchEntityType | null;
  entity_id: string;
  title: string;
  summary: string | null;
  url: string;
  published_at: Date | string;
  slug: string | null;
  name: string | null;
  name_en: string | null;
  is_main: boolean | null;
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function siteJson(r: Pick<Row, 'slug' | 'name' | 'name_en' | 'is_main'>): SearchHit['site'] {
  return r.slug === null ? null : { slug: r.slug, name: r.name ?? '', nameEn: r.name_en, isMain: Boolean(r.is_main) };
}

function absoluteUrl(r: Pick<Row, 'slug' | 'is_main' | 'url'>): string {
  return r.slug === null ? r.url : `${siteBase({ slug: r.slug, isMain: Boolean(r.is_main) })}${r.url}`;
}

/**
 * Ranking looks at the newest this-many matches only. Ranking reads each match's whole tsvector (kilobytes, stored
 * out of line), so for a word in nearly every entry ("tỉnh") ranking them all would cost a read of the table;
 * counting them does not (the GIN index answers). MAX_PAGE × the largest page fits inside, so every page a person
 * can reach is ranked the same way.
 */
export const RANK_WINDOW = 1000;

/**
 * Matches are counted up to this many: counting every entry that has "tỉnh" costs a visit to each, and a person only
 * needs to know there are more than ten thousand. The per-type counts are then counted among those, so lower bounds.
 */
export const COUNT_CAP = 10_000;

function parseFacets(raw: Row['facets'] | undefined): SearchResult['facets'] {
  return (typeof raw === 'string' ? JSON.parse(raw) : (raw ?? {})) as SearchResult['facets'];
}

/**
 * The match over `search_entries e`, in two parts:
 *   - exact: tsv @@ websearch_to_tsquery(…) on the GIN tsvector index, or for document numbers
 *     title_folded LIKE '%15/2025%' on the trigram GIN index (a BitmapOr of the two);
 *   - fuzzy, only when exact finds nothing: query <% title_folded (word_similarity ≥ 0.6) on the trigram index, so
 *     a partial or slightly misspelt word still finds a title. A -word excludes here too.
 */
function matchSql(q: ParsedQuery): { exact: SQL; fuzzy: SQL | null; rank: SQL; fuzzyRank: SQL } {
  const tsq = sql`websearch_to_tsquery('simple', f_unaccent(lower(${q.websearch})))`;
  const exact: SQL[] = [sql`e.tsv @@ ${tsq}`];
  // Relevance is read from the folded title of the window's rows (short, stored inline): which of the query's words
  // it has as whole words. Ranking from the stored tsvector meant reading kilobytes out of line per row, and
  // re-parsing titles into tsvectors cost nearly as much; a regular expression per word is a few microseconds.
  const words = [...new Set(q.folded.split(' ').filter((w) => w && !q.numbers.includes(w)))].slice(0, 8);
  const ranks: SQL[] = words.length
    ? [sql`(${sql.join(words.map((w) => sql`(w.title_folded ~ ${`\\m${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\M`})::int`), sql` + `)})::float8 / ${words.length}`]
    : [];
  if (q.numbers.length) {
    const all = (alias: SQL) =>
      sql.join(
        q.numbers.map((n) => sql`${alias}.title_folded like ${`%${likeEscape(n)}%`}`),
        sql` and `,
      );
    exact.push(sql`(${all(sql`e`)})`);
    ranks.push(sql`case when ${all(sql`w`)} then 1 else 0 end`);
  }
  let fuzzy: SQL | null = null;
  if (!q.numbers.length && q.folded.replace(/ /g, '').length >= 3) {
    const excluded = q.excluded.map((w) => `"${w}"`).join(' or ');
    fuzzy = excluded ? sql`${q.folded} <% e.title_folded and not e.tsv @@ websearch_to_tsquery('simple', f_unaccent(lower(${excluded})))` : sql`${q.folded} <% e.title_folded`;
  }
  const rank = ranks.length ? sql.join(ranks, sql` + `) : sql`0`;
  return { exact: sql`(${sql.join(exact, sql` or `)})`, fuzzy, rank, fuzzyRank: sql`${rank} + word_similarity(${q.folded}, w.title_folded)` };
}

/**
 * Portal search: one query gives the page of hits, the total and the counts per type (the type filter left out, so
 * the facets show what choosing another type would give). A second runs only when nothing is found, for "did you
 * mean".
 *
 * EXPLAIN ANALYZE on PostgreSQL 15 with 20,000 corpus articles: the planner prices `tsv @@ …` as cheap and picks a
 * sequential scan, which then de-TOASTs every tsvector (≈ 800 ms for "xuất khẩu nông sản"); the bitmap path is
 * "BitmapOr → Bitmap Index Scan on search_entries_tsv / on search_entries_title_trgm" (the GIN answer is exact, so
 * no tsvector is read just to match). Hence sequential scans are switched off for this transaction only. Counting
 * stops at COUNT_CAP, and ranking reads no tsvector at all (see matchSql).
 */
export async function search(ctx: Ctx, raw: unknown): Promise<SearchResult> {
  const input = parseInput(searchInputSchema, raw);
  const query = parseQuery(input.q);
  const empty: SearchResult = { query, input, total: 0, totalAtLeast: false, pages: 0, hits: [], facets: {}, suggestions: null };
  if (!query.searchable) return empty;

  const { exact, fuzzy, rank, fuzzyRank } = matchSql(query);
  const filters: SQL[] = [sql`(s.id is null or s.active)`];
  if (input.siteId) filters.push(sql`e.site_id = ${input.siteId}`);
  if (input.categoryId) filters.push(sql`e.category_id = ${input.categoryId}`);
  if (input.locale) filters.push(sql`e.locale = ${input.locale}`);
  if (input.from) filters.push(sql`e.published_at >= ${vnDayStart(isoParts(input.from)).toISOString()}::timestamptz`);
  if (input.to) filters.push(sql`e.published_at < ${vnDayStart(isoParts(input.to), 1).toISOString()}::timestamptz`);
  const where = sql.join(filters, sql` and `);
  const from = sql`search_entries e left join sites s on s.id = e.site_id`;
  const now = ctx.now().toISOString();
  const offset = (input.page - 1) * input.pageSize;
  const run = (match: SQL, rank: SQL) =>
    inTransaction(ctx, async (tx) => {
      await tx.db.execute(sql`select set_config('enable_seqscan', 'off', true)`);
      return queryRows<Row>(
        tx.db,
        sql`with
        c as (select e.entity_type from ${from} where ${match} and ${where} limit ${COUNT_CAP + 1}),
        f as (select coalesce(json_object_agg(entity_type, n), '{}'::json) as facets from (select entity_type, count(*)::int as n from c group by entity_type) x),
        w as (
          select e.entity_type, e.entity_id, e.published_at, e.site_id, e.title_folded from ${from}
          where ${match} and ${where} ${input.type ? sql`and e.entity_type = ${input.type}` : sql``}
          order by e.published_at desc, e.entity_id limit ${RANK_WINDOW}
        ),
        p as (
          select w.entity_type, w.entity_id, w.published_at, w.site_id,
            (${rank}) * (1 + 0.5 / (1 + greatest(0, extract(epoch from (${now}::timestamptz - w.published_at)) / 86400) / 90)) as score
          from w
          order by score desc, w.published_at desc, w.entity_id limit ${input.pageSize} offset ${offset}
        )
        select f.facets, p.entity_type, p.entity_id, p.published_at, d.title, d.summary, d.url, s.slug, s.name, s.name_en, s.is_main
        from f left join p on true
          left join search_entries d on d.entity_type = p.entity_type and d.entity_id = p.entity_id
          left join sites s on s.id = p.site_id
        order by p.score desc, p.published_at desc, p.entity_id`,
      );
    });
  let rows = await run(exact, rank);
  if (fuzzy && rows.every((r) => r.entity_type === null) && Object.keys(parseFacets(rows[0]?.facets)).length === 0) rows = await run(fuzzy, fuzzyRank);
  const facets = parseFacets(rows[0]?.facets);
  const counted = Object.values(facets).reduce((a, b) => a + b, 0);
  const totalAtLeast = counted > COUNT_CAP;
  const total = input.type ? (facets[input.type] ?? 0) : Math.min(counted, COUNT_CAP);
  const hits: SearchHit[] = rows
    .filter((r) => r.entity_type !== null)
    .map((r) => ({
      type: r.entity_type!,
      id: r.entity_id,
      title: r.title,
      titleSegments: highlight(r.title, query.highlight, { maxLength: 400 }),
      summary: r.summary,
      snippet: highlight(r.summary || r.title, query.highlight),
      url: absoluteUrl(r),
      site: siteJson(r),
      publishedAt: new Date(r.published_at),
    }));
  const pages = Math.min(MAX_PAGE, Math.ceil(total / input.pageSize));
  return { query, input, total, totalAtLeast, pages, hits, facets, suggestions: total === 0 ? await suggest(ctx, query, input.locale) : null };
}

function isoParts(iso: string): { y: number; m: number; d: number } {
  const [y, m, d] = iso.split('-').map(Number);
  return { y: y!, m: m!, d: d! };
}

/**
 * Looser than the 0.6 the main match uses: a suggestion may be further from what was typed ("thein tai" is 0.44
 * from "thiên tai"). Lower thresholds bring in thousands of titles on a large portal, each then compared.
 */
const SUGGEST_THRESHOLD = '0.35';

/**
 * Titles most like the query, whatever the filters were (removing them is one of the tips), and the query with
 * each word replaced by the nearest title word. The threshold of `<%` is a setting, so it is lowered for this
 * transaction only (set_config(…, true)); that keeps the trigram index in use.
 */
async function suggest(ctx: Ctx, query: ParsedQuery, locale: 'vi' | 'en' | undefined): Promise<NonNullable<SearchResult['suggestions']>> {
  // A mistyped document number is not guessed at: "15/2025" is as near to 16/2025 as to 15/2024.
  const words = query.folded.split(' ').filter((w) => !query.numbers.includes(w)).join(' ');
  if (words.replace(/ /g, '').length < 3) return { didYouMean: null, titles: [] };
  const rows = await inTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${SUGGEST_THRESHOLD}, true)`);
    return queryRows<Pick<Row, 'title' | 'url' | 'slug' | 'is_main'>>(
      tx.db,
      sql`select e.title, e.url, s.slug, s.is_main from search_entries e left join sites s on s.id = e.site_id
        where ${words} <% e.title_folded and (s.id is null or s.active) ${locale ? sql`and e.locale = ${locale}` : sql``}
        order by word_similarity(${words}, e.title_folded) desc, e.published_at desc limit 5`,
    );
  });
  return { didYouMean: didYouMean(query, rows.map((r) => r.title)), titles: rows.slice(0, 3).map((r) => ({ title: r.title, url: absoluteUrl(r) })) };
}
