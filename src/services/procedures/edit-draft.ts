import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, Invalid } from '../../platform/errors.js';
import { files } from '../../platform/schema.js';
import { optionalText, parseInput } from '../../platform/validation.js';
import type { VersionDefinition } from './definition.js';
import { postedRowCounts, valuesToDefinition } from './draft-form.js';
import { type ProcedureVersion, draftConflict, loadProcedure, loadVersion, lockVersion, versionField, versionSnapshot } from './rules.js';
import { procedureVersions } from './schema.js';

const input = z.object({ revision: versionField, note: optionalText(1000) });

/** Published and retired versions are what dossiers were filed under: they never change. */
export function requireDraft(v: ProcedureVersion): void {
  if (v.status !== 'draft') throw new Conflict('proc.versionFrozen');
}

/** Template files must be stored files; an id typed by hand would otherwise be linked from the public page. */
export async function checkTemplates(db: Ctx['db'], d: VersionDefinition): Promise<void> {
  const ids = d.documents.flatMap((x) => (x.templateFileId ? [x.templateFileId] : []));
  if (ids.length === 0) return;
  const found = new Set((await db.select({ id: files.id }).from(files).where(inArray(files.id, ids))).map((f) => f.id));
  const missing = d.documents.findIndex((x) => x.templateFileId && !found.has(x.templateFileId));
  if (missing >= 0) throw new Invalid({ [`doc.${missing}.code`]: { key: 'proc.templateMissing' } });
}

/** Saves the draft's whole definition under the optimistic lock on its revision. */
export async function editDraft(ctx: Ctx, procedureId: string, versionId: string, raw: unknown): Promise<ProcedureVersion> {
  const p = await loadProcedure(ctx.db, procedureId);
  await requirePermission(ctx, 'procedure.manage', p.ownerAgencyId);
  const current = await loadVersion(ctx.db, p.id, versionId);
  requireDraft(current);
  const data = parseInput(input, raw);
  const values = (raw ?? {}) as Record<string, string | undefined>;
  const definition = valuesToDefinition(values, postedRowCounts(values), current.definition);
  await checkTemplates(ctx.db, definition);
  return inTransaction(ctx, async (tx) => {
    const before = await lockVersion(tx, current.id);
    requireDraft(before);
    if (before.revision !== data.revision) throw draftConflict(before);
    const [after] = await tx.db
      .update(procedureVersions)
      .set({ definition, note: data.note ?? null, revision: before.revision + 1, updatedAt: tx.now() })
      .where(eq(procedureVersions.id, before.id))
      .returning();
    await recordAudit(tx, { action: 'procedure.draft_edited', entityType: 'procedure', entityId: p.id, agencyId: p.ownerAgencyId, before: versionSnapshot(before), after: versionSnapshot(after!) });
    return after!;
  });
}
