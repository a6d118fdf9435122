import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { users } from '../schema.js';
import { TestClient, makeTestEnv, type TestEnv } from '../../../test/support/app.js';
import { makeAgency, makeOfficial } from '../../../test/support/factories.js';
import { PAGE_SIZE } from './queries.js';

/** The names in the list, in the order shown. */
function listedNames(html: string): string[] {
  const table = html.split('data-testid="users-table"')[1] ?? '';
  return [...table.matchAll(/<a class="govuk-link" href="\/quan-tri\/nguoi-dung\/[0-9a-f-]{36}">([^<]*)<\/a>/g)].map((m) => m[1]!);
}

describe('officials list', () => {
  let env: TestEnv;
  let province: { id: string };
  let department: { id: string };
  let division: { id: string };
  let otherDepartment: { id: string };
  let admin: { id: string };
  let deptAdmin: { id: string };

  before(async () => {
    env = await makeTestEnv();
    const db = env.database.db;
    province = await makeAgency(db, { name: 'UBND tỉnh thử' });
    department = await makeAgency(db, { name: 'Sở thử nghiệm', parentId: province.id });
    division = await makeAgency(db, { name: 'Phòng thử nghiệm', parentId: department.id });
    otherDepartment = await makeAgency(db, { name: 'Sở khác', parentId: province.id });
    admin = await makeOfficial(db, { roles: ['system_admin'], agencyId: province.id, fullName: 'Quản Trị Tỉnh' });
    deptAdmin = await makeOfficial(db, { roles: [{ role: 'agency_admin', includeDescendants: true }], agencyId: department.id, fullName: 'Quản Trị Sở' });
    await makeOfficial(db, { agencyId: department.id, fullName: 'Đào Văn Bình', roles: ['specialist'] });
    await makeOfficial(db, { agencyId: division.id, fullName: 'Dương Thị Cúc', roles: ['clerk'] });
    await makeOfficial(db, { agencyId: division.id, fullName: 'Anh Văn Nguyễn', roles: ['specialist'] });
    await makeOfficial(db, { agencyId: otherDepartment.id, fullName: 'Lò Văn Khác', roles: ['specialist'] });
  });
  after(() => env.close());

  test('shows a system administrator every official, sorted in Vietnamese order', async () => {
    const c = await new TestClient(env).signInAs(admin.id);
    const res = await c.get('/quan-tri/nguoi-dung');
    assert.equal(res.statusCode, 200);
    const names = listedNames(res.body);
    for (const n of ['Đào Văn Bình', 'Dương Thị Cúc', 'Lò Văn Khác', 'Quản Trị Tỉnh']) assert.ok(names.includes(n), n);
    // Vietnamese collation: D comes before Đ, whatever the code points say.
    assert.ok(names.indexOf('Dương Thị Cúc') < names.indexOf('Đào Văn Bình'));
    assert.ok(names.indexOf('Anh Văn Nguyễn') < names.indexOf('Dương Thị Cúc'));
    assert.match(res.body, /Thêm người dùng/);
    assert.match(res.body, /Tài khoản công dân/);
  });

  test('shows an agency administrator with sub-agencies only their subtree', async () => {
    const c = await new TestClient(env).signInAs(deptAdmin.id);
    const res = await c.get('/quan-tri/nguoi-dung');
    assert.equal(res.statusCode, 200);
    const names = listedNames(res.body);
    assert.deepEqual(names.sort((a, b) => a.localeCompare(b, 'vi')), ['Anh Văn Nguyễn', 'Dương Thị Cúc', 'Đào Văn Bình', 'Quản Trị Sở'].sort((a, b) => a.localeCompare(b, 'vi')));
    assert.doesNotMatch(res.body, /Tài khoản công dân/);
    const outside = await c.get(`/quan-tri/nguoi-dung?co-quan=${otherDepartment.id}`);
    assert.deepEqual(listedNames(outside.body), []);
  });

  test('refuses an official without user.read', async () => {
    const specialist = await makeOfficial(env.database.db, { roles: ['specialist'], agencyId: department.id });
    const c = await new TestClient(env).signInAs(specialist.id);
    const res = await c.get('/quan-tri/nguoi-dung');
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /không có quyền/);
  });

  test('sends a visitor without a session to the sign-in page', async () => {
    const res = await new TestClient(env).get('/quan-tri/nguoi-dung');
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/quan-tri\/dang-nhap/);
  });

  test('filters by agency, role and status', async () => {
    const c = await new TestClient(env).signInAs(admin.id);
    assert.deepEqual(listedNames((await c.get(`/quan-tri/nguoi-dung?co-quan=${division.id}`)).body).sort(), ['Anh Văn Nguyễn', 'Dương Thị Cúc']);
    const clerks = listedNames((await c.get(`/quan-tri/nguoi-dung?co-quan=${division.id}&vai-tro=clerk`)).body);
    assert.deepEqual(clerks, ['Dương Thị Cúc']);
    const retired = await makeOfficial(env.database.db, { agencyId: otherDepartment.id, fullName: 'Hà Thị Nghỉ' });
    const { eq } = await import('drizzle-orm');
    await env.database.db.update(users).set({ active: false }).where(eq(users.id, retired.id));
    assert.deepEqual(listedNames((await c.get(`/quan-tri/nguoi-dung?co-quan=${otherDepartment.id}&trang-thai=ngung`)).body), ['Hà Thị Nghỉ']);
    assert.deepEqual(listedNames((await c.get(`/quan-tri/nguoi-dung?co-quan=${otherDepartment.id}&trang-thai=hoat-dong`)).body), ['Lò Văn Khác']);
  });

  test('finds names typed without diacritics, and usernames', async () => {
    const c = await new TestClient(env).signInAs(admin.id);
    assert.deepEqual(listedNames((await c.get('/quan-tri/nguoi-dung?q=dao%20van')).body), ['Đào Văn Bình']);
    assert.deepEqual(listedNames((await c.get('/quan-tri/nguoi-dung?q=DUONG')).body), ['Dương Thị Cúc']);
    const named = await makeOfficial(env.database.db, { agencyId: division.id, username: 'tim.theo.ten', fullName: 'Tìm Theo Tên' });
    assert.deepEqual(listedNames((await c.get('/quan-tri/nguoi-dung?q=tim.theo')).body), [named.fullName]);
    // A % typed by a person is a character to find, not a wildcard.
    assert.deepEqual(listedNames((await c.get('/quan-tri/nguoi-dung?q=%25')).body), []);
  });

  test('rejects malformed filters with a Vietnamese message', async () => {
    const c = await new TestClient(env).signInAs(admin.id);
    const res = await c.get('/quan-tri/nguoi-dung?co-quan=khong-phai-uuid&vai-tro=vua');
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Mã tham chiếu không hợp lệ/);
    assert.match(res.body, /Vai trò không hợp lệ/);
  });

  test('shows script-like names as text', async () => {
    const name = `<script>alert("x")</script>'; drop table users; --`;
    await makeOfficial(env.database.db, { agencyId: division.id, fullName: name });
    const c = await new TestClient(env).signInAs(admin.id);
    const res = await c.get('/quan-tri/nguoi-dung?q=script');
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.ok(res.body.includes(`&lt;script>alert(&quot;x&quot;)&lt;/script>'; drop table users; --`));
  });

  test('pages through a long list, keeping the filters', async () => {
    const crowded = await makeAgency(env.database.db, { name: 'Cơ quan đông người' });
    await env.database.db.insert(users).values(
      Array.from({ length: PAGE_SIZE + 3 }, (_, i) => ({ kind: 'official' as const, username: `dong.${i}.${crowded.id.slice(0, 6)}`, fullName: `Người Thứ ${String(i).padStart(3, '0')}`, agencyId: crowded.id })),
    );
    const c = await new TestClient(env).signInAs(admin.id);
    const first = await c.get(`/quan-tri/nguoi-dung?co-quan=${crowded.id}`);
    assert.equal(listedNames(first.body).length, PAGE_SIZE);
    assert.match(first.body, /Trang 1\/2/);
    assert.ok(first.body.includes(`href="/quan-tri/nguoi-dung?co-quan=${crowded.id}&amp;trang=2"`));
    const second = await c.get(`/quan-tri/nguoi-dung?co-quan=${crowded.id}&trang=2`);
    assert.deepEqual(listedNames(second.body), ['Người Thứ 050', 'Người Thứ 051', 'Người Thứ 052']);
    assert.equal((await c.get(`/quan-tri/nguoi-dung?co-quan=${crowded.id}&trang=0`)).statusCode, 422);
  });
});
