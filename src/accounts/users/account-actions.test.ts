import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, sessions } from '../../platform/schema.js';
import { verifyPassword } from '../../platform/auth/password.js';
import { users } from '../schema.js';
import { TestClient, makeTestEnv, type TestEnv } from '../../../test/support/app.js';
import { TEST_PASSWORD, makeAgency, makeOfficial } from '../../../test/support/factories.js';

describe('resetting passwords, second factors and lockouts', () => {
  let env: TestEnv;
  let agencyA: { id: string };
  let agencyB: { id: string };
  let adminA: { id: string };
  const load = async (id: string) => (await env.database.db.select().from(users).where(eq(users.id, id)))[0]!;
  const audited = async (action: string, id: string) => env.database.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, id)));

  before(async () => {
    env = await makeTestEnv();
    agencyA = await makeAgency(env.database.db, { name: 'Sở A' });
    agencyB = await makeAgency(env.database.db, { name: 'Sở B' });
    adminA = await makeOfficial(env.database.db, { agencyId: agencyA.id, roles: ['agency_admin'] });
  });
  after(() => env.close());

  test('issues a new temporary password once, ends sessions and lifts a lockout', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id, roles: ['specialist'] });
    await env.database.db.update(users).set({ lockedUntil: new Date(env.clock.now().getTime() + 600_000), failedLogins: 3 }).where(eq(users.id, target.id));
    const theirs = await new TestClient(env).signInAs(target.id);
    const c = await new TestClient(env).signInAs(adminA.id);
    const res = await c.post(`/quan-tri/nguoi-dung/${target.id}/dat-lai-mat-khau`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const password = /data-testid="temporary-password">([^<]+)</.exec(res.body)![1]!;
    const row = await load(target.id);
    assert.ok(await verifyPassword(row.passwordHash, password));
    assert.equal(await verifyPassword(row.passwordHash, TEST_PASSWORD), false);
    assert.equal(row.mustChangePassword, true);
    assert.equal(row.lockedUntil, null);
    assert.equal(row.failedLogins, 0);
    assert.equal((await env.database.db.select().from(sessions).where(eq(sessions.userId, target.id))).length, 0);
    assert.equal((await theirs.get('/quan-tri')).statusCode, 303);
    assert.equal((await audited('user.password_reset', target.id)).length, 1);
    const again = await c.get(`/quan-tri/nguoi-dung/${target.id}`);
    assert.ok(!again.body.includes(password), 'the password is not shown a second time');
  });

  test('resets the second factor so the official enrols again at next sign-in', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id, roles: ['specialist'] });
    await env.database.db.update(users).set({ totpSecret: 'encrypted-secret', totpEnabledAt: env.clock.now(), totpLastStep: 42 }).where(eq(users.id, target.id));
    const c = await new TestClient(env).signInAs(adminA.id);
    const detail = await c.get(`/quan-tri/nguoi-dung/${target.id}`);
    assert.match(detail.body, /Đặt lại xác thực hai bước/);
    const res = await c.post(`/quan-tri/nguoi-dung/${target.id}/dat-lai-xac-thuc`);
    assert.equal(res.statusCode, 303);
    const row = await load(target.id);
    assert.equal(row.totpSecret, null);
    assert.equal(row.totpEnabledAt, null);
    assert.equal(row.totpLastStep, null);
    assert.equal((await audited('user.mfa_reset', target.id)).length, 1);
    assert.match((await c.get(res.headers.location as string)).body, /Đã đặt lại xác thực hai bước/);
  });

  test('unlocks a locked account', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id });
    await env.database.db.update(users).set({ lockedUntil: new Date(env.clock.now().getTime() + 600_000) }).where(eq(users.id, target.id));
    const c = await new TestClient(env).signInAs(adminA.id);
    assert.match((await c.get(`/quan-tri/nguoi-dung/${target.id}`)).body, /Đang tạm khóa đến/);
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/mo-khoa`)).statusCode, 303);
    assert.equal((await load(target.id)).lockedUntil, null);
    const [entry] = await audited('user.unlocked', target.id);
    assert.equal(entry?.actorId, adminA.id);
    const signIn = await new TestClient(env).post('/quan-tri/dang-nhap', { username: target.username!, password: TEST_PASSWORD });
    assert.equal(signIn.statusCode, 303);
  });

  test('refuses your own account: use the change-password page instead', async () => {
    const c = await new TestClient(env).signInAs(adminA.id);
    const before = await load(adminA.id);
    const res = await c.post(`/quan-tri/nguoi-dung/${adminA.id}/dat-lai-mat-khau`);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Đổi mật khẩu/);
    assert.equal((await load(adminA.id)).passwordHash, before.passwordHash);
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${adminA.id}/dat-lai-xac-thuc`)).statusCode, 403);
  });

  test("refuses an agency administrator of A acting on agency B's official, and writes nothing", async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyB.id });
    await env.database.db.update(users).set({ lockedUntil: new Date(env.clock.now().getTime() + 600_000), totpEnabledAt: env.clock.now() }).where(eq(users.id, target.id));
    const before = await load(target.id);
    const c = await new TestClient(env).signInAs(adminA.id);
    for (const action of ['dat-lai-mat-khau', 'dat-lai-xac-thuc', 'mo-khoa']) {
      assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/${action}`)).statusCode, 403, action);
    }
    assert.deepEqual(await load(target.id), before);
    const entries = await env.database.db.select().from(auditLog).where(eq(auditLog.entityId, target.id));
    assert.equal(entries.length, 0);
  });

  test('refuses officials who may only read users', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id });
    const leader = await makeOfficial(env.database.db, { agencyId: agencyA.id, roles: ['leader'] });
    const c = await new TestClient(env).signInAs(leader.id);
    const detail = await c.get(`/quan-tri/nguoi-dung/${target.id}`);
    assert.equal(detail.statusCode, 200, 'a leader may see the account');
    assert.ok(!detail.body.includes(`/quan-tri/nguoi-dung/${target.id}/dat-lai-mat-khau`));
    assert.ok(!detail.body.includes(`action="/quan-tri/nguoi-dung/${target.id}/vai-tro"`));
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/dat-lai-mat-khau`)).statusCode, 403);
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/mo-khoa`)).statusCode, 403);
  });

  test('answers 404 for an unknown account and 403 for a forged form', async () => {
    const c = await new TestClient(env).signInAs(adminA.id);
    assert.equal((await c.post('/quan-tri/nguoi-dung/00000000-0000-4000-8000-000000000001/dat-lai-mat-khau')).statusCode, 404);
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id });
    const before = await load(target.id);
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${target.id}/dat-lai-mat-khau`, {}, { csrf: 'forged' })).statusCode, 403);
    assert.equal((await load(target.id)).passwordHash, before.passwordHash);
  });
});
