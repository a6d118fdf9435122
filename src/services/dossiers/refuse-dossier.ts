import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { parseInput, text } from '../../platform/validation.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { type NotifyDeps, notifyApplicant } from './notify-applicant.js';
import { dossierForAction } from './workflow-rules.js';

const input = z.object({ key: actionKey, seq: expectedSeq, reason: text(2000) });

/** The desk refuses to receive a dossier (not within the agency's competence, not eligible…), always with a reason. */
export async function refuseDossier(ctx: Ctx, deps: NotifyDeps, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const { dossier: d, replayed: done } = await dossierForAction(tx, id, 'dossier.receive', 'desk', data);
    if (done) return d;
    const { dossier } = await appendAction(tx, d, {
      type: 'refuse',
      key: data.key,
      expectedSeq: data.seq,
      toState: 'refused',
      from: ['submitted', 'supplement'],
      note: data.reason,
      effects: (changed) => notifyApplicant(tx, deps, changed, 'refused', { reason: data.reason }),
      changes: { finishedAt: ctx.now(), pausedSince: null, stepCode: null, stepRole: null, stepDueAt: null, assigneeId: null },
    });
    return dossier;
  });
}
