import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CalendarYearMissing,
  DEFAULT_WEEK,
  type DayKind,
  type Week,
  type WorkingCalendar,
  addWorkingTime,
  deadlineWithPauses,
  isWorkingTime,
  nextWorkingInstant,
  workingTimeBetween,
} from './working-time.js';

/** A Vietnamese wall-clock time, "2026-02-13 16:00". */
const vn = (s: string) => new Date(`${s.replace(' ', 'T')}:00+07:00`);
/** An instant as a Vietnamese wall-clock time, for readable failures. */
const show = (d: Date | null) => (d ? new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : 'null');

function calendar(days: Record<string, DayKind> = {}, opts: { years?: number[]; week?: Week } = {}): WorkingCalendar {
  return { week: opts.week ?? DEFAULT_WEEK, days: new Map(Object.entries(days)), years: new Set(opts.years ?? [2025, 2026, 2027]) };
}

const tet2026: Record<string, DayKind> = { '2026-02-16': 'holiday', '2026-02-17': 'holiday', '2026-02-18': 'holiday', '2026-02-19': 'holiday', '2026-02-20': 'holiday' };
const plain = calendar();
const HOUR = 3_600_000;

describe('working time: hours of the day', () => {
  test('the lunch break and closing time are not working time; periods are half-open', () => {
    assert.equal(isWorkingTime(vn('2026-03-02 07:00'), plain), true);
    assert.equal(isWorkingTime(vn('2026-03-02 06:59'), plain), false);
    assert.equal(isWorkingTime(vn('2026-03-02 11:29'), plain), true);
    assert.equal(isWorkingTime(vn('2026-03-02 11:30'), plain), false);
    assert.equal(isWorkingTime(vn('2026-03-02 12:15'), plain), false);
    assert.equal(isWorkingTime(vn('2026-03-02 13:30'), plain), true);
    assert.equal(isWorkingTime(vn('2026-03-02 17:00'), plain), false);
  });

  test('a receipt during lunch counts from 13:30, one before opening from 07:00', () => {
    assert.equal(show(nextWorkingInstant(vn('2026-03-02 12:00'), plain)), '2026-03-02 13:30');
    assert.equal(show(nextWorkingInstant(vn('2026-03-02 05:45'), plain)), '2026-03-02 07:00');
    assert.equal(show(nextWorkingInstant(vn('2026-03-02 10:10'), plain)), '2026-03-02 10:10');
  });

  test('hours run around the lunch break', () => {
    assert.equal(show(addWorkingTime(vn('2026-03-02 11:00'), { hours: 1 }, plain)), '2026-03-02 14:00');
    assert.equal(show(addWorkingTime(vn('2026-03-02 12:30'), { hours: 2 }, plain)), '2026-03-02 15:30');
  });

  test('a deadline is the earliest instant the time has elapsed: a closing time, not the next opening', () => {
    assert.equal(show(addWorkingTime(vn('2026-03-02 11:00'), { hours: 0.5 }, plain)), '2026-03-02 11:30');
    assert.equal(show(addWorkingTime(vn('2026-03-02 07:00'), { days: 1 }, plain)), '2026-03-02 17:00');
    assert.equal(show(addWorkingTime(vn('2026-03-02 07:00'), { days: 3 }, plain)), '2026-03-04 17:00');
  });

  test('a receipt after 17:00 counts from the next morning', () => {
    assert.equal(show(nextWorkingInstant(vn('2026-03-03 17:30'), plain)), '2026-03-04 07:00');
    assert.equal(show(addWorkingTime(vn('2026-03-03 17:30'), { hours: 2 }, plain)), '2026-03-04 09:00');
    assert.equal(show(addWorkingTime(vn('2026-03-03 17:30'), { days: 1 }, plain)), '2026-03-04 17:00');
  });
});

