/**
 * Search text for the portal. The database matches with
 * `to_tsvector('simple', f_unaccent(body)) @@ websearch_to_tsquery('simple', f_unaccent($q))`
 * (stack-spike §2), so "chuyen doi so" finds "chuyển đổi số"; the helpers here prepare the query and show the
 * hits in a snippet with the same folding done in JavaScript.
 */

export const QUERY_MAX_LENGTH = 200;
export const SNIPPET_MAX_LENGTH = 240;

/**
 * Letters and punctuation that Unicode does not decompose but `unaccent` folds. Only what appears in
 * Vietnamese text (and names written in it) is listed; each entry is checked against the database in the tests.
 */
const UNDECOMPOSED: Readonly<Record<string, string>> = {
  Đ: 'D',
  đ: 'd',
  // U+00D0 (eth) is often typed for Đ.
  Ð: 'D',
  ð: 'd',
  Ø: 'O',
  ø: 'o',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  ß: 'ss',
  Ł: 'L',
  ł: 'l',
  Þ: 'TH',
  þ: 'th',
  ı: 'i',
  '\u201c': '"',
  '\u201d': '"',
  '\u2018': "'",
  '\u2019': "'",
  '\u2010': '-',
  '\u2011': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
};
const UNDECOMPOSED_RE = new RegExp(`[${Object.keys(UNDECOMPOSED).join('')}]`, 'gu');
const COMBINING_MARKS_RE = /[\u0300-\u036f]/g;

/**
 * Vietnamese text without its diacritics, as PostgreSQL's `unaccent` gives it: tones and vowel marks dropped,
 * đ/Đ (and Ð) to d/D, case kept. NFC and NFD input fold alike.
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(COMBINING_MARKS_RE, '')
    .replace(UNDECOMPOSED_RE, (c) => UNDECOMPOSED[c] ?? c)
    .normalize('NFC');
}

/** Control and format characters (zero-width spaces, bidi overrides, soft hyphens) and lone surrogates. */
const INVISIBLE_RE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

/**
 * A search box value made fit to store and compare: NFC, every run of white space one space, invisible
 * characters removed, trimmed, at most `maxLength` characters. Anything but a string (a parameter sent twice
 * arrives as an array) is no query.
 */
export function normaliseQuery(input: unknown, maxLength = QUERY_MAX_LENGTH): string {
  if (typeof input !== 'string') return '';
  const clean = input.normalize('NFC').replace(/\s+/gu, ' ').replace(INVISIBLE_RE, '').replace(/ {2,}/g, ' ').trim();
  const chars = Array.from(clean);
  return chars.length <= maxLength ? clean : chars.slice(0, maxLength).join('').trimEnd();
}

/** Characters kept inside a search word; any other one separates words, so no query operator survives. */
const NOT_WORD_CHAR_RE = /[^\p{L}\p{M}\p{N}./_@-]+/gu;
/** Joiners kept only between letters or digits: a leading "-" would mean NOT. */
const EDGE_JOINERS_RE = /^[./_@-]+|[./_@-]+$/g;

function cleanWords(s: string): string[] {
  return s
    .replace(NOT_WORD_CHAR_RE, ' ')
    .split(' ')
    .map((w) => w.replace(EDGE_JOINERS_RE, ''))
    .filter((w) => w !== '');
}

/** Phrases in double quotes (typographic quotes too) and loose words; an unmatched quote runs to the end. */
function splitPhrases(query: string): { text: string; quoted: boolean }[] {
  const parts = query.replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"').split('"');
  return parts.map((text, i) => ({ text, quoted: i % 2 === 1 }));
}

/**
 * The search box value as a string for `websearch_to_tsquery('simple', f_unaccent($1))`: words and
 * "quoted phrases" kept, every operator (or, -word, & | ! ( ) : * <->) made an ordinary word or dropped.
 * Empty when nothing searchable is left, which the caller treats as "no search".
 */
export function toTsQuery(input: unknown): string {
  const out: string[] = [];
  for (const part of splitPhrases(normaliseQuery(input))) {
    const words = cleanWords(part.text);
    if (!words.length) continue;
    if (part.quoted) out.push(`"${words.join(' ')}"`);
    else for (const w of words) out.push(w.toLowerCase() === 'or' ? `"${w}"` : w);
  }
  return out.join(' ');
}

export type Segment = { text: string; hit: boolean };

