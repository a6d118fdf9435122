import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { Conflict, NotFound, Unauthenticated } from '../../platform/errors.js';
import type { Upload } from '../../platform/storage/save-upload.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import { parseInput, text, uuidField } from '../../platform/validation.js';
import { actionKey, appendAction } from './append-action.js';
import { consultationAnswers, dossierConsultations } from './consultation-schema.js';
import { ATTACHMENT_TYPES, CONSULTABLE_STATES, type Consultation, withOptionalUpload } from './consultations.js';
import { dossierActions, dossiers } from './schema.js';

const input = z.object({ key: actionKey, agencyId: uuidField, answer: text(5000) });

/**
 * An official of a consulted agency answers for it, once, with an optional file. The answer is logged on the
 * dossier ('answer_consultation', the agency's hand-back on the control slip); the last answer closes the
 * consultation, which frees the asker's step. A retried request with the same key finds its answer.
 */
export async function answerConsultation(ctx: Ctx, storage: FileStorage, maxBytes: number, consultationId: string, raw: unknown, upload: Upload | null = null): Promise<Consultation> {
  const data = parseInput(input, raw);
  if (!ctx.actor) throw new Unauthenticated();
  await requirePermission(ctx, 'dossier.process', data.agencyId);
  return withOptionalUpload(ctx, storage, upload, { allow: ATTACHMENT_TYPES, maxBytes, field: 'file' }, async (tx, file) => {
    const [c] = await tx.db.select().from(dossierConsultations).where(eq(dossierConsultations.id, consultationId));
    if (!c) throw new NotFound();
    // The dossier's row lock orders this answer with every other action on the dossier.
    const [d] = await tx.db.select().from(dossiers).where(eq(dossiers.id, c.dossierId)).for('update');
    const [mine] = await tx.db.select().from(consultationAnswers).where(and(eq(consultationAnswers.consultationId, c.id), eq(consultationAnswers.agencyId, data.agencyId)));
    if (!d || !mine) throw new NotFound();
    const [current] = await tx.db.select().from(dossierConsultations).where(eq(dossierConsultations.id, c.id));
    const [logged] = await tx.db.select({ seq: dossierActions.seq }).from(dossierActions).where(and(eq(dossierActions.dossierId, d.id), eq(dossierActions.key, data.key)));
    if (logged) return current!;
    if (mine.answeredAt) throw new Conflict('consultation.error.answered');
    if (current!.closedAt) throw new Conflict('consultation.error.closed');
    const at = tx.now();
    await tx.db
      .update(consultationAnswers)
      .set({ answer: data.answer, fileId: file?.id ?? null, answeredBy: tx.actor!.userId, answeredByName: tx.actor!.label, answeredAt: at })
      .where(and(eq(consultationAnswers.consultationId, c.id), eq(consultationAnswers.agencyId, data.agencyId)));
    const [waiting] = await tx.db
      .select({ agencyId: consultationAnswers.agencyId })
      .from(consultationAnswers)
      .where(and(eq(consultationAnswers.consultationId, c.id), isNull(consultationAnswers.answeredAt)))
      .limit(1);
    const [updated] = waiting ? [current!] : await tx.db.update(dossierConsultations).set({ closedAt: at }).where(eq(dossierConsultations.id, c.id)).returning();
    await appendAction(tx, d, {
      type: 'answer_consultation',
      key: data.key,
      toState: d.state,
      from: CONSULTABLE_STATES,
      dueAt: c.answerBy,
      note: data.answer,
      // The actor acts for the consulted agency, which the control slip names as the giver.
      data: { consultationId: c.id, agencyId: data.agencyId, consultSeq: c.seq, answerBy: c.answerBy.toISOString(), closed: !waiting },
    });
    return updated!;
  });
}

