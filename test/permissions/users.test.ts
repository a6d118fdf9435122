import { after, before, describe } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { assignRole } from '../../src/accounts/users/assign-role.js';
import { createOfficial } from '../../src/accounts/users/create-official.js';
import { type OfficialListRow, type Paged, listOfficials, parseListFilters } from '../../src/accounts/users/queries.js';
import { readCitizen } from '../../src/accounts/users/read-citizen.js';
import { removeRole } from '../../src/accounts/users/remove-role.js';
import { resetOfficialPassword } from '../../src/accounts/users/reset-password.js';
import { resetTwoFactor } from '../../src/accounts/users/reset-two-factor.js';
import { unlockOfficial } from '../../src/accounts/users/unlock-official.js';
import { updateOfficial } from '../../src/accounts/users/update-official.js';
import { roleAssignments, users } from '../../src/accounts/schema.js';
import { recordAudit } from '../../src/platform/audit/record-audit.js';
import { type AuditSearch, searchAudit } from '../../src/platform/audit/search-audit.js';
import { showAuditEntry } from '../../src/platform/audit/show-audit-entry.js';
import { inTransaction } from '../../src/platform/db/transaction.js';
import { auditLog } from '../../src/platform/schema.js';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { makeCitizen, makeOfficial } from '../support/factories.js';
import { type Action, type Attempt, type World, makeWorld, matrixTests } from './world.js';

// Checked against src/platform/auth/permissions.ts: user.manage and role.assign belong to system_admin and
// agency_admin; user.read also to leader and clerk; audit.read to system_admin and agency_admin. A grant
// reaches sub-agencies only when held with them. Citizens' records need a system-wide user.manage
// (src/accounts/users/authority.ts), and managing an account needs the right to give every role it holds.

