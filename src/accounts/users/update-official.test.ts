import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, sessions } from '../../platform/schema.js';
import { users } from '../schema.js';
import { TestClient, makeTestEnv, type TestEnv } from '../../../test/support/app.js';
import { makeAgency, makeOfficial } from '../../../test/support/factories.js';
import { updateOfficial } from './update-official.js';
import { removeRole } from './remove-role.js';
import { systemActor } from '../../platform/auth/system-actor.js';
import { assignmentsOfUser } from './queries.js';

type Official = Awaited<ReturnType<typeof makeOfficial>>;

function editForm(u: Official, over: Record<string, string> = {}): Record<string, string> {
  return { fullName: u.fullName, title: u.title ?? '', email: u.email ?? '', phone: u.phone ?? '', agencyId: u.agencyId!, active: u.active ? 'on' : '', version: String(u.version), ...over };
}

describe('editing an official account', () => {
  let env: TestEnv;
  let agencyA: { id: string };
  let agencyB: { id: string };
  let adminA: Official;
  let sysadmin: Official;
  const load = async (id: string) => (await env.database.db.select().from(users).where(eq(users.id, id)))[0]!;

  before(async () => {
    env = await makeTestEnv();
    agencyA = await makeAgency(env.database.db, { name: 'Sở A' });
    agencyB = await makeAgency(env.database.db, { name: 'Sở B' });
    adminA = await makeOfficial(env.database.db, { agencyId: agencyA.id, roles: ['agency_admin'] });
    sysadmin = await makeOfficial(env.database.db, { roles: ['system_admin'] });
  });
  after(() => env.close());

  test('saves changed details, bumps the version and audits before and after', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id, fullName: 'Trần Văn Cũ', roles: ['specialist'] });
    const c = await new TestClient(env).signInAs(adminA.id);
    const page = await c.get(`/quan-tri/nguoi-dung/${target.id}/sua`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="version" value="1"/);
    const res = await c.post(`/quan-tri/nguoi-dung/${target.id}/sua`, editForm(target, { fullName: 'Trần Văn Mới', title: 'Phó phòng', email: 'moi@example.vn' }));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/quan-tri/nguoi-dung/${target.id}`);
    const row = await load(target.id);
    assert.equal(row.fullName, 'Trần Văn Mới');
    assert.equal(row.title, 'Phó phòng');
    assert.equal(row.version, 2);
    const [entry] = await env.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.updated'), eq(auditLog.entityId, target.id)));
    assert.deepEqual(entry?.before, { fullName: 'Trần Văn Cũ', title: null, email: null });
    assert.deepEqual(entry?.after, { fullName: 'Trần Văn Mới', title: 'Phó phòng', email: 'moi@example.vn' });
    const detail = await c.get(res.headers.location as string);
    assert.match(detail.body, /Đã lưu thông tin tài khoản/);
  });

  test('refuses a stale version with a conflict and keeps the newer data', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id, fullName: 'Ai Sửa Trước' });
    const first = await new TestClient(env).signInAs(adminA.id);
    const second = await new TestClient(env).signInAs(sysadmin.id);
    assert.equal((await first.post(`/quan-tri/nguoi-dung/${target.id}/sua`, editForm(target, { fullName: 'Người Thứ Nhất' }))).statusCode, 303);
    const late = await second.post(`/quan-tri/nguoi-dung/${target.id}/sua`, editForm(target, { fullName: 'Người Thứ Hai' }));
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /đã được người khác thay đổi/);
    assert.equal((await load(target.id)).fullName, 'Người Thứ Nhất');
  });

  test('rejects malformed input with messages and writes nothing', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id, fullName: 'Giữ Nguyên' });
    const c = await new TestClient(env).signInAs(adminA.id);
    const res = await c.post(`/quan-tri/nguoi-dung/${target.id}/sua`, editForm(target, { fullName: '', email: 'sai@', phone: 'abc', version: 'x' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Trường này là bắt buộc/);
    assert.match(res.body, /Địa chỉ thư điện tử không hợp lệ/);
    assert.match(res.body, /Số điện thoại không hợp lệ/);
    const row = await load(target.id);
    assert.equal(row.fullName, 'Giữ Nguyên');
    assert.equal(row.version, 1);
  });

  test('deactivating an account ends all its sessions at once', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id, roles: ['clerk'] });
    const theirs = await new TestClient(env).signInAs(target.id);
    assert.equal((await theirs.get('/quan-tri')).statusCode, 200);
    const c = await new TestClient(env).signInAs(adminA.id);
    const res = await c.post(`/quan-tri/nguoi-dung/${target.id}/sua`, editForm(target, { active: '' }));
    assert.equal(res.statusCode, 303);
    assert.equal((await load(target.id)).active, false);
    assert.equal((await env.database.db.select().from(sessions).where(eq(sessions.userId, target.id))).length, 0);
    assert.equal((await theirs.get('/quan-tri')).statusCode, 303);
    const entries = await env.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.deactivated'), eq(auditLog.entityId, target.id)));
    assert.equal(entries.length, 1);
  });

  test('refuses deactivating your own account', async () => {
    const c = await new TestClient(env).signInAs(adminA.id);
    const me = await load(adminA.id);
    const res = await c.post(`/quan-tri/nguoi-dung/${adminA.id}/sua`, editForm(me, { active: '' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /không thể tự khóa tài khoản/);
    assert.equal((await load(adminA.id)).active, true);
  });

  test('moving an official needs user.manage in both agencies', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id });
    const c = await new TestClient(env).signInAs(adminA.id);
    const res = await c.post(`/quan-tri/nguoi-dung/${target.id}/sua`, editForm(target, { agencyId: agencyB.id }));
    assert.equal(res.statusCode, 403);
    assert.equal((await load(target.id)).agencyId, agencyA.id);
    const s = await new TestClient(env).signInAs(sysadmin.id);
    assert.equal((await s.post(`/quan-tri/nguoi-dung/${target.id}/sua`, editForm(target, { agencyId: agencyB.id }))).statusCode, 303);
    assert.equal((await load(target.id)).agencyId, agencyB.id);
  });

  test("refuses an agency administrator of A editing agency B's official, and writes nothing", async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyB.id, fullName: 'Người Sở B' });
    const c = await new TestClient(env).signInAs(adminA.id);
    assert.equal((await c.get(`/quan-tri/nguoi-dung/${target.id}`)).statusCode, 403);
    assert.equal((await c.get(`/quan-tri/nguoi-dung/${target.id}/sua`)).statusCode, 403);
    const res = await c.post(`/quan-tri/nguoi-dung/${target.id}/sua`, editForm(target, { fullName: 'Bị Sửa' }));
    assert.equal(res.statusCode, 403);
    assert.equal((await load(target.id)).fullName, 'Người Sở B');
  });

  test('refuses an agency administrator taking over a system administrator in their agency', async () => {
    const target = await makeOfficial(env.database.db, { agencyId: agencyA.id, roles: ['system_admin'] });
    const c = await new TestClient(env).signInAs(adminA.id);
    const detail = await c.get(`/quan-tri/nguoi-dung/${target.id}`);
    assert.equal(detail.statusCode, 200);
    assert.doesNotMatch(detail.body, /dat-lai-mat-khau/);
    const res = await c.post(`/quan-tri/nguoi-dung/${target.id}/sua`, editForm(target, { email: 'chiem@example.vn' }));
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /vượt phạm vi quản lý/);
    assert.equal((await load(target.id)).email, null);
  });

  test('answers 404 for an unknown or malformed id', async () => {
    const c = await new TestClient(env).signInAs(sysadmin.id);
    assert.equal((await c.get('/quan-tri/nguoi-dung/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await c.get('/quan-tri/nguoi-dung/khong-ton-tai/sua')).statusCode, 404);
    assert.equal((await c.post('/quan-tri/nguoi-dung/khong-ton-tai/sua', { fullName: 'X', agencyId: agencyA.id, version: '1' })).statusCode, 404);
  });
});

describe('the last active system administrator', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());

  test('cannot be deactivated nor lose the role, while a second one can', async () => {
    const agency = await makeAgency(env.database.db);
    const first = await makeOfficial(env.database.db, { agencyId: agency.id, roles: ['system_admin'] });
    const second = await makeOfficial(env.database.db, { agencyId: agency.id, roles: ['system_admin'] });
    const c = await new TestClient(env).signInAs(first.id);
    const res = await c.post(`/quan-tri/nguoi-dung/${second.id}/sua`, editForm(second, { active: '' }));
    assert.equal(res.statusCode, 303, 'one of two administrators may go');

    const [mine] = await assignmentsOfUser(env.database.db, first.id);
    const removal = await c.post(`/quan-tri/nguoi-dung/${first.id}/vai-tro/${mine!.id}/xoa`);
    assert.equal(removal.statusCode, 409);
    assert.match(removal.body, /quản trị hệ thống cuối cùng/);
    assert.equal((await assignmentsOfUser(env.database.db, first.id)).length, 1);

    const cli = env.ctx(systemActor());
    const fresh = (await env.database.db.select().from(users).where(eq(users.id, first.id)))[0]!;
    await assert.rejects(updateOfficial(cli, first.id, editForm(fresh, { active: '' })), (err: Error & { fields?: Record<string, { key: string }> }) => err.fields?.active?.key === 'users.lastAdmin');
    await assert.rejects(removeRole(cli, first.id, mine!.id), (err: Error & { messageKey?: string }) => err.messageKey === 'users.lastAdmin');
    assert.equal((await env.database.db.select().from(users).where(eq(users.id, first.id)))[0]!.active, true);
  });
});
