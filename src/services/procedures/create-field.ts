import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requireSystemWide } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid, pgErrorCode } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { fieldInput, fieldSnapshot } from './field-rules.js';
import type { ProcedureField } from './rules.js';
import { procedureFields } from './schema.js';

const input = z.object(fieldInput);

/** Fields are the province's one list, shared by every agency's procedures: only a province-wide grant adds one. */
export async function createField(ctx: Ctx, raw: unknown): Promise<ProcedureField> {
  requireSystemWide(ctx, 'procedure.manage');
  const data = parseInput(input, raw);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [f] = await tx.db
        .insert(procedureFields)
        .values({ code: data.code, name: data.name, nameEn: data.nameEn ?? null, createdAt: tx.now(), updatedAt: tx.now() })
        .returning();
      await recordAudit(tx, { action: 'procedure.field_created', entityType: 'procedure_field', entityId: f!.id, after: fieldSnapshot(f!) });
      return f!;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Invalid({ code: { key: 'proc.fieldCodeTaken' } });
    throw err;
  }
}
