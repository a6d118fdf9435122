import type { Locale } from '../i18n/index.js';

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Vietnam has kept UTC+7 without daylight saving since 1975, so a calendar day maps to a fixed UTC window. */
const VN_OFFSET_MS = 7 * 3600_000;

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

// Building an Intl.DateTimeFormat costs far more than using one; a list page formats hundreds of times.
const formatters = new Map<Locale, Intl.DateTimeFormat>();

function formatter(locale: Locale): Intl.DateTimeFormat {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', {
      timeZone: VN_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(locale, f);
  }
  return f;
}

/** dd/MM/yyyy HH:mm:ss in Vietnam time, assembled from parts so both languages give the same shape. */
export function formatVnDateTime(at: Date, locale: Locale): string {
  const p: Record<string, string> = {};
  for (const part of formatter(locale).formatToParts(at)) p[part.type] = part.value;
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}
