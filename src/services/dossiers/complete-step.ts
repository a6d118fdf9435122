import { z } from 'zod';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { optionalText, parseInput } from '../../platform/validation.js';
import { loadWorkingCalendar } from '../calendar/queries.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { stepDueDates } from './deadlines.js';
import { requireNoOpenConsultation } from './consultations.js';
import { type NotifyDeps, notifyApplicant } from './notify-applicant.js';
import { calendarRefusal, dossierForAction, requireStepActor, stepIndex, stepsOf } from './workflow-rules.js';

const input = z.object({ key: actionKey, seq: expectedSeq, note: optionalText(2000) });

/**
 * The officer holding the current step hands the dossier on to the next step (a leader's step is an approval);
 * after the last step the result is ready and the dossier goes back to the desk to be returned. Each hand-over
 * is logged with the step's due time, which the control slip judges it against.
 */
export async function completeStep(ctx: Ctx, deps: NotifyDeps, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const { dossier: d, replayed: done } = await dossierForAction(tx, id, 'dossier.process', 'agency', data);
    if (done) return d;
    const { definition, steps } = await stepsOf(tx.db, d);
    const i = d.state === 'received' || d.state === 'processing' ? stepIndex(steps, d.stepCode) : -1;
    const step = steps[i];
    if (step) await requireStepActor(tx, d, step);
    if (step?.role === 'leader') await requirePermission(tx, 'dossier.approve', d.agencyId);
    await requireNoOpenConsultation(tx.db, d.id);
    const next = steps[i + 1];
    const at = ctx.now();
    let nextDue: Date | null = null;
    if (next && d.receivedAt && d.dueAt) {
      try {
        nextDue = stepDueDates(d.receivedAt, d.dueAt, steps, definition.timeLimit.unit, await loadWorkingCalendar(tx.db))[i + 1]!;
      } catch (err) {
        calendarRefusal(err);
      }
    }
    const { dossier } = await appendAction(tx, d, {
      type: step?.role === 'leader' ? 'approve' : 'complete_step',
      key: data.key,
      expectedSeq: data.seq,
      toState: next ? 'processing' : 'processed',
      from: ['received', 'processing'],
      stepCode: next?.code ?? null,
      dueAt: next ? nextDue : d.dueAt,
      note: data.note ?? null,
      data: { from: step?.code ?? null, to: next?.code ?? null, stepDueAt: d.stepDueAt?.toISOString() ?? null },
      effects: next ? undefined : (changed) => notifyApplicant(tx, deps, changed, 'processed'),
      changes: next
        ? { stepCode: next.code, stepRole: next.role, stepDueAt: nextDue, assigneeId: null }
        : { stepCode: null, stepRole: 'desk_officer', stepDueAt: null, assigneeId: null, finishedAt: at },
    });
    return dossier;
  });
}
