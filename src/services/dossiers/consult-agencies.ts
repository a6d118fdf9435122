import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { agencies } from '../../org/schema.js';
import type { Ctx } from '../../platform/context.js';
import { formatVnDateTime } from '../../platform/dates.js';
import { Invalid } from '../../platform/errors.js';
import type { Upload } from '../../platform/storage/save-upload.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import { parseInput, text } from '../../platform/validation.js';
import { loadWorkingCalendar } from '../calendar/queries.js';
import { addWorkingTime } from '../calendar/working-time.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { scheduleConsultationReminder } from './consultation-jobs.js';
import { consultationAnswers, dossierConsultations } from './consultation-schema.js';
import { ATTACHMENT_TYPES, withOptionalUpload } from './consultations.js';
import { calendarRefusal, dossierForAction, requireStepActor, stepIndex, stepsOf } from './workflow-rules.js';

const agencyList = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.uuid({ error: 'consultation.error.agencies' })).min(1, { error: 'consultation.error.agencies' }).max(20, { error: 'consultation.error.agencies' }),
);

const input = z.object({
  key: actionKey,
  seq: expectedSeq,
  question: text(5000),
  agencyIds: agencyList,
  answerDays: z.coerce.number({ error: 'consultation.error.days' }).int({ error: 'consultation.error.days' }).min(1, { error: 'consultation.error.days' }).max(30, { error: 'consultation.error.days' }),
});

/**
 * The holder of the current step asks other agencies for their opinion (xin ý kiến), with an optional attachment
 * and an answer-by time counted in working days. The dossier stays with the step and its clock keeps running;
 * each consulted agency answers once, and until all have (or the asker closes the question) the step cannot be
 * completed. Logged as 'consult' with the answer-by time as its due time, which the control slip judges answers by.
 */
export async function consultAgencies(ctx: Ctx, storage: FileStorage, maxBytes: number, id: string, raw: unknown, upload: Upload | null = null): Promise<Dossier> {
  const data = parseInput(input, raw);
  const agencyIds = [...new Set(data.agencyIds)];
  return withOptionalUpload(ctx, storage, upload, { allow: ATTACHMENT_TYPES, maxBytes, field: 'file' }, async (tx, file) => {
    const { dossier: d, replayed } = await dossierForAction(tx, id, 'dossier.process', 'agency', data);
    if (replayed) return d;
    const { steps } = await stepsOf(tx.db, d);
    await requireStepActor(tx, d, steps[stepIndex(steps, d.stepCode)]!);
    const targets = await tx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(and(inArray(agencies.id, agencyIds), eq(agencies.active, true)));
    if (targets.length !== agencyIds.length || agencyIds.includes(d.agencyId)) throw new Invalid({ agencyIds: { key: 'consultation.error.agencies' } });
    const at = tx.now();
    let answerBy: Date;
    try {
      answerBy = addWorkingTime(at, { days: data.answerDays }, await loadWorkingCalendar(tx.db));
    } catch (err) {
      calendarRefusal(err);
    }
    const [consultation] = await tx.db
      .insert(dossierConsultations)
      .values({ dossierId: d.id, seq: d.lastSeq + 1, stepCode: d.stepCode, question: data.question, fileId: file?.id ?? null, askedBy: tx.actor!.userId, askedByName: tx.actor!.label, askedAt: at, answerBy })
      .returning();
    await tx.db.insert(consultationAnswers).values(targets.map((a) => ({ consultationId: consultation!.id, agencyId: a.id })));
    const { dossier } = await appendAction(tx, d, {
      type: 'consult',
      key: data.key,
      expectedSeq: data.seq,
      toState: d.state,
      from: ['received', 'processing'],
      dueAt: answerBy,
      note: data.question,
      data: { consultationId: consultation!.id, agencies: targets, answerBy: answerBy.toISOString(), answerByText: formatVnDateTime(answerBy) },
    });
    await scheduleConsultationReminder(tx, consultation!, at);
    return dossier;
  });
}
