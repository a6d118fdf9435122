import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { type FieldErrors, Invalid, pgErrorCode } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { indexProcedure } from './index-procedure.js';
import {
  type Procedure,
  agencyRowsOf,
  catalogueFields,
  checkAgencyRows,
  fieldById,
  loadProcedure,
  lockProcedure,
  procedureConflict,
  procedureSnapshot,
  readAgencyRows,
  saveAgencyRows,
  versionField,
} from './rules.js';
import { procedures } from './schema.js';

const input = z.object({ ...catalogueFields, version: versionField });

/**
 * Saves the catalogue columns and competent agencies under the optimistic lock. The rules a dossier is filed under
 * live in versions and do not change here. Handing the procedure to another owner needs the right there too.
 */
export async function editProcedure(ctx: Ctx, id: string, raw: unknown): Promise<Procedure> {
  const current = await loadProcedure(ctx.db, id);
  await requirePermission(ctx, 'procedure.manage', current.ownerAgencyId);
  const errors: FieldErrors = {};
  const rows = readAgencyRows((raw ?? {}) as Record<string, unknown>, errors);
  let data: z.output<typeof input> | null = null;
  try {
    data = parseInput(input, raw);
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    Object.assign(errors, err.fields);
  }
  await checkAgencyRows(ctx.db, rows, errors, (i, col) => `${col}.${i}`);
  if (data && data.fieldId !== current.fieldId && !(await fieldById(ctx.db, data.fieldId))?.active) errors.fieldId = { key: 'proc.fieldRequired' };
  if (!data || Object.keys(errors).length) throw new Invalid(errors);
  const d = data;
  if (d.ownerAgencyId !== current.ownerAgencyId) await requirePermission(ctx, 'procedure.manage', d.ownerAgencyId);
  try {
    return await inTransaction(ctx, async (tx) => {
      const before = await lockProcedure(tx, current.id);
      if (before.version !== d.version) throw procedureConflict(before);
      const beforeRows = await agencyRowsOf(tx.db, before.id);
      const [after] = await tx.db
        .update(procedures)
        .set({ code: d.code, name: d.name, nameEn: d.nameEn ?? null, fieldId: d.fieldId, level: d.level, legacyLevel: d.legacyLevel ?? null, tier: d.tier, ownerAgencyId: d.ownerAgencyId, version: before.version + 1, updatedAt: tx.now() })
        .where(eq(procedures.id, before.id))
        .returning();
      await saveAgencyRows(tx.db, before.id, rows);
      await indexProcedure(tx.db, before.id);
      await recordAudit(tx, { action: 'procedure.edited', entityType: 'procedure', entityId: before.id, agencyId: d.ownerAgencyId, before: procedureSnapshot(before, beforeRows), after: procedureSnapshot(after!, rows) });
      return after!;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Invalid({ code: { key: 'proc.codeTaken' } });
    throw err;
  }
}
