import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict } from '../../platform/errors.js';
import { legalDocuments } from '../schema.js';
import { legalConflict } from './edit-legal-document.js';
import { type LegalDocument, legalSnapshot, loadLegal, lockLegal, refreshPublished } from './legal-rules.js';

/**
 * Publishing and withdrawing share one shape: permission on the site's agency, the row locked at the version the
 * person saw, the flag changed, search and the page cache updated and the audit entry written in one transaction.
 * It is not a save of the text, so the version stays.
 */
export async function changePublication(ctx: Ctx, id: string, change: { publish: boolean; version: number }): Promise<LegalDocument> {
  const { doc, site } = await loadLegal(ctx.db, id);
  await requirePermission(ctx, 'legal.manage', site.agencyId);
  return inTransaction(ctx, async (tx) => {
    const before = await lockLegal(tx, doc.id);
    if (before.version !== change.version) throw legalConflict(before);
    if (before.published === change.publish) throw new Conflict(change.publish ? 'legal.alreadyPublished' : 'legal.notPublished');
    const [after] = await tx.db
      .update(legalDocuments)
      .set({ published: change.publish, publishedAt: change.publish ? tx.now() : null, updatedAt: tx.now() })
      .where(eq(legalDocuments.id, before.id))
      .returning();
    await refreshPublished(tx, after!);
    await recordAudit(tx, {
      action: change.publish ? 'legal.published' : 'legal.unpublished',
      entityType: 'legal_document',
      entityId: before.id,
      agencyId: site.agencyId,
      before: legalSnapshot(before),
      after: legalSnapshot(after!),
    });
    return after!;
  });
}
