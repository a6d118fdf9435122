import { and, eq, lt, ne } from 'drizzle-orm';
import { roleAssignments, users } from '../../accounts/schema.js';
import type { Actor, RoleGrant } from '../context.js';
import type { Queryable } from '../db/client.js';
import { sessions } from '../schema.js';
import { randomToken, sha256 } from '../secrets.js';
import { isRole } from './permissions.js';

export type SessionStage = 'mfa' | 'password' | 'active';

export type SessionPolicy = { idleMinutes: number; maxHours: number };

export type LoadedSession = {
  id: string;
  stage: SessionStage;
  mfaVerified: boolean;
  lastSeenAt: Date;
  expiresAt: Date;
  /** When inactivity ends it, for the warning shown before that. */
  idleExpiresAt: Date;
  user: { id: string; kind: 'official' | 'citizen'; fullName: string; username: string | null; email: string | null; agencyId: string | null; locale: 'vi' | 'en'; totpEnabled: boolean };
  actor: Actor;
};

export async function createSession(
  db: Queryable,
  input: { userId: string; stage: SessionStage; mfaVerified: boolean; ip: string | null; userAgent: string | null; now: Date; policy: SessionPolicy },
): Promise<{ token: string; id: string }> {
  const token = randomToken();
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: sha256(token),
      userId: input.userId,
      stage: input.stage,
      mfaVerified: input.mfaVerified,
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt: new Date(input.now.getTime() + input.policy.maxHours * 3600_000),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    })
    .returning({ id: sessions.id });
  return { token, id: row!.id };
}

export async function loadGrants(db: Queryable, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .select({ role: roleAssignments.role, agencyId: roleAssignments.agencyId, includeDescendants: roleAssignments.includeDescendants })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
  return rows.flatMap((r) => (isRole(r.role) ? [{ role: r.role, agencyId: r.agencyId, includeDescendants: r.includeDescendants }] : []));
}

/**
 * The session behind a cookie token, or null when it is unknown, expired (absolute or idle), or its user
 * was deactivated. Expired rows are removed on sight.
 */
export async function loadSession(db: Queryable, token: string, now: Date, policy: SessionPolicy): Promise<LoadedSession | 'expired' | null> {
  const [row] = await db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sha256(token)))
    .limit(1);
  if (!row) return null;
  const idleExpiresAt = new Date(row.s.lastSeenAt.getTime() + policy.idleMinutes * 60_000);
  if (row.s.expiresAt <= now || idleExpiresAt <= now || !row.u.active) {
    await db.delete(sessions).where(eq(sessions.id, row.s.id));
    return 'expired';
  }
  const grants = row.u.kind === 'official' ? await loadGrants(db, row.u.id) : [];
  return {
    id: row.s.id,
    stage: row.s.stage,
    mfaVerified: row.s.mfaVerified,
    lastSeenAt: row.s.lastSeenAt,
    expiresAt: row.s.expiresAt,
    idleExpiresAt,
    user: {
      id: row.u.id,
      kind: row.u.kind,
      fullName: row.u.fullName,
      username: row.u.username,
      email: row.u.email,
      agencyId: row.u.agencyId,
      locale: row.u.locale,
      totpEnabled: row.u.totpEnabledAt !== null,
    },
    actor: {
      userId: row.u.id,
      kind: row.u.kind,
      label: row.u.username ?? row.u.email ?? row.u.phone ?? row.u.fullName,
      agencyId: row.u.agencyId,
      grants,
    },
  };
}

/** Writes last-seen at most once a minute: enough for the idle timeout, without a write per request. */
export async function touchSession(db: Queryable, s: LoadedSession, now: Date): Promise<void> {
  if (now.getTime() - s.lastSeenAt.getTime() < 60_000) return;
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, s.id));
}

export async function advanceSession(db: Queryable, id: string, stage: SessionStage, mfaVerified: boolean): Promise<void> {
  await db.update(sessions).set({ stage, mfaVerified }).where(eq(sessions.id, id));
}

export async function destroySession(db: Queryable, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Signs the user out everywhere, optionally keeping the session the request came from. */
export async function destroyUserSessions(db: Queryable, userId: string, keepSessionId?: string): Promise<number> {
  const where = keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId);
  const rows = await db.delete(sessions).where(where).returning({ id: sessions.id });
  return rows.length;
}

export async function purgeExpiredSessions(db: Queryable, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
