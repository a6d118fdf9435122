import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_WEEK, type DayKind, type WorkingCalendar } from '../calendar/working-time.js';
import type { ProcessStep } from '../procedures/definition.js';
import { dueDate, limitDays, stepDueDates, workingDuration } from './deadlines.js';

const vn = (s: string) => new Date(`${s.replace(' ', 'T')}:00+07:00`);
const show = (d: Date | null) => (d ? new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : 'null');
const calendar = (days: Record<string, DayKind> = {}): WorkingCalendar => ({ week: DEFAULT_WEEK, days: new Map(Object.entries(days)), years: new Set([2025, 2026, 2027]) });
const tet2026: Record<string, DayKind> = { '2026-02-16': 'holiday', '2026-02-17': 'holiday', '2026-02-18': 'holiday', '2026-02-19': 'holiday', '2026-02-20': 'holiday' };
const working = (days: number, onlineDays?: number) => ({ unit: 'working_days' as const, days, ...(onlineDays ? { onlineDays } : {}) });
const calendarDays = (days: number) => ({ unit: 'calendar_days' as const, days });

describe('dossier due dates', () => {
  test('half a working day is four working hours, across the lunch break', () => {
    assert.deepEqual(workingDuration(2.5), { days: 2, hours: 4 });
    assert.equal(show(dueDate(vn('2026-03-02 10:00'), working(0.5), 'in_person', calendar())), '2026-03-02 16:00');
  });

  test('the online limit applies to dossiers filed online only', () => {
    assert.equal(limitDays(working(10, 7), 'online'), 7);
    assert.equal(limitDays(working(10, 7), 'in_person'), 10);
    assert.equal(show(dueDate(vn('2026-03-02 09:00'), working(10, 7), 'online', calendar())), '2026-03-11 09:00');
  });

  test('a dossier received on Friday evening counts from Monday morning', () => {
    assert.equal(show(dueDate(vn('2026-03-06 17:30'), working(1), 'in_person', calendar())), '2026-03-09 17:00');
  });

  test('working days skip the Tết week', () => {
    assert.equal(show(dueDate(vn('2026-02-13 10:00'), working(3), 'online', calendar(tet2026))), '2026-02-25 10:00');
  });

  test('a supplement pause spanning the Tết holiday gives back only the working time it took', () => {
    const cal = calendar(tet2026);
    // Received Wednesday 11 Feb 10:00 with 5 working days: due Wednesday 18 Feb without Tết, 25 Feb with it.
    assert.equal(show(dueDate(vn('2026-02-11 10:00'), working(5), 'online', cal)), '2026-02-25 10:00');
    // Paused Thursday 12 Feb 15:00 until Monday 23 Feb 09:00: the pause took Thursday 15:00–17:00 and Friday 13
    // (2 h + 8 h), Tết itself was never working time, and Monday 07:00–09:00 (2 h): 12 working hours in all.
    const paused = dueDate(vn('2026-02-11 10:00'), working(5), 'online', cal, [{ from: vn('2026-02-12 15:00'), to: vn('2026-02-23 09:00') }]);
    assert.equal(show(paused), '2026-02-26 16:00');
    assert.equal(dueDate(vn('2026-02-11 10:00'), working(5), 'online', cal, [{ from: vn('2026-02-12 15:00'), to: null }]), null, 'no due date while paused');
  });

  test('a calendar-day limit ends at the close of its last day, moved off a weekend to Monday', () => {
    // Received Monday 2 March; 5 calendar days → Saturday 7 March → Monday 9 March 17:00.
    assert.equal(show(dueDate(vn('2026-03-02 09:00'), calendarDays(5), 'in_person', calendar())), '2026-03-09 17:00');
    // 4 calendar days → Friday 6 March, a working day: its close.
    assert.equal(show(dueDate(vn('2026-03-02 09:00'), calendarDays(4), 'in_person', calendar())), '2026-03-06 17:00');
  });

  test('a calendar-day due date on a holiday moves to the next working day, and a pause adds its whole days', () => {
    // 30 April and 1 May 2026 are holidays (Thursday, Friday): 3 days from Monday 27 April is Thursday 30 → Monday 4 May.
    const cal = calendar({ '2026-04-30': 'holiday', '2026-05-01': 'holiday' });
    assert.equal(show(dueDate(vn('2026-04-27 09:00'), calendarDays(3), 'in_person', cal)), '2026-05-04 17:00');
    const withPause = dueDate(vn('2026-03-02 09:00'), calendarDays(4), 'in_person', calendar(), [{ from: vn('2026-03-03 09:00'), to: vn('2026-03-05 09:00') }]);
    assert.equal(show(withPause), '2026-03-09 17:00', 'two days of pause: Friday 6 → Sunday 8 → Monday 9');
  });

  test('each step is due at its cumulative share of the working time, the last on the due date', () => {
    const steps: ProcessStep[] = [
      { code: 'XL', name: 'Xử lý', role: 'specialist', share: 50 },
      { code: 'PD', name: 'Phê duyệt', role: 'leader', share: 25 },
      { code: 'PH', name: 'Phát hành', role: 'clerk', share: 25 },
    ];
    const received = vn('2026-03-02 07:00');
    const due = dueDate(received, working(4), 'in_person', calendar())!;
    assert.equal(show(due), '2026-03-05 17:00');
    assert.deepEqual(stepDueDates(received, due, steps, 'working_days', calendar()).map(show), ['2026-03-03 17:00', '2026-03-04 17:00', '2026-03-05 17:00']);
  });
});
