import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { auditLog } from '../platform/schema.js';
import { users } from './schema.js';
import { TestClient, makeTestEnv, type TestEnv } from '../../test/support/app.js';
import { TEST_PASSWORD, makeOfficial } from '../../test/support/factories.js';

/** The manual key shown next to the QR code. */
function secretOn(body: string): string {
  const m = /data-testid="totp-secret">([A-Z2-7]+)</.exec(body);
  assert.ok(m, 'the page shows the key');
  return m[1]!;
}

describe('two-factor sign-in for officials', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());

  test('an official without an administrator role may turn it on, and then needs a code to sign in', async () => {
    const user = await makeOfficial(env.database.db, { roles: ['clerk'] });
    const c = await new TestClient(env).signInAs(user.id);
    const page = await c.get('/quan-tri/tai-khoan/xac-thuc-2-buoc');
    assert.equal(page.statusCode, 200);
    const secret = secretOn(page.body);
    const wrong = await c.post('/quan-tri/tai-khoan/xac-thuc-2-buoc', { code: '123456' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Mã xác thực không đúng/);
    assert.equal((await env.database.db.select().from(users).where(eq(users.id, user.id)))[0]!.totpEnabledAt, null);
    const ok = await c.post('/quan-tri/tai-khoan/xac-thuc-2-buoc', { code: await generate({ secret, epoch: Math.floor(env.clock.now().getTime() / 1000) }) });
    assert.equal(ok.statusCode, 303);
    assert.match((await c.get('/quan-tri/tai-khoan/xac-thuc-2-buoc')).body, /data-testid="mfa-enabled"/);

    const fresh = new TestClient(env);
    const res = await fresh.post('/quan-tri/dang-nhap', { username: user.username!, password: TEST_PASSWORD });
    assert.equal(res.headers.location, '/quan-tri/xac-thuc-2-buoc');
    await fresh.adoptSessionFromCookie();
    assert.equal((await fresh.get('/quan-tri')).headers.location, '/quan-tri/xac-thuc-2-buoc');
    env.clock.advance(60_000);
    const done = await fresh.post('/quan-tri/xac-thuc-2-buoc', { code: await generate({ secret, epoch: Math.floor(env.clock.now().getTime() / 1000) }) });
    assert.equal(done.headers.location, '/quan-tri');
  });

  test('wrong codes count toward the lockout, and every failure stays in the audit log', async () => {
    const user = await makeOfficial(env.database.db, { roles: ['agency_admin'] });
    const c = new TestClient(env);
    await c.post('/quan-tri/dang-nhap', { username: user.username!, password: TEST_PASSWORD });
    await c.adoptSessionFromCookie();
    secretOn((await c.get('/quan-tri/xac-thuc-2-buoc')).body);
    for (let i = 0; i < 5; i++) assert.equal((await c.post('/quan-tri/xac-thuc-2-buoc', { code: '000000' })).statusCode, 422);
    const locked = await c.post('/quan-tri/xac-thuc-2-buoc', { code: '000000' });
    assert.match(locked.body, /tạm khóa/);
    const failures = await env.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'auth.mfa_failed')));
    assert.equal(failures.length, 5);
    const lockEntries = await env.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'auth.account_locked')));
    assert.equal(lockEntries.length, 1);
  });

  test('a citizen cannot reach the officials’ two-factor page', async () => {
    const { makeCitizen } = await import('../../test/support/factories.js');
    const citizen = await makeCitizen(env.database.db);
    const c = await new TestClient(env).signInAs(citizen.id);
    assert.equal((await c.get('/quan-tri/tai-khoan/xac-thuc-2-buoc')).statusCode, 403);
  });
});
