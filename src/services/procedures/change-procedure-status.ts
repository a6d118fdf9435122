import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { parseInput } from '../../platform/validation.js';
import { indexProcedure } from './index-procedure.js';
import { type Procedure, loadProcedure, lockProcedure, procedureConflict, procedureSnapshot, versionField } from './rules.js';
import { procedures } from './schema.js';

const input = z.object({ version: versionField });

/**
 * An inactive procedure leaves search and takes no new dossiers; its versions and the dossiers filed under them
 * stay as they were, so it can come back unchanged.
 */
export async function changeProcedureStatus(ctx: Ctx, id: string, active: boolean, raw: unknown): Promise<Procedure> {
  const current = await loadProcedure(ctx.db, id);
  await requirePermission(ctx, 'procedure.manage', current.ownerAgencyId);
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const before = await lockProcedure(tx, current.id);
    if (before.version !== data.version) throw procedureConflict(before);
    const [after] = await tx.db
      .update(procedures)
      .set({ active, version: before.version + 1, updatedAt: tx.now() })
      .where(eq(procedures.id, before.id))
      .returning();
    await indexProcedure(tx.db, before.id);
    await recordAudit(tx, { action: active ? 'procedure.activated' : 'procedure.deactivated', entityType: 'procedure', entityId: before.id, agencyId: before.ownerAgencyId, before: procedureSnapshot(before), after: procedureSnapshot(after!) });
    return after!;
  });
}