describe('working time: days, weekends and the year', () => {
  test('N working days end at the same working-time offset N working days later: Friday 16:00 + 1 day is Monday 16:00', () => {
    assert.equal(show(addWorkingTime(vn('2026-03-06 16:00'), { days: 1 }, plain)), '2026-03-09 16:00');
    assert.equal(show(addWorkingTime(vn('2026-03-04 10:00'), { days: 3 }, plain)), '2026-03-09 10:00');
    assert.equal(show(addWorkingTime(vn('2026-03-04 10:00'), { days: 1, hours: 8 }, plain)), '2026-03-06 10:00');
  });

  test('a Friday-evening or weekend receipt counts from Monday morning', () => {
    assert.equal(show(nextWorkingInstant(vn('2026-03-06 18:00'), plain)), '2026-03-09 07:00');
    assert.equal(show(nextWorkingInstant(vn('2026-03-07 09:00'), plain)), '2026-03-09 07:00');
    assert.equal(isWorkingTime(vn('2026-03-08 09:00'), plain), false);
    assert.equal(show(addWorkingTime(vn('2026-03-06 18:00'), { days: 1 }, plain)), '2026-03-09 17:00');
    assert.equal(show(addWorkingTime(vn('2026-03-06 16:30'), { hours: 1 }, plain)), '2026-03-09 07:30');
  });

  test('Tết 2026 (16–20 February) is skipped', () => {
    const cal = calendar(tet2026);
    assert.equal(isWorkingTime(vn('2026-02-18 09:00'), cal), false);
    assert.equal(show(nextWorkingInstant(vn('2026-02-13 17:05'), cal)), '2026-02-23 07:00');
    assert.equal(show(addWorkingTime(vn('2026-02-13 10:00'), { days: 1 }, cal)), '2026-02-23 10:00');
    assert.equal(show(addWorkingTime(vn('2026-02-13 16:00'), { hours: 2 }, cal)), '2026-02-23 08:00');
    assert.equal(show(addWorkingTime(vn('2026-02-12 10:00'), { days: 5 }, cal)), '2026-02-26 10:00');
  });

  test("Hùng Kings' day 2026 falls on a Sunday: Monday 27 April is off only when the compensatory day is configured", () => {
    const holidays: Record<string, DayKind> = { '2026-04-26': 'holiday', '2026-04-30': 'holiday', '2026-05-01': 'holiday' };
    assert.equal(show(addWorkingTime(vn('2026-04-24 10:00'), { days: 1 }, calendar(holidays))), '2026-04-27 10:00');
    const withCompensation = calendar({ ...holidays, '2026-04-27': 'day_off' });
    assert.equal(isWorkingTime(vn('2026-04-27 09:00'), withCompensation), false);
    assert.equal(show(addWorkingTime(vn('2026-04-24 10:00'), { days: 1 }, withCompensation)), '2026-04-28 10:00');
    assert.equal(show(addWorkingTime(vn('2026-04-24 10:00'), { days: 3 }, withCompensation)), '2026-05-04 10:00');
  });

  test('a make-up working Saturday counts, with the hours of a regular day', () => {
    const cal = calendar({ '2026-03-07': 'working_day' });
    assert.equal(isWorkingTime(vn('2026-03-07 09:00'), cal), true);
    assert.equal(isWorkingTime(vn('2026-03-07 12:00'), cal), false);
    assert.equal(show(addWorkingTime(vn('2026-03-06 10:00'), { days: 1 }, cal)), '2026-03-07 10:00');
    assert.equal(show(nextWorkingInstant(vn('2026-03-06 17:00'), cal)), '2026-03-07 07:00');
  });

  test('a day shorter than the offset (a Saturday morning) ends the deadline at its closing time', () => {
    const week: Week = { ...DEFAULT_WEEK, 6: [{ start: 7 * 60, end: 11 * 60 + 30 }] };
    const cal = calendar({}, { week });
    assert.equal(show(addWorkingTime(vn('2026-03-06 16:00'), { days: 1 }, cal)), '2026-03-07 11:30');
    assert.equal(show(addWorkingTime(vn('2026-03-06 08:00'), { days: 1 }, cal)), '2026-03-07 08:00');
  });

  test('a deadline crosses the year boundary through New Year’s Day', () => {
    const cal = calendar({ '2027-01-01': 'holiday' });
    assert.equal(show(addWorkingTime(vn('2026-12-31 16:00'), { days: 1 }, cal)), '2027-01-04 16:00');
    assert.equal(workingTimeBetween(vn('2026-12-31 16:00'), vn('2027-01-04 08:00'), cal), 2 * HOUR);
  });

  test('working time between two instants, negative when they are reversed', () => {
    assert.equal(workingTimeBetween(vn('2026-03-06 16:00'), vn('2026-03-09 08:00'), plain), 2 * HOUR);
    assert.equal(workingTimeBetween(vn('2026-03-09 08:00'), vn('2026-03-06 16:00'), plain), -2 * HOUR);
    assert.equal(workingTimeBetween(vn('2026-03-02 07:00'), vn('2026-03-07 07:00'), plain), 40 * HOUR);
    assert.equal(workingTimeBetween(vn('2026-03-02 11:30'), vn('2026-03-02 13:30'), plain), 0);
  });
});

