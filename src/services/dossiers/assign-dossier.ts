import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../accounts/schema.js';
import { loadGrants } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid } from '../../platform/errors.js';
import { parseInput, uuidField } from '../../platform/validation.js';
import type { StepRole } from '../procedures/definition.js';
import { type Dossier, actionKey, appendAction, expectedSeq } from './append-action.js';
import { dossierForAction, holdsRole } from './workflow-rules.js';

const input = z.object({ key: actionKey, seq: expectedSeq, assigneeId: uuidField });

/**
 * A leader gives the current step to one officer: it then leaves the inbox of everyone else holding the role and
 * only that officer may act on it. The officer must hold the step's role at the competent agency.
 */
export async function assignDossier(ctx: Ctx, id: string, raw: unknown): Promise<Dossier> {
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const { dossier: d, replayed: done } = await dossierForAction(tx, id, 'dossier.assign', 'agency', data);
    if (done) return d;
    const [person] = await tx.db.select().from(users).where(eq(users.id, data.assigneeId));
    const eligible =
      person?.active && person.kind === 'official' && d.stepRole
        ? await holdsRole({ ...tx, actor: { userId: person.id, kind: 'official', label: person.fullName, agencyId: person.agencyId, grants: await loadGrants(tx.db, person.id) } }, d.stepRole as StepRole, d.agencyId)
        : false;
    if (!eligible) throw new Invalid({ assigneeId: { key: 'dossier.error.assigneeInvalid' } });
    const { dossier } = await appendAction(tx, d, {
      type: 'assign',
      key: data.key,
      expectedSeq: data.seq,
      toState: d.state,
      from: ['received', 'processing'],
      data: { assigneeId: person!.id, assigneeName: person!.fullName },
      changes: { assigneeId: person!.id },
    });
    return dossier;
  });
}
