import { eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import { loadWorkingCalendar } from '../calendar/queries.js';
import { type Dossier, appendAction } from '../dossiers/append-action.js';
import { dueDate, stepDueDates } from '../dossiers/deadlines.js';
import { dossiers } from '../dossiers/schema.js';
import type { DossierState } from '../dossiers/status.js';
import { calendarRefusal, logOf, pausesFromLog, stepIndex, stepsOf } from '../dossiers/workflow-rules.js';
import type { Payment } from './payment-rules.js';

/** Every state a filed dossier can be in: money the platform took is recorded whatever happened to the dossier meanwhile. */
const FILED: readonly DossierState[] = ['submitted', 'received', 'refused', 'processing', 'supplement', 'financial', 'withdrawn', 'stopped', 'processed', 'returned'];

/**
 * Records on the dossier that its fees were paid online, as the action 'pay' keyed by the payment's reference (a
 * second settlement of the same payment is the same action). A dossier waiting for its fees (financial) resumes
 * where it was, with its due dates moved by the time the clock stood still; in any other state only the payment
 * is recorded. Called with a platform answer already verified, inside the payment's transaction.
 */
export async function markDossierPaid(tx: Ctx & { db: Tx }, payment: Payment, paidAt: Date): Promise<Dossier> {
  const [d] = await tx.db.select().from(dossiers).where(eq(dossiers.id, payment.dossierId)).for('update');
  if (!d) throw new NotFound();
  let toState: DossierState = d.state;
  let changes: Partial<Dossier> = { paidOnline: true, paidAt };
  if (d.state === 'financial') {
    const log = await logOf(tx.db, d.id);
    const request = [...log].reverse().find((a) => a.toState === 'financial' && a.fromState !== 'financial');
    toState = ((request?.data as { resume?: DossierState } | undefined)?.resume ?? request?.fromState ?? 'processing') as DossierState;
    changes = { ...changes, pausedSince: null };
    if (d.receivedAt) {
      try {
        const cal = await loadWorkingCalendar(tx.db);
        const { definition, steps } = await stepsOf(tx.db, d);
        const pauses = pausesFromLog([...log, { at: tx.now(), fromState: 'financial', toState }]);
        const due = dueDate(d.receivedAt, definition.timeLimit, d.channel, cal, pauses)!;
        const stepDue = d.stepCode ? stepDueDates(d.receivedAt, due, steps, definition.timeLimit.unit, cal)[stepIndex(steps, d.stepCode)]! : null;
        changes = { ...changes, dueAt: due, stepDueAt: stepDue };
      } catch (err) {
        calendarRefusal(err);
      }
    }
  }
  const { dossier } = await appendAction(tx, d, {
    type: 'pay',
    key: `pay:${payment.reference}`,
    toState,
    from: FILED,
    data: { reference: payment.reference, amount: payment.amount, transactionId: payment.platformTransactionId },
    changes,
  });
  return dossier;
}
