import { foldVietnamese } from './search-text.js';

/** Long enough for a headline's gist, short enough for a shareable address. */
export const SLUG_MAX_LENGTH = 80;
export const DEFAULT_SLUG_FALLBACK = 'noi-dung';
/** Past this many clashes something is wrong with the caller's check, not with the title. */
const MAX_SUFFIX = 10_000;

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Lower-case ASCII words joined by single hyphens: what slugify produces and a route may accept. */
export function isSlug(s: string): boolean {
  return SLUG_RE.test(s);
}

/** The slug cut to maxLength at a hyphen; a single word longer than that is cut inside. */
function truncateSlug(slug: string, maxLength: number): string {
  if (slug.length <= maxLength) return slug;
  const cut = slug.lastIndexOf('-', maxLength);
  return cut > 0 ? slug.slice(0, cut) : slug.slice(0, maxLength);
}

/**
 * An address-friendly form of a Vietnamese title: "Quyết định số 15/QĐ-UBND" → "quyet-dinh-so-15-qd-ubnd".
 * Diacritics folded as the database's unaccent does, punctuation dropped, cut at a word boundary; a title with
 * nothing left (only symbols, or another script) gives the fallback, so the result is never empty.
 */
export function slugify(title: string, opts: { maxLength?: number; fallback?: string } = {}): string {
  const maxLength = opts.maxLength ?? SLUG_MAX_LENGTH;
  const fallback = opts.fallback ?? DEFAULT_SLUG_FALLBACK;
  if (!isSlug(fallback) || fallback.length > maxLength) throw new Error(`slug fallback "${fallback}" is not a slug of at most ${maxLength} characters`);
  const words = foldVietnamese(title.normalize('NFC'))
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  const slug = truncateSlug(words.join('-'), maxLength);
  return slug === '' ? fallback : slug;
}

/**
 * `base` itself when free, otherwise `base-2`, `base-3`, … (shortened so the suffix still fits maxLength).
 * `taken` is asked once per candidate; a caller expecting many clashes can load the taken slugs with one
 * `like 'base%'` query and answer from a Set. Two writers may still pick the same slug at the same moment, so
 * the table's unique index stays the last word.
 */
export async function uniqueSlug(base: string, taken: (slug: string) => Promise<boolean>, maxLength = SLUG_MAX_LENGTH): Promise<string> {
  if (!isSlug(base) || base.length > maxLength) throw new Error(`"${base}" is not a slug of at most ${maxLength} characters`);
  if (!(await taken(base))) return base;
  for (let n = 2; n <= MAX_SUFFIX; n++) {
    const suffix = `-${n}`;
    const candidate = `${truncateSlug(base, maxLength - suffix.length)}${suffix}`;
    if (!(await taken(candidate))) return candidate;
  }
  throw new Error(`no free slug for "${base}" after ${MAX_SUFFIX} tries`);
}
