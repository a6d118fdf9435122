import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { LANG_COOKIE } from '../platform/http/cookies.js';
import { TestClient, type TestEnv, makeTestEnv } from '../../test/support/app.js';
import { agencyCode, makeAgency, makeOfficial, makeUnit } from '../../test/support/factories.js';
import { adminUnitSuccessors, adminUnits, agencies } from './schema.js';

const XSS = '<script>alert(1)</script>';
let seq = 300;
const code = (digits: number) => String(++seq * 13).padStart(digits, '0').slice(-digits);

describe('organisation pages', () => {
  let env: TestEnv;
  let admin: TestClient;
  let specialist: TestClient;
  before(async () => {
    env = await makeTestEnv();
    admin = await new TestClient(env).signInAs((await makeOfficial(env.database.db, { roles: ['system_admin'] })).id);
    specialist = await new TestClient(env).signInAs((await makeOfficial(env.database.db, { roles: ['specialist'] })).id);
  });
  after(() => env.close());

  test('lists units to any official, finds names typed without diacritics, and hides ended units unless asked', async () => {
    const current = await makeUnit(env.database.db, { code: code(5), name: 'Phường Nùng Trí Cao Thử' });
    const ended = await makeUnit(env.database.db, { code: code(5), name: 'Xã Hưng Đạo Cũ Thử', validFrom: '2004-07-08', validTo: '2025-06-30' });
    const res = await specialist.get('/quan-tri/don-vi-hanh-chinh?q=nung+tri+cao');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Phường Nùng Trí Cao Thử/);
    assert.doesNotMatch(res.body, /Thêm đơn vị hành chính/);
    assert.doesNotMatch((await specialist.get('/quan-tri/don-vi-hanh-chinh?q=hung+dao+cu')).body, /Xã Hưng Đạo Cũ Thử/);
    const withEnded = await specialist.get('/quan-tri/don-vi-hanh-chinh?q=hung+dao+cu&het-hieu-luc=1');
    assert.match(withEnded.body, /Xã Hưng Đạo Cũ Thử/);
    assert.match(withEnded.body, /Hết hiệu lực/);
    assert.equal((await specialist.get(`/quan-tri/don-vi-hanh-chinh/${current.id}`)).statusCode, 200);
    assert.equal((await specialist.get(`/quan-tri/don-vi-hanh-chinh/${ended.id}/sua`)).statusCode, 403);
    assert.equal((await specialist.get('/quan-tri/don-vi-hanh-chinh/moi')).statusCode, 403);
  });

  test('creating a unit with bad input shows Vietnamese field errors (422) and writes nothing', async () => {
    const badCode = code(4);
    const res = await admin.post('/quan-tri/don-vi-hanh-chinh/moi', { level: 'commune', code: badCode, name: '', kind: 'xã', validFrom: '32/13/2025' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Trường này là bắt buộc/);
    assert.match(res.body, /Ngày không hợp lệ/);
    assert.match(res.body, /href="#f-name"/);
    assert.equal((await env.database.db.select().from(adminUnits).where(eq(adminUnits.code, badCode))).length, 0);
  });

  test('shows field errors in English when the language is switched', async () => {
    const c = await new TestClient(env).signInAs((await makeOfficial(env.database.db, { roles: ['system_admin'] })).id);
    c.cookies.set(LANG_COOKIE, 'en');
    const res = await c.post('/quan-tri/don-vi-hanh-chinh/moi', { level: 'commune', code: '1', name: 'Xã', kind: 'tỉnh', validFrom: '01/07/2025' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /A code at this level has 5 digits/);
    assert.match(res.body, /District and commune units need a parent unit/);
  });

  test('a unit name with a script tag is stored verbatim and shown escaped', async () => {
    const province = await makeUnit(env.database.db, { code: code(2), level: 'province', kind: 'tỉnh' });
    const c = code(5);
    const res = await admin.post('/quan-tri/don-vi-hanh-chinh/moi', { level: 'commune', code: c, name: `Xã ${XSS}`, kind: 'xã', parentCode: province.code, validFrom: '01/07/2025' });
    assert.equal(res.statusCode, 303);
    const [row] = await env.database.db.select().from(adminUnits).where(eq(adminUnits.code, c));
    assert.equal(row!.name, `Xã ${XSS}`);
    const page = await admin.get(res.headers.location as string);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, /<h1 class="govuk-heading-l">Xã &lt;script>alert\(1\)&lt;\/script><\/h1>/);
  });

  test('ends a unit through its form and shows the successor on both detail pages', async () => {
    const old = await makeUnit(env.database.db, { code: code(5), name: 'Xã Tiền Thân Thử', validFrom: '2004-07-08' });
    const heir = await makeUnit(env.database.db, { code: code(5), name: 'Xã Kế Thừa Thử', validFrom: '2025-07-01' });
    const res = await admin.post(`/quan-tri/don-vi-hanh-chinh/${old.id}/ket-thuc`, { validTo: '30/06/2025', version: '1', successor1Code: heir.code, successor1Part: 'full' });
    assert.equal(res.statusCode, 303);
    assert.match((await admin.get(`/quan-tri/don-vi-hanh-chinh/${old.id}`)).body, /Đơn vị kế thừa[\s\S]*Xã Kế Thừa Thử/);
    assert.match((await admin.get(`/quan-tri/don-vi-hanh-chinh/${heir.id}`)).body, /Đơn vị tiền thân[\s\S]*Xã Tiền Thân Thử/);
    assert.equal((await env.database.db.select().from(adminUnitSuccessors).where(eq(adminUnitSuccessors.predecessorId, old.id))).length, 1);
  });

  test('unknown and malformed ids are 404 pages', async () => {
    for (const url of ['/quan-tri/don-vi-hanh-chinh/00000000-0000-4000-8000-000000000000', '/quan-tri/don-vi-hanh-chinh/abc', '/quan-tri/co-quan/not-a-uuid/sua', '/quan-tri/co-quan/00000000-0000-4000-8000-000000000000', '/quan-tri/co-quan/moi?cha=xyz']) {
      const res = await admin.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /Không tìm thấy/);
    }
  });

  test('a form with a forged CSRF token is refused (403) and writes nothing', async () => {
    const c = agencyCode();
    const res = await admin.post('/quan-tri/co-quan/moi', { code: c, name: 'Sở Giả', type: 'people_committee' }, { csrf: 'forged' });
    assert.equal(res.statusCode, 403);
    assert.equal((await env.database.db.select().from(agencies).where(eq(agencies.code, c))).length, 0);
  });

  test('shows the agency tree indented, and an agency page with its children and users link', async () => {
    const root = await makeAgency(env.database.db, { name: 'Ủy ban nhân dân tỉnh Cây Thử', type: 'people_committee' });
    const child = await makeAgency(env.database.db, { name: 'Sở Con Thử', parentId: root.id });
    const tree = await specialist.get('/quan-tri/co-quan');
    assert.equal(tree.statusCode, 200);
    assert.match(tree.body, /Ủy ban nhân dân tỉnh Cây Thử[\s\S]*?<ul class="govuk-list govuk-list--bullet"><li><a class="govuk-link" href="\/quan-tri\/co-quan\/[^"]+">Sở Con Thử/);
    assert.doesNotMatch(tree.body, /href="\/quan-tri\/co-quan\/moi"/);
    const detail = await specialist.get(`/quan-tri/co-quan/${root.id}`);
    assert.match(detail.body, /Sở Con Thử/);
    assert.match(detail.body, new RegExp(`/quan-tri/nguoi-dung\\?co-quan=${root.id}`));
    assert.doesNotMatch(detail.body, /di-chuyen|ngung-hoat-dong|co-quan\/moi\?cha/);
    const asAdmin = await admin.get(`/quan-tri/co-quan/${child.id}`);
    assert.match(asAdmin.body, /di-chuyen/);
    assert.match(asAdmin.body, /ngung-hoat-dong/);
    const search = await specialist.get('/quan-tri/co-quan?q=so+con+thu');
    assert.match(search.body, /Thuộc: Ủy ban nhân dân tỉnh Cây Thử/);
  });

  test('creates an agency under a parent; a duplicate code or script-tag name behaves', async () => {
    const parent = await makeAgency(env.database.db, { type: 'people_committee' });
    const form = await admin.get(`/quan-tri/co-quan/moi?cha=${parent.id}`);
    assert.equal(form.statusCode, 200);
    const c = agencyCode();
    const ok = await admin.post('/quan-tri/co-quan/moi', { parentId: parent.id, code: c.toLowerCase(), name: `Sở ${XSS}`, type: 'department', hasOneStopDesk: 'on' });
    assert.equal(ok.statusCode, 303);
    const [row] = await env.database.db.select().from(agencies).where(eq(agencies.code, c));
    assert.equal(row!.name, `Sở ${XSS}`);
    assert.equal(row!.hasOneStopDesk, true);
    const page = await admin.get(ok.headers.location as string);
    assert.match(page.body, /Sở &lt;script>alert\(1\)&lt;\/script>/);
    assert.doesNotMatch(page.body, /<script>alert/);
    const dup = await admin.post('/quan-tri/co-quan/moi', { parentId: parent.id, code: c, name: 'Sở Trùng', type: 'department' });
    assert.equal(dup.statusCode, 422);
    assert.match(dup.body, /Mã định danh này đã được dùng/);
    assert.equal((await env.database.db.select().from(agencies).where(eq(agencies.name, 'Sở Trùng'))).length, 0);
  });

  test('a stale edit form is a conflict; deactivating a parent with active children explains why not', async () => {
    const parent = await makeAgency(env.database.db);
    await makeAgency(env.database.db, { parentId: parent.id });
    const first = await admin.post(`/quan-tri/co-quan/${parent.id}/sua`, { code: parent.code, name: 'Tên Mới', type: 'department', version: '1' });
    assert.equal(first.statusCode, 303);
    const stale = await admin.post(`/quan-tri/co-quan/${parent.id}/sua`, { code: parent.code, name: 'Tên Khác', type: 'department', version: '1' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /đã được người khác thay đổi/);
    const off = await admin.post(`/quan-tri/co-quan/${parent.id}/ngung-hoat-dong`, { version: '2' });
    assert.equal(off.statusCode, 422);
    assert.match(off.body, /còn 1 đơn vị trực thuộc đang hoạt động/);
    const [row] = await env.database.db.select().from(agencies).where(eq(agencies.id, parent.id));
    assert.equal(row!.active, true);
  });

  test('moves an agency through the form, refusing a cycle', async () => {
    const a = await makeAgency(env.database.db);
    const a1 = await makeAgency(env.database.db, { parentId: a.id });
    const page = await admin.get(`/quan-tri/co-quan/${a.id}/di-chuyen`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, new RegExp(`value="${a1.id}"`));
    const cycle = await admin.post(`/quan-tri/co-quan/${a.id}/di-chuyen`, { parentId: a1.id, version: '1' });
    assert.equal(cycle.statusCode, 422);
    assert.match(cycle.body, /không thể chuyển một cơ quan vào chính nó/i);
  });
});
