import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid } from '../../platform/errors.js';
import { parseInput, text } from '../../platform/validation.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { parseObligationItems } from './financial-obligation.js';
import { type NotifyDeps, notifyApplicant } from './notify-applicant.js';
import { dossierForAction, requireStepActor, stepIndex, stepsOf } from './workflow-rules.js';

const input = z.object({ key: actionKey, seq: expectedSeq, items: text(5000), reason: text(2000) });

/**
 * The holder of the processing step asks the applicant to meet a financial obligation (taxes, registration fees)
 * before the dossier can go on: the national status 6. The amounts and the reason are logged; the clock stops
 * until the payment, online through the payment platform or recorded by the desk, resumes the dossier where it was.
 */
export async function requestFinancialObligation(ctx: Ctx, deps: NotifyDeps, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(input, raw);
  const items = parseObligationItems(data.items);
  if (!items) throw new Invalid({ items: { key: 'obligation.error.items' } });
  const total = items.reduce((sum, i) => sum + i.amount, 0);
  return inTransaction(ctx, async (tx) => {
    const { dossier: d, replayed } = await dossierForAction(tx, id, 'dossier.process', 'agency', data);
    if (replayed) return d;
    const { steps } = await stepsOf(tx.db, d);
    await requireStepActor(tx, d, steps[stepIndex(steps, d.stepCode)]!);
    const { dossier } = await appendAction(tx, d, {
      type: 'request_financial',
      key: data.key,
      expectedSeq: data.seq,
      toState: 'financial',
      from: ['received', 'processing'],
      note: data.reason,
      data: { items, total, reason: data.reason, resume: d.state },
      effects: (changed) => notifyApplicant(tx, deps, changed, 'financial', { reason: data.reason }),
      changes: { pausedSince: tx.now(), obligationAmount: total, obligationRequested: true },
    });
    return dossier;
  });
}
