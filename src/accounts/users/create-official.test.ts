import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog } from '../../platform/schema.js';
import { verifyPassword } from '../../platform/auth/password.js';
import { roleAssignments, users } from '../schema.js';
import { TestClient, makeTestEnv, type TestEnv } from '../../../test/support/app.js';
import { makeAgency, makeOfficial } from '../../../test/support/factories.js';

function shownPassword(html: string): string {
  const m = /data-testid="temporary-password">([^<]+)</.exec(html);
  assert.ok(m, 'the temporary password is on the page');
  return m[1]!;
}

describe('creating an official account', () => {
  let env: TestEnv;
  let agencyA: { id: string };
  let agencyB: { id: string };
  let adminA: { id: string };
  let sysadmin: { id: string };

  const userByName = async (username: string) => (await env.database.db.select().from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`))[0];

  before(async () => {
    env = await makeTestEnv();
    agencyA = await makeAgency(env.database.db, { name: 'Sở A' });
    agencyB = await makeAgency(env.database.db, { name: 'Sở B' });
    adminA = await makeOfficial(env.database.db, { agencyId: agencyA.id, roles: ['agency_admin'] });
    sysadmin = await makeOfficial(env.database.db, { roles: ['system_admin'] });
  });
  after(() => env.close());

  test('creates an official with a temporary password shown once, to be changed at first sign-in', async () => {
    const c = await new TestClient(env).signInAs(adminA.id);
    const form = await c.get('/quan-tri/nguoi-dung/moi');
    assert.equal(form.statusCode, 200);
    assert.doesNotMatch(form.body, /value="system_admin"/, 'an agency administrator is not offered system_admin');
    const res = await c.post('/quan-tri/nguoi-dung/moi', {
      username: '  Nguyen.Van.Moi ',
      fullName: 'Nguyễn Văn Mới',
      agencyId: agencyA.id,
      title: 'Chuyên viên',
      email: 'Moi@Example.VN',
      phone: '+84 912 000 111',
      roles: ['specialist', 'clerk'],
    });
    assert.equal(res.statusCode, 201);
    assert.equal(res.headers['cache-control'], 'no-store');
    const password = shownPassword(res.body);
    const user = await userByName('nguyen.van.moi');
    assert.ok(user);
    assert.equal(user.username, 'nguyen.van.moi');
    assert.equal(user.email, 'moi@example.vn');
    assert.equal(user.phone, '0912000111');
    assert.equal(user.mustChangePassword, true);
    assert.ok(await verifyPassword(user.passwordHash, password));
    assert.ok(!res.body.includes(user.passwordHash!));
    const granted = await env.database.db.select().from(roleAssignments).where(eq(roleAssignments.userId, user.id));
    assert.deepEqual(granted.map((g) => [g.role, g.agencyId]).sort(), [['clerk', agencyA.id], ['specialist', agencyA.id]]);
    const [entry] = await env.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.created'), eq(auditLog.entityId, user.id)));
    assert.equal(entry?.actorId, adminA.id);
    assert.ok(!JSON.stringify(entry?.after).includes(password), 'the password never reaches the audit log');

    const newcomer = new TestClient(env);
    const signIn = await newcomer.post('/quan-tri/dang-nhap', { username: 'nguyen.van.moi', password });
    assert.equal(signIn.headers.location, '/quan-tri/doi-mat-khau');
  });

  test('rejects malformed input with Vietnamese messages and writes nothing', async () => {
    const c = await new TestClient(env).signInAs(adminA.id);
    const before = await env.database.db.select({ n: sql<number>`count(*)::int` }).from(users);
    const res = await c.post('/quan-tri/nguoi-dung/moi', { username: 'ab', fullName: '  ', agencyId: agencyA.id, email: 'khong-phai-email', phone: '12345' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Tên đăng nhập chỉ gồm 3–50 ký tự/);
    assert.match(res.body, /Trường này là bắt buộc/);
    assert.match(res.body, /Địa chỉ thư điện tử không hợp lệ/);
    assert.match(res.body, /Số điện thoại không hợp lệ/);
    assert.match(res.body, /href="#f-username"/);
    const accented = await c.post('/quan-tri/nguoi-dung/moi', { username: 'nguyễn', fullName: 'Nguyễn', agencyId: agencyA.id });
    assert.equal(accented.statusCode, 422);
    const noAgency = await c.post('/quan-tri/nguoi-dung/moi', { username: 'khong.co.quan', fullName: 'Không Cơ Quan', agencyId: 'abc' });
    assert.equal(noAgency.statusCode, 422);
    assert.match(noAgency.body, /Mã tham chiếu không hợp lệ/);
    const after = await env.database.db.select({ n: sql<number>`count(*)::int` }).from(users);
    assert.equal(after[0]!.n, before[0]!.n);
  });

  test('refuses a username already taken, whatever its case, and a used email', async () => {
    await makeOfficial(env.database.db, { agencyId: agencyA.id, username: 'da.co.nguoi' });
    const c = await new TestClient(env).signInAs(adminA.id);
    const res = await c.post('/quan-tri/nguoi-dung/moi', { username: 'DA.CO.NGUOI', fullName: 'Trùng Tên', agencyId: agencyA.id });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Tên đăng nhập này đã được dùng/);
    const first = await c.post('/quan-tri/nguoi-dung/moi', { username: 'thu.mot', fullName: 'Thư Một', agencyId: agencyA.id, email: 'trung@example.vn' });
    assert.equal(first.statusCode, 201);
    const second = await c.post('/quan-tri/nguoi-dung/moi', { username: 'thu.hai', fullName: 'Thư Hai', agencyId: agencyA.id, email: 'TRUNG@example.vn' });
    assert.equal(second.statusCode, 422);
    assert.match(second.body, /đã được dùng cho tài khoản khác/);
    assert.equal(await userByName('thu.hai'), undefined);
  });

  test('refuses an agency administrator creating an account in another agency, and writes nothing', async () => {
    const c = await new TestClient(env).signInAs(adminA.id);
    const res = await c.post('/quan-tri/nguoi-dung/moi', { username: 'sang.so.b', fullName: 'Sang Sở B', agencyId: agencyB.id });
    assert.equal(res.statusCode, 403);
    assert.equal(await userByName('sang.so.b'), undefined);
  });

  test('refuses an agency administrator giving the system administrator role', async () => {
    const c = await new TestClient(env).signInAs(adminA.id);
    const res = await c.post('/quan-tri/nguoi-dung/moi', { username: 'leo.quyen', fullName: 'Leo Quyền', agencyId: agencyA.id, roles: 'system_admin' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Chỉ quản trị hệ thống mới gán được/);
    assert.equal(await userByName('leo.quyen'), undefined);
  });

  test('lets a system administrator create another system administrator, with no agency on the role', async () => {
    const c = await new TestClient(env).signInAs(sysadmin.id);
    const res = await c.post('/quan-tri/nguoi-dung/moi', { username: 'qt.moi', fullName: 'Quản Trị Mới', agencyId: agencyB.id, roles: 'system_admin' });
    assert.equal(res.statusCode, 201);
    const user = await userByName('qt.moi');
    const granted = await env.database.db.select().from(roleAssignments).where(eq(roleAssignments.userId, user!.id));
    assert.deepEqual(granted.map((g) => [g.role, g.agencyId]), [['system_admin', null]]);
  });

  test('refuses officials without user.manage', async () => {
    const clerk = await makeOfficial(env.database.db, { agencyId: agencyA.id, roles: ['clerk'] });
    const c = await new TestClient(env).signInAs(clerk.id);
    assert.equal((await c.get('/quan-tri/nguoi-dung/moi')).statusCode, 403);
    const res = await c.post('/quan-tri/nguoi-dung/moi', { username: 'van.thu.tao', fullName: 'Văn Thư Tạo', agencyId: agencyA.id });
    assert.equal(res.statusCode, 403);
    assert.equal(await userByName('van.thu.tao'), undefined);
  });

  test('refuses a form with a forged CSRF token and writes nothing', async () => {
    const c = await new TestClient(env).signInAs(adminA.id);
    const res = await c.post('/quan-tri/nguoi-dung/moi', { username: 'gia.mao', fullName: 'Giả Mạo', agencyId: agencyA.id }, { csrf: 'forged' });
    assert.equal(res.statusCode, 403);
    assert.equal(await userByName('gia.mao'), undefined);
  });

  test('stores script-like names verbatim and shows them escaped', async () => {
    const name = `<img src=x onerror="alert(1)"> Lê Văn '; --`;
    const c = await new TestClient(env).signInAs(adminA.id);
    const res = await c.post('/quan-tri/nguoi-dung/moi', { username: 'ten.la', fullName: name, agencyId: agencyA.id, title: '<b>Trưởng phòng</b>' });
    assert.equal(res.statusCode, 201);
    const user = await userByName('ten.la');
    assert.equal(user!.fullName, name);
    const detail = await c.get(`/quan-tri/nguoi-dung/${user!.id}`);
    assert.equal(detail.statusCode, 200);
    assert.doesNotMatch(detail.body, /<img src=x/);
    assert.doesNotMatch(detail.body, /<b>Trưởng phòng/);
    assert.ok(detail.body.includes('&lt;img src=x onerror=&quot;alert(1)&quot;> Lê Văn'));
  });
});
