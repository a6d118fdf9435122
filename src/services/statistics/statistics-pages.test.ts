import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { makeAgency, makeCitizen, makeOfficial } from '../../../test/support/factories.js';
import { makeProcedure } from '../../../test/support/service-factories.js';
import { generateDossiers } from '../../demo/dossiers.js';
import { agencyFigures, totalFigures } from './report.js';

describe('dossier statistics pages', () => {
  let env: TestEnv;
  let agencyA: string;
  let agencyB: string;
  before(async () => {
    env = await makeTestEnv();
    const db = env.database.db;
    agencyA = (await makeAgency(db, { name: 'Sở Xây dựng' })).id;
    agencyB = (await makeAgency(db, { name: 'Sở Y tế' })).id;
    await makeProcedure(db, { ownerAgencyId: agencyA });
    await makeProcedure(db, { ownerAgencyId: agencyB });
    await generateDossiers(env.ctx(), { count: 300, seed: 3, now: env.clock.now(), days: 120, batch: 150 });
  });
  after(() => env.close());
  const db = () => env.database.db;
  const as = async (roles: NonNullable<Parameters<typeof makeOfficial>[1]>['roles'], agencyId: string) => new TestClient(env).signInAs((await makeOfficial(db(), { agencyId, roles })).id);

  test('a leader sees the II.06a table and the 766 indicators of their agency only, for the chosen period', async () => {
    const leader = await as(['leader'], agencyA);
    const res = await leader.get('/quan-tri/thong-ke-ho-so?tu=01/01/2026&den=28/02/2026');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Biểu II\.06a/);
    assert.match(res.body, /Sở Xây dựng/);
    assert.doesNotMatch(res.body, /Sở Y tế/);
    assert.match(res.body, /Tỷ lệ đúng hạn/);
    assert.match(res.body, /Từ 01\/01\/2026 đến 28\/02\/2026/);
  });

  test('the workbook holds the same figures as a direct query', async () => {
    const admin = await new TestClient(env).signInAs((await makeOfficial(db(), { roles: ['system_admin'] })).id);
    const res = await admin.get('/quan-tri/thong-ke-ho-so/bao-cao.xlsx?tu=01/11/2025&den=02/03/2026');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('II.06a')!;
    const totalRow = sheet.getRow(sheet.rowCount);
    assert.equal(totalRow.getCell(1).value, 'Toàn tỉnh');
    const expected = totalFigures(await agencyFigures(db(), { from: new Date('2025-11-01T00:00:00+07:00'), to: new Date('2026-03-03T00:00:00+07:00') }, env.clock.now(), 'all'));
    assert.equal(totalRow.getCell(3).value, expected.received);
    assert.equal(totalRow.getCell(2).value, expected.carried);
    assert.ok(wb.getWorksheet('766'));
  });

  test('a bad or reversed period is refused in Vietnamese and nothing is computed', async () => {
    const leader = await as(['leader'], agencyA);
    const bad = await leader.get('/quan-tri/thong-ke-ho-so?tu=31/02/2026');
    assert.equal(bad.statusCode, 422);
    const reversed = await leader.get('/quan-tri/thong-ke-ho-so?tu=01/03/2026&den=01/02/2026');
    assert.equal(reversed.statusCode, 422);
    assert.match(reversed.body, /Ngày kết thúc phải sau ngày bắt đầu/);
  });

  test('people without dossier.stats.read are refused: a specialist, a citizen, an anonymous visitor', async () => {
    assert.equal((await (await as(['specialist'], agencyA)).get('/quan-tri/thong-ke-ho-so')).statusCode, 403);
    assert.equal((await (await as(['desk_officer'], agencyB)).get('/quan-tri/thong-ke-ho-so/bao-cao.xlsx')).statusCode, 403);
    const citizen = await new TestClient(env).signInAs((await makeCitizen(db())).id);
    assert.notEqual((await citizen.get('/quan-tri/thong-ke-ho-so')).statusCode, 200);
    assert.notEqual((await new TestClient(env).get('/quan-tri/thong-ke-ho-so')).statusCode, 200);
  });
});
