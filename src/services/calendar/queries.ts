import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.js';
import { type CalendarDay, weekFromStored } from './rules.js';
import { calendarDays, calendarYears, workingCalendar } from './schema.js';
import type { DayKind, Week, WorkingCalendar } from './working-time.js';

export type CalendarYear = typeof calendarYears.$inferSelect;

/** The working hours and the version an edit must carry; version 0 while the defaults are in force. */
export async function loadWeek(db: Queryable): Promise<{ week: Week; version: number }> {
  const [row] = await db.select().from(workingCalendar).where(eq(workingCalendar.id, 1));
  return { week: weekFromStored(row?.week), version: row?.version ?? 0 };
}

/**
 * Everything the engine needs, in three queries: the hours, the confirmed years and their confirmed days (a
 * few dozen rows a year), so callers load once and compute many deadlines.
 */
export async function loadWorkingCalendar(db: Queryable): Promise<WorkingCalendar> {
  const { week } = await loadWeek(db);
  const years = await db.select({ year: calendarYears.year }).from(calendarYears);
  const days = await db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays).where(eq(calendarDays.confirmed, true));
  const confirmed = new Set(years.map((y) => y.year));
  return {
    week,
    years: confirmed,
    days: new Map<string, DayKind>(days.filter((d) => confirmed.has(Number(d.day.slice(0, 4)))).map((d) => [d.day, d.kind])),
  };
}

export type YearView = { year: number; week: Week; weekVersion: number; confirmation: CalendarYear | null; days: CalendarDay[] };

export async function yearView(db: Queryable, year: number): Promise<YearView> {
  const { week, version } = await loadWeek(db);
  const [confirmation] = await db.select().from(calendarYears).where(eq(calendarYears.year, year));
  const days = await db
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)))
    .orderBy(asc(calendarDays.day));
  return { year, week, weekVersion: version, confirmation: confirmation ?? null, days };
}

export async function calendarDayById(db: Queryable, id: string): Promise<CalendarDay | null> {
  const [row] = await db.select().from(calendarDays).where(eq(calendarDays.id, id));
  return row ?? null;
}
