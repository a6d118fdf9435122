import { and, eq, inArray } from 'drizzle-orm';
import { type Role, inheritableRoles, isRole } from '../../platform/auth/permissions.js';
import type { Queryable } from '../../platform/db/client.js';
import { Invalid } from '../../platform/errors.js';
import { agencies } from '../../org/schema.js';

export type GrantSpec = { role: Role; agencyId: string | null; includeDescendants: boolean };

/** Which form field each problem belongs to: the role form has three, the create form one list. */
export type GrantFields = { role: string; agencyId: string; includeDescendants: string };

/**
 * The shape every role assignment must have: system_admin stands above agencies and has none; every other
 * role belongs to an agency; only roles meant for it may cover sub-agencies.
 */
export function checkGrantShape(raw: { role: string; agencyId?: string | null; includeDescendants: boolean }, fields: GrantFields): GrantSpec {
  if (!isRole(raw.role)) throw new Invalid({ [fields.role]: { key: 'roles.unknown' } });
  if (raw.role === 'system_admin') {
    if (raw.agencyId) throw new Invalid({ [fields.agencyId]: { key: 'roles.systemAdminNoAgency' } });
    return { role: raw.role, agencyId: null, includeDescendants: false };
  }
  if (!raw.agencyId) throw new Invalid({ [fields.agencyId]: { key: 'roles.agencyRequired' } });
  if (raw.includeDescendants && !inheritableRoles.includes(raw.role)) throw new Invalid({ [fields.includeDescendants]: { key: 'roles.notInheritable' } });
  return { role: raw.role, agencyId: raw.agencyId, includeDescendants: raw.includeDescendants };
}

/** New accounts and new roles only go to agencies that exist and still operate. */
export async function requireActiveAgencies(db: Queryable, ids: string[], field: string): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const found = await db.select({ id: agencies.id }).from(agencies).where(and(inArray(agencies.id, wanted), eq(agencies.active, true)));
  if (found.length !== wanted.length) throw new Invalid({ [field]: { key: 'users.agencyUnknown' } });
}
