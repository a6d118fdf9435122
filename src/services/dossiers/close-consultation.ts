import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict } from '../../platform/errors.js';
import { parseInput, text, uuidField } from '../../platform/validation.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { consultationAnswers, dossierConsultations } from './consultation-schema.js';
import { dossierForAction, requireStepActor, stepIndex, stepsOf } from './workflow-rules.js';

const input = z.object({ key: actionKey, seq: expectedSeq, consultationId: uuidField, note: text(2000) });

/**
 * The step holder stops waiting for the agencies that have not answered (they were late, or the question no longer
 * matters), always saying why; the step may then be completed. Agencies that did not answer can no longer do so.
 */
export async function closeConsultation(ctx: Ctx, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const { dossier: d, replayed } = await dossierForAction(tx, id, 'dossier.process', 'agency', data);
    if (replayed) return d;
    const { steps } = await stepsOf(tx.db, d);
    await requireStepActor(tx, d, steps[stepIndex(steps, d.stepCode)]!);
    const [closed] = await tx.db
      .update(dossierConsultations)
      .set({ closedAt: tx.now() })
      .where(and(eq(dossierConsultations.id, data.consultationId), eq(dossierConsultations.dossierId, d.id), isNull(dossierConsultations.closedAt)))
      .returning();
    if (!closed) throw new Conflict('consultation.error.closed');
    const unanswered = await tx.db
      .select({ agencyId: consultationAnswers.agencyId })
      .from(consultationAnswers)
      .where(and(eq(consultationAnswers.consultationId, closed.id), isNull(consultationAnswers.answeredAt)));
    const { dossier } = await appendAction(tx, d, {
      type: 'close_consultation',
      key: data.key,
      expectedSeq: data.seq,
      toState: d.state,
      from: ['received', 'processing'],
      note: data.note,
      data: { consultationId: closed.id, unanswered: unanswered.map((u) => u.agencyId) },
    });
    return dossier;
  });
}
