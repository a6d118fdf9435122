import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { Forbidden, Invalid } from '../platform/errors.js';
import { projectRoot } from '../platform/paths.js';
import { auditLog } from '../platform/schema.js';
import { type TestEnv, makeTestEnv } from '../../test/support/app.js';
import { actorFor, makeOfficial } from '../../test/support/factories.js';
import { type ImportOptions, importUnits } from './import-units.js';
import { adminUnitSuccessors, adminUnits } from './schema.js';

const opts: ImportOptions = { validFrom: '2025-07-01', oldValidFrom: '2004-07-08', strict: false };
const BOM = '\uFEFF';
const crlf = (lines: string[]) => BOM + lines.join('\r\n') + '\r\n';

describe('importing administrative units', () => {
  let env: TestEnv;
  let admin: ReturnType<TestEnv['ctx']>;
  let dir: string;
  const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return { name: file, content: fs.readFileSync(file, 'utf8') };
  };
  before(async () => {
    env = await makeTestEnv();
    admin = env.ctx(await actorFor(env.database.db, await makeOfficial(env.database.db, { roles: ['system_admin'] })));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congso-units-'));
  });
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await env.close();
  });

  test('imports provinces and communes from CSV with BOM and CRLF, reports a bad line, and is idempotent', async () => {
    const provinces = write('provinces.csv', crlf(['code,name,type', '91,Tỉnh Thử Một,tỉnh', '92,Thành phố Thử Hai,thành phố trực thuộc trung ương', 'X1,Tỉnh Sai,tỉnh', '91,Tỉnh Trùng,tỉnh']));
    const first = await importUnits(admin, provinces, opts);
    assert.deepEqual([first.layout, first.total, first.created, first.updated, first.unchanged], ['provinces', 4, 2, 0, 0]);
    assert.deepEqual(first.rejected.map((r) => [r.line, r.key]), [[4, 'unit.codeFormat'], [5, 'unit.import.duplicate']]);
    const communes = write('communes.csv', crlf(['code,name,type,province_code', '91001,Xã Một,xã,91', '91002,Phường Hai,Phường,91', '92003,Đặc khu Ba,đặc khu,92', '99004,Xã Lạc,xã,99', '91005,Xã Thiếu']));
    const c1 = await importUnits(admin, communes, opts);
    assert.equal(c1.created, 3);
    assert.deepEqual(c1.rejected.map((r) => [r.line, r.key]), [[5, 'unit.import.provinceMissing'], [6, 'field.invalid']]);
    const [hai] = await env.database.db.select().from(adminUnits).where(eq(adminUnits.code, '91002'));
    assert.equal(hai!.kind, 'phường');
    const again = await importUnits(admin, communes, opts);
    assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 3]);
    const [count] = await env.database.db.select({ n: sql<number>`count(*)::int` }).from(adminUnits).where(sql`${adminUnits.code} like '9100%' or ${adminUnits.code} like '9200%'`);
    assert.equal(Number(count!.n), 3);
    const entries = await env.database.db.select().from(auditLog).where(eq(auditLog.action, 'unit.imported'));
    assert.equal(entries.length, 3);
  });

  test('a corrected name in the same edition is updated in place', async () => {
    const file = write('fix.csv', 'code,name,type\n93,Tỉnh Ba,tỉnh\n');
    await importUnits(admin, file, opts);
    const fixed = await importUnits(admin, write('fix2.csv', 'code,name,type\n93,Tỉnh Ba Đã Sửa,tỉnh\n'), opts);
    assert.deepEqual([fixed.created, fixed.updated], [0, 1]);
    const rows = await env.database.db.select().from(adminUnits).where(eq(adminUnits.code, '93'));
    assert.deepEqual(rows.map((r) => [r.name, r.version]), [['Tỉnh Ba Đã Sửa', 2]]);
  });

  test('successor links from JSON create the old units as history ending the day before', async () => {
    await importUnits(admin, write('p.csv', 'code,name,type\n94,Tỉnh Bốn,tỉnh\n'), opts);
    await importUnits(admin, write('c.csv', 'code,name,type,province_code\n94001,Xã Mới,xã,94\n'), opts);
    const links = [
      { level: 'commune', new_code: '94001', new_name: 'Xã Mới', old_code: '94010', old_name: 'Xã Cũ A', part: 'full' },
      { level: 'commune', new_code: '94001', new_name: 'Xã Mới', old_code: '94001', old_name: 'Thị trấn Cũ B', part: 'partial' },
      { level: 'commune', new_code: '94001', new_name: 'Xã Mới', old_code: '941', old_name: 'Huyện Đảo Cũ', part: 'full' },
      { level: 'commune', new_code: '99999', new_name: 'Xã Không Có', old_code: '94011', old_name: 'Xã C', part: 'full' },
      { level: 'ward', new_code: '94001', new_name: 'Xã Mới', old_code: '94012', old_name: 'Xã D', part: 'full' },
    ];
    const file = write('successors.json', BOM + JSON.stringify(links));
    const res = await importUnits(admin, file, opts);
    assert.equal(res.layout, 'successors');
    assert.deepEqual([res.created, res.oldUnits.created], [3, 3]);
    assert.deepEqual(res.rejected.map((r) => [r.line, r.key]), [[4, 'unit.import.newUnitMissing'], [5, 'unit.import.level']]);
    const [oldB] = await env.database.db.select().from(adminUnits).where(and(eq(adminUnits.code, '94001'), eq(adminUnits.validFrom, '2004-07-08')));
    assert.deepEqual([oldB!.kind, oldB!.validTo, oldB!.level], ['thị trấn', '2025-06-30', 'commune']);
    const [island] = await env.database.db.select().from(adminUnits).where(eq(adminUnits.code, '941'));
    assert.deepEqual([island!.level, island!.kind], ['district', 'huyện']);
    const [stored] = await env.database.db.select().from(adminUnitSuccessors).where(eq(adminUnitSuccessors.predecessorId, oldB!.id));
    assert.equal(stored!.part, 'partial');
    const twice = await importUnits(admin, file, opts);
    assert.deepEqual([twice.created, twice.unchanged, twice.oldUnits.created], [0, 3, 0]);
  });

  test('strict mode writes nothing when a line is rejected', async () => {
    const file = write('strict.csv', 'code,name,type\n95,Tỉnh Năm,tỉnh\n9X,Tỉnh Sai,tỉnh\n');
    const res = await importUnits(admin, file, { ...opts, strict: true });
    assert.equal(res.written, false);
    assert.equal((await env.database.db.select().from(adminUnits).where(eq(adminUnits.code, '95'))).length, 0);
  });

  test('refuses an unknown layout and anyone without a system-wide grant', async () => {
    await assert.rejects(importUnits(admin, write('odd.csv', 'ma,ten\n01,X\n'), opts), (err) => err instanceof Invalid && err.fields.file?.key === 'unit.import.unknownLayout');
    const agencyAdmin = env.ctx(await actorFor(env.database.db, await makeOfficial(env.database.db, { roles: ['agency_admin'] })));
    await assert.rejects(importUnits(agencyAdmin, write('p2.csv', 'code,name,type\n96,Tỉnh Sáu,tỉnh\n'), opts), Forbidden);
  });
});

