import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/client.js';
import { MAIL_JOB_NAME } from '../../platform/mail/mail-job.js';
import { auditLog } from '../../platform/schema.js';
import { sha256 } from '../../platform/secrets.js';
import { users, userTokens } from '../schema.js';
import { TestClient, makeTestEnv, type TestEnv } from '../../../test/support/app.js';
import { makeCitizen } from '../../../test/support/factories.js';
import { SmtpSink } from '../../../test/support/smtp-sink.js';

const PASSWORD = 'Cao-Bằng-Núi-2026';

let seq = 0;
const uniqueEmail = () => `nguoidan${++seq}.${Date.now()}@example.vn`;

function form(over: Record<string, string> = {}) {
  return { fullName: 'Nông Thị Hoa', email: uniqueEmail(), phone: '', password: PASSWORD, confirm: PASSWORD, consent: 'on', ...over };
}

function linkIn(text: string): string {
  const m = /https?:\/\/[^\s]+\/xac-minh-email\?token=[\w%-]+/.exec(text);
  assert.ok(m, 'the message carries a verification link');
  const url = new URL(m[0]);
  return url.pathname + url.search;
}

/** Opens the link as a person would, then presses the confirmation button on the page it shows. */
async function confirmEmail(c: TestClient, link: string) {
  const page = await c.get(link);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Xác nhận địa chỉ email/);
  const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(token, 'the confirmation form carries the token');
  return c.post('/xac-minh-email', { token });
}

