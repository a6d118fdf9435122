import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { rolesRequiringMfa } from '../../platform/auth/permissions.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid, NotFound, pgErrorCode } from '../../platform/errors.js';
import { sessions } from '../../platform/schema.js';
import { checkbox, optionalUuid, parseInput } from '../../platform/validation.js';
import { roleAssignments } from '../schema.js';
import { requireCanGrant, requireForUser } from './authority.js';
import { checkGrantShape, requireActiveAgencies } from './grant-rules.js';
import { type Assignment, assignmentsOfUser, findOfficial } from './queries.js';

const input = z.object({
  role: z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).max(50, { error: 'roles.unknown' }),
  agencyId: optionalUuid,
  includeDescendants: checkbox,
});

export const grantsForAudit = (list: Assignment[]) => list.map((a) => ({ role: a.role, agencyId: a.agencyId, includeDescendants: a.includeDescendants }));

/**
 * Gives an official a role in an agency (or system-wide, for system_admin). The actor needs role.assign over
 * the official and the right to give exactly this grant. A role that demands a second factor ends the
 * official's sessions that signed in without one, so the new power is never used without it.
 */
export async function assignRole(ctx: Ctx, userId: string, raw: unknown): Promise<void> {
  const data = parseInput(input, raw);
  const user = await findOfficial(ctx.db, userId);
  if (!user) throw new NotFound();
  await requireForUser(ctx, 'role.assign', user.agencyId);
  const grant = checkGrantShape(data, { role: 'role', agencyId: 'agencyId', includeDescendants: 'includeDescendants' });
  if (grant.agencyId) await requireActiveAgencies(ctx.db, [grant.agencyId], 'agencyId');
  await requireCanGrant(ctx, grant);
  const before = await assignmentsOfUser(ctx.db, user.id);
  if (before.some((a) => a.role === grant.role && a.agencyId === grant.agencyId)) throw new Invalid({ role: { key: 'roles.exists' } });
  try {
    await inTransaction(ctx, async (tx) => {
      await tx.db.insert(roleAssignments).values({ userId: user.id, ...grant, createdAt: ctx.now() });
      if (rolesRequiringMfa.includes(grant.role)) await tx.db.delete(sessions).where(and(eq(sessions.userId, user.id), eq(sessions.mfaVerified, false)));
      await recordAudit(tx, {
        action: 'role.assigned',
        entityType: 'user',
        entityId: user.id,
        agencyId: grant.agencyId ?? user.agencyId,
        before: grantsForAudit(before),
        after: grantsForAudit(await assignmentsOfUser(tx.db, user.id)),
      });
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Invalid({ role: { key: 'roles.exists' } });
    throw err;
  }
}
