import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { and, asc, eq, like } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { Conflict, Invalid } from '../../platform/errors.js';
import { auditLog } from '../../platform/schema.js';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeOfficial } from '../../../test/support/factories.js';
import { addCalendarDay } from './add-calendar-day.js';
import { confirmCalendarYear } from './confirm-calendar-year.js';
import { editCalendarDay } from './edit-calendar-day.js';
import { editWorkingHours } from './edit-working-hours.js';
import { loadWorkingCalendar } from './queries.js';
import { removeCalendarDay } from './remove-calendar-day.js';
import { calendarDays, calendarYears, workingCalendar } from './schema.js';
import { seedCalendarYear } from './seed-calendar-year.js';
import { CalendarYearMissing, addWorkingTime, isWorkingTime } from './working-time.js';

const vn = (s: string) => new Date(`${s.replace(' ', 'T')}:00+07:00`);
const show = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

function fieldError(err: unknown, field: string, key: string): boolean {
  return err instanceof Invalid && err.fields[field]?.key === key;
}

describe('working calendar: the table of days and the hours', () => {
  let env: TestEnv;
  let admin: Ctx;
  const db = () => env.database.db;
  const days = () => db().select().from(calendarDays).orderBy(asc(calendarDays.day));

  before(async () => {
    env = await makeTestEnv();
    admin = env.ctx(await actorFor(env.database.db, await makeOfficial(env.database.db, { roles: ['system_admin'] })));
  });
  after(() => env.close());
  beforeEach(async () => {
    await db().delete(calendarDays);
    await db().delete(calendarYears);
    await db().delete(workingCalendar);
  });

  test('seeding 2026 suggests Tết, Hùng Kings’ day with its compensatory Monday and the second National Day day, all unconfirmed', async () => {
    const added = await seedCalendarYear(admin, { year: '2026' });
    const rows = await days();
    assert.equal(added, rows.length);
    const byDay = new Map(rows.map((r) => [r.day, r]));
    for (const d of ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-02']) {
      assert.equal(byDay.get(d)?.kind, 'holiday', d);
    }
    assert.equal(byDay.get('2026-04-27')?.kind, 'day_off');
    assert.equal(byDay.get('2026-04-27')?.source, 'rule');
    assert.equal(byDay.get('2026-09-01')?.kind, 'holiday');
    assert.ok(rows.every((r) => !r.confirmed));
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'calendar.year_seeded'));
    assert.equal((entry!.after as { days: unknown[] }).days.length, added);
  });

  test('deadlines cannot run through a year until it is confirmed; confirming makes its suggestions count', async () => {
    await seedCalendarYear(admin, { year: 2026 });
    const unconfirmed = await loadWorkingCalendar(db());
    assert.throws(() => addWorkingTime(vn('2026-02-13 10:00'), { days: 1 }, unconfirmed), CalendarYearMissing);
    await confirmCalendarYear(admin, { year: 2026, notice: 'Thông báo 6150/TB-BNV' });
    const cal = await loadWorkingCalendar(db());
    assert.equal(show(addWorkingTime(vn('2026-02-13 10:00'), { days: 1 }, cal)), '2026-02-23 10:00');
    assert.equal(isWorkingTime(vn('2026-04-27 09:00'), cal), false);
    assert.ok((await days()).every((r) => r.confirmed));
    const [year] = await db().select().from(calendarYears);
    assert.equal(year!.notice, 'Thông báo 6150/TB-BNV');
    assert.equal(year!.confirmedBy, admin.actor!.userId);
  });

  test('unconfirmed suggestions in a confirmed year are ignored by the engine', async () => {
    await confirmCalendarYear(admin, { year: 2026 });
    await seedCalendarYear(admin, { year: 2026 });
    const cal = await loadWorkingCalendar(db());
    assert.equal(isWorkingTime(vn('2026-02-18 09:00'), cal), true, 'the Tết suggestion is not law until confirmed');
  });

  test('seeding again adds only missing dates and never overwrites what the operator corrected', async () => {
    await seedCalendarYear(admin, { year: 2026 });
    const [sep1] = await db().select().from(calendarDays).where(eq(calendarDays.day, '2026-09-01'));
    await editCalendarDay(admin, sep1!.id, { day: '01/09/2026', kind: 'holiday', name: 'Nghỉ Quốc khánh theo Thông báo', version: String(sep1!.version) });
    const [tet] = await db().select().from(calendarDays).where(eq(calendarDays.day, '2026-02-20'));
    await removeCalendarDay(admin, tet!.id, { version: String(tet!.version) });
    assert.equal(await seedCalendarYear(admin, { year: 2026 }), 1);
    const [again] = await db().select().from(calendarDays).where(eq(calendarDays.day, '2026-09-01'));
    assert.equal(again!.name, 'Nghỉ Quốc khánh theo Thông báo');
    assert.equal(again!.confirmed, true, 'saving a suggestion confirms it');
    assert.equal(await seedCalendarYear(admin, { year: 2026 }), 0);
  });

  test('a make-up working Saturday added by hand counts once the year is confirmed', async () => {
    const row = await addCalendarDay(admin, { day: '07/03/2026', kind: 'working_day', name: 'Làm bù cho thứ Sáu 02/01/2026' });
    assert.equal(row.confirmed, true);
    assert.equal(row.source, 'manual');
    await confirmCalendarYear(admin, { year: 2026 });
    assert.equal(show(addWorkingTime(vn('2026-03-06 10:00'), { days: 1 }, await loadWorkingCalendar(db()))), '2026-03-07 10:00');
    const [entry] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'calendar.day_added'), eq(auditLog.entityId, row.id)));
    assert.equal((entry!.after as { kind: string }).kind, 'working_day');
  });

  test('rejects a malformed date, a missing kind and a blank name, writing nothing', async () => {
    await assert.rejects(addCalendarDay(admin, { day: '31/02/2026', kind: 'holiday', name: 'Ngày sai' }), (e) => fieldError(e, 'day', 'field.date'));
    await assert.rejects(addCalendarDay(admin, { day: '2026-13-01', kind: 'holiday', name: 'Ngày sai' }), (e) => fieldError(e, 'day', 'field.date'));
    await assert.rejects(addCalendarDay(admin, { day: '02/03/2026', kind: 'party', name: 'Ngày sai' }), (e) => fieldError(e, 'kind', 'calendar.kindRequired'));
    await assert.rejects(addCalendarDay(admin, { day: '02/03/2026', kind: 'holiday', name: '   ' }), (e) => fieldError(e, 'name', 'field.required'));
    await assert.rejects(addCalendarDay(admin, { day: ['02/03/2026', '03/03/2026'], kind: 'holiday', name: 'x' }), Invalid);
    assert.equal((await days()).length, 0);
  });

  test('rejects a make-up day on a weekday, a day off on a Sunday, a year outside 2000–2100 and a date already present', async () => {
    await assert.rejects(addCalendarDay(admin, { day: '04/03/2026', kind: 'working_day', name: 'Làm bù' }), (e) => fieldError(e, 'kind', 'calendar.workingDayOnWorkday'));
    await assert.rejects(addCalendarDay(admin, { day: '08/03/2026', kind: 'day_off', name: 'Nghỉ bù' }), (e) => fieldError(e, 'kind', 'calendar.dayOffOnRestDay'));
    await assert.rejects(addCalendarDay(admin, { day: '01/01/1999', kind: 'holiday', name: 'Tết Dương lịch' }), (e) => fieldError(e, 'day', 'calendar.yearRange'));
    await addCalendarDay(admin, { day: '27/04/2026', kind: 'day_off', name: 'Nghỉ bù Giỗ tổ Hùng Vương' });
    await assert.rejects(addCalendarDay(admin, { day: '2026-04-27', kind: 'holiday', name: 'Trùng' }), (e) => fieldError(e, 'day', 'calendar.dayTaken'));
    assert.equal((await days()).length, 1);
  });

  test('a stale edit or removal is a conflict and changes nothing; an edit is audited with before and after', async () => {
    const row = await addCalendarDay(admin, { day: '27/04/2026', kind: 'day_off', name: 'Nghỉ bù' });
    const edited = await editCalendarDay(admin, row.id, { day: '27/04/2026', kind: 'day_off', name: 'Nghỉ bù Giỗ tổ Hùng Vương', version: '1' });
    assert.equal(edited.version, 2);
    await assert.rejects(editCalendarDay(admin, row.id, { day: '27/04/2026', kind: 'day_off', name: 'Cũ', version: '1' }), Conflict);
    await assert.rejects(removeCalendarDay(admin, row.id, { version: '1' }), Conflict);
    const [now] = await days();
    assert.equal(now!.name, 'Nghỉ bù Giỗ tổ Hùng Vương');
    const [entry] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'calendar.day_updated'), eq(auditLog.entityId, row.id)));
    assert.equal((entry!.before as { name: string }).name, 'Nghỉ bù');
    assert.equal((entry!.after as { name: string }).name, 'Nghỉ bù Giỗ tổ Hùng Vương');
    await removeCalendarDay(admin, row.id, { version: '2' });
    assert.equal((await days()).length, 0);
    const [removal] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'calendar.day_removed'), eq(auditLog.entityId, row.id)));
    assert.equal((removal!.before as { day: string }).day, '2026-04-27');
  });

  test('unknown or malformed ids are not found', async () => {
    await assert.rejects(editCalendarDay(admin, '00000000-0000-4000-8000-000000000000', { day: '27/04/2026', kind: 'day_off', name: 'x', version: '1' }), { status: 404 });
    await assert.rejects(removeCalendarDay(admin, 'not-an-id', { version: '1' }), { status: 404 });
  });

  test('working hours: a Saturday morning counts after the edit; bad periods are refused field by field', async () => {
    const week = { d1: '07:00-11:30, 13:30-17:00', d2: '07:00-11:30, 13:30-17:00', d3: '07:00-11:30, 13:30-17:00', d4: '07:00-11:30, 13:30-17:00', d5: '07:00–11:30; 13:30–17:00', d6: '7:30-11:30', d7: '' };
    await assert.rejects(editWorkingHours(admin, { ...week, d6: 'sáng thứ Bảy', version: '0' }), (e) => fieldError(e, 'd6', 'calendar.periodFormat'));
    await assert.rejects(editWorkingHours(admin, { ...week, d1: '13:30-17:00, 07:00-11:30', version: '0' }), (e) => fieldError(e, 'd1', 'calendar.periodOrder'));
    await assert.rejects(editWorkingHours(admin, { ...week, d2: '11:30-07:00', version: '0' }), (e) => fieldError(e, 'd2', 'calendar.periodOrder'));
    await assert.rejects(editWorkingHours(admin, { version: '0' }), (e) => fieldError(e, 'd1', 'calendar.noWorkingDay'));
    assert.equal((await db().select().from(workingCalendar)).length, 0);
    await editWorkingHours(admin, { ...week, version: '0' });
    await assert.rejects(editWorkingHours(admin, { ...week, version: '0' }), Conflict);
    await confirmCalendarYear(admin, { year: 2026 });
    const cal = await loadWorkingCalendar(db());
    assert.equal(isWorkingTime(vn('2026-03-07 08:00'), cal), true);
    assert.equal(isWorkingTime(vn('2026-03-07 07:15'), cal), false);
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'calendar.hours_updated'));
    assert.deepEqual((entry!.before as { week: Record<string, unknown[]> }).week['6'], []);
    assert.deepEqual((entry!.after as { week: Record<string, unknown[]> }).week['6'], [{ start: 450, end: 690 }]);
  });

  test('a name with markup or SQL is stored verbatim', async () => {
    const name = `<script>alert(1)</script>'; drop table calendar_days; --`;
    await addCalendarDay(admin, { day: '02/03/2026', kind: 'holiday', name });
    const [row] = await db().select().from(calendarDays).where(like(calendarDays.name, '%script%'));
    assert.equal(row!.name, name);
  });

  test('rejects a year outside 2000–2100 for seeding and confirmation', async () => {
    await assert.rejects(seedCalendarYear(admin, { year: '1999' }), (e) => fieldError(e, 'year', 'calendar.yearRange'));
    await assert.rejects(confirmCalendarYear(admin, { year: 'năm nay' }), (e) => fieldError(e, 'year', 'field.invalid'));
    assert.equal((await db().select().from(calendarYears)).length, 0);
  });
});
