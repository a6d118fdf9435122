import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { Invalid } from '../../platform/errors.js';
import { type Upload, saveUpload } from '../../platform/storage/save-upload.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import { parseInput } from '../../platform/validation.js';
import { legalDocuments } from '../schema.js';
import { legalConflict } from './edit-legal-document.js';
import { type LegalDocument, legalSnapshot, loadLegal, lockLegal, refreshPublished, versionField } from './legal-rules.js';

const input = z.object({ version: versionField });

/** The signed text is published as a PDF, judged by its bytes whatever its name says. */
const PDF_ONLY = ['application/pdf'] as const;

type Deps = { storage: FileStorage; maxBytes: number };

/**
 * Attaches the document's PDF, or replaces it (the old file stays in `files`: its address may be cached and
 * linked). A save like any other: a new version under the same optimistic lock; a published document's pages follow.
 */
export async function attachLegalPdf(ctx: Ctx, deps: Deps, id: string, upload: Upload | null, raw: unknown): Promise<LegalDocument> {
  const { doc, site } = await loadLegal(ctx.db, id);
  await requirePermission(ctx, 'legal.manage', site.agencyId);
  const data = parseInput(input, raw);
  if (!upload) throw new Invalid({ pdf: { key: 'legal.pdfRequired' } });
  return saveUpload(ctx, deps.storage, upload, { allow: PDF_ONLY, maxBytes: deps.maxBytes, field: 'pdf' }, async (tx, file) => {
    const before = await lockLegal(tx, doc.id);
    if (before.version !== data.version) throw legalConflict(before);
    const [after] = await tx.db
      .update(legalDocuments)
      .set({ fileId: file.id, version: before.version + 1, updatedAt: tx.now() })
      .where(eq(legalDocuments.id, before.id))
      .returning();
    if (after!.published) await refreshPublished(tx, after!);
    await recordAudit(tx, {
      action: before.fileId ? 'legal.pdf_replaced' : 'legal.pdf_attached',
      entityType: 'legal_document',
      entityId: before.id,
      agencyId: site.agencyId,
      before: legalSnapshot(before),
      after: { ...legalSnapshot(after!), fileName: file.name },
    });
    return after!;
  });
}
