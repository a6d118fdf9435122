import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../../platform/db/client.js';
import type { ParsedQuery } from './parse-query.js';
import type { SearchEntityType } from './search-index.js';
import { type SuggestionRow, suggestionsSql } from './suggestions.js';

/**
 * Ranking looks at the newest this-many matches only, and matches are counted as far as one more ("more than
 * 1,000"): a person reads the first pages, and MAX_PAGE × the largest page fits inside, so every page a person can
 * reach is ranked the same way. Finding the newest thousand matches of a word in nearly every entry ("tỉnh") is the
 * expensive part of a search; see windowSql and cutoffs.
 */
export const RANK_WINDOW = 1000;

/** How many of the newest entries are tested to estimate how common the query is (see cutoffs). */
export const SAMPLE_SIZE = 200;

/**
 * The deepest bound looked up: finding the k-th newest entry walks k index entries (~0.3 µs each), and a query
 * rarer than (RANK_WINDOW + 1) / MAX_DEPTH of the entries has few enough matches to read them all.
 */
const MAX_DEPTH = 15_000;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type Match = { exact: SQL; fuzzy: SQL | null; rank: SQL; fuzzyRank: SQL };

/**
 * The match over `search_entries e`, in two parts:
 *   - exact: tsv @@ websearch_to_tsquery(…) on the GIN tsvector index, or for document numbers
 *     title_folded LIKE '%15/2025%' on the trigram GIN index (a BitmapOr of the two);
 *   - fuzzy, only when exact finds nothing: query <% title_folded (word_similarity ≥ 0.6) on the trigram index, so
 *     a partial or slightly misspelt word still finds a title. A -word excludes here too.
 * and the relevance of a window row `w` (see search.ts for the score).
 */
