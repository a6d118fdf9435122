import { eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import { type Dossier, appendAction } from '../dossiers/append-action.js';
import { resumeFromFinancial } from '../dossiers/financial-obligation.js';
import { dossiers } from '../dossiers/schema.js';
import type { DossierState } from '../dossiers/status.js';
import type { Payment } from './payment-rules.js';

/** Every state a filed dossier can be in: money the platform took is recorded whatever happened to the dossier meanwhile. */
const FILED: readonly DossierState[] = ['submitted', 'received', 'refused', 'processing', 'supplement', 'financial', 'withdrawn', 'stopped', 'processed', 'returned'];

/**
 * Records on the dossier that a payment went through, as the action 'pay' keyed by the payment's reference (a
 * second settlement of the same payment is the same action). Fees and a financial obligation alike mark the dossier
 * paid online; only the fees set paidAt.
 * A financial obligation paid for the request the dossier is still waiting on resumes it where it was, with its
 * due dates moved by the time the clock stood still; a payment of an older request is only recorded. Called with
 * a platform answer already verified, inside the payment's transaction.
 */
export async function markDossierPaid(tx: Ctx & { db: Tx }, payment: Payment, paidAt: Date): Promise<Dossier> {
  const [d] = await tx.db.select().from(dossiers).where(eq(dossiers.id, payment.dossierId)).for('update');
  if (!d) throw new NotFound();
  let toState: DossierState = d.state;
  // Either kind paid online counts for Decision 766's online payment share, and the day figures follow through
  // the triggers on dossiers; only fees mark the dossier paid (paidAt), which an obligation is not.
  let changes: Partial<Dossier> = payment.purpose === 'fee' ? { paidOnline: true, paidAt } : { paidOnline: true };
  if (payment.purpose === 'obligation' && d.state === 'financial') {
    const resumed = await resumeFromFinancial(tx, d);
    if (resumed.requestSeq === payment.obligationSeq) {
      toState = resumed.toState;
      changes = { ...resumed.changes, ...changes };
    }
  }
  const { dossier } = await appendAction(tx, d, {
    type: 'pay',
    key: `pay:${payment.reference}`,
    toState,
    from: FILED,
    data: { reference: payment.reference, amount: payment.amount, transactionId: payment.platformTransactionId, purpose: payment.purpose },
    changes,
  });
  return dossier;
}