describe('citizen registration and email verification', () => {
  let env: TestEnv;
  const smtp = new SmtpSink();

  before(async () => {
    const smtpUrl = await smtp.start();
    env = await makeTestEnv({ SMTP_URL: smtpUrl, MAIL_FROM: 'Cổng dịch vụ <no-reply@caobang.test>', CONGSO_BASE_URL: 'https://dichvu.caobang.test' });
  });
  after(async () => {
    await env.close();
    await smtp.close();
  });

  const usersWithEmail = async (email: string) =>
    (await env.database.db.select({ n: count() }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`))[0]!.n;

  test('registers with an email, mails a one-time link over SMTP, and lets the person sign in once it is followed', async () => {
    const c = new TestClient(env);
    const data = form({ fullName: 'Lê <b>Văn</b> Tám' });
    const res = await c.post('/dang-ky', data);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Kiểm tra hộp thư của bạn/);

    const [user] = await env.database.db.select().from(users).where(eq(users.email, data.email));
    assert.ok(user);
    assert.equal(user.kind, 'citizen');
    assert.equal(user.emailVerifiedAt, null);
    const entries = await env.database.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    const registered = entries.find((e) => e.action === 'user.registered');
    assert.ok(registered);
    assert.equal((registered.after as { consent: { notice: string } }).consent.notice, 'nd13-2023-dang-ky-v1');

    const [mail] = await smtp.waitFor(data.email);
    assert.ok(mail, 'a message reached the SMTP server');
    assert.equal(mail.from, 'no-reply@caobang.test');
    assert.match(mail.subject, /^Xác minh thư điện tử .* \/ Verify your email/);
    assert.ok(mail.text.indexOf('Xin chào') < mail.text.indexOf('Hello'), 'Vietnamese comes before English');
    assert.match(mail.html, /Lê &#60;b&#62;Văn&#60;\/b&#62; Tám/, 'the name is escaped in the HTML part');
    assert.doesNotMatch(mail.html, /<b>Văn/);
    const link = linkIn(mail.text);

    const token = decodeURIComponent(link.split('token=')[1]!);
    const [stored] = await env.database.db.select().from(userTokens).where(eq(userTokens.userId, user.id));
    assert.equal(stored!.tokenHash, sha256(token), 'only the hash of the token is stored');
    assert.equal(stored!.expiresAt.getTime() - env.clock.now().getTime(), 24 * 3600_000);

    const early = await c.post('/dang-nhap', { login: data.email, password: PASSWORD });
    assert.equal(early.statusCode, 422);
    assert.match(early.body, /chưa được xác minh thư điện tử/);
    assert.match(early.body, /action="\/xac-minh-email\/gui-lai"/, 'the page offers to send the email again');
    assert.equal(c.cookies.has('congso_sid'), false);

    const verified = await confirmEmail(c, link);
    assert.equal(verified.statusCode, 200);
    assert.match(verified.body, /Đã xác minh thư điện tử/);
    const again = await c.get(link);
    assert.match(again.body, /đã được xác minh trước đó/);

    const signIn = await c.post('/dang-nhap', { login: data.email.toUpperCase(), password: PASSWORD });
    assert.equal(signIn.statusCode, 303);
    assert.equal(signIn.headers.location, '/tai-khoan');
    await c.adoptSessionFromCookie();
    const account = await c.get('/tai-khoan');
    assert.equal(account.statusCode, 200);
    assert.match(account.body, /data-testid="full-name">Lê &lt;b>Văn&lt;\/b> Tám</);
    assert.match(account.body, /đã xác minh/);
  });

  test('answers an address that already has an account with the same page and mails its owner instead', async () => {
    const owner = await makeCitizen(env.database.db, { email: uniqueEmail(), emailVerifiedAt: env.clock.now(), fullName: 'Chủ Tài Khoản' });
    const c = new TestClient(env);
    const filed = await env.mailJobsFiled();
    const res = await c.post('/dang-ky', form({ email: owner.email!.toUpperCase(), fullName: 'Kẻ Thử' }));
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Kiểm tra hộp thư của bạn/);
    assert.equal(await usersWithEmail(owner.email!), 1);
    const [row] = await env.database.db.select().from(users).where(eq(users.id, owner.id));
    assert.equal(row!.fullName, 'Chủ Tài Khoản');
    assert.equal(await env.mailJobsFiled(), filed + 1, 'one message, to the owner');
    const mails = await smtp.waitFor(owner.email!);
    assert.match(mails[0]!.text, /đã có tài khoản/);
    assert.doesNotMatch(mails[0]!.text, /xac-minh-email/, 'a verified account gets no verification link');
  });

  test('sends the owner of a registered but unverified address a fresh link instead of a second account', async () => {
    const c = new TestClient(env);
    const data = form({ fullName: 'Hoàng Văn Người' });
    await c.post('/dang-ky', data);
    env.clock.advance(2 * 60_000);
    const again = await c.post('/dang-ky', { ...data, fullName: 'Người Khác' });
    assert.equal(again.statusCode, 200);
    assert.match(again.body, /Kiểm tra hộp thư của bạn/);
    assert.equal(await usersWithEmail(data.email), 1);
    const [mail1, mail2] = await smtp.waitFor(data.email, 2);
    assert.match(mail2!.text, /chưa được xác minh/);
    assert.notEqual(linkIn(mail2!.text), linkIn(mail1!.text));
    assert.equal((await confirmEmail(c, linkIn(mail2!.text))).statusCode, 200);
    const [row] = await env.database.db.select().from(users).where(eq(users.email, data.email));
    assert.equal(row!.fullName, 'Hoàng Văn Người', 'the second form changed nothing');
  });

  test('sends nothing when the registration transaction fails after the message was filed', async () => {
    // Fails the transaction at COMMIT, after the account, the token and the mail job were all written.
    await env.database.db.execute(sql`create function test_fail_at_commit() returns trigger language plpgsql as $$ begin raise exception 'registration refused at commit'; end $$`);
    await env.database.db.execute(
      sql`create constraint trigger test_fail_at_commit after insert on users deferrable initially deferred for each row when (new.full_name = 'Giao Dịch Hỏng') execute function test_fail_at_commit()`,
    );
    try {
      const filed = await env.mailJobsFiled();
      const failing = form({ fullName: 'Giao Dịch Hỏng' });
      const res = await new TestClient(env).post('/dang-ky', failing);
      assert.equal(res.statusCode, 500);
      assert.equal(await usersWithEmail(failing.email), 0);
      assert.equal(await env.mailJobsFiled(), filed, 'the mail job rolled back with the account');

      const working = form();
      assert.equal((await new TestClient(env).post('/dang-ky', working)).statusCode, 200);
      // Delivered in filing order: once this message is here, the failed one would have been too.
      await smtp.waitFor(working.email);
      assert.equal(smtp.to(failing.email).length, 0);
    } finally {
      await env.database.db.execute(sql`drop trigger test_fail_at_commit on users`);
      await env.database.db.execute(sql`drop function test_fail_at_commit()`);
    }
  });

  test('keeps the verification link, the address and the name out of the jobs table', async () => {
    const data = form({ fullName: 'Mã Thị Riêng Tư' });
    await new TestClient(env).post('/dang-ky', data);
    const token = decodeURIComponent(linkIn((await smtp.waitFor(data.email))[0]!.text).split('token=')[1]!);
    const rows = await queryRows<{ data: string; output: string }>(
      env.database.db,
      sql`select data::text as data, coalesce(output::text, '') as output from pgboss.job where name = ${MAIL_JOB_NAME}`,
    );
    assert.ok(rows.length > 0);
    for (const clear of [token, encodeURIComponent(token), data.email, data.fullName, 'xac-minh-email']) {
      assert.ok(rows.every((r) => !r.data.includes(clear) && !r.output.includes(clear)), `no job row holds "${clear}"`);
    }
  });

  test('rejects a weak password, a different confirmation and a missing consent with Vietnamese messages, writing nothing', async () => {
    const c = new TestClient(env);
    const filed = await env.mailJobsFiled();
    const weak = form({ password: 'abc', confirm: 'abc' });
    const r1 = await c.post('/dang-ky', weak);
    assert.equal(r1.statusCode, 422);
    assert.match(r1.body, /Mật khẩu phải có ít nhất 10 ký tự/);
    assert.match(r1.body, /href="#f-password"/);

    const mismatch = form({ confirm: 'Khác-Hẳn-2026!' });
    const r2 = await c.post('/dang-ky', mismatch);
    assert.equal(r2.statusCode, 422);
    assert.match(r2.body, /Mật khẩu nhập lại không khớp/);
    assert.match(r2.body, new RegExp(`value="${mismatch.email}"`), 'what was typed comes back');
    assert.doesNotMatch(r2.body, new RegExp(`value="${PASSWORD}"`), 'passwords are never echoed');

    const noConsent = form({ consent: '' });
    const r3 = await c.post('/dang-ky', noConsent);
    assert.equal(r3.statusCode, 422);
    assert.match(r3.body, /Bạn cần đồng ý xử lý dữ liệu cá nhân/);

    const noContact = form({ email: '', phone: '' });
    const r4 = await c.post('/dang-ky', noContact);
    assert.equal(r4.statusCode, 422);
    assert.match(r4.body, /Nhập thư điện tử hoặc số điện thoại/);

    const badFields = form({ email: 'khong-phai-email', phone: '12345', fullName: '' });
    const r5 = await c.post('/dang-ky', badFields);
    assert.equal(r5.statusCode, 422);
    assert.match(r5.body, /Địa chỉ thư điện tử không hợp lệ/);
    assert.match(r5.body, /Số điện thoại không hợp lệ/);
    assert.match(r5.body, /Trường này là bắt buộc/);

    for (const f of [weak, mismatch, noConsent]) assert.equal(await usersWithEmail(f.email), 0);
    assert.equal(await env.mailJobsFiled(), filed, 'no mail was sent');
  });

  test('refuses a phone number that another account uses', async () => {
    await makeCitizen(env.database.db, { phone: '0912000111' });
    const res = await new TestClient(env).post('/dang-ky', form({ email: '', phone: '+84 912 000 111' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Số điện thoại này đã được dùng/);
  });

  test('refuses a registration without a valid CSRF token and writes nothing', async () => {
    const data = form();
    const filed = await env.mailJobsFiled();
    const res = await new TestClient(env).post('/dang-ky', data, { csrf: 'forged' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Biểu mẫu đã hết hạn/);
    assert.equal(await usersWithEmail(data.email), 0);
    assert.equal(await env.mailJobsFiled(), filed, 'no mail was sent');
  });

  test('verifies nothing when the link is only opened, and confirms only through the form with a valid CSRF token', async () => {
    const c = new TestClient(env);
    const data = form();
    await c.post('/dang-ky', data);
    const link = linkIn((await smtp.waitFor(data.email))[0]!.text);
    const [user] = await env.database.db.select().from(users).where(eq(users.email, data.email));
    const state = async () => {
      const [u] = await env.database.db.select().from(users).where(eq(users.id, user!.id));
      const tokens = await env.database.db.select().from(userTokens).where(eq(userTokens.userId, user!.id));
      return { verifiedAt: u!.emailVerifiedAt, used: tokens.filter((t) => t.usedAt !== null).length };
    };

    // A mail scanner or link preview follows the link, maybe more than once.
    for (const scanner of [new TestClient(env), new TestClient(env)]) {
      const opened = await scanner.get(link);
      assert.equal(opened.statusCode, 200);
      assert.match(opened.body, /<form method="post" action="\/xac-minh-email">/);
      assert.match(opened.body, /Xác nhận địa chỉ email/);
    }
    assert.deepEqual(await state(), { verifiedAt: null, used: 0 }, 'opening the link changed nothing');
    const refused = await c.post('/dang-nhap', { login: data.email, password: PASSWORD });
    assert.match(refused.body, /chưa được xác minh thư điện tử/);

    const token = decodeURIComponent(link.split('token=')[1]!);
    const forged = await c.post('/xac-minh-email', { token }, { csrf: 'forged' });
    assert.equal(forged.statusCode, 403);
    assert.deepEqual(await state(), { verifiedAt: null, used: 0 }, 'a forged confirmation changed nothing');

    const wrong = await c.post('/xac-minh-email', { token: 'khong-co-that-abcdefghijklmnop' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Liên kết xác minh không hợp lệ/);

    const done = await c.post('/xac-minh-email', { token });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Đã xác minh thư điện tử/);
    assert.deepEqual(await state(), { verifiedAt: env.clock.now(), used: 1 });
    const audit = await env.database.db.select().from(auditLog).where(eq(auditLog.entityId, user!.id));
    assert.equal(audit.filter((e) => e.action === 'user.email_verified').length, 1);
    const twice = await c.post('/xac-minh-email', { token });
    assert.match(twice.body, /đã được xác minh trước đó/);
  });

  test('says a wrong token is not valid and an expired one has expired, changing nothing; a resent link works', async () => {
    const c = new TestClient(env);
    const bad = await c.get('/xac-minh-email?token=khong-co-that-abcdefghijklmnop');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Liên kết xác minh không hợp lệ/);
    assert.equal((await c.get('/xac-minh-email')).statusCode, 400);

    const data = form();
    await c.post('/dang-ky', data);
    const link = linkIn((await smtp.waitFor(data.email))[0]!.text);
    env.clock.advance(25 * 3600_000);
    const expired = await c.get(link);
    assert.equal(expired.statusCode, 400);
    assert.match(expired.body, /Liên kết xác minh đã hết hạn/);
    const [still] = await env.database.db.select().from(users).where(eq(users.email, data.email));
    assert.equal(still!.emailVerifiedAt, null);

    const resent = await c.post('/xac-minh-email/gui-lai', { email: data.email });
    assert.equal(resent.statusCode, 200);
    assert.match(resent.body, /chúng tôi đã gửi một thư mới/);
    const mails = await smtp.waitFor(data.email, 2);
    const fresh = linkIn(mails[1]!.text);
    assert.notEqual(fresh, link);
    assert.match((await confirmEmail(c, fresh)).body, /Đã xác minh thư điện tử/);
    assert.match((await c.get(link)).body, /đã được xác minh trước đó/, 'the old link only says the address is verified');
  });

  test('gives the same answer for an unknown address and does not flood a mailbox with new links', async () => {
    const c = new TestClient(env);
    const unknown = uniqueEmail();
    const filed = await env.mailJobsFiled();
    const res = await c.post('/xac-minh-email/gui-lai', { email: unknown });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /chúng tôi đã gửi một thư mới/);
    assert.equal(await env.mailJobsFiled(), filed, 'nothing is sent to an unknown address');

    const data = form();
    await c.post('/dang-ky', data);
    await c.post('/xac-minh-email/gui-lai', { email: data.email });
    assert.equal(await env.mailJobsFiled(), filed + 1, 'a second link within a minute is not sent');
    assert.equal((await smtp.waitFor(data.email)).length, 1);
    const invalid = await c.post('/xac-minh-email/gui-lai', { email: 'khong hop le' });
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /Địa chỉ thư điện tử không hợp lệ/);
  });

  test('creates a phone-only account that signs in at once, storing markup and SQL-like names verbatim and showing them escaped', async () => {
    const c = new TestClient(env);
    const name = `<script>alert("x")</script> Robert'); DROP TABLE users;--`;
    const res = await c.post('/dang-ky', form({ email: '', phone: '0987 654 321', fullName: name }));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/dang-nhap?da-dang-ky=1');
    const [row] = await env.database.db.select().from(users).where(eq(users.phone, '0987654321'));
    assert.equal(row!.fullName, name);
    assert.equal(row!.email, null);

    const signIn = await c.post('/dang-nhap', { login: '+84987654321', password: PASSWORD });
    assert.equal(signIn.statusCode, 303);
    await c.adoptSessionFromCookie();
    const account = await c.get('/tai-khoan');
    assert.equal(account.statusCode, 200);
    assert.doesNotMatch(account.body, /<script>alert/);
    assert.ok(account.body.includes(`data-testid="full-name">&lt;script>alert(&quot;x&quot;)&lt;/script> Robert'); DROP TABLE users;--<`));
  });
});
