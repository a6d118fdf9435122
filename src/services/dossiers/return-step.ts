import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict } from '../../platform/errors.js';
import { parseInput, text } from '../../platform/validation.js';
import { loadWorkingCalendar } from '../calendar/queries.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { stepDueDates } from './deadlines.js';
import { calendarRefusal, dossierForAction, requireStepActor, stepIndex, stepsOf } from './workflow-rules.js';

const input = z.object({ key: actionKey, seq: expectedSeq, note: text(2000) });

/** Sends the dossier back one step (a leader returns a draft result to the specialist), always saying why. */
export async function returnStep(ctx: Ctx, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const { dossier: d, replayed: done } = await dossierForAction(tx, id, 'dossier.process', 'agency', data);
    if (done) return d;
    const { definition, steps } = await stepsOf(tx.db, d);
    const i = stepIndex(steps, d.stepCode);
    await requireStepActor(tx, d, steps[i]!);
    const previous = steps[i - 1];
    if (!previous) throw new Conflict('dossier.error.firstStep');
    let due: Date | null = null;
    if (d.receivedAt && d.dueAt) {
      try {
        due = stepDueDates(d.receivedAt, d.dueAt, steps, definition.timeLimit.unit, await loadWorkingCalendar(tx.db))[i - 1]!;
      } catch (err) {
        calendarRefusal(err);
      }
    }
    const { dossier } = await appendAction(tx, d, {
      type: 'return_step',
      key: data.key,
      expectedSeq: data.seq,
      toState: 'processing',
      from: ['received', 'processing'],
      stepCode: previous.code,
      dueAt: due,
      note: data.note,
      data: { from: steps[i]!.code, to: previous.code },
      changes: { stepCode: previous.code, stepRole: previous.role, stepDueAt: due, assigneeId: null },
    });
    return dossier;
  });
}