describe('permission matrix: officials, roles, citizens and the audit log', () => {
  let env: TestEnv;
  let w: World;
  let seq = 0;
  const entries = new Map<string, { seq: number; entityId: string }>();

  before(async () => {
    env = await makeTestEnv();
    w = await makeWorld(env);
    const { A, A1, B } = w.tree;
    for (const [key, agencyId] of [['A', A.id], ['A1', A1.id], ['B', B.id], ['none', null]] as const) {
      const entityId = `matrix-${key}`;
      await inTransaction(w.ctx('sys'), (tx) => recordAudit(tx, { action: 'agency.updated', entityType: 'agency', entityId, agencyId }));
      const [row] = await env.database.db.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.entityId, entityId));
      entries.set(key, { seq: row!.seq, entityId });
    }
  });
  after(() => env.close());

  type Run = Attempt['run'];
  type Official = Awaited<ReturnType<typeof makeOfficial>>;
  const db = () => env.database.db;
  const t = () => w.tree;
  const userState = (id: string) => async () => ({
    user: await db().select().from(users).where(eq(users.id, id)),
    roles: await db().select().from(roleAssignments).where(eq(roleAssignments.userId, id)),
  });
  const usersNamed = (username: string) => async () => (await db().select({ n: count() }).from(users).where(eq(users.username, username)))[0]!.n;

  /** An official of the agency holding specialist there, locked out after failed sign-ins and enrolled in 2FA. */
  async function officialOf(agency: () => { id: string }, role: 'specialist' | 'system_admin' = 'specialist'): Promise<Official> {
    const u = await makeOfficial(db(), { agencyId: agency().id, roles: [role] });
    const [row] = await db()
      .update(users)
      .set({ failedLogins: 5, lockedUntil: new Date('2030-01-01T00:00:00Z'), totpSecret: 'JBSWY3DPEHPK3PXP', totpEnabledAt: new Date('2026-01-01T00:00:00Z') })
      .where(eq(users.id, u.id))
      .returning();
    return row!;
  }

  const onOfficial = (expect: string, name: string, target: () => Promise<Official>, run: (u: Official) => Run): Action => ({
    name,
    expect,
    effect: 'change',
    setup: async () => {
      const u = await target();
      return { run: run(u), state: userState(u.id) };
    },
  });

  const createIn = (expect: string, name: string, agency: () => { id: string }, roles: string[]): Action => ({
    name,
    expect,
    effect: 'change',
    setup: async () => {
      const username = `matran.${++seq}`;
      const form = { username, fullName: 'Cán Bộ Mới', agencyId: agency().id, roles };
      return { run: (ctx) => createOfficial(ctx, form), state: usersNamed(username) };
    },
  });

  const listed = (expect: string, name: string, agency: () => { id: string }): Action => ({
    name,
    expect,
    effect: 'none',
    setup: async () => {
      const u = await makeOfficial(db(), { agencyId: agency().id });
      return {
        run: (ctx) => listOfficials(ctx, parseListFilters({ q: u.username })),
        state: userState(u.id),
        shows: (r) => (r as Paged<OfficialListRow>).rows.some((row) => row.id === u.id),
      };
    },
  });

  const auditRead = (expect: string, name: string, key: string, how: 'search' | 'show'): Action => ({
    name,
    expect,
    effect: 'none',
    setup: async () => {
      const e = entries.get(key)!;
      const state = async () => db().select().from(auditLog).where(eq(auditLog.seq, e.seq));
      return how === 'search'
        ? { run: (ctx) => searchAudit(ctx, { 'ma-ban-ghi': e.entityId }), state, shows: (r) => (r as AuditSearch).rows.some((row) => row.seq === e.seq) }
        : { run: (ctx) => showAuditEntry(ctx, String(e.seq)), state };
    },
  });

  const update = (over: (u: Official) => Record<string, string> = () => ({})) => (u: Official): Run => (ctx) =>
    updateOfficial(ctx, u.id, { fullName: 'Tên Đã Sửa', agencyId: u.agencyId ?? '', active: 'on', version: String(u.version), ...over(u) });
  const resetPassword = (u: Official): Run => (ctx) => resetOfficialPassword(ctx, u.id);
  const reset2fa = (u: Official): Run => (ctx) => resetTwoFactor(ctx, u.id);
  const unlock = (u: Official): Run => (ctx) => unlockOfficial(ctx, u.id);
  const give = (form: (u: Official) => Record<string, string>) => (u: Official): Run => (ctx) => assignRole(ctx, u.id, form(u));
  const takeSpecialist = (u: Official): Run => async (ctx) => {
    const [a] = await db().select().from(roleAssignments).where(eq(roleAssignments.userId, u.id));
    return removeRole(ctx, u.id, a!.id);
  };
  const ofA = () => officialOf(() => t().A);
  const ofA1 = () => officialOf(() => t().A1);
  const ofB = () => officialOf(() => t().B);
  const sysAdminInA = () => officialOf(() => t().A, 'system_admin');

  // One row per action, one column per actor (see actorKeys in world.ts).
  //   sys adA ad1 edi app dsk spe lea clk cit ano
  matrixTests(() => w, [
    createIn(
      'Y   Y   N   N   N   N   N   N   N   N   N', 'create an official in A', () => t().A, ['specialist']),
    createIn(
      'Y   Y   Y   N   N   N   N   N   N   N   N', 'create an official in A1', () => t().A1, ['specialist']),
    createIn(
      'Y   N   N   N   N   N   N   N   N   N   N', 'create an official in B', () => t().B, ['specialist']),
    createIn(
      'Y   N   N   N   N   N   N   N   N   N   N', 'create a system administrator in A', () => t().A, ['system_admin']),

    onOfficial(
      'Y   Y   N   N   N   N   N   N   N   N   N', 'edit an official of A', ofA, update()),
    onOfficial(
      'Y   Y   Y   N   N   N   N   N   N   N   N', 'edit an official of A1', ofA1, update()),
    onOfficial(
      'Y   N   N   N   N   N   N   N   N   N   N', 'edit an official of B', ofB, update()),
    onOfficial(
      'Y   N   N   N   N   N   N   N   N   N   N', 'move an official of A to B', ofA, update(() => ({ agencyId: t().B.id }))),
    onOfficial(
      'Y   N   N   N   N   N   N   N   N   N   N', 'edit a system administrator seated in A', sysAdminInA, update()),

    onOfficial(
      'Y   Y   N   N   N   N   N   N   N   N   N', "reset the password of an official of A", ofA, resetPassword),
    onOfficial(
      'Y   Y   Y   N   N   N   N   N   N   N   N', 'reset the password of an official of A1', ofA1, resetPassword),
    onOfficial(
      'Y   N   N   N   N   N   N   N   N   N   N', 'reset the password of an official of B', ofB, resetPassword),
    onOfficial(
      'Y   N   N   N   N   N   N   N   N   N   N', 'reset the password of a system administrator seated in A', sysAdminInA, resetPassword),

    onOfficial(
      'Y   Y   N   N   N   N   N   N   N   N   N', 'reset the second factor of an official of A', ofA, reset2fa),
    onOfficial(
      'Y   Y   Y   N   N   N   N   N   N   N   N', 'reset the second factor of an official of A1', ofA1, reset2fa),
    onOfficial(
      'Y   N   N   N   N   N   N   N   N   N   N', 'reset the second factor of an official of B', ofB, reset2fa),

    onOfficial(
      'Y   Y   N   N   N   N   N   N   N   N   N', 'unlock an official of A', ofA, unlock),
    onOfficial(
      'Y   Y   Y   N   N   N   N   N   N   N   N', 'unlock an official of A1', ofA1, unlock),
    onOfficial(
      'Y   N   N   N   N   N   N   N   N   N   N', 'unlock an official of B', ofB, unlock),

    onOfficial(
      'Y   Y   N   N   N   N   N   N   N   N   N', 'give an official of A a role in A', ofA, give((u) => ({ role: 'clerk', agencyId: u.agencyId! }))),
    onOfficial(
      'Y   Y   Y   N   N   N   N   N   N   N   N', 'give an official of A1 a role in A1', ofA1, give((u) => ({ role: 'clerk', agencyId: u.agencyId! }))),
    onOfficial(
      'Y   N   N   N   N   N   N   N   N   N   N', 'give an official of B a role in B', ofB, give((u) => ({ role: 'clerk', agencyId: u.agencyId! }))),
    onOfficial(
      'Y   N   N   N   N   N   N   N   N   N   N', 'give an official of A a role in B', ofA, give(() => ({ role: 'clerk', agencyId: t().B.id }))),
    onOfficial(
      'Y   Y   N   N   N   N   N   N   N   N   N', "give an official of A1 a role over A1's sub-agencies", ofA1, give((u) => ({ role: 'leader', agencyId: u.agencyId!, includeDescendants: 'on' }))),
    onOfficial(
      'Y   N   N   N   N   N   N   N   N   N   N', 'make an official of A a system administrator', ofA, give(() => ({ role: 'system_admin' }))),

    onOfficial(
      'Y   Y   N   N   N   N   N   N   N   N   N', 'take a role from an official of A', ofA, takeSpecialist),
    onOfficial(
      'Y   Y   Y   N   N   N   N   N   N   N   N', 'take a role from an official of A1', ofA1, takeSpecialist),
    onOfficial(
      'Y   N   N   N   N   N   N   N   N   N   N', 'take a role from an official of B', ofB, takeSpecialist),

    listed(
      'Y   Y   h   h   h   h   h   Y   Y   h   h', 'see officials of A in the list', () => t().A),
    listed(
      'Y   Y   Y   h   h   h   h   Y   h   h   h', 'see officials of A1 in the list', () => t().A1),
    listed(
      'Y   h   h   h   h   h   h   h   h   h   h', 'see officials of B in the list', () => t().B),

    {
      name: "read a citizen's personal data",
      expect:
      'Y   N   N   N   N   N   N   N   N   N   N',
      effect: 'audit',
      setup: async () => {
        const c = await makeCitizen(db());
        return { run: (ctx) => readCitizen(ctx, c.id), state: userState(c.id) };
      },
    },

    auditRead(
      'Y   Y   h   N   N   N   N   N   N   N   N', 'find audit entries of A', 'A', 'search'),
    auditRead(
      'Y   Y   Y   N   N   N   N   N   N   N   N', 'find audit entries of A1', 'A1', 'search'),
    auditRead(
      'Y   h   h   N   N   N   N   N   N   N   N', 'find audit entries of B', 'B', 'search'),
    auditRead(
      'Y   h   h   N   N   N   N   N   N   N   N', 'find audit entries of no agency', 'none', 'search'),
    auditRead(
      'Y   Y   h   N   N   N   N   N   N   N   N', 'open an audit entry of A', 'A', 'show'),
    auditRead(
      'Y   Y   Y   N   N   N   N   N   N   N   N', 'open an audit entry of A1', 'A1', 'show'),
    auditRead(
      'Y   h   h   N   N   N   N   N   N   N   N', 'open an audit entry of B', 'B', 'show'),
    auditRead(
      'Y   h   h   N   N   N   N   N   N   N   N', 'open an audit entry of no agency', 'none', 'show'),
  ]);
});
