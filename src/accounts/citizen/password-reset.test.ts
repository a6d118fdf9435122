import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { verifyPassword } from '../../platform/auth/password.js';
import { auditLog, sessions } from '../../platform/schema.js';
import { sha256 } from '../../platform/secrets.js';
import { users, userTokens } from '../schema.js';
import { TestClient, makeTestEnv, type TestEnv } from '../../../test/support/app.js';
import { TEST_PASSWORD, makeCitizen, makeOfficial } from '../../../test/support/factories.js';
import { SmtpSink } from '../../../test/support/smtp-sink.js';

const NEW_PASSWORD = 'Thác-Bản-Giốc-2026';

let seq = 0;
const uniqueEmail = () => `quenmatkhau${++seq}.${Date.now()}@example.vn`;

function resetLinkIn(text: string): string {
  const m = /https?:\/\/[^\s]+\/dat-lai-mat-khau\?token=[\w%-]+/.exec(text);
  assert.ok(m, 'the message carries a reset link');
  const url = new URL(m[0]);
  return url.pathname + url.search;
}

const tokenOf = (link: string) => decodeURIComponent(link.split('token=')[1]!);

describe('forgotten password for citizens', () => {
  let env: TestEnv;
  const smtp = new SmtpSink();
  // Requests come from many people; each gets its own address so the per-IP limits stay out of the way
  // except in the test about them.
  let ipSeq = 0;
  const nextIp = () => `10.9.0.${++ipSeq}`;

  before(async () => {
    const smtpUrl = await smtp.start();
    env = await makeTestEnv({ SMTP_URL: smtpUrl, MAIL_FROM: 'Cổng dịch vụ <no-reply@caobang.test>', CONGSO_BASE_URL: 'https://dichvu.caobang.test' });
  });
  after(async () => {
    await env.close();
    await smtp.close();
  });

  /** A form post from the client's browser, arriving from the given address. */
  async function postFrom(c: TestClient, url: string, form: Record<string, string>, opts: { ip?: string; csrf?: string } = {}) {
    return env.app.inject({
      method: 'POST',
      url,
      remoteAddress: opts.ip ?? nextIp(),
      headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: opts.csrf ?? c.csrf, ...form }).toString(),
    });
  }
  const askReset = (c: TestClient, email: string, opts: { ip?: string; csrf?: string } = {}) => postFrom(c, '/quen-mat-khau', { email }, opts);
  const setPassword = (c: TestClient, token: string, password: string, confirm = password, opts: { csrf?: string } = {}) =>
    postFrom(c, '/dat-lai-mat-khau', { token, password, confirm }, opts);

  const userRow = async (id: string) => (await env.database.db.select().from(users).where(eq(users.id, id)))[0]!;
  const sessionCount = async (userId: string) => (await env.database.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId)))[0]!.n;
  const resetTokens = (userId: string) => env.database.db.select().from(userTokens).where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, 'reset_password')));
  const auditOf = async (userId: string, action: string) => (await env.database.db.select().from(auditLog).where(eq(auditLog.entityId, userId))).filter((e) => e.action === action);

  test('mails a one-hour link that sets a new password, ending every session of the account', async () => {
    const user = await makeCitizen(env.database.db, { email: uniqueEmail(), emailVerifiedAt: env.clock.now(), fullName: 'Đàm Thị Xuân' });
    const phone = await new TestClient(env).signInAs(user.id);
    const laptop = await new TestClient(env).signInAs(user.id);
    assert.equal(await sessionCount(user.id), 2);

    const c = new TestClient(env);
    const signInPage = await c.get('/dang-nhap');
    assert.match(signInPage.body, /<a class="govuk-link" href="\/quen-mat-khau">Quên mật khẩu\?<\/a>/);
    const form = await c.get('/quen-mat-khau');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<label class="govuk-label" for="f-email">Thư điện tử của tài khoản<\/label>/);

    const asked = await askReset(c, `  ${user.email!.toUpperCase()} `);
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Nếu có tài khoản với địa chỉ này, chúng tôi đã gửi/);
    const [mail] = await smtp.waitFor(user.email!);
    assert.ok(mail, 'a message reached the SMTP server');
    assert.match(mail.subject, /^Đặt lại mật khẩu tài khoản .* \/ Reset the password/);
    assert.match(mail.text, /Xin chào Đàm Thị Xuân/);
    const link = resetLinkIn(mail.text);
    const [stored] = await resetTokens(user.id);
    assert.equal(stored!.tokenHash, sha256(tokenOf(link)), 'only the hash of the token is stored');
    assert.equal(stored!.expiresAt.getTime() - env.clock.now().getTime(), 3600_000);
    assert.equal((await auditOf(user.id, 'user.password_reset_requested')).length, 1);

    const page = await c.get(link);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<label class="govuk-label" for="f-password">Mật khẩu mới<\/label>/);
    assert.ok(page.body.includes(`name="token" value="${tokenOf(link)}"`));
    assert.equal((await resetTokens(user.id))[0]!.usedAt, null, 'opening the link uses nothing');

    const done = await setPassword(c, tokenOf(link), NEW_PASSWORD);
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/dang-nhap?mat-khau-moi=1');
    assert.ok(await verifyPassword((await userRow(user.id)).passwordHash, NEW_PASSWORD));
    assert.equal(await sessionCount(user.id), 0, 'every device was signed out');
    for (const device of [phone, laptop]) assert.match((await device.get('/tai-khoan')).headers.location ?? '', /^\/dang-nhap/);
    const [audit] = await auditOf(user.id, 'user.password_reset');
    assert.ok(audit);
    assert.equal(audit.actorId, user.id);
    assert.deepEqual(audit.after, { method: 'email_link', sessionsEnded: 2, emailVerified: true, locked: false });

    assert.match((await c.get('/dang-nhap?mat-khau-moi=1')).body, /Đã đặt mật khẩu mới/);
    assert.equal((await c.post('/dang-nhap', { login: user.email!, password: TEST_PASSWORD })).statusCode, 422, 'the old password no longer works');
    const signIn = await c.post('/dang-nhap', { login: user.email!, password: NEW_PASSWORD });
    assert.equal(signIn.statusCode, 303);
    assert.equal(signIn.headers.location, '/tai-khoan');
  });

  test('lets an account made through the national SSO set its first password, and verifies and unlocks the address it proved', async () => {
    const name = `<b>Lò</b> Văn'); DROP TABLE users;--`;
    const ssoUser = await makeCitizen(env.database.db, { email: uniqueEmail(), emailVerifiedAt: env.clock.now(), passwordHash: null, fullName: name });
    const account = await (await new TestClient(env).signInAs(ssoUser.id)).get('/tai-khoan');
    assert.match(account.body, /chưa có mật khẩu/);
    assert.match(account.body, /href="\/quen-mat-khau">Đặt mật khẩu qua thư điện tử</);

    const c = new TestClient(env);
    await askReset(c, ssoUser.email!);
    const [mail] = await smtp.waitFor(ssoUser.email!);
    assert.match(mail!.html, /&#60;b&#62;Lò&#60;\/b&#62; Văn&#39;\); DROP TABLE users;--/, 'the name is escaped in the HTML part');
    assert.equal((await setPassword(c, tokenOf(resetLinkIn(mail!.text)), NEW_PASSWORD)).statusCode, 303);
    assert.ok(await verifyPassword((await userRow(ssoUser.id)).passwordHash, NEW_PASSWORD));
    assert.deepEqual((await auditOf(ssoUser.id, 'user.password_reset'))[0]!.before, { hadPassword: false, emailVerified: true, locked: false });

    const locked = await makeCitizen(env.database.db, { email: uniqueEmail(), emailVerifiedAt: null, lockedUntil: new Date(env.clock.now().getTime() + 10 * 60_000), failedLogins: 0 });
    await askReset(c, locked.email!);
    assert.equal((await setPassword(c, tokenOf(resetLinkIn((await smtp.waitFor(locked.email!))[0]!.text)), NEW_PASSWORD)).statusCode, 303);
    const row = await userRow(locked.id);
    assert.deepEqual(row.emailVerifiedAt, env.clock.now());
    assert.equal(row.lockedUntil, null);
    assert.equal(row.version, locked.version + 1);
    assert.equal((await c.post('/dang-nhap', { login: locked.email!, password: NEW_PASSWORD })).statusCode, 303);
  });

  test('says an expired link has expired and changes nothing with it', async () => {
    const user = await makeCitizen(env.database.db, { email: uniqueEmail(), emailVerifiedAt: env.clock.now() });
    const c = new TestClient(env);
    await askReset(c, user.email!);
    const link = resetLinkIn((await smtp.waitFor(user.email!))[0]!.text);
    env.clock.advance(61 * 60_000);
    const page = await c.get(link);
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Liên kết đặt lại mật khẩu đã hết hạn/);
    assert.match(page.body, /href="\/quen-mat-khau"/);
    assert.doesNotMatch(page.body, /name="password"/);
    const late = await setPassword(c, tokenOf(link), NEW_PASSWORD);
    assert.equal(late.statusCode, 400);
    assert.match(late.body, /đã hết hạn/);
    assert.equal((await userRow(user.id)).passwordHash, user.passwordHash);
    assert.equal((await auditOf(user.id, 'user.password_reset')).length, 0);
  });

  test('accepts each link once and retires the account’s other links with it', async () => {
    const user = await makeCitizen(env.database.db, { email: uniqueEmail(), emailVerifiedAt: env.clock.now() });
    const c = new TestClient(env);
    await askReset(c, user.email!);
    env.clock.advance(2 * 60_000);
    await askReset(c, user.email!);
    const [first, second] = (await smtp.waitFor(user.email!, 2)).map((m) => resetLinkIn(m.text));
    assert.notEqual(first, second);

    assert.equal((await setPassword(c, tokenOf(second!), NEW_PASSWORD)).statusCode, 303);
    for (const link of [second!, first!]) {
      const page = await c.get(link);
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /đã được sử dụng/);
    }
    const replay = await setPassword(c, tokenOf(second!), 'Kẻ-Lạ-Đặt-Lại-2026');
    assert.equal(replay.statusCode, 400);
    assert.match(replay.body, /đã được sử dụng/);
    assert.ok(await verifyPassword((await userRow(user.id)).passwordHash, NEW_PASSWORD), 'the password is the one set first');

    const unknown = await c.get('/dat-lai-mat-khau?token=khong-co-that-abcdefghijklmnop');
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Liên kết đặt lại mật khẩu không hợp lệ/);
    assert.equal((await c.get('/dat-lai-mat-khau')).statusCode, 400);
  });

  test('gives every address the same answer but mails only active citizen accounts', async () => {
    const official = await makeOfficial(env.database.db);
    const officialEmail = uniqueEmail();
    await env.database.db.update(users).set({ email: officialEmail }).where(eq(users.id, official.id));
    const disabled = await makeCitizen(env.database.db, { email: uniqueEmail(), emailVerifiedAt: env.clock.now(), active: false });
    const c = new TestClient(env);
    const filed = await env.mailJobsFiled();
    const answers = [];
    for (const email of [uniqueEmail(), officialEmail, disabled.email!]) {
      const res = await askReset(c, email);
      assert.equal(res.statusCode, 200);
      answers.push(/<div class="govuk-inset-text" role="status" data-testid="forgot-sent">([^<]+)</.exec(res.body)?.[1]);
    }
    assert.equal(await env.mailJobsFiled(), filed, 'no message was sent');
    assert.equal(new Set(answers).size, 1);
    assert.match(answers[0]!, /Nếu có tài khoản với địa chỉ này/);
    assert.equal((await env.database.db.select({ n: count() }).from(userTokens).where(eq(userTokens.userId, disabled.id)))[0]!.n, 0);

    const bad = await askReset(c, 'khong phai <script>email</script>');
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Địa chỉ thư điện tử không hợp lệ/);
    assert.match(bad.body, /href="#f-email"/);
    assert.ok(bad.body.includes('value="khong phai &lt;script>email&lt;/script>"'), 'what was typed comes back escaped');
    assert.equal((await askReset(c, '')).statusCode, 422);
  });

  test('refuses a weak or mismatched password with Vietnamese messages and keeps the link usable', async () => {
    const user = await makeCitizen(env.database.db, { email: `hoang.long.${Date.now()}@example.vn`, emailVerifiedAt: env.clock.now(), fullName: 'Hoàng Long' });
    const c = new TestClient(env);
    await askReset(c, user.email!);
    const token = tokenOf(resetLinkIn((await smtp.waitFor(user.email!))[0]!.text));

    const cases: [string, string, RegExp, string][] = [
      ['abc', 'abc', /Mật khẩu phải có ít nhất 10 ký tự/, 'password'],
      ['', '', /Trường này là bắt buộc/, 'password'],
      ['Hoang-Long-2026!', 'Hoang-Long-2026!', /không được chứa tên đăng nhập hoặc họ tên/, 'password'],
      [NEW_PASSWORD, 'Khác-Hẳn-2026!', /Mật khẩu nhập lại không khớp/, 'confirm'],
    ];
    for (const [password, confirm, message, field] of cases) {
      const res = await setPassword(c, token, password, confirm);
      assert.equal(res.statusCode, 422, `${password} / ${confirm}`);
      assert.match(res.body, message);
      assert.match(res.body, new RegExp(`href="#f-${field}"`));
      assert.ok(res.body.includes(`name="token" value="${token}"`), 'the form keeps its link');
      if (password) assert.ok(!res.body.includes(`value="${password}"`), 'passwords are never echoed');
    }
    assert.equal((await userRow(user.id)).passwordHash, user.passwordHash);
    assert.equal((await resetTokens(user.id))[0]!.usedAt, null);
    assert.equal((await setPassword(c, token, NEW_PASSWORD)).statusCode, 303);
  });

  test('refuses requests without a valid CSRF token and writes nothing', async () => {
    const user = await makeCitizen(env.database.db, { email: uniqueEmail(), emailVerifiedAt: env.clock.now() });
    const c = new TestClient(env);
    const filed = await env.mailJobsFiled();
    const forgedAsk = await askReset(c, user.email!, { csrf: 'forged' });
    assert.equal(forgedAsk.statusCode, 403);
    assert.match(forgedAsk.body, /Biểu mẫu đã hết hạn/);
    assert.equal(await env.mailJobsFiled(), filed, 'no message was sent');
    assert.equal((await resetTokens(user.id)).length, 0);

    await askReset(c, user.email!);
    const token = tokenOf(resetLinkIn((await smtp.waitFor(user.email!))[0]!.text));
    const forgedSet = await setPassword(c, token, NEW_PASSWORD, NEW_PASSWORD, { csrf: 'forged' });
    assert.equal(forgedSet.statusCode, 403);
    assert.equal((await userRow(user.id)).passwordHash, user.passwordHash);
    assert.equal((await resetTokens(user.id))[0]!.usedAt, null);
  });

  test('sends an account at most one link a minute and three an hour, and limits requests per address', async () => {
    const user = await makeCitizen(env.database.db, { email: uniqueEmail(), emailVerifiedAt: env.clock.now() });
    const c = new TestClient(env);
    const filed = await env.mailJobsFiled();
    await askReset(c, user.email!);
    const soon = await askReset(c, user.email!);
    assert.match(soon.body, /Nếu có tài khoản với địa chỉ này/, 'a throttled request gets the same answer');
    assert.equal(await env.mailJobsFiled(), filed + 1, 'no second link within a minute');
    for (let i = 0; i < 3; i++) {
      env.clock.advance(2 * 60_000);
      await askReset(c, user.email!);
    }
    assert.equal(await env.mailJobsFiled(), filed + 3, 'three links an hour at most');
    env.clock.advance(60 * 60_000);
    await askReset(c, user.email!);
    assert.equal(await env.mailJobsFiled(), filed + 4, 'a new hour allows a new link');
    assert.equal((await smtp.waitFor(user.email!, 4)).length, 4);

    const ip = nextIp();
    const others = await Promise.all([0, 1, 2, 3, 4].map(() => makeCitizen(env.database.db, { email: uniqueEmail(), emailVerifiedAt: env.clock.now() })));
    for (const other of others) assert.equal((await askReset(c, other.email!, { ip })).statusCode, 200);
    const victim = await makeCitizen(env.database.db, { email: uniqueEmail(), emailVerifiedAt: env.clock.now() });
    const filedBeforeLimit = await env.mailJobsFiled();
    const limited = await askReset(c, victim.email!, { ip });
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /Bạn thao tác quá nhanh/);
    assert.equal(await env.mailJobsFiled(), filedBeforeLimit, 'a refused request sends nothing');
    assert.equal((await askReset(c, victim.email!)).statusCode, 200, 'other addresses are not affected');
    assert.equal((await smtp.waitFor(victim.email!)).length, 1);
  });
});
