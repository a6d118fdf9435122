import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requireSystemWide } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { idOrNotFound, parseInput } from '../../platform/validation.js';
import { fieldConflict, fieldSnapshot, lockField } from './field-rules.js';
import { type ProcedureField, versionField } from './rules.js';
import { procedureFields } from './schema.js';

const input = z.object({ version: versionField });

/**
 * A deactivated field is no longer offered for new procedures; those already in it keep it (the national
 * database retires fields the same way), so nothing else changes.
 */
export async function changeFieldStatus(ctx: Ctx, id: string, active: boolean, raw: unknown): Promise<ProcedureField> {
  requireSystemWide(ctx, 'procedure.manage');
  const fieldId = idOrNotFound(id);
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const before = await lockField(tx, fieldId);
    if (before.version !== data.version) throw fieldConflict(before);
    const [after] = await tx.db
      .update(procedureFields)
      .set({ active, version: before.version + 1, updatedAt: tx.now() })
      .where(eq(procedureFields.id, fieldId))
      .returning();
    await recordAudit(tx, { action: active ? 'procedure.field_activated' : 'procedure.field_deactivated', entityType: 'procedure_field', entityId: fieldId, before: fieldSnapshot(before), after: fieldSnapshot(after!) });
    return after!;
  });
}