export function matchSql(q: ParsedQuery): Match {
  const tsq = sql`websearch_to_tsquery('simple', f_unaccent(lower(${q.websearch})))`;
  const exact: SQL[] = [sql`e.tsv @@ ${tsq}`];
  // Relevance is read from the folded title of the window's rows (short, stored inline): which of the query's words
  // it has as whole words. Ranking from the stored tsvector meant reading kilobytes out of line per row, and
  // re-parsing titles into tsvectors cost nearly as much; a regular expression per word is a few microseconds, and
  // strpos first skips it for most titles (1,000 titles × 4 words: 0.7 ms instead of 2.8 ms).
  const words = [...new Set(q.folded.split(' ').filter((w) => w && !q.numbers.includes(w)))].slice(0, 8);
  const ranks: SQL[] = words.length
    ? [sql`(${sql.join(words.map((w) => sql`(strpos(w.title_folded, ${w}) > 0 and w.title_folded ~ ${`\\m${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\M`})::int`), sql` + `)})::float8 / ${words.length}`]
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

/** Lower bounds on published_at for the window of all types and for the type filter's window; null: no bound. */
type Cutoffs = { all: string | null; typed: string | null };

/**
 * Where the newest RANK_WINDOW + 1 matches probably begin, so the window statement reads only entries published
 * since: the GIN bitmap of the match ANDed with a published_at range, instead of every match's row (97,000 rows for
 * "tỉnh" in the 100,000-article bench corpus, ~100 ms). The share of matches among the newest SAMPLE_SIZE entries
 * (with the filters) is taken at its lower bound (hits − 2√hits), and the bound is the published_at of the entry
 * RANK_WINDOW / share places from the newest. A query that is not common enough gets no bound (see MAX_DEPTH).
 * Only an estimate: the caller checks the window came back full, and runs the statement again without the bound when
 * not, so a bound never changes what is found.
 */
async function cutoffs(db: Queryable, match: SQL, entryFilters: SQL, type: SearchEntityType | undefined): Promise<Cutoffs> {
  // How deep the bound lies for a number of hits in the sample, or null for no bound. One statement with the lookup,
  // as a round trip costs more than the arithmetic on a busy server.
  const depth = (hits: SQL) => sql`case when x.n = ${SAMPLE_SIZE} and ${hits} - 2 * sqrt(${hits}) > 0
      and ceil(${(RANK_WINDOW + 1) * SAMPLE_SIZE} / (${hits} - 2 * sqrt(${hits}))) <= ${MAX_DEPTH}
    then ceil(${(RANK_WINDOW + 1) * SAMPLE_SIZE} / (${hits} - 2 * sqrt(${hits})))::int end`;
  // The k-th newest entry's date as text, so the bound goes back exactly (a JavaScript Date keeps milliseconds only).
  const at = (k: SQL) =>
    sql`case when ${k} is not null then (select e.published_at::text from search_entries e where ${entryFilters} order by e.published_at desc, e.entity_id offset ${k} - 1 limit 1) end`;
  const [row] = await queryRows<Cutoffs>(
    db,
    sql`with x as (
        select count(*)::int as n, count(*) filter (where hit)::int as hits, count(*) filter (where hit and entity_type = ${type ?? null})::int as typed
        from (select e.entity_type, ${match} as hit from search_entries e where ${entryFilters}
              order by e.published_at desc, e.entity_id limit ${SAMPLE_SIZE}) s
      ), k as (select ${depth(sql`x.hits`)} as k_all, ${type ? depth(sql`x.typed`) : sql`null::int`} as k_typed from x)
      select ${at(sql`k.k_all`)} as "all", ${at(sql`k.k_typed`)} as typed from k`,
  );
  return { all: row?.all ?? null, typed: row?.typed ?? null };
}

export type WindowRow = {
  /** Matches among the newest RANK_WINDOW + 1 of all types, by type (a JSON string on some drivers). */
  facets: Record<string, number> | string | null;
  /** How many of those there are, and of the type filter's window (null without a type filter). */
  n: number;
  typed_n: number | null;
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
  /** The suggestions when the statement carried them and found nothing (a JSON string on some drivers). */
  suggestions: SuggestionRow[] | string | null;
};

export type WindowQuery = {
  match: SQL;
  /** False when the match is known to be rare (a document number), so no bound is estimated. */
  mayBeCommon: boolean;
  rank: SQL;
  /** Every filter but the type, over `e` and its site `s`. */
  where: SQL;
  type: SearchEntityType | undefined;
  /** The score of a window row `w`: its relevance times a recency factor. */
  score: (rank: SQL) => SQL;
  limit: number;
  offset: number;
  /** Words and locale for suggestions to come back with an empty page in the same statement; absent: none. */
  suggest?: { words: string[]; locale: 'vi' | 'en' | undefined };
  /** Names the match, filters and type (not the page) for the estimate's memo; absent: estimated every time. */
  estimateKey?: string;
};

const FROM = sql`search_entries e left join sites s on s.id = e.site_id`;

/**
 * One statement for the page: `m` the newest RANK_WINDOW + 1 matches of all types (their count and counts per type:
 * the facets, which leave the type filter out so they show what choosing another type would give), `t` the same
 * for the type filter, then the newest RANK_WINDOW of those ranked, and the page's rows with their texts and sites.
 * Each window carries only short inline columns; titles and summaries are read for the page's rows only. With
 * `suggest`, an empty window comes back with the suggestions (the fuzzy pass's last statement, so a misspelling costs
 * no statement of its own for them).
 */
function windowSql(w: WindowQuery, cut: Cutoffs): SQL {
  const newest = (extra: SQL, since: string | null) => sql`(
    select e.entity_type, e.entity_id, e.published_at, e.site_id, e.title_folded from ${FROM}
    where ${w.match} and ${w.where} ${extra} ${since === null ? sql`` : sql`and e.published_at >= ${since}::timestamptz`}
    order by e.published_at desc, e.entity_id limit ${RANK_WINDOW + 1})`;
  // Only a statement without bounds is surely the last one (see searchWindow), so only it carries suggestions.
  const final = cut.all === null && cut.typed === null;
  const suggestions = w.suggest && final ? sql`(${suggestionsSql(w.suggest.words, w.suggest.locale, sql`not exists (select from ${w.type ? sql`t` : sql`m`})`)})` : sql`null::json`;
  return sql`with
    m as materialized ${newest(sql``, cut.all)},
    ${w.type ? sql`t as materialized ${newest(sql`and e.entity_type = ${w.type}`, cut.typed)},` : sql``}
    f as (
      select coalesce(json_object_agg(entity_type, n), '{}'::json) as facets, coalesce(sum(n), 0)::int as n
      from (select entity_type, count(*)::int as n from m group by entity_type) x
    ),
    w as (select * from ${w.type ? sql`t` : sql`m`} order by published_at desc, entity_id limit ${RANK_WINDOW}),
    p as (
      select w.entity_type, w.entity_id, w.published_at, w.site_id, ${w.score(w.rank)} as score
      from w order by score desc, w.published_at desc, w.entity_id limit ${w.limit} offset ${w.offset}
    )
    select f.facets, f.n, ${w.type ? sql`(select count(*)::int from t)` : sql`null::int`} as typed_n, ${suggestions} as suggestions,
      p.entity_type, p.entity_id, p.published_at, d.title, d.summary, d.url, s.slug, s.name, s.name_en, s.is_main
    from f left join p on true
      left join search_entries d on d.entity_type = p.entity_type and d.entity_id = p.entity_id
      left join sites s on s.id = p.site_id
    order by p.score desc, p.published_at desc, p.entity_id`;
}

/** For the rest of the transaction (see search()). */
export async function disableSeqScan(db: Queryable): Promise<void> {
  await db.execute(sql`select set_config('enable_seqscan', 'off', true)`);
}

/**
 * The page of one match: with the estimated bounds, then without any bound that left its window short. Run it in a
 * transaction with sequential scans switched off (disableSeqScan).
 */
export async function searchWindow(db: Queryable, w: WindowQuery, entryFilters: SQL): Promise<WindowRow[]> {
  const remembered = w.estimateKey === undefined ? undefined : estimates.get(w.estimateKey);
  const fresh = remembered !== undefined && Date.now() - remembered.at < ESTIMATE_TTL_MS;
  const cut = !w.mayBeCommon ? { all: null, typed: null } : fresh ? remembered.cut : await cutoffs(db, w.match, entryFilters, w.type);
  if (w.mayBeCommon && !fresh && w.estimateKey !== undefined) remember(w.estimateKey, cut);
  const rows = await queryRows<WindowRow>(db, windowSql(w, cut));
  const first = rows[0];
  const short = (n: number | null | undefined, since: string | null) => since !== null && (n ?? 0) <= RANK_WINDOW;
  const retry: Cutoffs = { all: short(first?.n, cut.all) ? null : cut.all, typed: short(first?.typed_n, cut.typed) ? null : cut.typed };
  if (retry.all === cut.all && retry.typed === cut.typed) return rows;
  if (w.estimateKey !== undefined) estimates.delete(w.estimateKey);
  return queryRows<WindowRow>(db, windowSql(w, retry));
}

/**
 * The estimates of the last searches, for a minute: popular searches repeat (and a person turns pages), and the
 * estimate is a statement (200 tsvectors read) of each. Any bound gives the right page (searchWindow checks it and
 * runs again without one), so a stale one, or one from another database of the process, costs time only; a bound
 * that left a window short is forgotten.
 */
const estimates = new Map<string, { at: number; cut: Cutoffs }>();
const ESTIMATE_TTL_MS = 60_000;
const ESTIMATES_KEPT = 500;

function remember(key: string, cut: Cutoffs): void {
  estimates.delete(key);
  if (estimates.size >= ESTIMATES_KEPT) estimates.delete(estimates.keys().next().value!);
  estimates.set(key, { at: Date.now(), cut });
}
