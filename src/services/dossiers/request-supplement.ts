import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid } from '../../platform/errors.js';
import { parseInput, text } from '../../platform/validation.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { type NotifyDeps, notifyApplicant } from './notify-applicant.js';
import { dossiers } from './schema.js';
import { dossierForAction, requireStepActor, stepIndex, stepsOf } from './workflow-rules.js';

const input = z.object({ key: actionKey, seq: expectedSeq, items: text(5000) });

/**
 * Asks the applicant to complete the dossier: everything missing at once (one line per item, as Mẫu 02 lists them),
 * and the clock stops until the answer. At the desk before reception; afterwards by whoever holds the current step.
 */
export async function requestSupplement(ctx: Ctx, deps: NotifyDeps, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(input, raw);
  const items = data.items.split('\n').map((l) => l.trim()).filter(Boolean);
  if (items.length === 0) throw new Invalid({ items: { key: 'field.required' } });
  return inTransaction(ctx, async (tx) => {
    const atDesk = await isAtDesk(tx, id);
    const { dossier: d, replayed: done } = await dossierForAction(tx, id, atDesk ? 'dossier.receive' : 'dossier.process', atDesk ? 'desk' : 'agency', data);
    if (done) return d;
    if (!atDesk) {
      const { steps } = await stepsOf(tx.db, d);
      await requireStepActor(tx, d, steps[stepIndex(steps, d.stepCode)]!);
    }
    const { dossier } = await appendAction(tx, d, {
      type: 'request_supplement',
      key: data.key,
      expectedSeq: data.seq,
      toState: 'supplement',
      from: atDesk ? ['submitted'] : ['received', 'processing'],
      note: items.join('\n'),
      data: { items, resume: d.state },
      effects: (changed) => notifyApplicant(tx, deps, changed, 'supplement', { reason: items.join('; ') }),
      changes: { pausedSince: ctx.now() },
    });
    return dossier;
  });
}

/** Before reception the desk asks; after, the process does. The locked re-read in appendAction settles a race. */
async function isAtDesk(tx: Ctx, id: string): Promise<boolean> {
  const [row] = await tx.db.select({ state: dossiers.state }).from(dossiers).where(eq(dossiers.id, id));
  return row?.state === 'submitted';
}
