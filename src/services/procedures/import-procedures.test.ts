import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { systemActor } from '../../platform/auth/system-actor.js';
import type { Ctx } from '../../platform/context.js';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeAgency, makeOfficial } from '../../../test/support/factories.js';
import { aDefinition } from '../../../test/support/service-factories.js';
import { COLUMNS, SHEETS } from './import-file.js';
import { importProcedures } from './import-procedures.js';
import { procedureFields, procedureVersions, procedures } from './schema.js';

describe('procedure import', () => {
  let env: TestEnv;
  let ctx: Ctx;
  let dept: { id: string; code: string };
  let desk: { code: string };
  const db = () => env.database.db;

  before(async () => {
    env = await makeTestEnv();
    dept = await makeAgency(db(), { name: 'Sở Thử', type: 'department' });
    desk = await makeAgency(db(), { name: 'Trung tâm PVHCC', type: 'service_centre', hasOneStopDesk: true });
    ctx = { ...env.ctx(), actor: systemActor('test') };
  });
  after(() => env.close());

  const record = (code: string, over: Record<string, unknown> = {}) => ({
    code,
    name: `Thủ tục nhập ${code}`,
    field: 'NHAP',
    fieldName: 'Lĩnh vực nhập',
    level: 'full_online',
    tier: 'province',
    owner: dept.code,
    agencies: [{ agency: dept.code, desk: desk.code }],
    definition: aDefinition(),
    ...over,
  });
  const json = (rows: unknown[]) => Buffer.from(JSON.stringify(rows));
  const versionsOf = async (code: string) => {
    const [p] = await db().select().from(procedures).where(eq(procedures.code, code));
    return db().select().from(procedureVersions).where(eq(procedureVersions.procedureId, p!.id)).orderBy(procedureVersions.number);
  };

  test('JSON: creates and publishes, reports bad rows with place and message, and a re-run changes nothing', async () => {
    const rows = [record('9.100001'), record('bad code'), record('9.100002', { definition: { ...aDefinition(), steps: [{ code: 'XL', name: 'Xử lý', role: 'specialist', share: 90 }] } }), record('9.100001')];
    const first = await importProcedures(ctx, json(rows));
    assert.equal(first.created, 1);
    assert.deepEqual(
      first.rejected.map((r) => [r.row, r.where, r.key]),
      [
        [2, 'code', 'proc.nationalCodeFormat'],
        [3, 'definition.steps', 'proc.sharesTotal'],
        [4, 'code', 'proc.import.duplicate'],
      ],
    );
    assert.equal((await db().select({ n: count() }).from(procedures).where(eq(procedures.code, '9.100002')))[0]!.n, 0, 'nothing half-saved');
    assert.deepEqual((await versionsOf('9.100001')).map((v) => v.status), ['published']);
    const again = await importProcedures(ctx, json([record('9.100001')]));
    assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 1]);
    const changed = await importProcedures(ctx, json([record('9.100001', { definition: aDefinition({ result: 'Giấy phép mới' }) })]));
    assert.equal(changed.updated, 1);
    assert.deepEqual((await versionsOf('9.100001')).map((v) => [v.number, v.status]), [[1, 'retired'], [2, 'published']]);
    const renamed = await importProcedures(ctx, json([record('9.100001', { name: 'Tên đổi', definition: aDefinition({ result: 'Giấy phép mới' }) })]));
    assert.equal(renamed.updated, 1);
    assert.equal((await versionsOf('9.100001')).length, 2, 'a rename is no new version');
  });

  test('an official may import only for agencies they keep', async () => {
    const other = await makeAgency(db(), { type: 'department' });
    const official = env.ctx(await actorFor(db(), await makeOfficial(db(), { agencyId: dept.id, roles: ['agency_admin'] })));
    const s = await importProcedures(official, json([record('9.100010', { owner: other.code })]));
    assert.deepEqual(s.rejected.map((r) => r.key), ['proc.import.forbidden']);
  });

  test('XLSX: the sheets keyed by procedure code make one definition; errors name the sheet and row', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = (name: string, cols: Record<string, string>, rows: Record<string, unknown>[]) => {
      const ws = wb.addWorksheet(name);
      const keys = Object.keys(cols);
      ws.addRow(keys.map((k) => cols[k]));
      for (const r of rows) ws.addRow(keys.map((k) => r[k] ?? null));
    };
    const base = { field: 'NHAP', level: 'Toàn trình', tier: 'Cấp tỉnh', owner: dept.code, agencies: dept.code, desks: desk.code, days: 5, result: 'Giấy xác nhận', applicants: 'Công dân; Doanh nghiệp', deliveries: 'Tại Bộ phận Một cửa' };
    sheet(SHEETS.procedures, COLUMNS.procedures, [
      { ...base, code: '9.100020', name: 'Thủ tục Excel một' },
      { ...base, code: '9.100021', name: 'Thủ tục Excel hai' },
    ]);
    sheet(SHEETS.documents, COLUMNS.documents, [
      { procedure: '9.100020', code: 'TP1', name: 'Đơn đề nghị', originals: 1, copies: 0, required: 'x', accepts: 'PDF' },
      { procedure: '9.100021', code: 'TP1', name: 'Đơn', originals: 'một' },
    ]);
    sheet(SHEETS.steps, COLUMNS.steps, [
      { procedure: '9.100020', code: 'XL', name: 'Xử lý', role: 'Chuyên viên', share: 70 },
      { procedure: '9.100020', code: 'PD', name: 'Phê duyệt', role: 'leader', share: 30 },
      { procedure: '9.100021', code: 'XL', name: 'Xử lý', role: 'specialist', share: 100 },
    ]);
    sheet(SHEETS.fees, COLUMNS.fees, [{ procedure: '9.100020', name: 'Lệ phí', amount: 50000 }]);
    sheet(SHEETS.form, COLUMNS.form, [{ procedure: '9.100020', section: 'Thông tin', name: 'ho_ten', type: 'Văn bản ngắn', label: 'Họ và tên', required: 'có', max: 100 }]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const s = await importProcedures(ctx, buf, { fileName: 'danh-muc.xlsx' });
    assert.equal(s.created, 1);
    assert.deepEqual(s.rejected.map((r) => [r.row, r.where]), [[3, 'Thành phần hồ sơ dòng 3: originals']]);
    const [v] = await versionsOf('9.100020');
    assert.deepEqual(v!.definition.applicants, ['citizen', 'enterprise']);
    assert.equal(v!.definition.documents[0]!.required, true);
    assert.deepEqual(v!.definition.documents[0]!.accepts, ['pdf']);
    assert.deepEqual(v!.definition.fees, [{ name: 'Lệ phí', amount: 50000 }]);
    assert.equal(v!.definition.steps[0]!.role, 'specialist');
    assert.equal(v!.definition.form.sections[0]!.fields[0]!.maxLength, 100);
    const again = await importProcedures(ctx, buf);
    assert.equal(again.unchanged, 1);
    assert.equal((await db().select({ n: count() }).from(procedureFields).where(eq(procedureFields.code, 'NHAP')))[0]!.n, 1);
  });

  test('a file that is neither JSON nor a workbook is refused as a whole', async () => {
    const s = await importProcedures(ctx, Buffer.from('not json'));
    assert.deepEqual(s.rejected.map((r) => r.key), ['proc.import.badFile']);
  });
});
