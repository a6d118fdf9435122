import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { optionalText, parseInput } from '../../platform/validation.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { type NotifyDeps, notifyApplicant } from './notify-applicant.js';
import { dossierForAction } from './workflow-rules.js';

const input = z.object({ key: actionKey, seq: expectedSeq, note: optionalText(2000) });

/** The desk hands the result over (at the counter, by post, or electronically) and the dossier is done. */
export async function returnResult(ctx: Ctx, deps: NotifyDeps, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const { dossier: d, replayed: done } = await dossierForAction(tx, id, 'dossier.receive', 'desk', data);
    if (done) return d;
    const { dossier } = await appendAction(tx, d, {
      type: 'return_result',
      key: data.key,
      expectedSeq: data.seq,
      toState: 'returned',
      from: ['processed'],
      note: data.note ?? null,
      data: { delivery: d.delivery },
      effects: (changed) => notifyApplicant(tx, deps, changed, 'returned'),
      changes: { returnedAt: ctx.now(), stepCode: null, stepRole: null, stepDueAt: null, assigneeId: null },
    });
    return dossier;
  });
}
