import { z } from 'zod';
import type { FieldErrors } from '../../platform/errors.js';
import { dateField } from '../../platform/dates.js';
import { text } from '../../platform/validation.js';
import type { calendarDays, StoredWeek } from './schema.js';
import { type DayKind, type Period, type Week, DEFAULT_WEEK, dayOfIso, weekdayOfDay } from './working-time.js';

export type CalendarDay = typeof calendarDays.$inferSelect;
export const dayKinds = ['holiday', 'day_off', 'working_day'] as const satisfies readonly DayKind[];
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof weekdays)[number];

/** The years the table may hold; the database refuses others too (calendar_years_range). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

export function isCalendarYear(n: number): boolean {
  return Number.isInteger(n) && n >= MIN_YEAR && n <= MAX_YEAR;
}

export const yearField = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z
    .string({ error: 'field.required' })
    .regex(/^\d{4}$/, { error: 'field.invalid' })
    .transform(Number)
    .refine(isCalendarYear, { error: 'calendar.yearRange' }),
);
export const versionField = z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(0, { error: 'field.invalid' });

export const dayFields = {
  day: dateField,
  kind: z.enum(dayKinds, { error: 'calendar.kindRequired' }),
  name: text(200),
};

/**
 * A make-up working day replaces a day of rest and a day off replaces a working day, so each must fall on the
 * other kind of day in the regular week; a holiday may fall on any day (Hùng Kings' day 2026 is a Sunday).
 */
export function checkDayAgainstWeek(week: Week, day: string, kind: DayKind, errors: FieldErrors): void {
  const regular = (week[weekdayOfDay(dayOfIso(day))] ?? []).length > 0;
  if (kind === 'working_day' && regular) errors.kind = { key: 'calendar.workingDayOnWorkday' };
  if (kind === 'day_off' && !regular) errors.kind = { key: 'calendar.dayOffOnRestDay' };
  if (!isCalendarYear(yearOf(day))) errors.day = { key: 'calendar.yearRange' };
}

export function daySnapshot(d: CalendarDay) {
  return { day: d.day, kind: d.kind, name: d.name, source: d.source, confirmed: d.confirmed, version: d.version };
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** "07:00–11:30, 13:30–17:00", or '' for a day of rest. */
export function formatPeriods(periods: readonly Period[]): string {
  return periods.map((p) => `${hhmm(p.start)}–${hhmm(p.end)}`).join(', ');
}

const periodPattern = /^([01]?\d|2[0-4]):([0-5]\d)\s*[-–—]\s*([01]?\d|2[0-4]):([0-5]\d)$/;

/**
 * Reads a weekday's periods as people write them ("07:00-11:30, 13:30-17:00"); blank is a day of rest. Periods
 * must be in order and must not overlap, so the engine can walk them as they are.
 */
export function parsePeriods(raw: string): Period[] | 'format' | 'order' {
  const s = raw.normalize('NFC').trim();
  if (s === '') return [];
  const out: Period[] = [];
  for (const part of s.split(/[,;]/)) {
    const m = periodPattern.exec(part.trim());
    if (!m) return 'format';
    const start = Number(m[1]) * 60 + Number(m[2]);
    const end = Number(m[3]) * 60 + Number(m[4]);
    if (start >= end || end > 24 * 60) return 'order';
    if (out.length && out[out.length - 1]!.end > start) return 'order';
    out.push({ start, end });
  }
  return out;
}

export function weekFromStored(stored: StoredWeek | null | undefined): Week {
  if (!stored) return DEFAULT_WEEK;
  const week: Week = {};
  for (const wd of weekdays) week[wd] = (stored[String(wd)] ?? []).map((p) => ({ start: p.start, end: p.end }));
  return week;
}

export function storedFromWeek(week: Week): StoredWeek {
  const out: StoredWeek = {};
  for (const wd of weekdays) out[String(wd)] = week[wd] ?? [];
  return out;
}
