import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireSystemWide } from '../../platform/auth/authorize.js';
import { idOrNotFound } from '../../platform/validation.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, NotFound } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { type CalendarDay, daySnapshot, versionField } from './rules.js';
import { calendarDays } from './schema.js';

const input = z.object({ version: versionField });

/** Removes a special day, so the date follows the regular week again; the audit entry keeps what it was. */
export async function removeCalendarDay(ctx: Ctx, id: string, raw: unknown): Promise<CalendarDay> {
  requireSystemWide(ctx, 'calendar.manage');
  const dayId = idOrNotFound(id);
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(calendarDays).where(eq(calendarDays.id, dayId)).for('update');
    if (!before) throw new NotFound();
    if (before.version !== data.version) throw new Conflict();
    await tx.db.delete(calendarDays).where(and(eq(calendarDays.id, dayId), eq(calendarDays.version, data.version)));
    await recordAudit(tx, { action: 'calendar.day_removed', entityType: 'calendar_day', entityId: dayId, before: daySnapshot(before) });
    return before;
  });
}
