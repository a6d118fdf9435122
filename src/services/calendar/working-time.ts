/**
 * Deadlines in working time (domain.md §2; vn-publicservice.md §4 "Deadlines"). Pure functions over a calendar
 * loaded once (queries.ts loadWorkingCalendar): no database, no Intl, no process time zone.
 *
 * Time model. Vietnam has kept UTC+7 without daylight saving since 1975, so a local wall-clock time is the UTC
 * instant plus a fixed 7 hours; every computation works on UTC milliseconds shifted by that offset. Working
 * periods are half-open [start, end): 11:30 is already the lunch break and 17:00 is after hours.
 *
 * Conventions (the rules say "N working days from receipt of a valid dossier" without fixing the hour):
 * - A dossier received outside working hours counts from the next working instant (after 17:00 → next
 *   morning 07:00, during lunch → 13:30), as the R1 reference system does (CaculateTime.cs).
 * - N working days from a receipt at working-time offset o into its day end at offset o into the N-th following
 *   working day: Friday 16:00 + 1 working day → Monday 16:00; Tuesday 10:00 + 3 → Friday 10:00. When that day
 *   is shorter than o (a half-day), the deadline is its closing time.
 * - Hours are working hours added on top, consumed period by period.
 * - A deadline is the earliest instant at which the required working time has elapsed, so it falls on a
 *   closing time rather than the next opening: Monday 07:00 + 1 working day → Monday 17:00, not Tuesday 07:00.
 * - Paused intervals (supplement requested, financial obligation…) do not count: the working time left when the
 *   clock stopped runs again from the resumption (vn-publicservice.md §4: new due date = old due date + paused
 *   duration, normalised to working time). A pause that starts after the deadline has passed does not move it.
 */

export const VN_OFFSET_MS = 7 * 3_600_000;
const MINUTE = 60_000;
const DAY_MS = 86_400_000;

/** Minutes after local midnight, [start, end). */
export type Period = { start: number; end: number };
/** ISO weekday 1 (Monday) … 7 (Sunday) → periods. */
export type Week = Record<number, Period[]>;
export type DayKind = 'holiday' | 'day_off' | 'working_day';

export type WorkingCalendar = {
  week: Week;
  /** Confirmed special days, YYYY-MM-DD → kind. */
  days: ReadonlyMap<string, DayKind>;
  /** Years whose table of days is confirmed; time in any other year cannot be counted. */
  years: ReadonlySet<number>;
};

export type Duration = { days?: number; hours?: number };
export type Pause = { from: Date; to: Date | null };

const standard: Period[] = [
  { start: 7 * 60, end: 11 * 60 + 30 },
  { start: 13 * 60 + 30, end: 17 * 60 },
];

/** Monday to Friday, 07:00–11:30 and 13:30–17:00: the hours of most one-stop desks. */
export const DEFAULT_WEEK: Week = { 1: standard, 2: standard, 3: standard, 4: standard, 5: standard, 6: [], 7: [] };

/** Counting time through a year whose holidays nobody confirmed would give a wrong date, so it is refused. */
export class CalendarYearMissing extends Error {
  constructor(readonly year: number) {
    super(`Lịch làm việc năm ${year} chưa được xác nhận (the working calendar for ${year} is not confirmed)`);
    this.name = 'CalendarYearMissing';
  }
}

// Local day numbers: days since 1970-01-01 in Vietnam time.
const localDay = (ms: number) => Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
const dayStartMs = (day: number) => day * DAY_MS - VN_OFFSET_MS;
export const isoOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const dayOfIso = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
/** ISO weekday; 1970-01-01 was a Thursday. */
export const weekdayOfDay = (day: number) => (((day + 3) % 7) + 7) % 7 + 1;

/**
 * A make-up working day stands in for a regular working day, so it works the hours of the first working
 * weekday of the week (Monday in the default calendar).
 */
function makeUpPeriods(cal: WorkingCalendar): Period[] {
  for (let wd = 1; wd <= 7; wd++) if (cal.week[wd]?.length) return cal.week[wd]!;
  return [];
}

/** The working periods of a local day, as UTC millisecond intervals. */
export function periodsOfDay(cal: WorkingCalendar, day: number): [number, number][] {
  const year = new Date(day * DAY_MS).getUTCFullYear();
  if (!cal.years.has(year)) throw new CalendarYearMissing(year);
  const kind = cal.days.get(isoOfDay(day));
  const periods = kind === 'holiday' || kind === 'day_off' ? [] : kind === 'working_day' ? makeUpPeriods(cal) : (cal.week[weekdayOfDay(day)] ?? []);
  const base = dayStartMs(day);
  return periods.map((p) => [base + p.start * MINUTE, base + p.end * MINUTE]);
}

