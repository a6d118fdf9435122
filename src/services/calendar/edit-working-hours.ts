import { eq } from 'drizzle-orm';
import { requireSystemWide } from '../../platform/auth/authorize.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, type FieldErrors, Invalid, pgErrorCode } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { z } from 'zod';
import { parsePeriods, storedFromWeek, versionField, weekFromStored, weekdays } from './rules.js';
import { workingCalendar } from './schema.js';
import type { Week } from './working-time.js';

const input = z.object({ version: versionField });

/**
 * Sets the working periods of each weekday (fields d1 … d7, Monday … Sunday; blank is a day of rest). The
 * form's version must still be current; 0 means the defaults were never changed.
 */
export async function editWorkingHours(ctx: Ctx, raw: unknown): Promise<Week> {
  requireSystemWide(ctx, 'calendar.manage');
  const { version } = parseInput(input, raw);
  const body = (raw ?? {}) as Record<string, unknown>;
  const week: Week = {};
  const errors: FieldErrors = {};
  for (const wd of weekdays) {
    const value = body[`d${wd}`] ?? '';
    const parsed = typeof value === 'string' ? parsePeriods(value) : 'format';
    if (parsed === 'format') errors[`d${wd}`] = { key: 'calendar.periodFormat' };
    else if (parsed === 'order') errors[`d${wd}`] = { key: 'calendar.periodOrder' };
    else week[wd] = parsed;
  }
  if (!Object.keys(errors).length && weekdays.every((wd) => !week[wd]!.length)) errors.d1 = { key: 'calendar.noWorkingDay' };
  if (Object.keys(errors).length) throw new Invalid(errors);
  // Two first edits at once both see no row; the second insert then hits the key and is stale like any other.
  return inTransaction(ctx, async (tx) => {
    const [current] = await tx.db.select().from(workingCalendar).where(eq(workingCalendar.id, 1)).for('update');
    if ((current?.version ?? 0) !== version) throw new Conflict();
    const stored = storedFromWeek(week);
    if (current) await tx.db.update(workingCalendar).set({ week: stored, version: version + 1, updatedAt: ctx.now() }).where(eq(workingCalendar.id, 1));
    else await tx.db.insert(workingCalendar).values({ id: 1, week: stored, version: 1, updatedAt: ctx.now() });
    await recordAudit(tx, {
      action: 'calendar.hours_updated',
      entityType: 'working_calendar',
      entityId: '1',
      before: { week: storedFromWeek(weekFromStored(current?.week)), version },
      after: { week: stored, version: version + 1 },
    });
    return week;
  }).catch((err: unknown) => {
    throw pgErrorCode(err) === '23505' ? new Conflict() : err;
  });
}
