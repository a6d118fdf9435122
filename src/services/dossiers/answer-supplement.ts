import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid } from '../../platform/errors.js';
import { optionalText, parseInput } from '../../platform/validation.js';
import { loadWorkingCalendar } from '../calendar/queries.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { dueDate, stepDueDates } from './deadlines.js';
import { ownDossier } from './filing-rules.js';
import { dossierFiles } from './schema.js';
import type { DossierState } from './status.js';
import { calendarRefusal, logOf, pausesFromLog, stepIndex, stepsOf } from './workflow-rules.js';

const input = z.object({ key: actionKey, seq: expectedSeq, note: optionalText(2000) });

/**
 * The applicant sends what was asked for. The dossier goes back where it was (to the desk before reception, to
 * the step that asked after it) and, once received, its due date and its step's due date move by the working
 * time the clock was stopped.
 */
export async function answerSupplement(ctx: Ctx, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const d = await ownDossier(tx, id, true);
    const log = await logOf(tx.db, d.id);
    const request = [...log].reverse().find((a) => a.type === 'request_supplement');
    if (d.state === 'supplement') {
      const sent = await tx.db
        .select({ id: dossierFiles.id })
        .from(dossierFiles)
        .where(and(eq(dossierFiles.dossierId, d.id), eq(dossierFiles.purpose, 'supplement'), eq(dossierFiles.actionSeq, request?.seq ?? -1)));
      if (sent.length === 0) throw new Invalid({ file: { key: 'dossier.error.supplementFiles' } });
    }
    const resume = ((request?.data as { resume?: DossierState } | undefined)?.resume ?? 'submitted') as DossierState;
    const at = ctx.now();
    let changes: Partial<Dossier> = { pausedSince: null };
    if (d.receivedAt && d.state === 'supplement') {
      try {
        const cal = await loadWorkingCalendar(tx.db);
        const { definition, steps } = await stepsOf(tx.db, d);
        const pauses = pausesFromLog([...log, { at, fromState: 'supplement', toState: resume }]);
        const due = dueDate(d.receivedAt, definition.timeLimit, d.channel, cal, pauses)!;
        const stepDue = d.stepCode ? stepDueDates(d.receivedAt, due, steps, definition.timeLimit.unit, cal)[stepIndex(steps, d.stepCode)]! : null;
        changes = { ...changes, dueAt: due, stepDueAt: stepDue };
      } catch (err) {
        calendarRefusal(err);
      }
    }
    const { dossier } = await appendAction(tx, d, {
      type: 'answer_supplement',
      key: data.key,
      expectedSeq: data.seq,
      toState: resume,
      from: ['supplement'],
      note: data.note ?? null,
      data: { previousDueAt: d.dueAt?.toISOString() ?? null, dueAt: changes.dueAt?.toISOString() ?? null },
      changes,
    });
    return dossier;
  });
}
