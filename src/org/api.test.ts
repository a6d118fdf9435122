import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient, type TestEnv, makeTestEnv } from '../../test/support/app.js';
import { makeAgency, makeUnit } from '../../test/support/factories.js';

describe('organisation API', () => {
  let env: TestEnv;
  let c: TestClient;
  before(async () => {
    env = await makeTestEnv();
    c = new TestClient(env);
  });
  after(() => env.close());

  test('lists active agencies sorted by Vietnamese name, optionally the children of one', async () => {
    const root = await makeAgency(env.database.db, { name: 'Ủy ban nhân dân tỉnh API', type: 'people_committee' });
    await makeAgency(env.database.db, { name: 'Sở Đông', parentId: root.id });
    await makeAgency(env.database.db, { name: 'Sở Dân', parentId: root.id });
    await makeAgency(env.database.db, { name: 'Sở Ngừng', parentId: root.id, active: false });
    const all = await c.get('/api/v1/agencies');
    assert.equal(all.statusCode, 200);
    assert.ok(all.json().items.some((a: { id: string }) => a.id === root.id));
    const kids = (await c.get(`/api/v1/agencies?parent=${root.id}`)).json().items as { name: string; createdAt?: string; version?: number }[];
    assert.deepEqual(kids.map((k) => k.name), ['Sở Dân', 'Sở Đông']);
    assert.equal(kids[0]!.createdAt, undefined);
    assert.equal((await c.get('/api/v1/agencies?parent=00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });

  test('returns one agency, and 404 in JSON for unknown or malformed ids', async () => {
    const a = await makeAgency(env.database.db, { name: 'Sở Một', email: 'so@example.vn' });
    const res = await c.get(`/api/v1/agencies/${a.id}`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().email, 'so@example.vn');
    assert.equal(res.json().code, a.code);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      const miss = await c.get(`/api/v1/agencies/${id}`);
      assert.equal(miss.statusCode, 404);
      assert.equal(miss.json().error.code, 'not_found');
    }
  });

  test('lists administrative units valid on a date, by level and text', async () => {
    const p = await makeUnit(env.database.db, { code: '77', name: 'Tỉnh Quá Khứ API', level: 'province', kind: 'tỉnh', validFrom: '2004-07-08', validTo: '2025-06-30' });
    await makeUnit(env.database.db, { code: '78', name: 'Tỉnh Hiện Tại API', level: 'province', kind: 'tỉnh', validFrom: '2025-07-01' });
    const before2025 = (await c.get('/api/v1/admin-units?level=province&at=2025-06-30&q=api')).json();
    assert.deepEqual(before2025.items.map((u: { name: string }) => u.name), ['Tỉnh Quá Khứ API']);
    assert.equal(before2025.items[0].id, p.id);
    assert.equal(before2025.items[0].validTo, '2025-06-30');
    const now = (await c.get('/api/v1/admin-units?level=province&q=qua%20khu')).json();
    assert.equal(now.total, 0);
    assert.equal((await c.get('/api/v1/admin-units?at=2025-02-30')).statusCode, 422);
    assert.equal((await c.get('/api/v1/admin-units?level=village')).statusCode, 400);
  });

  test('documents the endpoints in OpenAPI', async () => {
    const doc = (await c.get('/api/docs/json')).json();
    for (const p of ['/api/v1/agencies', '/api/v1/agencies/{id}', '/api/v1/admin-units']) assert.ok(doc.paths[p], p);
  });
});
