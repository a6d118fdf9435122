import { z } from 'zod';

/**
 * Dates as people in Vietnam read them: dd/MM/yyyy, 24-hour times, Asia/Ho_Chi_Minh whatever the server's zone.
 * Stored values are UTC instants, or YYYY-MM-DD for calendar days (unit validity).
 */
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Vietnam has kept UTC+7 without daylight saving since 1975, so a calendar day maps to a fixed UTC window. */
const VN_OFFSET_MS = 7 * 3600_000;

// Building an Intl.DateTimeFormat costs far more than using one (stack-spike §4); list pages format hundreds.
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: VN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: VN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The calendar day in Vietnam at an instant, as YYYY-MM-DD. */
export function vnToday(now: Date): string {
  return dayFormat.format(now);
}

/** dd/MM/yyyy in Vietnam time. */
export function formatVnDate(at: Date): string {
  return showDate(vnToday(at));
}

/** dd/MM/yyyy HH:mm (or HH:mm:ss) in Vietnam time, assembled from parts so every locale gives the same shape. */
export function formatVnDateTime(at: Date, opts: { seconds?: boolean } = {}): string {
  const p: Record<string, string> = {};
  for (const part of dateTimeFormat.formatToParts(at)) p[part.type] = part.value;
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}${opts.seconds ? `:${p.second}` : ''}`;
}

/** A dd/MM/yyyy calendar date, or null when it is not a real date. */
export function parseVnDate(value: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return { y, m: mo, d };
}

/** The instant a Vietnamese calendar day begins; dayOffset 1 gives the start of the next day. */
export function vnDayStart(date: { y: number; m: number; d: number }, dayOffset = 0): Date {
  return new Date(Date.UTC(date.y, date.m - 1, date.d + dayOffset) - VN_OFFSET_MS);
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

/** dd/MM/yyyy for people from YYYY-MM-DD; null stays empty. */
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

/** A required calendar-day form field (dd/MM/yyyy or YYYY-MM-DD), parsed to YYYY-MM-DD. */
export const dateField = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : (parseDate(v) ?? 'invalid')) : v),
  z.string({ error: 'field.required' }).refine(isIsoDate, { error: 'field.date' }),
);

/** "dd/MM/yyyy HH:mm" in Vietnam time (what people type and formatVnDateTime prints), or null. */
export function parseVnDateTime(value: string): Date | null {
  const m = /^(\S+)\s+(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const day = parseVnDate(m[1]!);
  const [h, min] = [Number(m[2]), Number(m[3])];
  if (!day || h > 23 || min > 59) return null;
  return new Date(vnDayStart(day).getTime() + (h * 60 + min) * 60_000);
}
