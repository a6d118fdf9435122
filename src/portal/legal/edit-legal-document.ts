import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { formatVnDateTime } from '../../platform/dates.js';
import { Conflict, Invalid } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { legalDocuments } from '../schema.js';
import { type LegalDocument, checkDocument, legalFields, legalSnapshot, loadLegal, lockLegal, refreshPublished, versionField } from './legal-rules.js';

const input = z.object({ ...legalFields, version: versionField });

/** Someone saved since the form was opened: say when, so the person can compare before saving again. */
export function legalConflict(d: LegalDocument): Conflict {
  return new Conflict('legal.editConflict', { at: formatVnDateTime(d.updatedAt), version: d.version });
}

/**
 * Saves a new version under the optimistic lock. A published document stays published: its search entry and the
 * site's pages follow the new words in the same transaction.
 */
export async function editLegalDocument(ctx: Ctx, id: string, raw: unknown): Promise<LegalDocument> {
  const { doc, site } = await loadLegal(ctx.db, id);
  await requirePermission(ctx, 'legal.manage', site.agencyId);
  const data = parseInput(input, raw);
  const { errors, values } = checkDocument(data, ctx.now(), doc.docType);
  if (errors) throw new Invalid(errors);
  return inTransaction(ctx, async (tx) => {
    const before = await lockLegal(tx, doc.id);
    if (before.version !== data.version) throw legalConflict(before);
    const [after] = await tx.db
      .update(legalDocuments)
      .set({ ...values, version: before.version + 1, updatedAt: tx.now() })
      .where(eq(legalDocuments.id, before.id))
      .returning();
    if (after!.published) await refreshPublished(tx, after!);
    await recordAudit(tx, { action: 'legal.edited', entityType: 'legal_document', entityId: before.id, agencyId: site.agencyId, before: legalSnapshot(before), after: legalSnapshot(after!) });
    return after!;
  });
}
