import { and, count, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { Conflict, Invalid } from '../../platform/errors.js';
import { type Upload, saveUpload } from '../../platform/storage/save-upload.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import { allowedTypes, documentOf, ownDossier, versionOf } from './filing-rules.js';
import { dossierFiles } from './schema.js';

/** A scan may run over several pages saved as images; beyond this it is a mistake, not a document. */
export const MAX_FILES_PER_DOCUMENT = 10;

/**
 * Adds a file to one of the required documents of the applicant's draft. The type is judged from the bytes against
 * what that document accepts (PDF and images unless the procedure allows office files), the size against the
 * upload limit; a refused file is neither stored nor recorded.
 */
export async function attachDocument(ctx: Ctx, storage: FileStorage, maxBytes: number, id: string, documentCode: string, upload: Upload) {
  const dossier = await ownDossier(ctx, id);
  // A draft takes its documents; a dossier the desk asked to complete takes supplements, counted from this request.
  if (dossier.state !== 'draft' && dossier.state !== 'supplement') throw new Conflict('dossier.error.notDraft');
  const version = await versionOf(ctx.db, dossier);
  const doc = documentOf(version.definition, documentCode);
  return saveUpload(ctx, storage, upload, { allow: allowedTypes(doc.accepts), maxBytes, field: `doc_${doc.code}` }, async (tx, file) => {
    // Locked and re-read: the dossier may have been submitted while the bytes were being stored.
    const locked = await ownDossier(tx, id, true);
    if (locked.state !== dossier.state) throw new Conflict('dossier.error.notDraft');
    const purpose = locked.state === 'draft' ? 'document' : 'supplement';
    const [{ n }] = (await tx.db
      .select({ n: count() })
      .from(dossierFiles)
      .where(and(eq(dossierFiles.dossierId, id), eq(dossierFiles.documentCode, doc.code), eq(dossierFiles.purpose, purpose)))) as [{ n: number }];
    if (n >= MAX_FILES_PER_DOCUMENT) throw new Invalid({ [`doc_${doc.code}`]: { key: 'dossier.error.tooManyFiles', params: { max: MAX_FILES_PER_DOCUMENT } } });
    const [row] = await tx.db
      .insert(dossierFiles)
      .values({ dossierId: id, fileId: file.id, purpose, documentCode: doc.code, actionSeq: purpose === 'supplement' ? locked.lastSeq : null, createdBy: ctx.actor!.userId, createdAt: ctx.now() })
      .returning();
    return { ...row!, file };
  });
}
