import { z } from 'zod';

const vnDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Vietnam at an instant, as YYYY-MM-DD (unit validity is by Vietnamese calendar day). */
export function vnToday(now: Date): string {
  return vnDate.format(now);
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** dd/MM/yyyy for people; null stays empty. */
export function showDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Accepts dd/MM/yyyy (what people type) or YYYY-MM-DD; gives YYYY-MM-DD. */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const iso = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : s;
  return isIsoDate(iso) ? iso : null;
}

export const dateField = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : (parseDate(v) ?? 'invalid')) : v),
  z.string({ error: 'field.required' }).refine(isIsoDate, { error: 'field.date' }),
);
