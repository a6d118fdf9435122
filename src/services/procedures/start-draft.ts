import { desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, pgErrorCode } from '../../platform/errors.js';
import { actorUserId, type ProcedureVersion, draftOf, loadProcedure, lockProcedure, versionSnapshot } from './rules.js';
import { procedureVersions } from './schema.js';

/**
 * Opens a new draft as a copy of the version in force (or of the latest one, when none is), to be changed and
 * published in its place. One draft at a time: a second would make two people's edits race to replace the same
 * version.
 */
export async function startDraft(ctx: Ctx, procedureId: string): Promise<ProcedureVersion> {
  const p = await loadProcedure(ctx.db, procedureId);
  await requirePermission(ctx, 'procedure.manage', p.ownerAgencyId);
  try {
    return await inTransaction(ctx, async (tx) => {
      const locked = await lockProcedure(tx, p.id);
      if (await draftOf(tx.db, p.id)) throw new Conflict('proc.draftExists');
      const history = await tx.db.select().from(procedureVersions).where(eq(procedureVersions.procedureId, p.id)).orderBy(desc(procedureVersions.number));
      const source = history.find((v) => v.id === locked.currentVersionId) ?? history[0];
      if (!source) throw new Conflict('proc.noVersion');
      const [draft] = await tx.db
        .insert(procedureVersions)
        .values({ procedureId: p.id, number: history[0]!.number + 1, definition: source.definition, createdBy: actorUserId(tx), createdAt: tx.now(), updatedAt: tx.now() })
        .returning();
      await recordAudit(tx, { action: 'procedure.draft_started', entityType: 'procedure', entityId: p.id, agencyId: p.ownerAgencyId, after: { ...versionSnapshot(draft!), from: source.number } });
      return draft!;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Conflict('proc.draftExists');
    throw err;
  }
}
