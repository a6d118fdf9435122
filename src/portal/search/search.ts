import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { type Queryable, queryRows } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { parseDate, vnDayStart } from '../../platform/dates.js';
import { optionalField, parseInput } from '../../platform/validation.js';
import { QUERY_MAX_LENGTH, type Segment, highlight } from '../text/search-text.js';
import { siteBase } from '../urls.js';
import { type ParsedQuery, didYouMean, parseQuery } from './parse-query.js';
import type { SearchEntityType } from './search-index.js';
import { RANK_WINDOW, type WindowQuery, type WindowRow, disableSeqScan, matchSql, searchWindow } from './search-query.js';
import { type SuggestionRow, suggestionWords, suggestionsSql } from './suggestions.js';

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
  /** Exact up to RANK_WINDOW; with totalAtLeast it is RANK_WINDOW and there are more. */
  total: number;
  totalAtLeast: boolean;
  pages: number;
  hits: SearchHit[];
  facets: Partial<Record<SearchEntityType, number>>;
  /** Only when nothing was found for a real query. */
  suggestions: { didYouMean: string | null; titles: { title: string; url: string }[] } | null;
};

function siteJson(r: Pick<WindowRow, 'slug' | 'name' | 'name_en' | 'is_main'>): SearchHit['site'] {
  return r.slug === null ? null : { slug: r.slug, name: r.name ?? '', nameEn: r.name_en, isMain: Boolean(r.is_main) };
}

function absoluteUrl(r: Pick<WindowRow, 'slug' | 'is_main' | 'url'>): string {
  return r.slug === null ? r.url : `${siteBase({ slug: r.slug, isMain: Boolean(r.is_main) })}${r.url}`;
}

/** Null when the statement did not carry suggestions. */
function parseSuggestions(raw: WindowRow['suggestions'] | undefined): SuggestionRow[] | null {
  return typeof raw === 'string' ? (JSON.parse(raw) as SuggestionRow[]) : (raw ?? null);
}

function parseFacets(raw: WindowRow['facets'] | undefined): SearchResult['facets'] {
  return (typeof raw === 'string' ? JSON.parse(raw) : (raw ?? {})) as SearchResult['facets'];
}

/**
 * Portal search: one statement gives the page of hits, the total and the counts per type (see windowSql), after a
 * cheap estimate of how far back the newest matches go (see cutoffs). When nothing matches exactly, the fuzzy match
 * runs the same way, and when that finds nothing too, the same statement brings the suggestions. All of it runs in
 * one transaction.
 *
 * EXPLAIN ANALYZE on PostgreSQL 15 with 20,000 corpus articles: the planner prices `tsv @@ …` as cheap and picks a
 * sequential scan, which then de-TOASTs every tsvector (≈ 800 ms for "xuất khẩu nông sản"); the bitmap path is
 * "BitmapOr → Bitmap Index Scan on search_entries_tsv / on search_entries_title_trgm" (the GIN answer is exact, so
 * no tsvector is read just to match). Hence sequential scans are switched off, for each search's transaction only.
 */
export async function search(ctx: Ctx, raw: unknown): Promise<SearchResult> {
  const input = parseInput(searchInputSchema, raw);
  const query = parseQuery(input.q);
  const empty: SearchResult = { query, input, total: 0, totalAtLeast: false, pages: 0, hits: [], facets: {}, suggestions: null };
  if (!query.searchable) return empty;

  const { exact, fuzzy, rank, fuzzyRank } = matchSql(query);
  const entryFilters: SQL[] = [sql`true`];
  if (input.siteId) entryFilters.push(sql`e.site_id = ${input.siteId}`);
  if (input.categoryId) entryFilters.push(sql`e.category_id = ${input.categoryId}`);
  if (input.locale) entryFilters.push(sql`e.locale = ${input.locale}`);
  if (input.from) entryFilters.push(sql`e.published_at >= ${vnDayStart(isoParts(input.from)).toISOString()}::timestamptz`);
  if (input.to) entryFilters.push(sql`e.published_at < ${vnDayStart(isoParts(input.to), 1).toISOString()}::timestamptz`);
  const onEntry = sql.join(entryFilters, sql` and `);
  const now = ctx.now().toISOString();
  const score = (r: SQL) => sql`(${r}) * (1 + 0.5 / (1 + greatest(0, extract(epoch from (${now}::timestamptz - w.published_at))::float8 / 86400) / 90))`;
  const window = (db: Queryable, pass: 'exact' | 'fuzzy', match: SQL, r: SQL, mayBeCommon: boolean, suggest?: WindowQuery['suggest']) =>
    searchWindow(
      db,
      {
        match,
        mayBeCommon,
        rank: r,
        where: sql`(s.id is null or s.active) and ${onEntry}`,
        type: input.type,
        score,
        limit: input.pageSize,
        offset: (input.page - 1) * input.pageSize,
        suggest,
        estimateKey: JSON.stringify([pass, query.websearch, query.folded, input.siteId, input.categoryId, input.locale, input.from, input.to, input.type]),
      },
      onEntry,
    );
  const words = suggestionWords(query);
  // One transaction for the exact pass, the fuzzy pass and the suggestions: sequential scans are switched off once,
  // and a misspelling costs no more round trips than it must.
  const { rows, suggested } = await inTransaction(ctx, async (tx) => {
    await disableSeqScan(tx.db);
    let rows = await window(tx.db, 'exact', exact, rank, query.numbers.length === 0);
    if (fuzzy && (rows[0]?.n ?? 0) === 0) rows = await window(tx.db, 'fuzzy', fuzzy, fuzzyRank, true, words ? { words, locale: input.locale } : undefined);
    const found = (input.type ? rows[0]?.typed_n : rows[0]?.n) ?? 0;
    const carried = parseSuggestions(rows[0]?.suggestions);
    if (found > 0 || !words || carried) return { rows, suggested: carried ?? [] };
    const [row] = await queryRows<{ s: WindowRow['suggestions'] }>(tx.db, sql`select (${suggestionsSql(words, input.locale, sql`true`)}) as s`);
    return { rows, suggested: parseSuggestions(row?.s) ?? [] };
  });
  const facets = parseFacets(rows[0]?.facets);
  const counted = (input.type ? rows[0]?.typed_n : rows[0]?.n) ?? 0;
  const totalAtLeast = counted > RANK_WINDOW;
  const total = Math.min(counted, RANK_WINDOW);
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
  const suggestions = total === 0 ? { didYouMean: words ? didYouMean(query, suggested.map((r) => r.title)) : null, titles: suggested.slice(0, 3).map((r) => ({ title: r.title, url: absoluteUrl(r) })) } : null;
  return { query, input, total, totalAtLeast, pages, hits, facets, suggestions };
}

function isoParts(iso: string): { y: number; m: number; d: number } {
  const [y, m, d] = iso.split('-').map(Number);
  return { y: y!, m: m!, d: d! };
}
