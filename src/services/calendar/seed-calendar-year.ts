import { and, gte, lte } from 'drizzle-orm';
import { z } from 'zod';
import { requireSystemWide } from '../../platform/auth/authorize.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { parseInput } from '../../platform/validation.js';
import { loadWeek } from './queries.js';
import { yearField } from './rules.js';
import { calendarDays } from './schema.js';
import { suggestYear } from './suggestions.js';

const input = z.object({ year: yearField });

/**
 * Inserts the year's suggested days (suggestions.ts) on dates that have no entry yet, unconfirmed: what the
 * operator already entered or corrected is never overwritten. Returns how many were added.
 */
export async function seedCalendarYear(ctx: Ctx, raw: unknown): Promise<number> {
  requireSystemWide(ctx, 'calendar.manage');
  const { year } = parseInput(input, raw);
  const suggestions = suggestYear(year, (await loadWeek(ctx.db)).week);
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.db
      .select({ day: calendarDays.day })
      .from(calendarDays)
      .where(and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)));
    const taken = new Set(existing.map((d) => d.day));
    const fresh = suggestions.filter((s) => !taken.has(s.day));
    if (fresh.length === 0) return 0;
    await tx.db
      .insert(calendarDays)
      .values(fresh.map((s) => ({ ...s, confirmed: false, createdAt: ctx.now(), updatedAt: ctx.now() })))
      .onConflictDoNothing();
    await recordAudit(tx, { action: 'calendar.year_seeded', entityType: 'calendar_year', entityId: String(year), after: { year, days: fresh } });
    return fresh.length;
  });
}
