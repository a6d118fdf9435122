import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.js';
import { userIdentities, users } from '../schema.js';

export type CitizenProfile = {
  fullName: string;
  email: string | null;
  emailVerified: boolean;
  phone: string | null;
  hasPassword: boolean;
  identities: { provider: string; createdAt: Date }[];
};

/** Everything the account page shows, in two queries. */
export async function loadCitizenProfile(db: Queryable, userId: string): Promise<CitizenProfile | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return null;
  const identities = await db
    .select({ provider: userIdentities.provider, createdAt: userIdentities.createdAt })
    .from(userIdentities)
    .where(eq(userIdentities.userId, userId))
    .orderBy(asc(userIdentities.createdAt));
  return {
    fullName: user.fullName,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    phone: user.phone,
    hasPassword: user.passwordHash !== null,
    identities,
  };
}
