import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ANON_COOKIE } from '../../src/platform/http/cookies.js';
import { TestClient, type TestEnv, makeTestEnv } from '../support/app.js';
import { makeCitizen } from '../support/factories.js';
import { type Fixtures, makeFixtures } from './forms.js';

/** Values each optional field would accept when sent once. */
const EXAMPLES: Record<string, string> = {
  nameEn: 'Department A',
  shortName: 'SA',
  unitCode: '83',
  address: '1 Đường Thử',
  phone: '0912345678',
  email: 'thu@example.vn',
  website: 'https://so-a.example.vn',
  title: 'Chuyên viên',
};

/** Requests refused before they reach a use case: forged forms, ids that name nothing, oversized bodies, wrong types. */
describe('malformed requests to the forms', () => {
  let env: TestEnv;
  let f: Fixtures;
  before(async () => {
    env = await makeTestEnv();
    f = await makeFixtures(env);
  });
  after(() => env.close());

  test('every form refuses a missing, forged or another session’s CSRF token with 403 and writes nothing', async () => {
    const other = new TestClient(env);
    other.cookies.set(ANON_COOKIE, 'another-visitor-anon-cookie-0987');
    for (const spec of f.forms) {
      const before = await f.snapshot();
      const url = await spec.url();
      for (const csrf of [null, '', 'forged-token', other.csrf]) {
        const res = await spec.client.post(url, await spec.valid(), { csrf });
        assert.equal(res.statusCode, 403, `${spec.name} with token ${String(csrf)}`);
        assert.match(res.body, /Biểu mẫu đã hết hạn hoặc không hợp lệ/);
      }
      assert.deepEqual(await f.snapshot(), before, `${spec.name}: nothing written`);
    }
  });

  test('unknown and malformed ids in addresses are 404 for pages and forms alike, and nothing is written', async () => {
    const citizen = await makeCitizen(env.database.db);
    const ids = [randomUUID(), 'abc', "1'%20OR%20'1'%3D'1", '00000000-0000-0000-0000-00000000000g', 'x'.repeat(90), '%3Cscript%3Ealert(1)%3C%2Fscript%3E', '..%2F..%2Fetc%2Fpasswd'];
    const before = await f.snapshot();
    for (const id of ids) {
      const gets = [
        `/quan-tri/co-quan/${id}`,
        `/quan-tri/co-quan/${id}/sua`,
        `/quan-tri/co-quan/${id}/di-chuyen`,
        `/quan-tri/co-quan/moi?cha=${id}`,
        `/quan-tri/don-vi-hanh-chinh/${id}`,
        `/quan-tri/don-vi-hanh-chinh/${id}/sua`,
        `/quan-tri/don-vi-hanh-chinh/${id}/ket-thuc`,
        `/quan-tri/don-vi-hanh-chinh/${id}/chuyen`,
        `/quan-tri/nguoi-dung/${id}`,
        `/quan-tri/nguoi-dung/${id}/sua`,
        `/quan-tri/cong-dan/${id}`,
        `/api/v1/agencies/${id}`,
      ];
      for (const url of gets) {
        const res = await f.sys.get(url);
        assert.equal(res.statusCode, 404, `GET ${url}`);
        assert.match(res.body, /Không tìm thấy trang hoặc bản ghi/, url);
      }
      const posts: [string, Record<string, string>][] = [
        [`/quan-tri/co-quan/${id}/sua`, { code: '000.00.00.H98', name: 'X', type: 'division', version: '1' }],
        [`/quan-tri/co-quan/${id}/di-chuyen`, { parentId: f.agencyA.id, version: '1' }],
        [`/quan-tri/co-quan/${id}/ngung-hoat-dong`, { version: '1' }],
        [`/quan-tri/co-quan/${id}/hoat-dong-lai`, { version: '1' }],
        [`/quan-tri/don-vi-hanh-chinh/${id}/sua`, { code: '83998', name: 'X', kind: 'xã', validFrom: '01/07/2025', version: '1' }],
        [`/quan-tri/don-vi-hanh-chinh/${id}/ket-thuc`, { validTo: '31/12/2025', version: '1' }],
        [`/quan-tri/don-vi-hanh-chinh/${id}/chuyen`, { parentCode: '83', version: '1' }],
        [`/quan-tri/nguoi-dung/${id}/sua`, { fullName: 'X', agencyId: f.agencyA.id, active: 'on', version: '1' }],
        [`/quan-tri/nguoi-dung/${id}/dat-lai-mat-khau`, {}],
        [`/quan-tri/nguoi-dung/${id}/dat-lai-xac-thuc`, {}],
        [`/quan-tri/nguoi-dung/${id}/mo-khoa`, {}],
        [`/quan-tri/nguoi-dung/${id}/vai-tro`, { role: 'clerk', agencyId: f.agencyA.id }],
        [`/quan-tri/nguoi-dung/${id}/vai-tro/${randomUUID()}/xoa`, {}],
        [`/quan-tri/nguoi-dung/${f.official.id}/vai-tro/${id}/xoa`, {}],
      ];
      for (const [url, form] of posts) assert.equal((await f.sys.post(url, form)).statusCode, 404, `POST ${url}`);
    }
    // A citizen is not an official and an official is not a citizen, whatever the address says.
    assert.equal((await f.sys.get(`/quan-tri/nguoi-dung/${citizen.id}`)).statusCode, 404);
    assert.equal((await f.sys.get(`/quan-tri/cong-dan/${f.official.id}`)).statusCode, 404);
    for (const seq of ['abc', '0', '-1', '1.5', '1e3', '99999999', '9'.repeat(30)]) assert.equal((await f.sys.get(`/quan-tri/nhat-ky/${seq}`)).statusCode, 404, `audit entry ${seq}`);
    // Longer than any id: refused by the router before a handler runs.
    assert.equal((await f.sys.get(`/quan-tri/co-quan/${'x'.repeat(300)}`)).statusCode, 414);
    assert.equal((await f.sys.post(`/quan-tri/nguoi-dung/${'x'.repeat(300)}/mo-khoa`)).statusCode, 414);
    assert.deepEqual(await f.snapshot(), before);
  });

  test('a 300 KB field is refused with 413 and a Vietnamese message, and nothing is written', async () => {
    const big = 'a'.repeat(300 * 1024);
    const before = await f.snapshot();
    for (const spec of f.forms) {
      const res = await spec.client.post(await spec.url(), { ...(await spec.valid()), [spec.fields[0]!]: big });
      assert.equal(res.statusCode, 413, spec.name);
      assert.match(res.body, /Dữ liệu gửi lên quá lớn/);
    }
    assert.deepEqual(await f.snapshot(), before);
  });

  test('a form with every field sent twice (arrays where text is expected) is a field error, never a server error', async () => {
    for (const spec of f.forms) {
      const valid = await spec.valid();
      const before = await f.snapshot();
      const doubled = Object.fromEntries(spec.fields.map((k) => [k, [String(valid[k] ?? 'x'), String(valid[k] ?? 'x')]]));
      const res = await spec.client.post(await spec.url(), { ...valid, ...doubled });
      assert.equal(res.statusCode, 422, spec.name);
      assert.match(res.body, /Có lỗi cần sửa/);
      assert.deepEqual(await f.snapshot(), before, `${spec.name}: nothing written`);
    }
  });

  test('any single field sent twice is refused with a field error, not dropped in silence', async () => {
    const dropped: string[] = [];
    for (const spec of f.forms) {
      for (const field of spec.fields) {
        const valid = await spec.valid();
        const value = String(valid[field] ?? EXAMPLES[field] ?? 'x');
        const before = await f.snapshot();
        const res = await spec.client.post(await spec.url(), { ...valid, [field]: [value, value] });
        assert.ok(res.statusCode < 500, `${spec.name}, ${field}: ${res.statusCode}`);
        if (res.statusCode !== 422) dropped.push(`${spec.name}: ${field} → ${res.statusCode}`);
        else assert.deepEqual(await f.snapshot(), before, `${spec.name}, ${field}: nothing written`);
      }
    }
    assert.deepEqual(dropped, [], 'a repeated field must not be accepted as if it were empty');
  });
});
