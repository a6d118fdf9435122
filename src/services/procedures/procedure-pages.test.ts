import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { makeAgency, makeOfficial } from '../../../test/support/factories.js';
import { aDefinition, makeField } from '../../../test/support/service-factories.js';
import { procedureVersions, procedures } from './schema.js';

const BASE = '/quan-tri/dich-vu-cong';

/** A multipart body with the token first, as the browser sends the form. */
function multipart(csrf: string, file: { name: string; type: string; data: Buffer }) {
  const b = '----congsoProcBoundary';
  const payload = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${b}` };
}

describe('procedure catalogue: back-office pages', () => {
  let env: TestEnv;
  let admin: TestClient;
  let dept: Awaited<ReturnType<typeof makeAgency>>;
  let desk: Awaited<ReturnType<typeof makeAgency>>;
  let field: Awaited<ReturnType<typeof makeField>>;
  const db = () => env.database.db;

  before(async () => {
    env = await makeTestEnv();
    dept = await makeAgency(db(), { name: 'Sở Trang thử', type: 'department' });
    desk = await makeAgency(db(), { name: 'Trung tâm một cửa thử', type: 'service_centre', hasOneStopDesk: true });
    field = await makeField(db(), { name: 'Lĩnh vực trang' });
    admin = await new TestClient(env).signInAs((await makeOfficial(db(), { agencyId: dept.id, roles: ['agency_admin'] })).id);
  });
  after(() => env.close());

  const form = (code: string) => ({ code, name: 'Đăng ký thử qua trang', fieldId: field.id, level: 'full_online', tier: 'province', ownerAgencyId: dept.id, result: 'Giấy chứng nhận', timeDays: '3', 'rows.agency': '2', 'agency.0': dept.id, 'desk.0': desk.id });

  test('the menu and list show the catalogue to its keepers; others are refused', async () => {
    const res = await admin.get(`${BASE}/thu-tuc`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /href="\/quan-tri\/dich-vu-cong\/thu-tuc"/);
    const editor = await new TestClient(env).signInAs((await makeOfficial(db(), { roles: ['editor'] })).id);
    assert.equal((await editor.get(`${BASE}/thu-tuc`)).statusCode, 403);
  });

  test('bad input comes back in Vietnamese at its field and saves nothing', async () => {
    const res = await admin.post(`${BASE}/thu-tuc/moi`, { ...form('1.2'), 'agency.0': '' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Mã thủ tục chưa đúng dạng/);
    assert.match(res.body, /Chọn ít nhất một cơ quan có thẩm quyền/);
    assert.equal((await db().select({ n: count() }).from(procedures).where(eq(procedures.code, '1.2')))[0]!.n, 0);
  });

  test('"add rows" gives more blank rows and keeps what was typed without saving', async () => {
    const res = await admin.post(`${BASE}/thu-tuc/moi`, { ...form('9.200001'), _add: 'agency' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /name="agency\.6"/);
    assert.match(res.body, /value="9\.200001"/);
  });

  test('create, edit the draft with a step and a form field, publish', async () => {
    const created = await admin.post(`${BASE}/thu-tuc/moi`, form('9.200002'));
    assert.equal(created.statusCode, 303, created.body);
    const procUrl = String(created.headers.location);
    const page = await admin.get(procUrl);
    assert.match(page.body, /Phiên bản 1/);
    const [p] = await db().select().from(procedures).where(eq(procedures.code, '9.200002'));
    const [v] = await db().select().from(procedureVersions).where(eq(procedureVersions.procedureId, p!.id));
    const editUrl = `${procUrl}/phien-ban/${v!.id}/sua`;
    const editor = await admin.get(editUrl);
    assert.equal(editor.statusCode, 200);
    const body = {
      revision: '1',
      'rows.doc': '2', 'rows.fee': '2', 'rows.step': '3', 'rows.ff': '2',
      timeUnit: 'working_days', timeDays: '3', result: 'Giấy chứng nhận', 'applicant.citizen': 'on', 'delivery.counter': 'on',
      'doc.0.code': 'TP1', 'doc.0.name': 'Tờ khai', 'doc.0.originals': '1', 'doc.0.copies': '0', 'doc.0.required': 'on',
      'step.0.code': 'XL', 'step.0.name': 'Xử lý', 'step.0.role': 'specialist', 'step.0.share': '70',
      'step.1.code': 'PD', 'step.1.name': 'Phê duyệt', 'step.1.role': 'leader', 'step.1.share': '20',
      'ff.0.section': 'Người đề nghị', 'ff.0.name': 'ho_ten', 'ff.0.type': 'text', 'ff.0.label': 'Họ và tên', 'ff.0.required': 'on',
    };
    const wrong = await admin.post(editUrl, body);
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Tổng tỷ lệ thời gian các bước phải bằng 100/);
    const saved = await admin.post(editUrl, { ...body, 'step.1.share': '30' });
    assert.equal(saved.statusCode, 303, saved.body);
    const [after] = await db().select().from(procedureVersions).where(eq(procedureVersions.id, v!.id));
    assert.equal(after!.definition.steps.length, 2);
    assert.equal(after!.definition.form.sections[0]!.fields[0]!.name, 'ho_ten');
    const published = await admin.post(`${procUrl}/phien-ban/${v!.id}/cong-bo`, { revision: '2' });
    assert.equal(published.statusCode, 303);
    assert.equal((await db().select().from(procedures).where(eq(procedures.id, p!.id)))[0]!.currentVersionId, v!.id);
    const frozen = await admin.get(editUrl);
    assert.equal(frozen.statusCode, 303, 'a published version has no editor');
  });

  test('the import page takes a JSON file and lists the rejected rows', async () => {
    const rows = [
      { code: '9.200010', name: 'Nhập qua trang', field: field.code, level: 'partial', tier: 'province', owner: dept.code, agencies: [{ agency: dept.code, desk: desk.code }], definition: aDefinition() },
      { code: '9.200011', name: '', field: field.code, level: 'partial', tier: 'province', owner: dept.code, agencies: [{ agency: dept.code, desk: desk.code }], definition: aDefinition() },
    ];
    const body = multipart(admin.csrf, { name: 'thu-tuc.json', type: 'application/json', data: Buffer.from(JSON.stringify(rows)) });
    const res = await env.app.inject({ method: 'POST', url: `${BASE}/nhap-thu-tuc`, headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': body.contentType }, payload: body.payload });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /thêm mới 1/);
    assert.match(res.body, /Trường này là bắt buộc/);
  });
});