const realData = path.resolve(projectRoot, '../shared/data/admin-units-2025');

describe('importing the official 2025 lists', { skip: fs.existsSync(realData) ? false : `no reference data at ${realData}` }, () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());

  test('imports 34 provinces and 3,321 communes; Cao Bằng (04) has 56 communes', async (t) => {
    const admin = env.ctx(await actorFor(env.database.db, await makeOfficial(env.database.db, { roles: ['system_admin'] })));
    const read = (f: string) => ({ name: f, content: fs.readFileSync(path.join(realData, f), 'utf8') });
    const p = await importUnits(admin, read('provinces.csv'), opts);
    const started = performance.now();
    const c = await importUnits(admin, read('communes.csv'), opts);
    t.diagnostic(`communes import: ${Math.round(performance.now() - started)} ms`);
    assert.deepEqual([p.created, p.rejected.length, c.created, c.rejected.length], [34, 0, 3321, 0]);
    const current = await env.database.db
      .select({ level: adminUnits.level, n: sql<number>`count(*)::int` })
      .from(adminUnits)
      .where(isNull(adminUnits.validTo))
      .groupBy(adminUnits.level);
    assert.deepEqual(Object.fromEntries(current.map((r) => [r.level, Number(r.n)])), { province: 34, commune: 3321 });
    const [caoBang] = await env.database.db.select().from(adminUnits).where(and(eq(adminUnits.code, '04'), eq(adminUnits.level, 'province')));
    const [kids] = await env.database.db.select({ n: sql<number>`count(*)::int` }).from(adminUnits).where(eq(adminUnits.parentId, caoBang!.id));
    assert.equal(Number(kids!.n), 56);
  });
});
