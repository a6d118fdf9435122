import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/schema.js';
import { TestClient, makeTestEnv, type TestEnv } from '../../../test/support/app.js';
import { makeCitizen, makeOfficial } from '../../../test/support/factories.js';
import { maskEmail, maskPhone } from './mask.js';

describe('citizen accounts in the back office', () => {
  let env: TestEnv;
  let sysadmin: { id: string };
  let citizen: { id: string };
  const reads = (citizenId: string) => env.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'personal_data.read'), eq(auditLog.entityId, citizenId)));

  before(async () => {
    env = await makeTestEnv();
    sysadmin = await makeOfficial(env.database.db, { roles: ['system_admin'] });
    citizen = await makeCitizen(env.database.db, { fullName: 'Đàm Thị Hoa', email: 'congdan.hoa@example.vn', phone: '0912345678' });
  });
  after(() => env.close());

  test('lists citizens to a system administrator with masked contact data', async () => {
    const c = await new TestClient(env).signInAs(sysadmin.id);
    const res = await c.get('/quan-tri/cong-dan?q=dam%20thi');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Đàm Thị Hoa/);
    assert.match(res.body, /c\*\*\*@example\.vn/);
    assert.match(res.body, /091\*\*\*\*678/);
    assert.ok(!res.body.includes('congdan.hoa@example.vn'));
    assert.ok(!res.body.includes('0912345678'));
    assert.equal((await reads(citizen.id)).length, 0, 'the masked list is not a read of personal data');
  });

  test('shows the full record and audits who read whose data', async () => {
    const c = await new TestClient(env).signInAs(sysadmin.id);
    const res = await c.get(`/quan-tri/cong-dan/${citizen.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /congdan\.hoa@example\.vn/);
    assert.match(res.body, /0912345678/);
    const entries = await reads(citizen.id);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.actorId, sysadmin.id);
    assert.equal(entries[0]!.entityType, 'user');
    await c.get(`/quan-tri/cong-dan/${citizen.id}`);
    assert.equal((await reads(citizen.id)).length, 2, 'every view is recorded');
  });

  test('refuses agency administrators and officials, and records no read', async () => {
    const other = await makeCitizen(env.database.db, { fullName: 'Công Dân Khác' });
    const agencyAdmin = await makeOfficial(env.database.db, { roles: [{ role: 'agency_admin', includeDescendants: true }] });
    const c = await new TestClient(env).signInAs(agencyAdmin.id);
    assert.equal((await c.get('/quan-tri/cong-dan')).statusCode, 403);
    assert.equal((await c.get(`/quan-tri/cong-dan/${other.id}`)).statusCode, 403);
    assert.equal((await reads(other.id)).length, 0);
  });

  test('answers 404 for an unknown citizen or an official id, and 422 for a bad page', async () => {
    const c = await new TestClient(env).signInAs(sysadmin.id);
    assert.equal((await c.get('/quan-tri/cong-dan/00000000-0000-4000-8000-000000000002')).statusCode, 404);
    assert.equal((await c.get(`/quan-tri/cong-dan/${sysadmin.id}`)).statusCode, 404);
    assert.equal((await c.get('/quan-tri/cong-dan/khong-phai')).statusCode, 404);
    assert.equal((await c.get('/quan-tri/cong-dan?trang=-1')).statusCode, 422);
  });

  test('shows script-like names escaped', async () => {
    const odd = await makeCitizen(env.database.db, { fullName: '<script>alert(1)</script>' });
    const c = await new TestClient(env).signInAs(sysadmin.id);
    const res = await c.get(`/quan-tri/cong-dan/${odd.id}`);
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.ok(res.body.includes('&lt;script>alert(1)&lt;/script>'));
  });
});

describe('masking contact data', () => {
  test('keeps the first letter and the domain of an email', () => {
    assert.equal(maskEmail('congdan@example.vn'), 'c***@example.vn');
    assert.equal(maskEmail('a@b.vn'), 'a***@b.vn');
    assert.equal(maskEmail(null), null);
  });

  test('keeps the prefix and the last three digits of a phone number', () => {
    assert.equal(maskPhone('0912345678'), '091****678');
    assert.equal(maskPhone('02063852244'), '020*****244');
    assert.equal(maskPhone('12345'), '*****');
    assert.equal(maskPhone(null), null);
  });
});
