import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { hashPassword } from '../../platform/auth/password.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid } from '../../platform/errors.js';
import { optionalEmail, optionalPhone, optionalText, parseInput, text, uuidField } from '../../platform/validation.js';
import { roleAssignments, users } from '../schema.js';
import { requireCanGrant, requireForUser } from './authority.js';
import { type GrantSpec, checkGrantShape, requireActiveAgencies } from './grant-rules.js';
import { temporaryPassword } from './temporary-password.js';
import { rethrowUniqueAsInvalid } from './unique-fields.js';

const usernameField = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).regex(/^[a-z0-9._-]{3,50}$/, { error: 'users.usernameFormat' }),
);

/** A form checkbox gives a bare role, meaning "in the new user's agency"; the CLI gives agency and scope too. */
const roleSpec = z.preprocess(
  (v) => (typeof v === 'string' ? { role: v } : v),
  z.object({
    role: z.string().max(50),
    agencyId: z.uuid({ error: 'field.uuid' }).nullable().optional(),
    includeDescendants: z.boolean().optional(),
  }),
);

const input = z.object({
  username: usernameField,
  fullName: text(200),
  agencyId: uuidField,
  title: optionalText(200),
  email: optionalEmail,
  phone: optionalPhone,
  roles: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(roleSpec).max(20, { error: 'field.invalid' })),
});

export type CreatedOfficial = { userId: string; username: string; temporaryPassword: string };

/**
 * Opens an account for an official with a generated temporary password, returned once to be handed over;
 * the official must replace it at first sign-in. Needs user.manage in the agency, and the right to give
 * each initial role.
 */
export async function createOfficial(ctx: Ctx, raw: unknown): Promise<CreatedOfficial> {
  const data = parseInput(input, raw);
  await requireActiveAgencies(ctx.db, [data.agencyId], 'agencyId');
  await requireForUser(ctx, 'user.manage', data.agencyId);
  const grants: GrantSpec[] = [];
  for (const r of data.roles) {
    const grant = checkGrantShape(
      { role: r.role, agencyId: r.role === 'system_admin' ? r.agencyId : (r.agencyId ?? data.agencyId), includeDescendants: r.includeDescendants ?? false },
      { role: 'roles', agencyId: 'roles', includeDescendants: 'roles' },
    );
    if (!grants.some((g) => g.role === grant.role && g.agencyId === grant.agencyId)) grants.push(grant);
  }
  await requireActiveAgencies(ctx.db, grants.flatMap((g) => (g.agencyId ? [g.agencyId] : [])), 'roles');
  for (const g of grants) await requireCanGrant(ctx, g);
  const [taken] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = ${data.username}`)
    .limit(1);
  if (taken) throw new Invalid({ username: { key: 'users.usernameTaken' } });

  const password = temporaryPassword([data.username, data.fullName, data.email]);
  const passwordHash = await hashPassword(password);
  const now = ctx.now();
  try {
    const userId = await inTransaction(ctx, async (tx) => {
      const [user] = await tx.db
        .insert(users)
        .values({
          kind: 'official',
          username: data.username,
          fullName: data.fullName,
          agencyId: data.agencyId,
          title: data.title ?? null,
          email: data.email ?? null,
          phone: data.phone ?? null,
          passwordHash,
          mustChangePassword: true,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: users.id });
      const id = user!.id;
      if (grants.length) await tx.db.insert(roleAssignments).values(grants.map((g) => ({ userId: id, ...g, createdAt: now })));
      await recordAudit(tx, {
        action: 'user.created',
        entityType: 'user',
        entityId: id,
        agencyId: data.agencyId,
        after: { username: data.username, fullName: data.fullName, agencyId: data.agencyId, title: data.title, email: data.email, phone: data.phone, roles: grants },
      });
      return id;
    });
    return { userId, username: data.username, temporaryPassword: password };
  } catch (err) {
    rethrowUniqueAsInvalid(err);
  }
}
