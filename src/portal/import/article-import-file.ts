import type { MessageKey, MessageParams } from '../../platform/i18n/index.js';
import { htmlToText, plainTextToHtml, sanitizeArticleHtml } from '../text/sanitize.js';

/** A line of the file that was not imported, and why. */
export type RejectedLine = { line: number; key: MessageKey; params?: MessageParams };

/** One line of the file, checked for shape; sites and categories are looked up later, against the database. */
export type ArticleLine = {
  line: number;
  site: string;
  category: string | null;
  title: string;
  summary: string | null;
  /** Sanitised HTML. */
  body: string;
  /** The body's words, for the search index. */
  text: string;
  publishedAt: Date;
  sourceId: string;
  author: string | null;
  source: string | null;
};

const LIMITS = { site: 100, category: 100, title: 500, summary: 2000, source_id: 200, author: 200, source: 500 } as const;

/** A tag-shaped token: plain text with "<" in it (a formula, "a < b") stays plain text. */
const HTML_TAG_RE = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i;

/** Plain text becomes paragraphs; HTML is cleaned like anything an editor saves. */
export function bodyToHtml(body: string): string {
  return HTML_TAG_RE.test(body) ? sanitizeArticleHtml(body) : plainTextToHtml(body);
}

/** ISO 8601 with a date, optionally a time and zone; a bare date or zone-less time is taken as Vietnam time. */
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parsePublishedAt(value: string): Date | null {
  const m = ISO_RE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone ?? '+07:00'}`);
  if (Number.isNaN(date.getTime())) return null;
  // Date accepts 2025-02-30 by rolling over; a real calendar day and time must read back the same.
  const local = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  if (local.getUTCMonth() !== Number(mo) - 1 || local.getUTCDate() !== Number(d) || local.getUTCHours() !== Number(h) || local.getUTCMinutes() !== Number(mi)) return null;
  return date;
}

type Field = keyof typeof LIMITS | 'title' | 'summary' | 'body' | 'published_at';

type Read = { value: string | null } | { error: { key: MessageKey; params: MessageParams } };

function readText(obj: Record<string, unknown>, field: Field, required: boolean): Read {
  const raw = obj[field];
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return required ? { error: { key: 'portal.import.missing', params: { field } } } : { value: null };
  }
  if (typeof raw !== 'string') return { error: { key: 'portal.import.notText', params: { field } } };
  const max = (LIMITS as Record<string, number>)[field];
  const value = raw.normalize('NFC').trim();
  if (max !== undefined && value.length > max) return { error: { key: 'portal.import.tooLong', params: { field, max } } };
  return { value };
}

/**
 * Reads a JSON Lines file of articles (a byte-order mark and Windows line ends are fine; blank lines are skipped).
 * Every line is checked on its own: a bad line is reported with its number and reason and the rest go ahead. A
 * source_id repeated within one site is refused from its second occurrence, naming the first line.
 */
export function readArticleLines(content: string): { records: ArticleLine[]; rejected: RejectedLine[]; total: number } {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const records: ArticleLine[] = [];
  const rejected: RejectedLine[] = [];
  const firstLine = new Map<string, number>();
  let total = 0;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    total++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      rejected.push({ line, key: 'portal.import.invalidJson', params: { reason: (err as Error).message } });
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      rejected.push({ line, key: 'portal.import.notObject' });
      return;
    }
    const obj = parsed as Record<string, unknown>;
    const values: Partial<Record<Field, string | null>> = {};
    const fields: [Field, boolean][] = [
      ['site', true],
      ['source_id', true],
      ['title', true],
      ['body', true],
      ['published_at', true],
      ['category', false],
      ['summary', false],
      ['author', false],
      ['source', false],
    ];
    for (const [field, required] of fields) {
      const r = readText(obj, field, required);
      if ('error' in r) {
        rejected.push({ line, ...r.error });
        return;
      }
      values[field] = r.value;
    }
    const publishedAt = parsePublishedAt(values.published_at!);
    if (!publishedAt) {
      rejected.push({ line, key: 'portal.import.badDate', params: { value: values.published_at! } });
      return;
    }
    const body = bodyToHtml(values.body!);
    const text = htmlToText(body);
    if (text === '' && !/<img\b/.test(body)) {
      rejected.push({ line, key: 'portal.import.emptyBody' });
      return;
    }
    const key = `${values.site}|${values.source_id}`;
    const first = firstLine.get(key);
    if (first !== undefined) {
      rejected.push({ line, key: 'portal.import.duplicate', params: { sourceId: values.source_id!, line: first } });
      return;
    }
    firstLine.set(key, line);
    records.push({
      line,
      site: values.site!,
      category: values.category ?? null,
      title: values.title!,
      summary: values.summary ?? null,
      body,
      text,
      publishedAt,
      sourceId: values.source_id!,
      author: values.author ?? null,
      source: values.source ?? null,
    });
  });
  return { records, rejected, total };
}
