import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { Conflict, Forbidden, Invalid } from '../platform/errors.js';
import { auditLog } from '../platform/schema.js';
import { type TestEnv, makeTestEnv } from '../../test/support/app.js';
import { actorFor, makeOfficial, makeUnit } from '../../test/support/factories.js';
import { createUnit } from './create-unit.js';
import { editUnit } from './edit-unit.js';
import { endUnitValidity } from './end-unit-validity.js';
import { moveUnit } from './move-unit.js';
import { listUnits } from './queries.js';
import { adminUnitSuccessors, adminUnits } from './schema.js';

function fieldOf(err: unknown): Record<string, string> {
  assert.ok(err instanceof Invalid, `expected Invalid, got ${String(err)}`);
  return Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v.key]));
}

async function invalid(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (err) {
    return fieldOf(err);
  }
  assert.fail('expected the use case to refuse');
}

let n = 10;
const code = (digits: number) => String(++n * 7 + 1000).padStart(digits, '0').slice(-digits);

describe('administrative units', () => {
  let env: TestEnv;
  let admin: ReturnType<TestEnv['ctx']>;
  before(async () => {
    env = await makeTestEnv();
    const sys = await makeOfficial(env.database.db, { roles: ['system_admin'] });
    admin = env.ctx(await actorFor(env.database.db, sys));
  });
  after(() => env.close());

  test('a system administrator adds a province and a commune under it, each audited', async () => {
    const pCode = code(2);
    const province = await createUnit(admin, { code: pCode, name: 'Tỉnh Thử Nghiệm', kind: 'Tỉnh', level: 'province', validFrom: '01/07/2025' });
    assert.equal(province.kind, 'tỉnh');
    assert.equal(province.validFrom, '2025-07-01');
    const commune = await createUnit(admin, { code: code(5), name: 'Xã Thử', kind: 'xã', level: 'commune', parentCode: pCode, validFrom: '2025-07-01' });
    assert.equal(commune.parentId, province.id);
    const entries = await env.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'unit.created'), eq(auditLog.entityId, commune.id)));
    assert.equal(entries.length, 1);
  });

  test('only a system-wide grant may change units', async () => {
    const agencyAdmin = await makeOfficial(env.database.db, { roles: ['agency_admin'] });
    const ctx = env.ctx(await actorFor(env.database.db, agencyAdmin));
    await assert.rejects(createUnit(ctx, { code: code(2), name: 'Tỉnh X', kind: 'tỉnh', level: 'province', validFrom: '2025-07-01' }), Forbidden);
  });

  test('rejects a code of the wrong length, a kind that does not fit the level, and a missing parent', async () => {
    const fields = await invalid(createUnit(admin, { code: '123', name: 'Xã Sai', kind: 'tỉnh', level: 'commune', validFrom: '31/02/2025' }));
    assert.equal(fields.validFrom, 'field.date');
    const more = await invalid(createUnit(admin, { code: '123', name: 'Xã Sai', kind: 'tỉnh', level: 'commune', validFrom: '2025-07-01' }));
    assert.deepEqual(more, { code: 'unit.codeFormat', kind: 'unit.kindInvalid', parentCode: 'unit.parentRequired' });
  });

  test('refuses a second unit with the same code in an overlapping period', async () => {
    const c = code(5);
    const p = await makeUnit(env.database.db, { code: code(2), level: 'province', kind: 'tỉnh' });
    await createUnit(admin, { code: c, name: 'Xã A', kind: 'xã', level: 'commune', parentCode: p.code, validFrom: '2025-07-01' });
    const fields = await invalid(createUnit(admin, { code: c, name: 'Xã B', kind: 'xã', level: 'commune', parentCode: p.code, validFrom: '2025-08-01' }));
    assert.equal(fields.code, 'unit.codeTaken');
  });

  test('an edit with a stale version is a conflict and changes nothing', async () => {
    const u = await makeUnit(env.database.db, { code: code(5) });
    const edited = await editUnit(admin, u.id, { code: u.code, name: 'Xã Đã Sửa', kind: 'xã', validFrom: '01/07/2025', version: '1' });
    assert.equal(edited.version, 2);
    await assert.rejects(editUnit(admin, u.id, { code: u.code, name: 'Xã Cũ', kind: 'xã', validFrom: '01/07/2025', version: '1' }), Conflict);
    const [row] = await env.database.db.select().from(adminUnits).where(eq(adminUnits.id, u.id));
    assert.equal(row!.name, 'Xã Đã Sửa');
    const [entry] = await env.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'unit.updated'), eq(auditLog.entityId, u.id)));
    assert.equal((entry!.before as { name: string }).name, u.name);
    assert.equal((entry!.after as { name: string }).name, 'Xã Đã Sửa');
  });

  test('ends a unit on its last day, links its successors, and the as-of query follows', async () => {
    const province = await makeUnit(env.database.db, { code: code(2), level: 'province', kind: 'tỉnh', validFrom: '2004-07-08' });
    const old = await makeUnit(env.database.db, { code: code(5), level: 'commune', parentId: province.id, validFrom: '2004-07-08', name: 'Xã Cũ Một' });
    const heir = await makeUnit(env.database.db, { code: code(5), level: 'commune', parentId: province.id, validFrom: '2025-07-01', name: 'Xã Mới Một' });
    const { unit } = await endUnitValidity(admin, old.id, { validTo: '30/06/2025', version: '1', successor1Code: heir.code, successor1Part: 'partial' });
    assert.equal(unit.validTo, '2025-06-30');
    const links = await env.database.db.select().from(adminUnitSuccessors).where(eq(adminUnitSuccessors.predecessorId, old.id));
    assert.deepEqual(links.map((l) => [l.successorId, l.part]), [[heir.id, 'partial']]);
    const before = await listUnits(env.database.db, { on: '2025-06-30', parentId: province.id, limit: 10, offset: 0 });
    const afterReform = await listUnits(env.database.db, { on: '2025-07-01', parentId: province.id, limit: 10, offset: 0 });
    assert.deepEqual(before.rows.map((r) => r.name), ['Xã Cũ Một']);
    assert.deepEqual(afterReform.rows.map((r) => r.name), ['Xã Mới Một']);
  });

  test('refuses to end a unit whose subordinate units stay valid, or to name an unknown successor', async () => {
    const province = await makeUnit(env.database.db, { code: code(2), level: 'province', kind: 'tỉnh', validFrom: '2004-07-08' });
    await makeUnit(env.database.db, { code: code(5), parentId: province.id, validFrom: '2004-07-08' });
    const fields = await invalid(endUnitValidity(admin, province.id, { validTo: '2025-06-30', version: '1' }));
    assert.equal(fields._form, 'unit.hasValidChildren');
    const lone = await makeUnit(env.database.db, { code: code(5), validFrom: '2004-07-08' });
    const succ = await invalid(endUnitValidity(admin, lone.id, { validTo: '2025-06-30', version: '1', successor1Code: '99999' }));
    assert.equal(succ.successor1Code, 'unit.successorNotFound');
    const early = await invalid(endUnitValidity(admin, lone.id, { validTo: '2004-07-08', version: '1' }));
    assert.equal(early.validTo, 'unit.endBeforeStart');
    const [row] = await env.database.db.select().from(adminUnits).where(eq(adminUnits.id, lone.id));
    assert.equal(row!.validTo, null);
  });

  test('moves a commune from a district to its province but not to a lower or equal level', async () => {
    const province = await makeUnit(env.database.db, { code: code(2), level: 'province', kind: 'tỉnh', validFrom: '2004-07-08' });
    const district = await makeUnit(env.database.db, { code: code(3), level: 'district', kind: 'huyện', parentId: province.id, validFrom: '2004-07-08' });
    const commune = await makeUnit(env.database.db, { code: code(5), parentId: district.id, validFrom: '2004-07-08' });
    const other = await makeUnit(env.database.db, { code: code(5), parentId: province.id, validFrom: '2004-07-08' });
    assert.equal((await invalid(moveUnit(admin, commune.id, { parentCode: other.code, version: '1' }))).parentCode, 'unit.parentLevel');
    const moved = await moveUnit(admin, commune.id, { parentCode: province.code, version: '1' });
    assert.equal(moved.parentId, province.id);
    assert.equal((await invalid(moveUnit(admin, commune.id, { parentCode: district.code, version: '2' }))).parentCode, 'unit.parentLowerThanBefore');
    assert.equal((await invalid(moveUnit(admin, province.id, { parentCode: district.code, version: '1' }))).parentCode, 'unit.provinceNoParent');
  });

  test('finds units by name typed without diacritics', async () => {
    const u = await makeUnit(env.database.db, { name: 'Xã Đồng Tâm Thử Nghiệm' });
    const hit = await listUnits(env.database.db, { q: 'dong tam thu', limit: 10, offset: 0 });
    assert.ok(hit.rows.some((r) => r.id === u.id));
    const none = await listUnits(env.database.db, { q: '100%_', limit: 10, offset: 0 });
    assert.equal(none.total, 0);
  });
});
