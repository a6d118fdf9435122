import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { destroyUserSessions } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, Invalid, NotFound } from '../../platform/errors.js';
import { checkbox, optionalEmail, optionalPhone, optionalText, parseInput, text, uuidField } from '../../platform/validation.js';
import { users } from '../schema.js';
import { anotherActiveSystemAdmin, lockAdminRoster } from './admin-roster.js';
import { requireForUser, requireManageUser } from './authority.js';
import { requireActiveAgencies } from './grant-rules.js';
import { assignmentsOfUser, findOfficial } from './queries.js';
import { rethrowUniqueAsInvalid } from './unique-fields.js';

const versionField = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(1, { error: 'field.invalid' }));

const input = z.object({
  fullName: text(200),
  title: optionalText(200),
  email: optionalEmail,
  phone: optionalPhone,
  agencyId: uuidField,
  active: checkbox,
  version: versionField,
});

const editable = ['fullName', 'title', 'email', 'phone', 'agencyId', 'active'] as const;

/**
 * Edits an official's details. Moving them to another agency needs user.manage in both; deactivating ends
 * every session at once, and is refused for oneself and for the last active system administrator.
 * The form's version must still be current, so two administrators cannot silently overwrite each other.
 */
export async function updateOfficial(ctx: Ctx, userId: string, raw: unknown): Promise<void> {
  const data = parseInput(input, raw);
  const user = await findOfficial(ctx.db, userId);
  if (!user) throw new NotFound();
  const grants = await assignmentsOfUser(ctx.db, user.id);
  await requireManageUser(ctx, user, grants);
  if (data.agencyId !== user.agencyId) {
    await requireActiveAgencies(ctx.db, [data.agencyId], 'agencyId');
    await requireForUser(ctx, 'user.manage', data.agencyId);
  }
  const deactivating = user.active && !data.active;
  if (deactivating && ctx.actor?.userId === user.id) throw new Invalid({ active: { key: 'users.cannotDeactivateSelf' } });

  const next = { fullName: data.fullName, title: data.title ?? null, email: data.email ?? null, phone: data.phone ?? null, agencyId: data.agencyId, active: data.active };
  const changed = editable.filter((k) => next[k] !== user[k]);
  if (changed.length === 0) {
    if (data.version !== user.version) throw new Conflict();
    return;
  }
  try {
    await inTransaction(ctx, async (tx) => {
      if (deactivating && grants.some((g) => g.role === 'system_admin')) {
        await lockAdminRoster(tx.db);
        if (!(await anotherActiveSystemAdmin(tx.db, user.id))) throw new Invalid({ active: { key: 'users.lastAdmin' } });
      }
      const updated = await tx.db
        .update(users)
        .set({ ...next, version: user.version + 1, updatedAt: ctx.now() })
        .where(and(eq(users.id, user.id), eq(users.version, data.version)))
        .returning({ id: users.id });
      if (updated.length === 0) throw new Conflict();
      if (deactivating) await destroyUserSessions(tx.db, user.id);
      const action = deactivating ? 'user.deactivated' : !user.active && data.active ? 'user.reactivated' : 'user.updated';
      await recordAudit(tx, {
        action,
        entityType: 'user',
        entityId: user.id,
        agencyId: data.agencyId,
        before: Object.fromEntries(changed.map((k) => [k, user[k]])),
        after: Object.fromEntries(changed.map((k) => [k, next[k]])),
      });
    });
  } catch (err) {
    rethrowUniqueAsInvalid(err);
  }
}