function instant(t: Date, what: string): number {
  const ms = t instanceof Date ? t.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid instant`);
  return ms;
}

/**
 * Working intervals from t on, clipped to start at t. Ends by CalendarYearMissing at the first unconfirmed
 * year, which also bounds the search in a calendar with no working time at all.
 */
function* intervalsFrom(cal: WorkingCalendar, t: number): Generator<[number, number]> {
  for (let day = localDay(t); ; day++) {
    for (const [s, e] of periodsOfDay(cal, day)) if (e > t) yield [Math.max(s, t), e];
  }
}

export function isWorkingTime(t: Date, cal: WorkingCalendar): boolean {
  const ms = instant(t, 'the time');
  return periodsOfDay(cal, localDay(ms)).some(([s, e]) => s <= ms && ms < e);
}

/** t itself during working hours, otherwise the opening of the next working period. */
export function nextWorkingInstant(t: Date, cal: WorkingCalendar): Date {
  const first = intervalsFrom(cal, instant(t, 'the time')).next().value as [number, number];
  return new Date(first[0]);
}

/** The earliest instant by which `ms` of working time has elapsed after t. */
function consume(cal: WorkingCalendar, t: number, ms: number): number {
  if (ms <= 0) return t;
  let left = ms;
  for (const [s, e] of intervalsFrom(cal, t)) {
    if (e - s >= left) return s + left;
    left -= e - s;
  }
  throw new Error('unreachable: intervalsFrom ends by throwing');
}

function checkedDuration(d: Duration): { days: number; ms: number } {
  const days = d.days ?? 0;
  const hours = d.hours ?? 0;
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${String(d.days)}`);
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working hours must be a number ≥ 0, got ${String(d.hours)}`);
  const minutes = hours * 60;
  if (Math.abs(minutes - Math.round(minutes)) > 1e-9) throw new RangeError(`working hours must be whole minutes, got ${hours}`);
  return { days, ms: Math.round(minutes) * MINUTE };
}

/** The deadline `duration` of working time after `start` (see the conventions at the top of this file). */
export function addWorkingTime(start: Date, duration: Duration, cal: WorkingCalendar): Date {
  const { days, ms } = checkedDuration(duration);
  const from = nextWorkingInstant(start, cal).getTime();
  if (days === 0) return new Date(consume(cal, from, ms));
  const day0 = localDay(from);
  const offset = workedBefore(periodsOfDay(cal, day0), from);
  // The N-th working day after day0 (and the one before it, whose close is the answer at offset 0).
  let previous = day0;
  let target = day0;
  for (let n = 0; n < days; ) {
    target++;
    if (periodsOfDay(cal, target).length) {
      n++;
      if (n < days) previous = target;
    }
  }
  const at = offset === 0 ? closeOf(periodsOfDay(cal, previous)) : atOffset(periodsOfDay(cal, target), offset);
  return new Date(consume(cal, at, ms));
}

/** Working milliseconds of the day's periods before t. */
function workedBefore(periods: [number, number][], t: number): number {
  let sum = 0;
  for (const [s, e] of periods) if (s < t) sum += Math.min(e, t) - s;
  return sum;
}

const closeOf = (periods: [number, number][]) => periods[periods.length - 1]![1];

/** The instant `offset` working ms into a day, or its closing time when the day is shorter. */
function atOffset(periods: [number, number][], offset: number): number {
  let left = offset;
  for (const [s, e] of periods) {
    if (left <= e - s) return s + left;
    left -= e - s;
  }
  return closeOf(periods);
}

/**
 * Working time from a to b in milliseconds; negative when b is before a (time left before a deadline).
 * Walks day by day, so it is meant for spans of days to months, not centuries.
 */
export function workingTimeBetween(a: Date, b: Date, cal: WorkingCalendar): number {
  const [x, y] = [instant(a, 'the start'), instant(b, 'the end')];
  if (y < x) return -workingTimeBetween(b, a, cal);
  let sum = 0;
  for (let day = localDay(x); day <= localDay(y); day++) {
    for (const [s, e] of periodsOfDay(cal, day)) sum += Math.max(0, Math.min(e, y) - Math.max(s, x));
  }
  return sum;
}

/**
 * The deadline when the clock stopped during the given pauses. An open pause (to null) means the dossier is
 * still paused, so there is no deadline yet: null.
 */
export function deadlineWithPauses(start: Date, duration: Duration, pauses: readonly Pause[], cal: WorkingCalendar): Date | null {
  let deadline = addWorkingTime(start, duration, cal).getTime();
  const from = instant(start, 'the start');
  for (const p of mergePauses(pauses, from)) {
    if (p.from >= deadline) break;
    if (p.to === null) return null;
    const left = workingTimeBetween(new Date(p.from), new Date(deadline), cal);
    deadline = consume(cal, nextWorkingInstant(new Date(p.to), cal).getTime(), left);
  }
  return new Date(deadline);
}

/** Pauses sorted, clipped to the start and merged where they overlap or touch. */
function mergePauses(pauses: readonly Pause[], start: number): { from: number; to: number | null }[] {
  const list = pauses.map((p) => {
    const f = instant(p.from, 'a pause start');
    const t = p.to === null ? null : instant(p.to, 'a pause end');
    if (t !== null && t < f) throw new RangeError('a pause ends before it starts');
    return { from: Math.max(f, start), to: t === null ? null : Math.max(t, start) };
  });
  list.sort((p, q) => p.from - q.from);
  const out: { from: number; to: number | null }[] = [];
  for (const p of list) {
    const last = out[out.length - 1];
    if (last && (last.to === null || p.from <= last.to)) {
      last.to = last.to === null || p.to === null ? null : Math.max(last.to, p.to);
    } else out.push({ ...p });
  }
  return out.filter((p) => p.to === null || p.to > p.from);
}
