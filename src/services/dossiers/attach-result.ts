import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, Forbidden } from '../../platform/errors.js';
import { type Upload, saveUpload } from '../../platform/storage/save-upload.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import { parseInput } from '../../platform/validation.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { dossierFiles } from './schema.js';
import { dossierForAction, holdsRole, requireStepActor, stepsOf } from './workflow-rules.js';

const input = z.object({ key: actionKey, seq: expectedSeq });

/**
 * The result is ready once the last step is reached: the officer holding that step (who issues it) or a clerk of
 * the competent agency (who registers and releases results) attaches it, until it is returned.
 */
async function requireResultActor(tx: Ctx & { db: Tx }, d: Dossier): Promise<void> {
  const { steps } = await stepsOf(tx.db, d);
  const last = steps[steps.length - 1];
  const atLastStep = d.state === 'processing' && last !== undefined && d.stepCode === last.code;
  if (!atLastStep && d.state !== 'processed') throw new Conflict('result.error.notYet');
  if (await holdsRole(tx, 'clerk', d.agencyId)) return;
  if (!atLastStep) throw new Forbidden('dossier.error.notYourStep');
  await requireStepActor(tx, d, last);
}

/**
 * Attaches a result file (PDF) to a dossier, logged as the action 'attach_result' and marking the dossier as having
 * an electronic result (Decision 766 counts them). Who may is checked before the bytes are stored, and again with
 * the row locked when the file is recorded. The applicant sees result files once the dossier is processed.
 */
export async function attachResult(ctx: Ctx, storage: FileStorage, maxBytes: number, id: string, upload: Upload, raw: unknown) {
  const data = parseInput(input, raw);
  await inTransaction(ctx, async (tx) => {
    const { dossier, replayed } = await dossierForAction(tx, id, 'dossier.process', 'agency', data);
    if (!replayed) await requireResultActor(tx, dossier);
  });
  return saveUpload(ctx, storage, upload, { allow: ['application/pdf'], maxBytes, field: 'file' }, async (tx, file) => {
    const { dossier: d, replayed } = await dossierForAction(tx, id, 'dossier.process', 'agency', data);
    if (replayed) throw new Conflict('result.error.replayed');
    await requireResultActor(tx, d);
    const { action } = await appendAction(tx, d, {
      type: 'attach_result',
      key: data.key,
      expectedSeq: data.seq,
      toState: d.state,
      from: ['processing', 'processed'],
      data: { fileName: file.name, sha256: file.sha256 },
      changes: { electronicResult: true },
    });
    const [row] = await tx.db
      .insert(dossierFiles)
      .values({ dossierId: d.id, fileId: file.id, purpose: 'result', actionSeq: action.seq, createdBy: tx.actor?.userId ?? null, createdAt: tx.now() })
      .returning();
    return { ...row!, file };
  });
}