/** Search terms, folded and lower-cased, each as its list of words; longest first so phrases win. */
function searchTerms(query: string): string[][] {
  const seen = new Set<string>();
  const terms: string[][] = [];
  for (const part of splitPhrases(normaliseQuery(query))) {
    const folded = foldVietnamese(part.text).toLowerCase();
    const groups = part.quoted ? [folded] : folded.split(' ');
    for (const g of groups) {
      const words = g.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
      const key = words.join(' ');
      if (words.length && !seen.has(key)) {
        seen.add(key);
        terms.push(words);
      }
    }
  }
  return terms.sort((a, b) => b.join(' ').length - a.join(' ').length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Single characters folded and lower-cased: a page of results folds the same few dozen letters thousands of times,
 * and foldVietnamese (two normalisations) costs ~0.2 µs a character. Bounded, as the characters come from the texts.
 */
const foldedChars = new Map<string, string>();
function foldChar(ch: string): string {
  let piece = foldedChars.get(ch);
  if (piece === undefined) {
    piece = foldVietnamese(ch).toLowerCase();
    if (foldedChars.size < 4096) foldedChars.set(ch, piece);
  }
  return piece;
}

/** The last query's pattern: a page highlights twenty texts with one query. */
let lastPattern: { query: string; re: RegExp | null } = { query: '', re: null };
function hitPattern(query: string): RegExp | null {
  if (lastPattern.query === query) return lastPattern.re;
  const terms = searchTerms(query);
  const alternatives = terms.map((words) => words.map(escapeRegExp).join('[^\\p{L}\\p{N}]+'));
  const re = terms.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null;
  lastPattern = { query, re };
  return re;
}

/**
 * The text folded and lower-cased one character at a time, with where each folded unit came from, so a
 * match in the folded text maps back to the original (folding may shorten or lengthen it).
 */
function foldWithMap(source: string): { folded: string; from: number[]; to: number[] } {
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of source) {
    const piece = foldChar(ch);
    if (piece === '' && to.length) to[to.length - 1] = i + ch.length;
    for (let k = 0; k < piece.length; k++) {
      from.push(i);
      to.push(i + ch.length);
    }
    folded += piece;
    i += ch.length;
  }
  return { folded, from, to };
}

function findHits(source: string, query: string): [number, number][] {
  const re = hitPattern(query);
  if (!re) return [];
  const { folded, from, to } = foldWithMap(source);
  const hits: [number, number][] = [];
  for (const m of folded.matchAll(re)) {
    const start = from[m.index]!;
    const end = to[m.index + m[0].length - 1]!;
    const last = hits[hits.length - 1];
    // Words of one search next to each other read better as one mark: "chuyển đổi số", not three.
    if (last && /^\s*$/.test(source.slice(last[1], start))) last[1] = end;
    else hits.push([start, end]);
  }
  return hits;
}

/** Start and end of the snippet: around the first hit, cut at spaces, never inside a surrogate pair. */
function snippetWindow(source: string, anchor: number, maxLength: number): [number, number] {
  if (source.length <= maxLength) return [0, source.length];
  let start = Math.max(0, anchor - Math.floor(maxLength / 3));
  let end = Math.min(source.length, start + maxLength);
  if (end === source.length) start = Math.max(0, end - maxLength);
  if (start > 0) {
    const space = source.indexOf(' ', start - 1);
    if (space !== -1 && space < anchor) start = space + 1;
  }
  if (end < source.length) {
    const space = source.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  const isLowSurrogate = (i: number) => i > 0 && i < source.length && /[\udc00-\udfff]/.test(source[i]!);
  if (isLowSurrogate(start)) start++;
  if (isLowSurrogate(end)) end--;
  return [start, end];
}

/**
 * A snippet of `text` (white space collapsed, at most about `maxLength` characters, "…" where cut) in segments,
 * with `hit` on what matches the query with or without diacritics. The view escapes every segment and wraps
 * hits in <mark>.
 */
export function highlight(text: string, query: string, opts: { maxLength?: number } = {}): Segment[] {
  const maxLength = opts.maxLength ?? SNIPPET_MAX_LENGTH;
  const source = text.normalize('NFC').replace(/\s+/gu, ' ').replace(INVISIBLE_RE, '').trim();
  const hits = findHits(source, query);
  const [start, end] = snippetWindow(source, hits[0]?.[0] ?? 0, maxLength);
  const segments: Segment[] = [];
  const push = (s: string, hit: boolean) => {
    const last = segments[segments.length - 1];
    if (s === '') return;
    if (last && last.hit === hit) last.text += s;
    else segments.push({ text: s, hit });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (const [hs, he] of hits) {
    const s = Math.max(hs, start);
    const e = Math.min(he, end);
    if (s >= e) continue;
    push(source.slice(at, s), false);
    push(source.slice(s, e), true);
    at = e;
  }
  push(source.slice(at, end), false);
  if (end < source.length) push('…', false);
  return segments;
}
