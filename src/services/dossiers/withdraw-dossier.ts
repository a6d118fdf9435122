import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { optionalText, parseInput } from '../../platform/validation.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { ownDossier } from './filing-rules.js';
import { type NotifyDeps, notifyApplicant } from './notify-applicant.js';
import { WITHDRAWABLE_STATES } from './status.js';

const input = z.object({ key: actionKey, seq: expectedSeq, reason: optionalText(1000) });

/** The applicant withdraws a dossier that has no result yet; it stops where it is. */
export async function withdrawDossier(ctx: Ctx, deps: NotifyDeps, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const d = await ownDossier(tx, id, true);
    const { dossier } = await appendAction(tx, d, {
      type: 'withdraw',
      key: data.key,
      expectedSeq: data.seq,
      toState: 'withdrawn',
      from: WITHDRAWABLE_STATES,
      note: data.reason ?? null,
      effects: (changed) => notifyApplicant(tx, deps, changed, 'withdrawn'),
      changes: { finishedAt: ctx.now(), pausedSince: null, stepCode: null, stepRole: null, stepDueAt: null, assigneeId: null },
    });
    return dossier;
  });
}
