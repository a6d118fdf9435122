import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { Invalid } from '../../platform/errors.js';
import { DOCUMENT_TYPES, type Upload, saveUpload } from '../../platform/storage/save-upload.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import { parseInput, text } from '../../platform/validation.js';
import { requireDraft } from './edit-draft.js';
import { type ProcedureVersion, draftConflict, loadProcedure, loadVersion, lockVersion, versionField, versionSnapshot } from './rules.js';
import { procedureVersions } from './schema.js';

const input = z.object({ revision: versionField, document: text(30) });

type Deps = { storage: FileStorage; maxBytes: number };

/**
 * Attaches the blank form (mẫu đơn, tờ khai) of one required document of a draft: PDF, Word or Excel, judged by
 * its bytes. A save of the draft like any other, under the same revision lock.
 */
export async function attachTemplate(ctx: Ctx, deps: Deps, procedureId: string, versionId: string, upload: Upload | null, raw: unknown): Promise<ProcedureVersion> {
  const p = await loadProcedure(ctx.db, procedureId);
  await requirePermission(ctx, 'procedure.manage', p.ownerAgencyId);
  const current = await loadVersion(ctx.db, p.id, versionId);
  requireDraft(current);
  const data = parseInput(input, raw);
  if (!current.definition.documents.some((d) => d.code === data.document)) throw new Invalid({ document: { key: 'proc.documentUnknown' } });
  if (!upload) throw new Invalid({ template: { key: 'proc.templateRequired' } });
  return saveUpload(ctx, deps.storage, upload, { allow: DOCUMENT_TYPES, maxBytes: deps.maxBytes, field: 'template' }, async (tx, file) => {
    const before = await lockVersion(tx, current.id);
    requireDraft(before);
    if (before.revision !== data.revision) throw draftConflict(before);
    const definition = { ...before.definition, documents: before.definition.documents.map((d) => (d.code === data.document ? { ...d, templateFileId: file.id } : d)) };
    const [after] = await tx.db
      .update(procedureVersions)
      .set({ definition, revision: before.revision + 1, updatedAt: tx.now() })
      .where(eq(procedureVersions.id, before.id))
      .returning();
    await recordAudit(tx, {
      action: 'procedure.template_attached',
      entityType: 'procedure',
      entityId: p.id,
      agencyId: p.ownerAgencyId,
      before: { version: before.number, revision: before.revision },
      after: { ...versionSnapshot(after!), document: data.document, fileName: file.name },
    });
    return after!;
  });
}
