import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireSystemWide } from '../../platform/auth/authorize.js';
import { idOrNotFound } from '../../platform/validation.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, type FieldErrors, Invalid, NotFound, pgErrorCode } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { calendarDayById, loadWeek } from './queries.js';
import { type CalendarDay, checkDayAgainstWeek, dayFields, daySnapshot, versionField } from './rules.js';
import { calendarDays } from './schema.js';

const input = z.object({ ...dayFields, version: versionField });

/**
 * Corrects a special day. Saving a suggestion confirms it: the operator has now looked at it against the notice.
 */
export async function editCalendarDay(ctx: Ctx, id: string, raw: unknown): Promise<CalendarDay> {
  requireSystemWide(ctx, 'calendar.manage');
  const dayId = idOrNotFound(id);
  if (!(await calendarDayById(ctx.db, dayId))) throw new NotFound();
  const data = parseInput(input, raw);
  const errors: FieldErrors = {};
  checkDayAgainstWeek((await loadWeek(ctx.db)).week, data.day, data.kind, errors);
  if (Object.keys(errors).length) throw new Invalid(errors);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [before] = await tx.db.select().from(calendarDays).where(eq(calendarDays.id, dayId)).for('update');
      if (!before) throw new NotFound();
      if (before.version !== data.version) throw new Conflict();
      const [after] = await tx.db
        .update(calendarDays)
        .set({ day: data.day, kind: data.kind, name: data.name, confirmed: true, version: before.version + 1, updatedAt: ctx.now() })
        .where(and(eq(calendarDays.id, dayId), eq(calendarDays.version, data.version)))
        .returning();
      if (!after) throw new Conflict();
      await recordAudit(tx, { action: 'calendar.day_updated', entityType: 'calendar_day', entityId: dayId, before: daySnapshot(before), after: daySnapshot(after) });
      return after;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Invalid({ day: { key: 'calendar.dayTaken' } });
    throw err;
  }
}
