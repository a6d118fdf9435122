import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { Conflict, Forbidden, Invalid } from '../platform/errors.js';
import { auditLog } from '../platform/schema.js';
import { type TestEnv, makeTestEnv } from '../../test/support/app.js';
import { actorFor, agencyCode, makeAgency, makeOfficial } from '../../test/support/factories.js';
import { createAgency } from './create-agency.js';
import { deactivateAgency } from './deactivate-agency.js';
import { editAgency } from './edit-agency.js';
import { moveAgency } from './move-agency.js';
import { reactivateAgency } from './reactivate-agency.js';
import { agencies } from './schema.js';

async function refusal(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof Invalid, `expected Invalid, got ${String(err)}`);
    return Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v.key]));
  }
  assert.fail('expected the use case to refuse');
}

const fields = (over: Record<string, string> = {}) => ({ code: agencyCode(), name: 'Phòng Thử', type: 'division', ...over });

describe('agencies', () => {
  let env: TestEnv;
  let sys: ReturnType<TestEnv['ctx']>;
  before(async () => {
    env = await makeTestEnv();
    sys = env.ctx(await actorFor(env.database.db, await makeOfficial(env.database.db, { roles: ['system_admin'] })));
  });
  after(() => env.close());

  async function as(roles: Parameters<typeof makeOfficial>[1]) {
    return env.ctx(await actorFor(env.database.db, await makeOfficial(env.database.db, roles)));
  }

  test('who may create where: system admin anywhere, agency admin of A under its child, not under B; a specialist nowhere', async () => {
    const a = await makeAgency(env.database.db);
    const a1 = await makeAgency(env.database.db, { parentId: a.id });
    const b = await makeAgency(env.database.db);
    const adminOfA = await as({ agencyId: a.id, roles: [{ role: 'agency_admin', includeDescendants: true }] });
    const specialist = await as({ agencyId: a.id, roles: ['specialist'] });

    const created = await createAgency(adminOfA, fields({ parentId: a1.id }));
    assert.equal(created.parentId, a1.id);
    await assert.rejects(createAgency(adminOfA, fields({ parentId: b.id })), Forbidden);
    await assert.rejects(createAgency(adminOfA, fields({ type: 'people_committee' })), Forbidden);
    await assert.rejects(createAgency(specialist, fields({ parentId: a.id })), Forbidden);
    const root = await createAgency(sys, fields({ type: 'people_committee', name: 'UBND tỉnh Thử' }));
    assert.equal(root.parentId, null);
  });

  test('a duplicate identifier is a field error and nothing is written', async () => {
    const existing = await makeAgency(env.database.db);
    const name = `Sở Trùng Mã ${Date.now()}`;
    const problems = await refusal(createAgency(sys, fields({ code: existing.code.toLowerCase(), name })));
    assert.deepEqual(problems, { code: 'agency.codeTaken' });
    assert.equal((await env.database.db.select().from(agencies).where(eq(agencies.name, name))).length, 0);
  });

  test('rejects malformed fields with their message keys', async () => {
    const problems = await refusal(createAgency(sys, { code: '000.00.00.141', name: '', type: 'nonsense', email: 'not-an-email', phone: '12', website: 'javascript:alert(1)' }));
    assert.deepEqual(problems, { code: 'agencyCode.qcvn', name: 'field.required', type: 'field.invalid', email: 'field.email', phone: 'field.phone', website: 'field.invalid' });
  });

  test('an edit records before and after; a stale version is a conflict', async () => {
    const a = await makeAgency(env.database.db, { name: 'Sở Cũ' });
    await editAgency(sys, a.id, fields({ code: a.code, name: 'Sở Khoa học và Công nghệ', type: 'department', phone: '0206 3852 888', version: '1' }));
    await assert.rejects(editAgency(sys, a.id, fields({ code: a.code, name: 'Sở Khác', type: 'department', version: '1' })), Conflict);
    const [row] = await env.database.db.select().from(agencies).where(eq(agencies.id, a.id));
    assert.equal(row!.name, 'Sở Khoa học và Công nghệ');
    assert.equal(row!.phone, '02063852888');
    const [entry] = await env.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'agency.updated'), eq(auditLog.entityId, a.id)));
    assert.equal((entry!.before as { name: string }).name, 'Sở Cũ');
    assert.equal((entry!.after as { name: string }).name, 'Sở Khoa học và Công nghệ');
  });

  test('refuses to move an agency under itself or its own subordinate', async () => {
    const a = await makeAgency(env.database.db);
    const a1 = await makeAgency(env.database.db, { parentId: a.id });
    const a11 = await makeAgency(env.database.db, { parentId: a1.id });
    assert.deepEqual(await refusal(moveAgency(sys, a.id, { parentId: a11.id, version: '1' })), { parentId: 'agency.cycle' });
    assert.deepEqual(await refusal(moveAgency(sys, a.id, { parentId: a.id, version: '1' })), { parentId: 'agency.cycle' });
    const b = await makeAgency(env.database.db);
    const moved = await moveAgency(sys, a11.id, { parentId: b.id, version: '1' });
    assert.equal(moved.parentId, b.id);
  });

  test('moving needs the right to create under the new parent', async () => {
    const a = await makeAgency(env.database.db);
    const a1 = await makeAgency(env.database.db, { parentId: a.id });
    const a2 = await makeAgency(env.database.db, { parentId: a.id });
    const b = await makeAgency(env.database.db);
    const adminOfA = await as({ agencyId: a.id, roles: [{ role: 'agency_admin', includeDescendants: true }] });
    await assert.rejects(moveAgency(adminOfA, a1.id, { parentId: b.id, version: '1' }), Forbidden);
    assert.equal((await moveAgency(adminOfA, a1.id, { parentId: a2.id, version: '1' })).parentId, a2.id);
  });

  test('refuses to deactivate an agency with active subordinates, then allows it bottom-up', async () => {
    const a = await makeAgency(env.database.db);
    const a1 = await makeAgency(env.database.db, { parentId: a.id });
    assert.deepEqual(await refusal(deactivateAgency(sys, a.id, { version: '1' })), { _form: 'agency.hasActiveChildren' });
    await deactivateAgency(sys, a1.id, { version: '1' });
    const off = await deactivateAgency(sys, a.id, { version: '1' });
    assert.equal(off.active, false);
    assert.deepEqual(await refusal(reactivateAgency(sys, a1.id, { version: '2' })), { _form: 'agency.parentInactive' });
    await reactivateAgency(sys, a.id, { version: '2' });
    assert.equal((await reactivateAgency(sys, a1.id, { version: '2' })).active, true);
    const specialist = await as({ agencyId: a.id, roles: ['specialist'] });
    await assert.rejects(deactivateAgency(specialist, a1.id, { version: '3' }), Forbidden);
  });
});
