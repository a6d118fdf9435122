import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit/record-audit.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction } from '../platform/db/transaction.js';
import { Conflict, type FieldErrors, Invalid, NotFound, pgErrorCode } from '../platform/errors.js';
import { parseInput, text } from '../platform/validation.js';
import { requireSystemWide } from '../platform/auth/authorize.js';
import { idOrNotFound } from '../platform/validation.js';
import { dateField } from '../platform/dates.js';
import { adminUnits } from './schema.js';
import { type Unit, codeDigits, codeFits, kindField, kindFits, overlapsSameCode, unitCodeField, unitKinds, unitSnapshot } from './unit-rules.js';

const input = z.object({
  code: unitCodeField,
  name: text(200),
  kind: kindField,
  validFrom: dateField,
  version: z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).positive({ error: 'field.invalid' }),
});

/**
 * Corrects a unit's code, name, kind or start date. The level and the parent stay (moving is its own use
 * case); a rename by resolution is a new unit with successors, not an edit.
 */
export async function editUnit(ctx: Ctx, id: string, raw: unknown): Promise<Unit> {
  requireSystemWide(ctx, 'unit.manage');
  const unitId = idOrNotFound(id);
  const data = parseInput(input, raw);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [before] = await tx.db.select().from(adminUnits).where(eq(adminUnits.id, unitId)).for('update');
      if (!before) throw new NotFound();
      if (before.version !== data.version) throw new Conflict();
      const errors: FieldErrors = {};
      if (!codeFits(before.level, data.code)) errors.code = { key: 'unit.codeFormat', params: { digits: codeDigits[before.level] } };
      if (!kindFits(before.level, data.kind)) errors.kind = { key: 'unit.kindInvalid', params: { kinds: unitKinds[before.level].join(', ') } };
      if (before.validTo && data.validFrom >= before.validTo) errors.validFrom = { key: 'unit.validFromAfterEnd' };
      if (!errors.code && !errors.validFrom && (await overlapsSameCode(tx.db, { code: data.code, level: before.level, validFrom: data.validFrom, validTo: before.validTo, exceptId: before.id }))) {
        errors.code = { key: 'unit.codeTaken' };
      }
      if (Object.keys(errors).length) throw new Invalid(errors);
      const [after] = await tx.db
        .update(adminUnits)
        .set({ code: data.code, name: data.name, kind: data.kind, validFrom: data.validFrom, version: before.version + 1, updatedAt: ctx.now() })
        .where(and(eq(adminUnits.id, before.id), eq(adminUnits.version, data.version)))
        .returning();
      if (!after) throw new Conflict();
      await recordAudit(tx, { action: 'unit.updated', entityType: 'admin_unit', entityId: before.id, before: unitSnapshot(before), after: unitSnapshot(after) });
      return after;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Invalid({ code: { key: 'unit.codeTaken' } });
    throw err;
  }
}
