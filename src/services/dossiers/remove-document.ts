import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, NotFound } from '../../platform/errors.js';
import { idOrNotFound } from '../../platform/validation.js';
import { ownDossier } from './filing-rules.js';
import { dossierFiles } from './schema.js';

/** Takes a file off the applicant's draft. The stored bytes stay with their `files` row (see the storage notes). */
export async function removeDocument(ctx: Ctx, id: string, dossierFileId: string): Promise<void> {
  const fileRowId = idOrNotFound(dossierFileId);
  await inTransaction(ctx, async (tx) => {
    const dossier = await ownDossier(tx, id, true);
    if (dossier.state !== 'draft') throw new Conflict('dossier.error.notDraft');
    const gone = await tx.db
      .delete(dossierFiles)
      .where(and(eq(dossierFiles.id, fileRowId), eq(dossierFiles.dossierId, dossier.id)))
      .returning({ id: dossierFiles.id });
    if (gone.length === 0) throw new NotFound();
  });
}
