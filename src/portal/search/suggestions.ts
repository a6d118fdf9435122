import { type SQL, sql } from 'drizzle-orm';
import type { ParsedQuery } from './parse-query.js';

/** A title offered when nothing was found. */
export type SuggestionRow = { title: string; url: string; slug: string | null; is_main: boolean | null };

/**
 * Titles are looked for among the entries published since the this-many-th newest first (the words people are
 * looking for are in the news), and among all entries only when none of those has the corrected words.
 */
const SUGGEST_SAMPLE = 1000;

/** How many of a query word's corrections are tried together: the other words of the query pick among them. */
const ALTERNATIVES = 5;

/** Only so many words of a long query are corrected; more only cost lookups. */
const MAX_WORDS = 8;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** A word the lexicon (search_words) can hold: folded letters, two or more. */
const LEXICON_WORD = /^[a-z]{2,24}$/;
/** A word that can stand for itself in to_tsquery without quoting. */
const PLAIN_WORD = /^[a-z0-9]+$/;

/**
 * The folded words suggestions are looked for with, or null when too little is left to guess from. A mistyped
 * document number is not guessed at: "15/2025" is as near to 16/2025 as to 15/2024.
 */
export function suggestionWords(q: ParsedQuery): string[] | null {
  const words = q.folded.split(' ').filter((w) => w !== '' && !q.numbers.includes(w));
  return words.join('').length < 3 ? null : words;
}

/**
 * Every word one edit from `word` (a letter left out, added, changed, or two neighbours swapped; folded letters):
 * the misspellings trigrams miss, as "thein" for "thiên", share few trigrams with the word meant. ~26 × 2 × length.
 */
export function oneEditAway(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of LETTERS) {
      out.add(head + c + tail);
      if (tail) out.add(head + c + tail.slice(1));
    }
  }
  out.delete(word);
  return [...out];
}

/**
 * The five titles that best fit the words, as a JSON array, best first; read only when `gate` holds (the window
 * found nothing), which PostgreSQL checks once. Filters other than the locale are left out: removing them is one of
 * the tips. Each word is looked up in the lexicon of title words (search_words, a few thousand rows): a known word
 * stands for itself; an unknown one for its ALTERNATIVES most used words one edit away, else its most alike words by
 * trigrams (similarity ≥ 0.3, the index's `%`); a word with nothing alike is dropped. The titles are entries having
 * one alternative of every word (the full-text index, ANDed with the newest SUGGEST_SAMPLE's dates), those with
 * more of the words in the title first, then the newest; the other words choose among a word's alternatives
 * ("chuyne dio so": "dio" may be "doi", "do" or "dia", and the titles with "chuyen" and "so" have "doi"). didYouMean
 * then takes the corrected spelling from these titles.
 */
export function suggestionsSql(words: string[], locale: 'vi' | 'en' | undefined, gate: SQL): SQL {
  const used = words.filter((w) => PLAIN_WORD.test(w)).slice(0, MAX_WORDS);
  const variants = used.flatMap((w, i) => (LEXICON_WORD.test(w) ? oneEditAway(w).map((v) => [i + 1, v] as const) : []));
  const onLocale = locale ? sql`and e.locale = ${locale}` : sql``;
  const gateOnTq = sql`exists (select from tq)`;
  // A word with nothing alike was dropped from the patterns; a missing pattern holds for every title.
  const hasAll = sql.join(
    used.map((_, k) => sql`coalesce(e.title_folded ~ tq.patterns[${sql.raw(String(k + 1))}], true)`),
    sql` and `,
  );
  return sql`with
    q as (select w, i from unnest(${sql.param(used)}::text[]) with ordinality as t(w, i) where ${gate}),
    v as (select q.i, q.w, t.v from unnest(${sql.param(variants.map((v) => v[0]))}::int[], ${sql.param(variants.map((v) => v[1]))}::text[]) as t(i, v) join q on q.i = t.i),
    c as (
      select distinct on (i, word) i, w, word, entries, closeness from (
        select q.i, q.w, q.w as word, 0 as entries, 3 as closeness from q where q.w !~ '^[a-z]{2,}$'
        union all select q.i, q.w, sw.word, sw.entries, 2 from q join search_words sw on sw.word = q.w
        union all select v.i, v.w, sw.word, sw.entries, 1 from v join search_words sw on sw.word = v.v
        union all select q.i, q.w, sw.word, sw.entries, 0 from q join search_words sw on sw.word % q.w
      ) x order by i, word, closeness desc
    ),
    r as (
      select i, word, entries, max(closeness) over (partition by i) as best,
        row_number() over (partition by i order by closeness desc, case when closeness = 1 then entries end desc nulls last, similarity(word, w) desc, entries desc, word) as n
      from c
    ),
    g as (
      select i, string_agg(word, '|' order by n) as alternatives, sum(entries) as titles
      from r where n <= case when best >= 2 then 1 else ${ALTERNATIVES} end group by i
    ),
    tq as (
      select array_agg('\\m(' || alternatives || ')\\M' order by i) as patterns,
        (array_agg('\\m(' || alternatives || ')\\M' order by titles, i))[1] as rarest
      from g having count(*) > 0
    ),
    -- The newest titles with every word, in order, so the scan stops at the fifth (a regular expression per word on
    -- the short folded title; no tsvector is read). Through the full-text index, a word's alternatives would list
    -- most of the corpus ("do", "di", "so").
    recent as (
      select e.title, e.url, s.slug, s.is_main, e.published_at, e.entity_id
      from tq, (select e.title, e.url, e.site_id, e.published_at, e.entity_id, e.title_folded from search_entries e
                where ${gateOnTq} ${onLocale} order by e.published_at desc, e.entity_id limit ${SUGGEST_SAMPLE}) e
        left join sites s on s.id = e.site_id
      where (s.id is null or s.active) and ${hasAll}
      limit 5
    ),
    -- Only when no recent title has them: the newest of all titles with every word, through the trigram index of
    -- the titles (pg_trgm reads the regular expressions' trigrams).
    found as (
      select * from recent
      union all
      select * from (
        select e.title, e.url, s.slug, s.is_main, e.published_at, e.entity_id
        from tq, search_entries e left join sites s on s.id = e.site_id
        where not exists (select from recent) and e.title_folded ~ tq.rarest and ${hasAll} and (s.id is null or s.active) ${onLocale}
        order by e.published_at desc, e.entity_id limit 5
      ) older
    )
    select coalesce(json_agg(json_build_object('title', title, 'url', url, 'slug', slug, 'is_main', is_main)
        order by published_at desc, entity_id), '[]'::json)
    from found`;
}
