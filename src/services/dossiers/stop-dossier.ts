import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Forbidden } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { dossierConsultations } from './consultation-schema.js';
import { type NotifyDeps, notifyApplicant } from './notify-applicant.js';
import { dossierForAction, holdsRole } from './workflow-rules.js';

const reason = z.string({ error: 'stop.error.reason' }).trim().min(10, { error: 'stop.error.reason' }).max(2000, { error: 'field.tooLong' });
const input = z.object({ key: actionKey, seq: expectedSeq, reason });

/**
 * A leader of the competent agency stops resolving a dossier (dừng giải quyết, national status 8), with the reason
 * and its legal ground: a final state, which the statistics count apart. The applicant is told, the notice (Mẫu 05)
 * prints from the slips, and any consultation still waiting is closed with it.
 */
export async function stopDossier(ctx: Ctx, deps: NotifyDeps, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const { dossier: d, replayed } = await dossierForAction(tx, id, 'dossier.approve', 'agency', data);
    if (replayed) return d;
    if (!(await holdsRole(tx, 'leader', d.agencyId))) throw new Forbidden('stop.error.leader');
    const at = tx.now();
    await tx.db.update(dossierConsultations).set({ closedAt: at }).where(and(eq(dossierConsultations.dossierId, d.id), isNull(dossierConsultations.closedAt)));
    const { dossier } = await appendAction(tx, d, {
      type: 'stop',
      key: data.key,
      expectedSeq: data.seq,
      toState: 'stopped',
      from: ['received', 'processing', 'supplement', 'financial'],
      note: data.reason,
      data: { reason: data.reason, fromStep: d.stepCode },
      effects: (changed) => notifyApplicant(tx, deps, changed, 'stopped', { reason: data.reason }),
      changes: { finishedAt: at, pausedSince: null, obligationAmount: 0, stepCode: null, stepRole: null, stepDueAt: null, assigneeId: null },
    });
    return dossier;
  });
}
