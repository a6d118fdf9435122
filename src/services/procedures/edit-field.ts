import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requireSystemWide } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid, pgErrorCode } from '../../platform/errors.js';
import { idOrNotFound, parseInput } from '../../platform/validation.js';
import { fieldConflict, fieldInput, fieldSnapshot, lockField } from './field-rules.js';
import { indexProcedure } from './index-procedure.js';
import type { ProcedureField } from './rules.js';
import { procedureFields, procedures } from './schema.js';
import { versionField } from './rules.js';

const input = z.object({ ...fieldInput, version: versionField });

/** Renames a field under the optimistic lock; its procedures' search entries show the field, so they follow. */
export async function editField(ctx: Ctx, id: string, raw: unknown): Promise<ProcedureField> {
  requireSystemWide(ctx, 'procedure.manage');
  const fieldId = idOrNotFound(id);
  const data = parseInput(input, raw);
  try {
    return await inTransaction(ctx, async (tx) => {
      const before = await lockField(tx, fieldId);
      if (before.version !== data.version) throw fieldConflict(before);
      const [after] = await tx.db
        .update(procedureFields)
        .set({ code: data.code, name: data.name, nameEn: data.nameEn ?? null, version: before.version + 1, updatedAt: tx.now() })
        .where(eq(procedureFields.id, fieldId))
        .returning();
      if (after!.name !== before.name) {
        const rows = await tx.db.select({ id: procedures.id }).from(procedures).where(eq(procedures.fieldId, fieldId));
        for (const r of rows) await indexProcedure(tx.db, r.id);
      }
      await recordAudit(tx, { action: 'procedure.field_edited', entityType: 'procedure_field', entityId: fieldId, before: fieldSnapshot(before), after: fieldSnapshot(after!) });
      return after!;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Invalid({ code: { key: 'proc.fieldCodeTaken' } });
    throw err;
  }
}
