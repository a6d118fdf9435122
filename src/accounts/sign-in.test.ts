import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog } from '../platform/schema.js';
import { users } from './schema.js';
import { TestClient, makeTestEnv, type TestEnv } from '../../test/support/app.js';
import { TEST_PASSWORD, makeOfficial } from '../../test/support/factories.js';

describe('official sign-in', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());

  test('signs an official in with username and password and shows the dashboard', async () => {
    const user = await makeOfficial(env.database.db, { roles: ['specialist'], fullName: 'Đỗ Thị Lan' });
    const c = new TestClient(env);
    const res = await c.post('/quan-tri/dang-nhap', { username: user.username!.toUpperCase(), password: TEST_PASSWORD });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/quan-tri');
    await c.adoptSessionFromCookie();
    const dash = await c.get('/quan-tri');
    assert.equal(dash.statusCode, 200);
    assert.match(dash.body, /Xin chào, Đỗ Thị Lan/);
    const entries = await env.database.db.select().from(auditLog).where(eq(auditLog.actorId, user.id));
    assert.ok(entries.some((e) => e.action === 'auth.sign_in'));
  });

  test('rejects a wrong password with a Vietnamese message and no session', async () => {
    const user = await makeOfficial(env.database.db);
    const c = new TestClient(env);
    const res = await c.post('/quan-tri/dang-nhap', { username: user.username!, password: 'sai-mat-khau' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Tên đăng nhập hoặc mật khẩu không đúng/);
    assert.equal(c.cookies.has('congso_sid'), false);
  });

  test('locks the account after five failures, audits it, and refuses even the right password', async () => {
    const user = await makeOfficial(env.database.db);
    const c = new TestClient(env);
    for (let i = 0; i < 5; i++) await c.post('/quan-tri/dang-nhap', { username: user.username!, password: 'sai' });
    const res = await c.post('/quan-tri/dang-nhap', { username: user.username!, password: TEST_PASSWORD });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /tạm khóa/);
    const entries = await env.database.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    assert.ok(entries.some((e) => e.action === 'auth.account_locked'));
    env.clock.advance(16 * 60_000);
    const later = await c.post('/quan-tri/dang-nhap', { username: user.username!, password: TEST_PASSWORD });
    assert.equal(later.statusCode, 303);
  });

  test('refuses a form without a valid CSRF token and writes nothing', async () => {
    const user = await makeOfficial(env.database.db);
    const c = new TestClient(env);
    const res = await c.post('/quan-tri/dang-nhap', { username: user.username!, password: TEST_PASSWORD }, { csrf: 'forged' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Biểu mẫu đã hết hạn/);
    const [row] = await env.database.db.select().from(users).where(eq(users.id, user.id));
    assert.equal(row!.lastLoginAt, null);
  });

  test('sends an official with a temporary password to the change-password page first', async () => {
    const user = await makeOfficial(env.database.db, { mustChangePassword: true, roles: ['clerk'] });
    const c = new TestClient(env);
    const res = await c.post('/quan-tri/dang-nhap', { username: user.username!, password: TEST_PASSWORD });
    assert.equal(res.headers.location, '/quan-tri/doi-mat-khau');
    await c.adoptSessionFromCookie();
    assert.equal((await c.get('/quan-tri')).headers.location, '/quan-tri/doi-mat-khau');
    const weak = await c.post('/quan-tri/doi-mat-khau', { current: TEST_PASSWORD, password: 'abc', confirm: 'abc' });
    assert.equal(weak.statusCode, 422);
    assert.match(weak.body, /ít nhất 10 ký tự/);
    const ok = await c.post('/quan-tri/doi-mat-khau', { current: TEST_PASSWORD, password: 'Sông-Bằng-Giang-9', confirm: 'Sông-Bằng-Giang-9' });
    assert.equal(ok.headers.location, '/quan-tri');
    assert.equal((await c.get('/quan-tri')).statusCode, 200);
  });

  test('ends an idle session and says why', async () => {
    const user = await makeOfficial(env.database.db, { roles: ['clerk'] });
    const c = await new TestClient(env).signInAs(user.id);
    assert.equal((await c.get('/quan-tri')).statusCode, 200);
    env.clock.advance((env.config.sessionIdleMinutes + 1) * 60_000);
    const res = await c.get('/quan-tri');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/quan-tri/dang-nhap?het-han=1');
    const page = await c.get(res.headers.location as string);
    assert.match(page.body, /hết hạn do không hoạt động/);
  });
});
