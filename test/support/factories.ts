import { randomBytes } from 'node:crypto';
import { roleAssignments, users } from '../../src/accounts/schema.js';
import { hashPassword } from '../../src/platform/auth/password.js';
import type { Role } from '../../src/platform/auth/permissions.js';
import type { Actor } from '../../src/platform/context.js';
import type { Queryable } from '../../src/platform/db/client.js';
import { loadGrants } from '../../src/platform/auth/sessions.js';
import { adminUnits, agencies } from '../../src/org/schema.js';

let seq = 0;
const next = () => `${++seq}${randomBytes(2).toString('hex')}`;

export const TEST_PASSWORD = 'Mật-khẩu-Thử-2025';

// Argon2id is slow on purpose; people made by factories may share a hash per password (each still verifies), which
// saves the suite a hash for every official and citizen it creates.
const hashes = new Map<string, Promise<string>>();
function testHash(password: string): Promise<string> {
  let h = hashes.get(password);
  if (!h) {
    h = hashPassword(password);
    hashes.set(password, h);
  }
  return h;
}

/** A QCVN 102-shaped identifier that no other test uses. */
export function agencyCode(): string {
  const n = Math.floor(Math.random() * 1000);
  const m = Math.floor(Math.random() * 100);
  return `${String(n).padStart(3, '0')}.${String(m).padStart(2, '0')}.${String(seq++ % 100).padStart(2, '0')}.H${String(Math.floor(Math.random() * 90) + 10)}`;
}

export async function makeUnit(db: Queryable, over: Partial<typeof adminUnits.$inferInsert> = {}) {
  const [row] = await db
    .insert(adminUnits)
    .values({ code: `9${next()}`.slice(0, 5), name: `Xã Thử ${next()}`, kind: 'xã', level: 'commune', validFrom: '2025-07-01', ...over })
    .returning();
  return row!;
}

export async function makeAgency(db: Queryable, over: Partial<typeof agencies.$inferInsert> = {}) {
  const [row] = await db
    .insert(agencies)
    .values({ code: agencyCode(), name: `Cơ quan thử ${next()}`, type: 'department', ...over })
    .returning();
  return row!;
}

type OfficialOpts = {
  agencyId?: string;
  roles?: (Role | { role: Role; agencyId?: string | null; includeDescendants?: boolean })[];
  password?: string;
  username?: string;
  mustChangePassword?: boolean;
  fullName?: string;
};

/** An official; roles default to the official's own agency. */
export async function makeOfficial(db: Queryable, opts: OfficialOpts = {}) {
  const agencyId = opts.agencyId ?? (await makeAgency(db)).id;
  const [user] = await db
    .insert(users)
    .values({
      kind: 'official',
      username: opts.username ?? `cb${next()}`,
      fullName: opts.fullName ?? 'Cán Bộ Thử',
      agencyId,
      passwordHash: await testHash(opts.password ?? TEST_PASSWORD),
      mustChangePassword: opts.mustChangePassword ?? false,
    })
    .returning();
  const roles = (opts.roles ?? []).map((r) => (typeof r === 'string' ? { role: r, agencyId: r === 'system_admin' ? null : agencyId, includeDescendants: false } : { agencyId: r.role === 'system_admin' ? null : agencyId, includeDescendants: false, ...r }));
  if (roles.length) await db.insert(roleAssignments).values(roles.map((r) => ({ userId: user!.id, role: r.role, agencyId: r.agencyId ?? null, includeDescendants: r.includeDescendants })));
  return user!;
}

export async function makeCitizen(db: Queryable, over: Partial<typeof users.$inferInsert> = {}) {
  const [row] = await db
    .insert(users)
    .values({ kind: 'citizen', email: `cd${next()}@example.vn`, fullName: 'Công Dân Thử', passwordHash: await testHash(TEST_PASSWORD), ...over })
    .returning();
  return row!;
}

/** The actor a use case sees for this user, as a request would build it. */
export async function actorFor(db: Queryable, user: { id: string; kind: 'official' | 'citizen'; username: string | null; agencyId: string | null; fullName: string }): Promise<Actor> {
  return { userId: user.id, kind: user.kind, label: user.username ?? user.fullName, agencyId: user.agencyId, grants: user.kind === 'official' ? await loadGrants(db, user.id) : [] };
}
