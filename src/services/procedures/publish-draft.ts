import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Tx } from '../../platform/db/client.js';
import { parseInput } from '../../platform/validation.js';
import { versionDefinitionSchema } from './definition.js';
import { requireDraft } from './edit-draft.js';
import { indexProcedure } from './index-procedure.js';
import { type ProcedureVersion, actorUserId, draftConflict, loadProcedure, loadVersion, lockProcedure, lockVersion, versionField, versionSnapshot } from './rules.js';
import { procedureVersions, procedures } from './schema.js';

const input = z.object({ revision: versionField });

/**
 * Makes a version the one in force: the previous one is retired (dossiers filed under it keep pointing at it) and
 * the procedure's search entry follows. Shared by the draft page and the import, which publishes in one go.
 */
export async function putInForce(tx: Ctx & { db: Tx }, procedureId: string, versionId: string): Promise<ProcedureVersion> {
  const p = await lockProcedure(tx, procedureId);
  if (p.currentVersionId && p.currentVersionId !== versionId) {
    await tx.db.update(procedureVersions).set({ status: 'retired', updatedAt: tx.now() }).where(and(eq(procedureVersions.id, p.currentVersionId), eq(procedureVersions.status, 'published')));
  }
  const [published] = await tx.db
    .update(procedureVersions)
    .set({ status: 'published', publishedAt: tx.now(), publishedBy: actorUserId(tx), updatedAt: tx.now() })
    .where(eq(procedureVersions.id, versionId))
    .returning();
  await tx.db.update(procedures).set({ currentVersionId: versionId, updatedAt: tx.now() }).where(eq(procedures.id, procedureId));
  await indexProcedure(tx.db, procedureId);
  return published!;
}

/** Publishes the draft the person last saw (its revision): a newer save by someone else is a conflict. */
export async function publishDraft(ctx: Ctx, procedureId: string, versionId: string, raw: unknown): Promise<ProcedureVersion> {
  const p = await loadProcedure(ctx.db, procedureId);
  await requirePermission(ctx, 'procedure.manage', p.ownerAgencyId);
  const current = await loadVersion(ctx.db, p.id, versionId);
  requireDraft(current);
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const before = await lockVersion(tx, current.id);
    requireDraft(before);
    if (before.revision !== data.revision) throw draftConflict(before);
    // Drafts are checked on every save; this guards against a definition written around the editor.
    versionDefinitionSchema.parse(before.definition);
    const previous = p.currentVersionId;
    const after = await putInForce(tx, p.id, before.id);
    await recordAudit(tx, { action: 'procedure.version_published', entityType: 'procedure', entityId: p.id, agencyId: p.ownerAgencyId, before: { currentVersionId: previous }, after: versionSnapshot(after) });
    return after;
  });
}
