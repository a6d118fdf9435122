import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit/record-audit.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction } from '../platform/db/transaction.js';
import { Conflict, type FieldErrors, Invalid, NotFound } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { requireSystemWide } from '../platform/auth/authorize.js';
import { idOrNotFound } from '../platform/validation.js';
import { addDays, dateField } from '../platform/dates.js';
import { adminUnitSuccessors, adminUnits } from './schema.js';
import { type Unit, optionalCode, unitByCodeOn, unitSnapshot } from './unit-rules.js';

/** How many successors the form offers; a unit split into more is recorded by the import. */
export const SUCCESSOR_SLOTS = 5;

const slots = Array.from({ length: SUCCESSOR_SLOTS }, (_, i) => i + 1);
const input = z.object({
  validTo: dateField,
  version: z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).positive({ error: 'field.invalid' }),
  ...Object.fromEntries(
    slots.flatMap((n) => [
      [`successor${n}Code`, optionalCode],
      [`successor${n}Part`, z.preprocess((v) => (v === '' || v === undefined ? 'full' : v), z.enum(['full', 'partial'], { error: 'field.invalid' }))],
    ]),
  ),
});

export type EndResult = { unit: Unit; successors: { id: string; part: 'full' | 'partial' }[] };

/**
 * Ends a unit's validity on its last day and records which units took it over from the next day.
 * Subordinate units must be moved or ended first, so no unit is left under one that no longer exists.
 */
export async function endUnitValidity(ctx: Ctx, id: string, raw: unknown): Promise<EndResult> {
  requireSystemWide(ctx, 'unit.manage');
  const unitId = idOrNotFound(id);
  const data = parseInput(input, raw) as { validTo: string; version: number } & Record<string, string | undefined>;
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(adminUnits).where(eq(adminUnits.id, unitId)).for('update');
    if (!before) throw new NotFound();
    if (before.version !== data.version) throw new Conflict();
    if (before.validTo) throw new Invalid({ validTo: { key: 'unit.alreadyEnded' } });
    const errors: FieldErrors = {};
    if (data.validTo <= before.validFrom) errors.validTo = { key: 'unit.endBeforeStart' };
    const nextDay = addDays(data.validTo, 1);
    const successors: { id: string; part: 'full' | 'partial' }[] = [];
    const seen = new Set<string>();
    for (const n of slots) {
      const code = data[`successor${n}Code`];
      if (!code || errors.validTo) continue;
      const field = `successor${n}Code`;
      if (seen.has(code)) {
        errors[field] = { key: 'unit.successorDuplicate' };
        continue;
      }
      seen.add(code);
      const succ = await unitByCodeOn(tx.db, code, nextDay);
      if (!succ) errors[field] = { key: 'unit.successorNotFound' };
      else if (succ.id === before.id) errors[field] = { key: 'unit.successorSelf' };
      else successors.push({ id: succ.id, part: data[`successor${n}Part`] as 'full' | 'partial' });
    }
    if (!errors.validTo) {
      const [row] = await tx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(adminUnits)
        .where(and(eq(adminUnits.parentId, before.id), or(isNull(adminUnits.validTo), gt(adminUnits.validTo, data.validTo))));
      const count = Number(row?.n ?? 0);
      if (count > 0) errors._form = { key: 'unit.hasValidChildren', params: { count } };
    }
    if (Object.keys(errors).length) throw new Invalid(errors);
    const [after] = await tx.db
      .update(adminUnits)
      .set({ validTo: data.validTo, version: before.version + 1, updatedAt: ctx.now() })
      .where(and(eq(adminUnits.id, before.id), eq(adminUnits.version, data.version)))
      .returning();
    if (!after) throw new Conflict();
    if (successors.length) {
      await tx.db
        .insert(adminUnitSuccessors)
        .values(successors.map((s) => ({ predecessorId: before.id, successorId: s.id, part: s.part })))
        .onConflictDoUpdate({ target: [adminUnitSuccessors.predecessorId, adminUnitSuccessors.successorId], set: { part: sql`excluded.part` } });
    }
    await recordAudit(tx, {
      action: 'unit.validity_ended',
      entityType: 'admin_unit',
      entityId: before.id,
      before: unitSnapshot(before),
      after: { ...unitSnapshot(after), successors },
    });
    return { unit: after, successors };
  });
}
