import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid } from '../../platform/errors.js';
import { parseInput, text } from '../../platform/validation.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { MAX_OBLIGATION_DONG, resumeFromFinancial } from './financial-obligation.js';
import { dossierForAction } from './workflow-rules.js';

const amount = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/[.\s]/g, '') : v),
  z.coerce.number({ error: 'obligation.error.amount' }).int({ error: 'obligation.error.amount' }).min(1, { error: 'obligation.error.amount' }).max(MAX_OBLIGATION_DONG, { error: 'obligation.error.amount' }),
);
const input = z.object({ key: actionKey, seq: expectedSeq, receiptNumber: text(100), amount });

/**
 * The desk records a financial obligation paid at the counter or at a bank (the receipt's number), for exactly the
 * amount asked: the dossier resumes as after an online payment. Logged as 'pay_obligation'.
 */
export async function recordObligationPayment(ctx: Ctx, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const { dossier: d, replayed } = await dossierForAction(tx, id, 'dossier.receive', 'desk', data);
    if (replayed) return d;
    if (d.state === 'financial' && data.amount !== d.obligationAmount) throw new Invalid({ amount: { key: 'obligation.error.amountMismatch', params: { amount: d.obligationAmount.toLocaleString('vi-VN') } } });
    const { toState, changes, requestSeq } = d.state === 'financial' ? await resumeFromFinancial(tx, d) : { toState: d.state, changes: {}, requestSeq: null };
    const { dossier } = await appendAction(tx, d, {
      type: 'pay_obligation',
      key: data.key,
      expectedSeq: data.seq,
      toState,
      from: ['financial'],
      note: data.receiptNumber,
      data: { channel: 'counter', receiptNumber: data.receiptNumber, amount: data.amount, requestSeq },
      changes,
    });
    return dossier;
  });
}
