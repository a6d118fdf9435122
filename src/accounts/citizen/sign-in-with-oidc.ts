import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, Forbidden, pgErrorCode } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/index.js';
import { userIdentities, users } from '../schema.js';
import type { OidcClaims } from './oidc-client.js';

export type OidcSignIn = { userId: string; outcome: 'existing' | 'linked' | 'created' };

type UserRow = typeof users.$inferSelect;

/**
 * Signs a person in with an identity the provider vouched for. A known identity signs in its account; otherwise
 * a citizen account whose address both sides have verified is linked; otherwise a new citizen account is made
 * from the claims. An unverified address is never used to find or fill an account, so nobody can take over an
 * account by claiming its address at a provider.
 */
export async function signInWithOidc(ctx: Ctx, issuer: string, claims: OidcClaims): Promise<OidcSignIn> {
  try {
    return await inTransaction(ctx, async (tx) => {
      const [known] = await tx.db
        .select({ u: users })
        .from(userIdentities)
        .innerJoin(users, eq(users.id, userIdentities.userId))
        .where(and(eq(userIdentities.provider, issuer), eq(userIdentities.subject, claims.sub)))
        .limit(1);
      if (known) {
        await finishSignIn(tx, known.u, issuer, 'existing');
        return { userId: known.u.id, outcome: 'existing' as const };
      }
      const [byEmail] =
        claims.email && claims.emailVerified
          ? await tx.db
              .select()
              .from(users)
              .where(and(eq(users.kind, 'citizen'), sql`lower(${users.email}) = ${claims.email}`, sql`${users.emailVerifiedAt} is not null`))
              .limit(1)
          : [];
      if (byEmail) {
        await addIdentity(tx, byEmail, issuer, claims.sub, 'verified_email');
        await finishSignIn(tx, byEmail, issuer, 'linked');
        return { userId: byEmail.id, outcome: 'linked' as const };
      }
      const user = await createFromClaims(tx, issuer, claims);
      await addIdentity(tx, user, issuer, claims.sub, 'created');
      await finishSignIn(tx, user, issuer, 'created');
      return { userId: user.id, outcome: 'created' as const };
    });
  } catch (err) {
    // Two callbacks for the same new identity at once: the second finds the first's account on a retry.
    if (pgErrorCode(err) === '23505') throw new Conflict();
    throw err;
  }
}

async function createFromClaims(tx: Ctx & { db: Tx }, issuer: string, claims: OidcClaims): Promise<UserRow> {
  // An address or number that already belongs to another account stays with it; the new account goes without.
  const emailFree = claims.email && claims.emailVerified ? !(await taken(tx, sql`lower(${users.email}) = ${claims.email}`)) : false;
  const phoneFree = claims.phone ? !(await taken(tx, sql`${users.phone} = ${claims.phone}`)) : false;
  const now = tx.now();
  const [user] = await tx.db
    .insert(users)
    .values({
      kind: 'citizen',
      fullName: claims.name ?? translate(tx.locale, 'citizen.oidc.defaultName'),
      email: emailFree ? claims.email : null,
      emailVerifiedAt: emailFree ? now : null,
      phone: phoneFree ? claims.phone : null,
      passwordHash: null,
      locale: tx.locale,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordAudit(tx, {
    action: 'user.registered',
    actorId: user!.id,
    actorLabel: claims.email ?? claims.sub,
    entityType: 'user',
    entityId: user!.id,
    after: { kind: 'citizen', method: 'oidc', provider: issuer, hasEmail: emailFree, hasPhone: phoneFree },
  });
  return user!;
}

async function taken(tx: Ctx & { db: Tx }, condition: ReturnType<typeof sql>): Promise<boolean> {
  const [row] = await tx.db.select({ id: users.id }).from(users).where(condition).limit(1);
  return Boolean(row);
}

export async function addIdentity(tx: Ctx & { db: Tx }, user: UserRow, issuer: string, subject: string, reason: 'verified_email' | 'created' | 'account_page'): Promise<void> {
  const now = tx.now();
  await tx.db.insert(userIdentities).values({ userId: user.id, provider: issuer, subject, createdAt: now });
  await recordAudit(tx, {
    action: 'user.identity_linked',
    actorId: user.id,
    actorLabel: user.email ?? user.phone ?? user.fullName,
    entityType: 'user',
    entityId: user.id,
    after: { provider: issuer, subject, reason },
  });
}

async function finishSignIn(tx: Ctx & { db: Tx }, user: UserRow, issuer: string, outcome: OidcSignIn['outcome']): Promise<void> {
  if (user.kind !== 'citizen' || !user.active) throw new Forbidden('citizen.oidc.inactive');
  await tx.db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: tx.now() }).where(eq(users.id, user.id));
  await recordAudit(tx, {
    action: 'auth.sign_in',
    actorId: user.id,
    actorLabel: user.email ?? user.phone ?? user.fullName,
    entityType: 'user',
    entityId: user.id,
    after: { method: 'oidc', provider: issuer, outcome },
  });
}
