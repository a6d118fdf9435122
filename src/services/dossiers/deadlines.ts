import { type Pause, VN_OFFSET_MS, type WorkingCalendar, addWorkingTime, deadlineWithPauses, nextWorkingInstant, periodsOfDay, workingTimeBetween } from '../calendar/working-time.js';
import type { ProcessStep, TimeLimit } from '../procedures/definition.js';

/**
 * Due dates of a dossier and of each step of its process, from the procedure version's time limit, over the
 * working calendar (calendar/working-time.ts holds the conventions for working time).
 *
 * Calendar-day limits ("15 ngày") count days on the calendar from the day of receipt, and end at the close of the
 * last day; when that day is a weekend or holiday the due date moves to the close of the next working day
 * (vn-publicservice.md §4). A pause adds its whole calendar length.
 */

const DAY_MS = 86_400_000;
const MINUTE = 60_000;
/** A working day is 8 hours: half a day is 4 working hours (the R1 reference system stores limits in hours). */
export const WORKING_DAY_HOURS = 8;

export type Channel = 'online' | 'in_person' | 'post';

/** The limit that applies: the online one for dossiers filed online, when the procedure sets one. */
export function limitDays(limit: TimeLimit, channel: Channel): number {
  return channel === 'online' && limit.onlineDays !== undefined ? limit.onlineDays : limit.days;
}

/** Whole working days plus the rest in working hours (the engine takes whole days and minutes). */
export function workingDuration(days: number): { days: number; hours: number } {
  const whole = Math.floor(days);
  const minutes = Math.round((days - whole) * WORKING_DAY_HOURS * 60);
  return { days: whole, hours: minutes / 60 };
}

const localDay = (t: Date) => Math.floor((t.getTime() + VN_OFFSET_MS) / DAY_MS);

/** Close of the first working day at or after the local day number. */
function closeOfWorkingDay(day: number, cal: WorkingCalendar): Date {
  for (let d = day; d < day + 400; d++) {
    const periods = periodsOfDay(cal, d);
    if (periods.length > 0) return new Date(periods[periods.length - 1]![1]);
  }
  throw new Error('no working day within a year');
}

/** The due date of a limit from receipt, the clock stopped during the pauses; null while a pause is open. */
export function dueDate(receivedAt: Date, limit: TimeLimit, channel: Channel, cal: WorkingCalendar, pauses: readonly Pause[] = []): Date | null {
  const days = limitDays(limit, channel);
  if (limit.unit === 'working_days') return deadlineWithPauses(receivedAt, workingDuration(days), pauses, cal);
  if (pauses.some((p) => p.to === null)) return null;
  const start = nextWorkingInstant(receivedAt, cal);
  const paused = pauses.reduce((sum, p) => sum + Math.max(0, p.to!.getTime() - Math.max(p.from.getTime(), start.getTime())), 0);
  const lastDay = localDay(start) + Math.ceil(days) + Math.floor(paused / DAY_MS);
  return closeOfWorkingDay(lastDay, cal);
}

/**
 * When each step of the process is due: the span from `from` to the dossier's due date shared out by the steps'
 * percentages, in working time (or calendar time for calendar-day limits), cumulatively so the last step ends on
 * the due date itself.
 */
export function stepDueDates(from: Date, due: Date, steps: readonly ProcessStep[], unit: TimeLimit['unit'], cal: WorkingCalendar): Date[] {
  let cumulative = 0;
  const start = nextWorkingInstant(from, cal);
  const total = unit === 'working_days' ? Math.max(0, workingTimeBetween(start, due, cal)) : Math.max(0, due.getTime() - start.getTime());
  return steps.map((s, i) => {
    cumulative += s.share;
    if (i === steps.length - 1) return due;
    const part = Math.round((total * cumulative) / 100 / MINUTE) * MINUTE;
    if (unit === 'calendar_days') return new Date(start.getTime() + part);
    return part === 0 ? start : addWorkingTime(start, { hours: part / 3_600_000 }, cal);
  });
}
