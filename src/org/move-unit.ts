import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit/record-audit.js';
import type { Ctx } from '../platform/context.js';
import { queryRows } from '../platform/db/client.js';
import { inTransaction } from '../platform/db/transaction.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { requireSystemWide } from '../platform/auth/authorize.js';
import { idOrNotFound } from '../platform/validation.js';
import { vnToday } from '../platform/dates.js';
import { adminUnits } from './schema.js';
import { type Unit, levelRank, unitByCodeOn, unitCodeField, unitSnapshot } from './unit-rules.js';

const input = z.object({
  parentCode: unitCodeField,
  version: z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).positive({ error: 'field.invalid' }),
});

/**
 * Puts a unit under another parent that is valid today: one level above it, and not lower than its
 * current parent (a commune may leave a district for its province, not the other way round).
 */
export async function moveUnit(ctx: Ctx, id: string, raw: unknown): Promise<Unit> {
  requireSystemWide(ctx, 'unit.manage');
  const unitId = idOrNotFound(id);
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(adminUnits).where(eq(adminUnits.id, unitId)).for('update');
    if (!before) throw new NotFound();
    if (before.version !== data.version) throw new Conflict();
    if (before.level === 'province') throw new Invalid({ parentCode: { key: 'unit.provinceNoParent' } });
    const today = vnToday(ctx.now());
    const day = before.validTo && before.validTo < today ? before.validTo : today > before.validFrom ? today : before.validFrom;
    const parent = await unitByCodeOn(tx.db, data.parentCode, day);
    if (!parent) throw new Invalid({ parentCode: { key: 'unit.parentNotFound' } });
    if (parent.id === before.parentId) throw new Invalid({ parentCode: { key: 'unit.sameParent' } });
    if (levelRank[parent.level] >= levelRank[before.level]) throw new Invalid({ parentCode: { key: 'unit.parentLevel' } });
    if (before.parentId) {
      const [old] = await tx.db.select({ level: adminUnits.level }).from(adminUnits).where(eq(adminUnits.id, before.parentId));
      if (old && levelRank[parent.level] > levelRank[old.level]) throw new Invalid({ parentCode: { key: 'unit.parentLowerThanBefore' } });
    }
    // Levels already rule out a cycle today; the ancestry check keeps it so if levels are ever corrected by hand.
    const up = await queryRows<{ id: string }>(tx.db, sql`
      with recursive up(id, parent_id, depth) as (
        select id, parent_id, 0 from admin_units where id = ${parent.id}
        union all
        select u.id, u.parent_id, up.depth + 1 from admin_units u join up on u.id = up.parent_id where up.depth < 10
      ) select id from up`);
    if (up.some((r) => r.id === before.id)) throw new Invalid({ parentCode: { key: 'unit.cycle' } });
    const [after] = await tx.db
      .update(adminUnits)
      .set({ parentId: parent.id, version: before.version + 1, updatedAt: ctx.now() })
      .where(and(eq(adminUnits.id, before.id), eq(adminUnits.version, data.version)))
      .returning();
    if (!after) throw new Conflict();
    await recordAudit(tx, { action: 'unit.moved', entityType: 'admin_unit', entityId: before.id, before: unitSnapshot(before), after: unitSnapshot(after) });
    return after;
  });
}
