import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { NotFound } from '../../platform/errors.js';
import { userIdentities, users } from '../schema.js';
import { requireCitizenAccess } from './authority.js';
import { isUuid } from './queries.js';

export type CitizenRecord = {
  id: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  emailVerifiedAt: Date | null;
  active: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
  identityProviders: string[];
};

/**
 * A citizen's account in full for an administrator. Decree 13/2023 asks that reading personal data leave a
 * trace, so the read is audited in the same transaction that fetches it: no record shown without its entry.
 */
export async function readCitizen(ctx: Ctx, citizenId: string): Promise<CitizenRecord> {
  requireCitizenAccess(ctx);
  if (!isUuid(citizenId)) throw new NotFound();
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select({ id: users.id, fullName: users.fullName, email: users.email, phone: users.phone, emailVerifiedAt: users.emailVerifiedAt, active: users.active, createdAt: users.createdAt, lastLoginAt: users.lastLoginAt })
      .from(users)
      .where(and(eq(users.id, citizenId), eq(users.kind, 'citizen')));
    if (!row) throw new NotFound();
    const identities = await tx.db.select({ provider: userIdentities.provider }).from(userIdentities).where(eq(userIdentities.userId, row.id));
    await recordAudit(tx, { action: 'personal_data.read', entityType: 'user', entityId: row.id, after: { fields: ['fullName', 'email', 'phone', 'identities'] } });
    return { ...row, identityProviders: [...new Set(identities.map((i) => i.provider))].sort() };
  });
}
