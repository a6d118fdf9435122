import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { ConfigError } from '../../platform/config.js';
import { auditLog, sessions } from '../../platform/schema.js';
import { userIdentities, users } from '../schema.js';
import { TestClient, makeTestEnv, type TestEnv } from '../../../test/support/app.js';
import { makeCitizen } from '../../../test/support/factories.js';
import { OidcPeer } from '../../../test/support/oidc-peer.js';
import { checkIssuer, normaliseClaims } from './oidc-client.js';

const BASE_URL = 'https://dichvu.caobang.test';

describe('sign-in with an OpenID Connect provider (national SSO)', () => {
  let env: TestEnv;
  const peer = new OidcPeer();

  before(async () => {
    await peer.start(() => `${BASE_URL}/dang-nhap/oidc/callback`);
    env = await makeTestEnv({
      CONGSO_BASE_URL: BASE_URL,
      OIDC_ISSUER: peer.issuer,
      OIDC_CLIENT_ID: peer.clientId,
      OIDC_CLIENT_SECRET: peer.clientSecret,
      OIDC_DISPLAY_NAME: 'VNeID',
    });
  });
  after(async () => {
    await env.close();
    await peer.close();
  });

  /** Everything a failed attempt could have written. */
  const footprint = async () => {
    const db = env.database.db;
    const [u] = await db.select({ n: count() }).from(users);
    const [i] = await db.select({ n: count() }).from(userIdentities);
    const [a] = await db.select({ n: count() }).from(auditLog);
    const [s] = await db.select({ n: count() }).from(sessions);
    return { users: u!.n, identities: i!.n, audit: a!.n, sessions: s!.n };
  };

  /** From the app to the provider and back: the callback URL the provider sends the browser to. */
  async function toProvider(c: TestClient, as: { login: string } | { abort: true }, start = '/dang-nhap/oidc') {
    const res = await c.get(start);
    assert.equal(res.statusCode, 303);
    const location = res.headers.location as string;
    assert.ok(location.startsWith(`${peer.issuer}/auth?`), 'the browser goes to the provider');
    const params = new URL(location).searchParams;
    assert.equal(params.get('code_challenge_method'), 'S256');
    assert.equal(params.get('redirect_uri'), `${BASE_URL}/dang-nhap/oidc/callback`);
    assert.ok(params.get('state') && params.get('nonce'));
    assert.ok(c.cookies.has('congso_oidc'));
    const back = await peer.authorize(location, as);
    assert.equal(back.origin + back.pathname, `${BASE_URL}/dang-nhap/oidc/callback`);
    return back.pathname + back.search;
  }

  async function signInWithProvider(c: TestClient, login: string) {
    const res = await c.get(await toProvider(c, { login }));
    await c.adoptSessionFromCookie();
    return res;
  }

  test('offers the provider on the sign-in page, creates an account from the claims, and reuses it next time', async () => {
    peer.accounts.set('vneid-001', { name: 'Nông Văn Dũng', email: 'nong.dung@example.vn', email_verified: true, phone_number: '+84 915 000 001' });
    const c = new TestClient(env);
    const page = await c.get('/dang-nhap');
    assert.match(page.body, /href="\/dang-nhap\/oidc\?next=%2Ftai-khoan"[^>]*>Đăng nhập bằng VNeID</);

    const res = await signInWithProvider(c, 'vneid-001');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/tai-khoan');
    const [user] = await env.database.db.select().from(users).where(eq(users.email, 'nong.dung@example.vn'));
    assert.ok(user);
    assert.equal(user.kind, 'citizen');
    assert.equal(user.fullName, 'Nông Văn Dũng');
    assert.equal(user.phone, '0915000001');
    assert.ok(user.emailVerifiedAt, 'the provider vouched for the address');
    assert.equal(user.passwordHash, null);
    const identities = await env.database.db.select().from(userIdentities).where(eq(userIdentities.userId, user.id));
    assert.deepEqual(identities.map((i) => [i.provider, i.subject]), [[peer.issuer, 'vneid-001']]);
    const actions = (await env.database.db.select().from(auditLog).where(eq(auditLog.entityId, user.id))).map((e) => e.action);
    assert.deepEqual(actions, ['user.registered', 'user.identity_linked', 'auth.sign_in']);

    const account = await c.get('/tai-khoan');
    assert.match(account.body, /data-testid="identities"><li>VNeID – liên kết ngày 02\/03\/2026<\/li>/);
    assert.match(account.body, /chưa có mật khẩu/);

    const before = await footprint();
    const second = new TestClient(env);
    const again = await signInWithProvider(second, 'vneid-001');
    assert.equal(again.statusCode, 303);
    const after = await footprint();
    assert.equal(after.users, before.users, 'no second account');
    assert.equal(after.identities, before.identities);
    const [session] = await env.database.db.select().from(sessions).where(eq(sessions.id, second.sessionId!));
    assert.equal(session!.userId, user.id);
  });

  test('links to an existing citizen account with the same verified email', async () => {
    const existing = await makeCitizen(env.database.db, { email: 'lo.thi.an@example.vn', emailVerifiedAt: env.clock.now(), fullName: 'Lò Thị An' });
    peer.accounts.set('vneid-002', { name: 'LÒ THỊ AN', email: 'Lo.Thi.An@example.vn', email_verified: true });
    const c = new TestClient(env);
    const res = await signInWithProvider(c, 'vneid-002');
    assert.equal(res.statusCode, 303);
    const [s] = await env.database.db.select().from(sessions).where(eq(sessions.id, c.sessionId!));
    assert.equal(s!.userId, existing.id);
    const [identity] = await env.database.db.select().from(userIdentities).where(eq(userIdentities.subject, 'vneid-002'));
    assert.equal(identity!.userId, existing.id);
    const linked = await env.database.db.select().from(auditLog).where(eq(auditLog.action, 'user.identity_linked'));
    assert.ok(linked.some((e) => e.entityId === existing.id && (e.after as { reason: string }).reason === 'verified_email'));
    const [row] = await env.database.db.select().from(users).where(eq(users.id, existing.id));
    assert.equal(row!.fullName, 'Lò Thị An', 'the account keeps its own details');
  });

  test('never links or fills in an address the provider has not verified', async () => {
    const existing = await makeCitizen(env.database.db, { email: 'ha.van.binh@example.vn', emailVerifiedAt: env.clock.now() });
    peer.accounts.set('vneid-003', { name: 'Kẻ Mạo Danh', email: 'ha.van.binh@example.vn', email_verified: false });
    const c = new TestClient(env);
    assert.equal((await signInWithProvider(c, 'vneid-003')).statusCode, 303);
    const [identity] = await env.database.db.select().from(userIdentities).where(eq(userIdentities.subject, 'vneid-003'));
    assert.notEqual(identity!.userId, existing.id);
    const [created] = await env.database.db.select().from(users).where(eq(users.id, identity!.userId));
    assert.equal(created!.email, null);
    assert.equal(created!.fullName, 'Kẻ Mạo Danh');
    assert.equal((await env.database.db.select().from(userIdentities).where(eq(userIdentities.userId, existing.id))).length, 0);
  });

  test('refuses a callback whose state belongs to another attempt, and writes nothing', async () => {
    peer.accounts.set('vneid-004', { name: 'Người Thứ Tư', email: 'thu.tu@example.vn', email_verified: true });
    const victim = new TestClient(env);
    const started = await victim.get('/dang-nhap/oidc');
    assert.equal(started.statusCode, 303);
    const attacker = new TestClient(env);
    const foreignCallback = await toProvider(attacker, { login: 'vneid-004' });
    const before = await footprint();
    const res = await victim.get(foreignCallback);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Phiên đăng nhập không hợp lệ hoặc đã hết hạn/);
    assert.deepEqual(await footprint(), before);
    assert.equal(victim.cookies.has('congso_sid'), false);
    assert.equal(victim.cookies.has('congso_oidc'), false, 'the attempt is spent');
  });

  test('refuses a callback without the attempt cookie, a replayed one, and one older than ten minutes', async () => {
    peer.accounts.set('vneid-005', { name: 'Người Thứ Năm' });
    const before = await footprint();
    const bare = await new TestClient(env).get('/dang-nhap/oidc/callback?code=abc&state=xyz');
    assert.equal(bare.statusCode, 400);
    assert.match(bare.body, /Phiên đăng nhập không hợp lệ/);

    const slow = new TestClient(env);
    const callback = await toProvider(slow, { login: 'vneid-005' });
    env.clock.advance(11 * 60_000);
    const late = await slow.get(callback);
    assert.equal(late.statusCode, 400);
    assert.deepEqual(await footprint(), before);

    const replay = new TestClient(env);
    const fresh = await toProvider(replay, { login: 'vneid-005' });
    assert.equal((await replay.get(fresh)).statusCode, 303);
    const second = await replay.get(fresh);
    assert.equal(second.statusCode, 400, 'the cookie went with the first use');
  });

  test('shows a clear page when the person refuses at the provider, and writes nothing', async () => {
    const c = new TestClient(env);
    const before = await footprint();
    const res = await c.get(await toProvider(c, { abort: true }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Bạn đã hủy hoặc từ chối đăng nhập tại VNeID/);
    assert.match(res.body, /href="\/dang-nhap"/);
    assert.deepEqual(await footprint(), before);
  });

  test('links the provider from the account page, and refuses an identity linked to someone else', async () => {
    const owner = await makeCitizen(env.database.db, { emailVerifiedAt: env.clock.now() });
    peer.accounts.set('vneid-006', { name: 'Chủ Danh Tính' });
    const c = await new TestClient(env).signInAs(owner.id);
    assert.match((await c.get('/tai-khoan')).body, /href="\/tai-khoan\/lien-ket">Liên kết với VNeID</);
    const linked = await c.get(await toProvider(c, { login: 'vneid-006' }, '/tai-khoan/lien-ket'));
    assert.equal(linked.statusCode, 303);
    assert.equal(linked.headers.location, '/tai-khoan');
    const page = await c.get('/tai-khoan');
    assert.match(page.body, /Đã liên kết tài khoản với VNeID/);
    assert.doesNotMatch(page.body, /href="\/tai-khoan\/lien-ket"/, 'nothing left to link');
    const [identity] = await env.database.db.select().from(userIdentities).where(eq(userIdentities.subject, 'vneid-006'));
    assert.equal(identity!.userId, owner.id);

    const other = await makeCitizen(env.database.db, { emailVerifiedAt: env.clock.now() });
    const o = await new TestClient(env).signInAs(other.id);
    const before = await footprint();
    const refused = await o.get(await toProvider(o, { login: 'vneid-006' }, '/tai-khoan/lien-ket'));
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Danh tính VNeID này đã liên kết với một tài khoản khác/);
    assert.deepEqual(await footprint(), before);

    const anonymous = await new TestClient(env).get('/tai-khoan/lien-ket');
    assert.equal(anonymous.headers.location, '/dang-nhap?next=%2Ftai-khoan%2Flien-ket', 'linking needs a signed-in citizen');
  });

  test('allows plain http only for a provider on this machine, and drops malformed claims', () => {
    assert.throws(() => checkIssuer('http://sso.example.vn'), ConfigError);
    assert.throws(() => checkIssuer('http://10.0.0.5:8080'), ConfigError);
    assert.equal(checkIssuer('http://127.0.0.1:9000').port, '9000');
    assert.equal(checkIssuer('http://localhost:9000').hostname, 'localhost');
    assert.equal(checkIssuer('https://sso.dancuquocgia.gov.vn').protocol, 'https:');

    const c = normaliseClaims({ sub: 'x', name: '  ', family_name: 'Nguyễn', given_name: 'An', email: 'not-an-email', email_verified: true, phone_number: '12' });
    assert.deepEqual(c, { sub: 'x', name: 'Nguyễn An', email: null, emailVerified: true, phone: null });
  });
});

describe('sign-in with an OpenID Connect provider that cannot be reached', () => {
  let env: TestEnv;
  before(async () => {
    // Port 9 (discard) on this machine: nothing listens, so the connection is refused at once.
    env = await makeTestEnv({ OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y', OIDC_DISPLAY_NAME: 'VNeID' });
  });
  after(() => env.close());

  test('says the provider is unavailable instead of failing, and keeps the password sign-in', async () => {
    const c = new TestClient(env);
    const res = await c.get('/dang-nhap/oidc');
    assert.equal(res.statusCode, 503);
    assert.match(res.body, /Hiện không kết nối được VNeID/);
    assert.equal(c.cookies.has('congso_oidc'), false);
    assert.equal((await c.get('/dang-nhap')).statusCode, 200);
  });
});
