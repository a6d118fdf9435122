import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { verifyPassword } from '../../platform/auth/password.js';
import { auditLog, sessions } from '../../platform/schema.js';
import { users } from '../schema.js';
import { TestClient, makeTestEnv, type TestEnv } from '../../../test/support/app.js';
import { TEST_PASSWORD, makeCitizen, makeOfficial } from '../../../test/support/factories.js';

describe('citizen sign-in and account page', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());

  const verifiedCitizen = (over: Parameters<typeof makeCitizen>[1] = {}) => makeCitizen(env.database.db, { emailVerifiedAt: env.clock.now(), ...over });
  const sessionCount = async (userId: string) => (await env.database.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId)))[0]!.n;

  test('signs a citizen in by email in any case or by phone in any usual spelling, with a new session each time', async () => {
    const user = await verifiedCitizen({ phone: '0912345001', fullName: 'Triệu Thị Mai' });
    const c = new TestClient(env);
    const page = await c.get('/dang-nhap');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<label class="govuk-label" for="f-login">Thư điện tử hoặc số điện thoại<\/label>/);
    assert.doesNotMatch(page.body, /Đăng nhập bằng/, 'no SSO button without a configured provider');

    const res = await c.post('/dang-nhap', { login: user.email!.toUpperCase(), password: TEST_PASSWORD });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/tai-khoan');
    const firstToken = c.cookies.get('congso_sid');
    await c.adoptSessionFromCookie();
    const account = await c.get('/tai-khoan');
    assert.match(account.body, /Triệu Thị Mai/);
    assert.match(account.body, /0912345001/);
    assert.equal((await c.get('/dang-nhap')).headers.location, '/tai-khoan');

    const byPhone = await c.post('/dang-nhap', { login: '+84 912.345.001', password: TEST_PASSWORD });
    assert.equal(byPhone.statusCode, 303);
    assert.notEqual(c.cookies.get('congso_sid'), firstToken);
    assert.equal(await sessionCount(user.id), 1, 'the earlier session was replaced, not kept');
    const audits = await env.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'auth.sign_in')));
    assert.equal(audits.length, 2);
  });

  test('comes back to the page that asked for a sign-in, and never to another site', async () => {
    const user = await verifiedCitizen();
    const c = new TestClient(env);
    const asked = await c.get('/tai-khoan');
    assert.equal(asked.headers.location, '/dang-nhap?next=%2Ftai-khoan');
    const page = await c.get(asked.headers.location as string);
    assert.match(page.body, /name="next" value="\/tai-khoan"/);
    const res = await c.post('/dang-nhap', { login: user.email!, password: TEST_PASSWORD, next: '//evil.example/steal' });
    assert.equal(res.headers.location, '/tai-khoan');
  });

  test('rejects a wrong password or an unknown login with the same Vietnamese message and no session', async () => {
    const user = await verifiedCitizen();
    const c = new TestClient(env);
    const wrong = await c.post('/dang-nhap', { login: user.email!, password: 'Sai-Mat-Khau-1' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Thư điện tử, số điện thoại hoặc mật khẩu không đúng/);
    assert.match(wrong.body, new RegExp(`value="${user.email}"`));
    const unknown = await c.post('/dang-nhap', { login: 'khong-ai@example.vn', password: 'Sai-Mat-Khau-1' });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /Thư điện tử, số điện thoại hoặc mật khẩu không đúng/);
    const empty = await c.post('/dang-nhap', { login: '', password: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /href="#f-login"/);
    assert.equal(c.cookies.has('congso_sid'), false);
  });

  test('locks a citizen account after five failures like an official one, audits it, and opens again after 15 minutes', async () => {
    const user = await verifiedCitizen();
    const c = new TestClient(env);
    for (let i = 0; i < 5; i++) await c.post('/dang-nhap', { login: user.email!, password: 'sai' });
    const locked = await c.post('/dang-nhap', { login: user.email!, password: TEST_PASSWORD });
    assert.equal(locked.statusCode, 422);
    assert.match(locked.body, /tạm khóa/);
    const entries = await env.database.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    assert.ok(entries.some((e) => e.action === 'auth.account_locked'));
    assert.equal(entries.filter((e) => e.action === 'auth.sign_in_failed').length, 5);
    env.clock.advance(16 * 60_000);
    assert.equal((await c.post('/dang-nhap', { login: user.email!, password: TEST_PASSWORD })).statusCode, 303);
  });

  test('refuses a sign-in form without a valid CSRF token and writes nothing', async () => {
    const user = await verifiedCitizen();
    const res = await new TestClient(env).post('/dang-nhap', { login: user.email!, password: TEST_PASSWORD }, { csrf: 'forged' });
    assert.equal(res.statusCode, 403);
    const [row] = await env.database.db.select().from(users).where(eq(users.id, user.id));
    assert.equal(row!.lastLoginAt, null);
    assert.equal(await sessionCount(user.id), 0);
  });

  test('keeps a signed-in citizen out of the back office, and sends an official on the account page to the back office', async () => {
    const citizen = await verifiedCitizen();
    const c = await new TestClient(env).signInAs(citizen.id);
    const res = await c.get('/quan-tri');
    assert.equal(res.statusCode, 403);
    assert.equal((await c.get('/quan-tri/nhat-ky')).statusCode, 403);
    const official = await makeOfficial(env.database.db, { roles: ['clerk'] });
    const o = await new TestClient(env).signInAs(official.id);
    assert.equal((await o.get('/tai-khoan')).headers.location, '/quan-tri');
    const asCitizen = await new TestClient(env).post('/dang-nhap', { login: official.username!, password: TEST_PASSWORD });
    assert.equal(asCitizen.statusCode, 422, 'an official cannot use the citizen sign-in');
  });

  test('signs out from the header button and audits it', async () => {
    const user = await verifiedCitizen();
    const c = await new TestClient(env).signInAs(user.id);
    const page = await c.get('/tai-khoan');
    assert.match(page.body, /<form method="post" action="\/dang-xuat">/);
    const out = await c.post('/dang-xuat');
    assert.equal(out.headers.location, '/dang-nhap?da-dang-xuat=1');
    assert.equal(await sessionCount(user.id), 0);
    c.sessionId = null;
    assert.match((await c.get('/dang-nhap?da-dang-xuat=1')).body, /Bạn đã đăng xuất/);
    assert.equal((await c.get('/tai-khoan')).statusCode, 303);
    const entries = await env.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'auth.sign_out')));
    assert.equal(entries.length, 1);
  });

  test('changes the password from the account page, ending the other sessions, and explains a wrong current password', async () => {
    const user = await verifiedCitizen({ fullName: 'Hoàng Thị Loan' });
    const other = await new TestClient(env).signInAs(user.id);
    const c = await new TestClient(env).signInAs(user.id);
    const wrong = await c.post('/tai-khoan/mat-khau', { current: 'Khong-Dung-123', password: 'Mới-Hơn-Hẳn-2026', confirm: 'Mới-Hơn-Hẳn-2026' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Mật khẩu hiện tại không đúng/);
    const weak = await c.post('/tai-khoan/mat-khau', { current: TEST_PASSWORD, password: 'Hoàng-Loan-2026', confirm: 'Hoàng-Loan-2026' });
    assert.equal(weak.statusCode, 422);
    assert.match(weak.body, /không được chứa tên đăng nhập hoặc họ tên/);

    const ok = await c.post('/tai-khoan/mat-khau', { current: TEST_PASSWORD, password: 'Mới-Hơn-Hẳn-2026', confirm: 'Mới-Hơn-Hẳn-2026' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/tai-khoan');
    assert.match((await c.get('/tai-khoan')).body, /Đã đổi mật khẩu/);
    assert.equal((await other.get('/tai-khoan')).statusCode, 303, 'the other device is signed out');
    const [row] = await env.database.db.select().from(users).where(eq(users.id, user.id));
    assert.ok(await verifyPassword(row!.passwordHash, 'Mới-Hơn-Hẳn-2026'));
  });

  test('signs out on every device at once', async () => {
    const user = await verifiedCitizen();
    const a = await new TestClient(env).signInAs(user.id);
    const b = await new TestClient(env).signInAs(user.id);
    const res = await a.post('/tai-khoan/dang-xuat-tat-ca');
    assert.equal(res.headers.location, '/dang-nhap?da-dang-xuat=1');
    assert.equal(await sessionCount(user.id), 0);
    assert.equal((await b.get('/tai-khoan')).statusCode, 303);
    const refused = await new TestClient(env).post('/tai-khoan/dang-xuat-tat-ca');
    assert.equal(refused.statusCode, 303, 'without a session there is nothing to do but sign in');
  });
});
