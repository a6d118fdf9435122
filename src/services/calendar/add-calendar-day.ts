import { z } from 'zod';
import { requireSystemWide } from '../../platform/auth/authorize.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { type FieldErrors, Invalid, pgErrorCode } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { loadWeek } from './queries.js';
import { type CalendarDay, checkDayAgainstWeek, dayFields, daySnapshot } from './rules.js';
import { calendarDays } from './schema.js';

const input = z.object(dayFields);

/** Adds a holiday, day off or make-up working day that the operator typed from the government's notice. */
export async function addCalendarDay(ctx: Ctx, raw: unknown): Promise<CalendarDay> {
  requireSystemWide(ctx, 'calendar.manage');
  const data = parseInput(input, raw);
  const errors: FieldErrors = {};
  checkDayAgainstWeek((await loadWeek(ctx.db)).week, data.day, data.kind, errors);
  if (Object.keys(errors).length) throw new Invalid(errors);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(calendarDays)
        .values({ day: data.day, kind: data.kind, name: data.name, source: 'manual', confirmed: true, createdAt: ctx.now(), updatedAt: ctx.now() })
        .returning();
      await recordAudit(tx, { action: 'calendar.day_added', entityType: 'calendar_day', entityId: row!.id, after: daySnapshot(row!) });
      return row!;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Invalid({ day: { key: 'calendar.dayTaken' } });
    throw err;
  }
}
