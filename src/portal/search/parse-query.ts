import { foldVietnamese, normaliseQuery, toTsQuery } from '../text/search-text.js';

/**
 * A search box value taken apart the way the portal's search understands it (like a web search engine):
 * words, "quoted phrases", -excluded words, and document numbers such as 15/2025/QĐ-UBND.
 */
export type ParsedQuery = {
  /** The NFC-normalised text the person typed, as shown back to them. */
  text: string;
  /** For `websearch_to_tsquery('simple', f_unaccent(lower(…)))`: only sanitised words, phrases and -words. */
  websearch: string;
  /** Positive words, diacritic-folded and lower-cased, for trigram matching on `title_folded`. */
  folded: string;
  /**
   * Words with a digit and a joiner ("15/2025", "15/2025/qd-ubnd"), folded. The 'simple' parser keeps a whole
   * number as one token ("15/2025/qd-ubnd" is a "file path" to it), so a part of one never matches the tsvector;
   * these are matched as substrings of the title instead.
   */
  numbers: string[];
  /** The -words, without their minus. */
  excluded: string[];
  /** The positive words and phrases, for highlight(). */
  highlight: string;
  /** False when nothing positive is left (empty, blanks, only operators or only -words): no search is run. */
  searchable: boolean;
};

const DOCUMENT_NUMBER_RE = /\p{N}.*[./-]|[./-].*\p{N}/u;

function splitPhrases(query: string): { text: string; quoted: boolean }[] {
  const parts = query.replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"').split('"');
  return parts.map((text, i) => ({ text, quoted: i % 2 === 1 }));
}

/** The words toTsQuery keeps of one token, without the quotes it puts around "or". */
function words(token: string): string[] {
  return toTsQuery(token)
    .split(' ')
    .map((w) => w.replace(/"/g, ''))
    .filter((w) => w !== '');
}

export function parseQuery(input: unknown): ParsedQuery {
  const text = normaliseQuery(input);
  const positive: string[] = [];
  const phrases: string[] = [];
  const excluded: string[] = [];
  for (const part of splitPhrases(text)) {
    if (part.quoted) {
      const phrase = words(part.text);
      if (phrase.length) phrases.push(phrase.join(' '));
      continue;
    }
    for (const token of part.text.split(' ')) {
      if (token.length > 1 && token.startsWith('-')) excluded.push(...words(token.slice(1)));
      else positive.push(...words(token));
    }
  }
  const quote = (w: string) => `"${w}"`;
  // "or" is an operator to websearch_to_tsquery; quoted, it is the word.
  const ws = (w: string) => (w.toLowerCase() === 'or' ? quote(w) : w);
  const websearch = [...positive.map(ws), ...phrases.map(quote), ...excluded.map((w) => `-${ws(w)}`)].join(' ');
  const fold = (s: string) => foldVietnamese(s).toLowerCase();
  const all = [...positive, ...phrases.flatMap((p) => p.split(' '))];
  return {
    text,
    websearch,
    folded: fold(all.join(' ')),
    numbers: [...new Set(all.filter((w) => DOCUMENT_NUMBER_RE.test(w)).map(fold))],
    excluded,
    highlight: [...positive, ...phrases.map(quote)].join(' '),
    searchable: all.length > 0,
  };
}

/**
 * How alike two words are, 0 to 1: one minus their edit distance (insertions, deletions, substitutions and swaps
 * of neighbours) over the longer length. Trigrams find the candidate titles; this picks the word a typo meant,
 * where swapped letters ("thein" for "thiên") would share almost no trigram.
 */
export function wordSimilarity(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (!x.length || !y.length) return x.length === y.length ? 1 : 0;
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return 1 - d[x.length]![y.length]! / Math.max(x.length, y.length);
}

const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:[./-][\p{L}\p{M}\p{N}]+)*/gu;
/** Below this a title word is no better a guess than the person's own word. */
const MIN_WORD_SIMILARITY = 0.6;

/**
 * "Did you mean": each word of the query replaced by the closest word (with its diacritics, the most used spelling)
 * of the titles most like the query, or null when that changes nothing but diacritics.
 */
export function didYouMean(query: ParsedQuery, titles: readonly string[]): string | null {
  // Each folded word with its most used spelling among the titles ("so": "số" in three titles beats "sở" in one).
  const forms = new Map<string, Map<string, number>>();
  for (const title of titles) {
    for (const m of title.normalize('NFC').matchAll(WORD_RE)) {
      const w = m[0].toLowerCase();
      const f = foldVietnamese(w);
      const seen = forms.get(f) ?? new Map<string, number>();
      forms.set(f, seen.set(w, (seen.get(w) ?? 0) + 1));
    }
  }
  if (!forms.size) return null;
  const known = new Map([...forms].map(([f, seen]) => [f, [...seen].reduce((a, b) => (b[1] > a[1] ? b : a))[0]]));
  const out: string[] = [];
  for (const w of query.folded.split(' ').filter((x) => x !== '')) {
    if (known.has(w)) {
      out.push(known.get(w)!);
      continue;
    }
    let best = w;
    let bestScore = MIN_WORD_SIMILARITY;
    for (const [f, original] of known) {
      const s = wordSimilarity(w, f);
      if (s > bestScore) [best, bestScore] = [original, s];
    }
    out.push(best);
  }
  const suggestion = out.join(' ');
  return foldVietnamese(suggestion) === query.folded ? null : suggestion;
}