describe('working time: pauses', () => {
  const start = vn('2026-03-02 09:00');
  test('without pauses the deadline is the plain one', () => {
    assert.equal(show(deadlineWithPauses(start, { days: 5 }, [], plain)), '2026-03-09 09:00');
  });

  test('a pause spanning a weekend gives back only the working time it took', () => {
    const pause = { from: vn('2026-03-05 15:00'), to: vn('2026-03-10 09:00') };
    // 12 h were left when the clock stopped (Thursday 2 h, Friday 8 h, Monday 2 h); they run from Tuesday 09:00.
    assert.equal(show(deadlineWithPauses(start, { days: 5 }, [pause], plain)), '2026-03-11 15:00');
  });

  test('a pause over the weekend only, or after the deadline, changes nothing', () => {
    const weekend = { from: vn('2026-03-06 17:30'), to: vn('2026-03-09 06:00') };
    assert.equal(show(deadlineWithPauses(start, { days: 5 }, [weekend], plain)), '2026-03-09 09:00');
    const late = { from: vn('2026-03-10 08:00'), to: vn('2026-03-12 08:00') };
    assert.equal(show(deadlineWithPauses(start, { days: 5 }, [late], plain)), '2026-03-09 09:00');
  });

  test('overlapping pauses count once, and a pause before the receipt does not count', () => {
    const a = { from: vn('2026-03-03 09:00'), to: vn('2026-03-03 15:00') };
    const b = { from: vn('2026-03-03 14:00'), to: vn('2026-03-04 09:00') };
    const before = { from: vn('2026-02-25 09:00'), to: vn('2026-03-02 10:00') };
    // Tuesday 09:00 → Wednesday 09:00 is one working day; the pause before receipt takes Monday 09:00–10:00.
    assert.equal(show(deadlineWithPauses(start, { days: 5 }, [b, a], plain)), '2026-03-10 09:00');
    assert.equal(show(deadlineWithPauses(start, { days: 5 }, [before], plain)), '2026-03-09 10:00');
  });

  test('an open pause means no deadline yet', () => {
    assert.equal(deadlineWithPauses(start, { days: 5 }, [{ from: vn('2026-03-04 10:00'), to: null }], plain), null);
  });

  test('a pause that ends before it starts is refused', () => {
    assert.throws(() => deadlineWithPauses(start, { days: 1 }, [{ from: vn('2026-03-04 10:00'), to: vn('2026-03-03 10:00') }], plain), RangeError);
  });
});

describe('working time: refusals and assumptions', () => {
  test('negative, fractional-day and non-minute durations are refused with a clear error', () => {
    assert.throws(() => addWorkingTime(vn('2026-03-02 09:00'), { days: -1 }, plain), /working days must be a whole number ≥ 0/);
    assert.throws(() => addWorkingTime(vn('2026-03-02 09:00'), { days: 1.5 }, plain), /working days must be a whole number/);
    assert.throws(() => addWorkingTime(vn('2026-03-02 09:00'), { hours: -2 }, plain), /working hours must be a number ≥ 0/);
    assert.throws(() => addWorkingTime(vn('2026-03-02 09:00'), { hours: Number.NaN }, plain), RangeError);
    assert.throws(() => addWorkingTime(vn('2026-03-02 09:00'), { hours: 1 / 7 }, plain), /whole minutes/);
    assert.throws(() => nextWorkingInstant(new Date('nonsense'), plain), /not a valid instant/);
  });

  test('time in a year whose calendar is not confirmed is refused, naming the year', () => {
    const only2026 = calendar(tet2026, { years: [2026] });
    assert.throws(() => isWorkingTime(vn('2028-03-01 09:00'), only2026), (err: unknown) => err instanceof CalendarYearMissing && err.year === 2028 && /2028/.test(err.message));
    assert.throws(
      () => addWorkingTime(vn('2026-12-30 10:00'), { days: 5 }, only2026),
      (err: unknown) => err instanceof CalendarYearMissing && err.year === 2027,
    );
    assert.throws(() => nextWorkingInstant(vn('2026-12-31 17:30'), only2026), CalendarYearMissing);
  });

  test('a calendar with no working time at all ends in a refusal rather than a loop', () => {
    const none = calendar({}, { week: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] }, years: [2026] });
    assert.throws(() => nextWorkingInstant(vn('2026-03-02 09:00'), none), CalendarYearMissing);
  });

  test('Asia/Ho_Chi_Minh is UTC+7 without daylight saving on every day 2000–2035, as the engine assumes', () => {
    const f = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    for (let t = Date.UTC(2000, 0, 1, 5); t < Date.UTC(2036, 0, 1); t += 86_400_000) {
      assert.equal(f.format(new Date(t)), '12:00', new Date(t).toISOString());
    }
  });

  test('results do not depend on the server’s time zone: only UTC instants go in and out', () => {
    const d = addWorkingTime(new Date('2026-03-06T09:00:00.000Z'), { days: 1 }, plain);
    assert.equal(d.toISOString(), '2026-03-09T09:00:00.000Z');
  });
});
