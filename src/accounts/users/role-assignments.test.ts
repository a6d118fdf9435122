import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, sessions } from '../../platform/schema.js';
import { roleAssignments } from '../schema.js';
import { TestClient, makeTestEnv, type TestEnv } from '../../../test/support/app.js';
import { makeAgency, makeOfficial } from '../../../test/support/factories.js';
import { createSession } from '../../platform/auth/sessions.js';

describe('giving and taking roles', () => {
  let env: TestEnv;
  let parent: { id: string };
  let agencyA: { id: string };
  let childOfA: { id: string };
  let agencyB: { id: string };
  let adminA: { id: string };
  let sysadmin: { id: string };
  const rolesOf = async (userId: string) =>
    (await env.database.db.select().from(roleAssignments).where(eq(roleAssignments.userId, userId))).map((r) => `${r.role}@${r.agencyId ?? '-'}${r.includeDescendants ? '+' : ''}`).sort();

  before(async () => {
    env = await makeTestEnv();
    parent = await makeAgency(env.database.db, { name: 'UBND tỉnh' });
    agencyA = await makeAgency(env.database.db, { name: 'Sở A', parentId: parent.id });
    childOfA = await makeAgency(env.database.db, { name: 'Phòng thuộc Sở A', parentId: agencyA.id });
    agencyB = await makeAgency(env.database.db, { name: 'Sở B', parentId: parent.id });
    adminA = await makeOfficial(env.database.db, { agencyId: agencyA.id, roles: ['agency_admin'] });
    sysadmin = await makeOfficial(env.database.db, { agencyId: parent.id, roles: ['system_admin'] });
  });
  after(() => env.close());

  test('gives a role in the agency and audits the roles before and after', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id, roles: ['specialist'] });
    const c = await new TestClient(env).signInAs(adminA.id);
    const page = await c.get(`/quan-tri/nguoi-dung/${target.id}`);
    assert.match(page.body, /Gán vai trò/);
    const res = await c.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro`, { role: 'clerk', agencyId: agencyA.id });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await rolesOf(target.id), [`clerk@${agencyA.id}`, `specialist@${agencyA.id}`]);
    const [entry] = await env.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'role.assigned'), eq(auditLog.entityId, target.id)));
    assert.deepEqual(entry?.before, [{ role: 'specialist', agencyId: agencyA.id, includeDescendants: false }]);
    assert.equal((entry?.after as unknown[]).length, 2);
    const table = (await c.get(`/quan-tri/nguoi-dung/${target.id}`)).body;
    assert.match(table, /Văn thư/);
  });

  test('rejects badly shaped roles with messages and writes nothing', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id });
    const s = await new TestClient(env).signInAs(sysadmin.id);
    const cases: [Record<string, string>, RegExp][] = [
      [{ role: 'clerk', agencyId: agencyA.id, includeDescendants: 'on' }, /không áp dụng cho đơn vị trực thuộc/],
      [{ role: 'system_admin', agencyId: agencyA.id }, /không gắn với cơ quan nào/],
      [{ role: 'clerk' }, /Chọn cơ quan cho vai trò này/],
      [{ role: 'thu_truong', agencyId: agencyA.id }, /Vai trò không hợp lệ/],
      [{ role: 'clerk', agencyId: 'abc' }, /Mã tham chiếu không hợp lệ/],
    ];
    for (const [form, message] of cases) {
      const res = await s.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro`, form);
      assert.equal(res.statusCode, 422, JSON.stringify(form));
      assert.match(res.body, message);
    }
    assert.equal((await s.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro`, { role: 'leader', agencyId: agencyA.id, includeDescendants: 'on' })).statusCode, 303);
    const dup = await s.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro`, { role: 'leader', agencyId: agencyA.id });
    assert.equal(dup.statusCode, 422);
    assert.match(dup.body, /đã có vai trò này/);
    assert.deepEqual(await rolesOf(target.id), [`leader@${agencyA.id}+`]);
  });

  test('keeps an agency administrator within their own scope', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id });
    const c = await new TestClient(env).signInAs(adminA.id);
    const page = await c.get(`/quan-tri/nguoi-dung/${target.id}`);
    assert.doesNotMatch(page.body, /<option value="system_admin"/);
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro`, { role: 'system_admin' })).statusCode, 403);
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro`, { role: 'clerk', agencyId: agencyB.id })).statusCode, 403);
    // Without sub-agencies of their own, they cannot hand out a role over A's subtree, nor in A's child.
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro`, { role: 'leader', agencyId: agencyA.id, includeDescendants: 'on' })).statusCode, 403);
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro`, { role: 'clerk', agencyId: childOfA.id })).statusCode, 403);
    assert.deepEqual(await rolesOf(target.id), []);
  });

  test('lets an administrator over the subtree give roles across it', async () => {
    const treeAdmin = await makeOfficial(env.database.db, { agencyId: agencyA.id, roles: [{ role: 'agency_admin', includeDescendants: true }] });
    const target = await makeOfficial(env.database.db, { agencyId: childOfA.id });
    const c = await new TestClient(env).signInAs(treeAdmin.id);
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro`, { role: 'leader', agencyId: childOfA.id, includeDescendants: 'on' })).statusCode, 303);
    assert.deepEqual(await rolesOf(target.id), [`leader@${childOfA.id}+`]);
  });

  test("refuses an agency administrator of A acting on agency B's official, and writes nothing", async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyB.id, roles: ['clerk'] });
    const c = await new TestClient(env).signInAs(adminA.id);
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro`, { role: 'clerk', agencyId: agencyA.id })).statusCode, 403);
    const [assignment] = await env.database.db.select().from(roleAssignments).where(eq(roleAssignments.userId, target.id));
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro/${assignment!.id}/xoa`)).statusCode, 403);
    assert.deepEqual(await rolesOf(target.id), [`clerk@${agencyB.id}`]);
    assert.equal((await env.database.db.select().from(auditLog).where(eq(auditLog.entityId, target.id))).length, 0);
  });

  test('removes a role and audits it', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id, roles: ['clerk', 'editor'] });
    const [clerk] = await env.database.db.select().from(roleAssignments).where(and(eq(roleAssignments.userId, target.id), eq(roleAssignments.role, 'clerk')));
    const c = await new TestClient(env).signInAs(adminA.id);
    const res = await c.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro/${clerk!.id}/xoa`);
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await rolesOf(target.id), [`editor@${agencyA.id}`]);
    const [entry] = await env.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'role.removed'), eq(auditLog.entityId, target.id)));
    assert.equal((entry?.before as unknown[]).length, 2);
    assert.deepEqual(entry?.after, [{ role: 'editor', agencyId: agencyA.id, includeDescendants: false }]);
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro/${clerk!.id}/xoa`)).statusCode, 404);
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro/khong-phai/xoa`)).statusCode, 404);
  });

  test('a role that requires two-factor sign-in ends sessions opened without it', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id, roles: ['specialist'] });
    const policy = { idleMinutes: 30, maxHours: 12 };
    await createSession(env.database.db, { userId: target.id, stage: 'active', mfaVerified: false, ip: null, userAgent: null, now: env.clock.now(), policy });
    const s = await new TestClient(env).signInAs(sysadmin.id);
    assert.equal((await s.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro`, { role: 'agency_admin', agencyId: agencyA.id })).statusCode, 303);
    assert.equal((await env.database.db.select().from(sessions).where(eq(sessions.userId, target.id))).length, 0);
  });

  test('refuses a forged form and writes nothing', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id });
    const c = await new TestClient(env).signInAs(adminA.id);
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/vai-tro`, { role: 'clerk', agencyId: agencyA.id }, { csrf: 'forged' })).statusCode, 403);
    assert.deepEqual(await rolesOf(target.id), []);
  });
});

describe('the roles catalogue', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());

  test('lists every role with the permissions it grants, in Vietnamese', async () => {
    const clerk = await makeOfficial(env.database.db, { roles: ['clerk'] });
    const c = await new TestClient(env).signInAs(clerk.id);
    const res = await c.get('/quan-tri/vai-tro');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Vai trò và quyền/);
    for (const label of ['Quản trị hệ thống', 'Quản trị cơ quan', 'Cán bộ một cửa', 'Văn thư', 'Quản lý tài khoản người dùng', 'Gán vai trò', 'Xem nhật ký hệ thống']) assert.match(res.body, new RegExp(label));
    const clerkRow = res.body.split('id="vai-tro-clerk"')[1]!.split('</tr>')[0]!;
    assert.match(clerkRow, /user\.read/);
    assert.doesNotMatch(clerkRow, /user\.manage/);
  });

  test('is behind the back-office sign-in', async () => {
    const res = await new TestClient(env).get('/quan-tri/vai-tro');
    assert.equal(res.statusCode, 303);
  });
});
