import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { optionalText, parseInput } from '../../platform/validation.js';
import { loadWorkingCalendar } from '../calendar/queries.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { dueDate, stepDueDates } from './deadlines.js';
import { type NotifyDeps, notifyApplicant } from './notify-applicant.js';
import { calendarRefusal, dossierForAction, stepsOf } from './workflow-rules.js';

const input = z.object({ key: actionKey, seq: expectedSeq, note: optionalText(2000) });

/**
 * The desk accepts a dossier as complete and valid: the clock starts (from the next working instant), the
 * appointment is set from the version's time limit, and the dossier passes to the first step of the process at
 * the competent agency — wherever the applicant lives and whichever desk received it.
 */
export async function receiveDossier(ctx: Ctx, deps: NotifyDeps, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const { dossier: d, replayed: done } = await dossierForAction(tx, id, 'dossier.receive', 'desk', data);
    if (done) return d;
    const { definition, steps } = await stepsOf(tx.db, d);
    const at = ctx.now();
    let due: Date;
    let firstStepDue: Date;
    try {
      const cal = await loadWorkingCalendar(tx.db);
      due = dueDate(at, definition.timeLimit, d.channel, cal)!;
      firstStepDue = stepDueDates(at, due, steps, definition.timeLimit.unit, cal)[0]!;
    } catch (err) {
      calendarRefusal(err);
    }
    const first = steps[0]!;
    const { dossier } = await appendAction(tx, d, {
      type: 'receive',
      key: data.key,
      expectedSeq: data.seq,
      toState: 'received',
      from: ['submitted'],
      stepCode: first.code,
      dueAt: firstStepDue,
      note: data.note ?? null,
      data: { dueAt: due.toISOString() },
      effects: (changed) => notifyApplicant(tx, deps, changed, 'received'),
      changes: { receivedAt: at, dueAt: due, stepCode: first.code, stepRole: first.role, stepDueAt: firstStepDue, assigneeId: null },
    });
    return dossier;
  });
}
