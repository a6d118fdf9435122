import { after, before, describe } from 'node:test';
import { and, eq, gte, lte } from 'drizzle-orm';
import { addCalendarDay } from '../../src/services/calendar/add-calendar-day.js';
import { confirmCalendarYear } from '../../src/services/calendar/confirm-calendar-year.js';
import { editCalendarDay } from '../../src/services/calendar/edit-calendar-day.js';
import { editWorkingHours } from '../../src/services/calendar/edit-working-hours.js';
import { loadWeek } from '../../src/services/calendar/queries.js';
import { removeCalendarDay } from '../../src/services/calendar/remove-calendar-day.js';
import { calendarDays, calendarYears, workingCalendar } from '../../src/services/calendar/schema.js';
import { seedCalendarYear } from '../../src/services/calendar/seed-calendar-year.js';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { type Action, type Attempt, type World, makeWorld, matrixTests } from './world.js';

// Checked against src/platform/auth/permissions.ts: calendar.manage belongs to system_admin alone, and the
// calendar is province-wide, so only a system-wide grant reaches it.

describe('permission matrix: the working calendar', () => {
  let env: TestEnv;
  let w: World;
  // Each attempt gets its own dates and years so that an allowed call never meets an earlier one's rows.
  let nextDay = 0;
  let nextYear = 2040;
  const freshDate = () => {
    const d = new Date(Date.UTC(2030, 0, 1 + nextDay++));
    return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  };
  const iso = (vn: string) => vn.split('/').reverse().join('-');

  before(async () => {
    env = await makeTestEnv();
    w = await makeWorld(env);
  });
  after(() => env.close());

  const db = () => env.database.db;
  const rowsOn = (day: string) => () => db().select().from(calendarDays).where(eq(calendarDays.day, day));
  const rowsIn = (year: number) => () =>
    db().select().from(calendarDays).where(and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)));
  const yearRow = (year: number) => () => db().select().from(calendarYears).where(eq(calendarYears.year, year));

  type Run = Attempt['run'];
  const simple = (expect: string, name: string, setup: () => Promise<{ run: Run; state: () => Promise<unknown> }>): Action => ({ name, expect, effect: 'change', setup });

  const onDay = (expect: string, name: string, run: (d: { id: string; version: number; day: string }) => Run): Action =>
    simple(expect, name, async () => {
      const day = freshDate();
      const [row] = await db().insert(calendarDays).values({ day: iso(day), kind: 'holiday', name: 'Ngày thử', source: 'manual', confirmed: true }).returning();
      return { run: run({ id: row!.id, version: row!.version, day }), state: rowsOn(row!.day) };
    });

  matrixTests(() => w, [
    simple('Y   N   N   N   N   N   N   N   N   N   N', 'add a day to the working calendar', async () => {
      const day = freshDate();
      return { run: (ctx) => addCalendarDay(ctx, { day, kind: 'holiday', name: 'Ngày lễ thử' }), state: rowsOn(iso(day)) };
    }),
    onDay('Y   N   N   N   N   N   N   N   N   N   N', 'edit a day of the working calendar', (d) => (ctx) =>
      editCalendarDay(ctx, d.id, { day: d.day, kind: 'holiday', name: 'Ngày lễ đã sửa', version: String(d.version) })),
    onDay('Y   N   N   N   N   N   N   N   N   N   N', 'remove a day of the working calendar', (d) => (ctx) => removeCalendarDay(ctx, d.id, { version: String(d.version) })),
    simple('Y   N   N   N   N   N   N   N   N   N   N', 'seed a year of holidays', async () => {
      const year = nextYear++;
      return { run: (ctx) => seedCalendarYear(ctx, { year }), state: rowsIn(year) };
    }),
    simple('Y   N   N   N   N   N   N   N   N   N   N', 'confirm a year of the working calendar', async () => {
      const year = nextYear++;
      return { run: (ctx) => confirmCalendarYear(ctx, { year, notice: 'Thông báo thử' }), state: yearRow(year) };
    }),
    simple('Y   N   N   N   N   N   N   N   N   N   N', 'change the working hours', async () => {
      const { version } = await loadWeek(db());
      const form = { d1: '07:00-11:30, 13:30-17:00', d2: '07:00-11:30', d3: '07:00-11:30', d4: '07:00-11:30', d5: '07:00-11:30', version: String(version) };
      return { run: (ctx) => editWorkingHours(ctx, form), state: () => db().select().from(workingCalendar) };
    }),
  ]);
});
