import { and, eq, gte, lte } from 'drizzle-orm';
import { z } from 'zod';
import { requireSystemWide } from '../../platform/auth/authorize.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { optionalText, parseInput } from '../../platform/validation.js';
import { yearField } from './rules.js';
import { calendarDays, calendarYears } from './schema.js';

const input = z.object({ year: yearField, notice: optionalText(300) });

/**
 * The operator states that the year's table matches the government's notice (named in `notice`): its
 * suggestions become confirmed and deadlines may now be counted through the year. Confirming again after
 * corrections records the new notice.
 */
export async function confirmCalendarYear(ctx: Ctx, raw: unknown): Promise<void> {
  requireSystemWide(ctx, 'calendar.manage');
  const { year, notice } = parseInput(input, raw);
  await inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(calendarYears).where(eq(calendarYears.year, year)).for('update');
    const inYear = and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`), eq(calendarDays.confirmed, false));
    const confirmedDays = await tx.db.update(calendarDays).set({ confirmed: true, updatedAt: ctx.now() }).where(inYear).returning({ day: calendarDays.day, name: calendarDays.name });
    const values = { notice: notice ?? null, confirmedAt: ctx.now(), confirmedBy: ctx.actor!.userId };
    const [after] = await tx.db
      .insert(calendarYears)
      .values({ year, ...values })
      .onConflictDoUpdate({ target: calendarYears.year, set: values })
      .returning();
    await recordAudit(tx, {
      action: 'calendar.year_confirmed',
      entityType: 'calendar_year',
      entityId: String(year),
      before: before ? { notice: before.notice, confirmedAt: before.confirmedAt } : null,
      after: { notice: after!.notice, confirmedAt: after!.confirmedAt, confirmedDays },
    });
  });
}
