import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { makeAgency } from '../../../test/support/factories.js';
import { aDefinition, makeField, makeProcedure } from '../../../test/support/service-factories.js';
import { files } from '../../platform/schema.js';
import { procedures } from './schema.js';

/** The public catalogue: what anyone sees under /dich-vu-cong and through /api/v1/procedures. */
describe('public procedure pages', () => {
  let env: TestEnv;
  let anon: TestClient;
  const db = () => env.database.db;
  let justice: Awaited<ReturnType<typeof makeField>>;
  let land: Awaited<ReturnType<typeof makeField>>;
  let dept: Awaited<ReturnType<typeof makeAgency>>;
  let centre: Awaited<ReturnType<typeof makeAgency>>;
  let templateId: string;

  before(async () => {
    env = await makeTestEnv();
    anon = new TestClient(env);
    justice = await makeField(db(), { code: 'TP-HT', name: 'Hộ tịch', nameEn: 'Civil status' });
    land = await makeField(db(), { code: 'DD', name: 'Đất đai' });
    dept = await makeAgency(db(), { name: 'Sở Tư pháp', nameEn: 'Department of Justice' });
    centre = await makeAgency(db(), { name: 'Trung tâm Phục vụ hành chính công' });
    const [file] = await db()
      .insert(files)
      .values({ key: '2026/03/mau-tk1.pdf', name: 'Mẫu tờ khai.pdf', contentType: 'application/pdf', size: 20480, sha256: 'x'.repeat(64) })
      .returning();
    templateId = file!.id;
    await makeProcedure(db(), {
      code: '1.000656',
      name: 'Cấp giấy xác nhận tình trạng hôn nhân',
      nameEn: 'Certificate of marital status',
      fieldId: justice.id,
      level: 'full_online',
      agencyIds: [dept.id],
      deskAgencyId: centre.id,
      definition: aDefinition({
        documents: [
          { code: 'TP1', name: 'Tờ khai theo mẫu', nameEn: 'Application form', originals: 1, copies: 0, required: true, electronicCopyAccepted: true, accepts: ['pdf'], templateFileId: templateId },
          { code: 'TP2', name: 'Giấy tờ chứng minh nơi cư trú', originals: 0, copies: 1, required: false, electronicCopyAccepted: true, accepts: ['pdf', 'image'] },
        ],
        timeLimit: { unit: 'working_days', days: 3, onlineDays: 0.5 },
        fees: [{ name: 'Lệ phí cấp giấy', amount: 1_500_000 }],
        legalBasis: 'Luật Hộ tịch 2014\nNghị định số 123/2015/NĐ-CP',
      }),
    });
    await makeProcedure(db(), { code: '1.001193', name: 'Đăng ký khai sinh', fieldId: justice.id, level: 'partial', agencyIds: [dept.id] });
    await makeProcedure(db(), { code: '2.000001', name: 'Đăng ký đất đai lần đầu', fieldId: land.id, level: 'offline', agencyIds: [centre.id] });
    await makeProcedure(db(), { code: '9.INACTIVE', name: 'Thủ tục đã bãi bỏ hôn nhân', fieldId: justice.id, active: false, agencyIds: [dept.id] });
    await makeProcedure(db(), { code: '9.DRAFT', name: 'Thủ tục mới soạn hôn nhân', fieldId: justice.id, unpublished: true, agencyIds: [dept.id] });
  });
  after(() => env.close());

  test('the services home browses by level, field and agency with counts, and links to lookup and my dossiers', async () => {
    const res = await anon.get('/dich-vu-cong');
    assert.equal(res.statusCode, 200);
    const b = res.body;
    assert.match(b, /<h1 class="govuk-heading-xl">Dịch vụ công trực tuyến<\/h1>/);
    assert.match(b, /href="\/dich-vu-cong\/thu-tuc\?linh_vuc=TP-HT">Hộ tịch<\/a> <span[^>]*>\(2 thủ tục\)/, 'inactive and draft-only procedures are not counted');
    assert.match(b, /href="\/dich-vu-cong\/thu-tuc\?linh_vuc=DD">Đất đai<\/a> <span[^>]*>\(1 thủ tục\)/);
    assert.match(b, new RegExp(`href="/dich-vu-cong/thu-tuc\\?co_quan=${dept.code.replace(/\./g, '\\.')}">Sở Tư pháp</a> <span[^>]*>\\(2 thủ tục\\)`));
    assert.match(b, /href="\/dich-vu-cong\/thu-tuc\?muc_do=toan-trinh"/);
    assert.match(b, /href="\/dich-vu-cong\/tra-cuu"/);
    assert.match(b, /href="\/dich-vu-cong\/ho-so-cua-toi"/);
    assert.match(b, /Xem tất cả 3 thủ tục/);
    // Vietnamese order: Đ comes after D and before H.
    assert.ok(b.indexOf('>Đất đai<') < b.indexOf('>Hộ tịch<'));
  });

  test('the list searches without diacritics, with "d" for "đ", and by code', async () => {
    const noMarks = await anon.get('/dich-vu-cong/thu-tuc?q=giay+xac+nhan+hon+nhan');
    assert.equal(noMarks.statusCode, 200);
    assert.match(noMarks.body, /Tìm thấy 1 thủ tục/);
    assert.match(noMarks.body, /href="\/dich-vu-cong\/thu-tuc\/1\.000656">Cấp giấy xác nhận tình trạng hôn nhân<\/a>/);
    assert.match(noMarks.body, /Sở Tư pháp/);
    const d = await anon.get(`/dich-vu-cong/thu-tuc?q=${encodeURIComponent('dang ky')}`);
    assert.match(d.body, /Tìm thấy 2 thủ tục/);
    const nfd = await anon.get(`/dich-vu-cong/thu-tuc?q=${encodeURIComponent('ĐĂNG KÝ khai sinh'.normalize('NFD'))}`);
    assert.match(nfd.body, /Tìm thấy 1 thủ tục/);
    const code = await anon.get('/dich-vu-cong/thu-tuc?q=1.001193');
    assert.match(code.body, /Tìm thấy 1 thủ tục/);
    const none = await anon.get('/dich-vu-cong/thu-tuc?q=bai+bo');
    assert.match(none.body, /Tìm thấy 0 thủ tục/, 'an inactive procedure is not found');
    assert.match(none.body, /Không có thủ tục nào phù hợp/);
    const wildcard = await anon.get('/dich-vu-cong/thu-tuc?q=%25');
    assert.match(wildcard.body, /Tìm thấy 0 thủ tục/, '"%" is a character, not a wildcard');
  });

  test('the list filters by field, agency and level, and an unknown value filters nothing away or finds nothing', async () => {
    assert.match((await anon.get('/dich-vu-cong/thu-tuc?linh_vuc=TP-HT')).body, /Tìm thấy 2 thủ tục/);
    assert.match((await anon.get(`/dich-vu-cong/thu-tuc?co_quan=${encodeURIComponent(centre.code)}`)).body, /Tìm thấy 1 thủ tục/);
    const partial = await anon.get('/dich-vu-cong/thu-tuc?muc_do=mot-phan&linh_vuc=TP-HT');
    assert.match(partial.body, /Tìm thấy 1 thủ tục/);
    assert.match(partial.body, /Đăng ký khai sinh/);
    assert.match(partial.body, /<option value="mot-phan" selected>/);
    assert.match((await anon.get('/dich-vu-cong/thu-tuc?muc_do=la')).body, /Tìm thấy 3 thủ tục/);
    assert.match((await anon.get('/dich-vu-cong/thu-tuc?linh_vuc=KHONG-CO')).body, /Tìm thấy 0 thủ tục/);
    assert.equal((await anon.get('/dich-vu-cong/thu-tuc?q=a&q=b&trang=x')).statusCode, 200, 'a repeated or odd parameter is no error page');
  });

  test('the list pages through many procedures, keeping the filters in the links', async () => {
    const field = await makeField(db(), { code: 'NHIEU', name: 'Lĩnh vực nhiều thủ tục' });
    for (let i = 1; i <= 23; i++) await makeProcedure(db(), { code: `8.${String(i).padStart(6, '0')}`, name: `Thủ tục số ${String(i).padStart(2, '0')}`, fieldId: field.id });
    const p1 = await anon.get('/dich-vu-cong/thu-tuc?linh_vuc=NHIEU');
    assert.match(p1.body, /Tìm thấy 23 thủ tục/);
    assert.equal((p1.body.match(/href="\/dich-vu-cong\/thu-tuc\/8\./g) ?? []).length, 20);
    assert.match(p1.body, /href="\/dich-vu-cong\/thu-tuc\?linh_vuc=NHIEU&amp;trang=2" rel="next"/);
    const p2 = await anon.get('/dich-vu-cong/thu-tuc?linh_vuc=NHIEU&trang=2');
    assert.deepEqual(p2.body.match(/Thủ tục số \d+/g), ['Thủ tục số 21', 'Thủ tục số 22', 'Thủ tục số 23']);
  });

  test('a procedure page shows what it asks and gives, with the template, fees in đồng and the steps', async () => {
    const res = await anon.get('/dich-vu-cong/thu-tuc/1.000656');
    assert.equal(res.statusCode, 200);
    const b = res.body;
    assert.match(b, /<span class="govuk-caption-l">1\.000656<\/span>/);
    assert.match(b, /<h1 class="govuk-heading-l">Cấp giấy xác nhận tình trạng hôn nhân<\/h1>/);
    assert.match(b, /href="\/dich-vu-cong\/nop\/1\.000656"[^>]*>Nộp hồ sơ trực tuyến/);
    assert.match(b, /Toàn trình/);
    assert.match(b, /Sở Tư pháp \(tiếp nhận tại Trung tâm Phục vụ hành chính công\)/);
    assert.match(b, /3 ngày làm việc; 0,5 ngày làm việc khi nộp trực tuyến/);
    assert.match(b, /Lệ phí cấp giấy: <strong>1\.500\.000 đồng<\/strong>/);
    assert.match(b, new RegExp(`href="/tep/${templateId}/M%E1%BA%ABu%20t%E1%BB%9D%20khai\\.pdf" download>Tải mẫu Mẫu tờ khai\\.pdf</a> \\(20 KB\\)`));
    assert.match(b, /Không bắt buộc/);
    assert.match(b, /1 bản chính/);
    assert.match(b, /1\. Thẩm định, xử lý hồ sơ<\/td><td class="govuk-table__cell">Chuyên viên xử lý<\/td><td class="govuk-table__cell">60% thời hạn/);
    assert.match(b, /Luật Hộ tịch 2014\nNghị định số 123\/2015\/NĐ-CP/);
    assert.match(b, /Xem trước tờ khai/);
    assert.match(b, /<textarea class="govuk-textarea" id="f-f_noi_dung" name="f_noi_dung"/);
    assert.doesNotMatch(b, /<form[^>]*>[^]*f_noi_dung/, 'the preview is not a form that could be sent');
  });

  test('an offline procedure has no filing button', async () => {
    const b = (await anon.get('/dich-vu-cong/thu-tuc/2.000001')).body;
    assert.doesNotMatch(b, /\/dich-vu-cong\/nop\//);
    assert.match(b, /chưa nộp trực tuyến được/);
  });

  test('unknown, inactive and draft-only procedures are 404', async () => {
    for (const code of ['0.000000', '9.INACTIVE', '9.DRAFT', 'x'.repeat(90)]) {
      const res = await anon.get(`/dich-vu-cong/thu-tuc/${code}`);
      assert.equal(res.statusCode, 404, code);
    }
    // Deactivating hides a procedure at once.
    await db().update(procedures).set({ active: false }).where(eq(procedures.code, '1.001193'));
    assert.equal((await anon.get('/dich-vu-cong/thu-tuc/1.001193')).statusCode, 404);
    await db().update(procedures).set({ active: true }).where(eq(procedures.code, '1.001193'));
  });

  test('in English, labels and names have their English where given, Vietnamese otherwise', async () => {
    const en = new TestClient(env);
    await en.get('/ngon-ngu/en?next=/dich-vu-cong');
    const home = await en.get('/dich-vu-cong');
    assert.match(home.body, /<html lang="en"/);
    assert.match(home.body, />Civil status</);
    assert.match(home.body, />Department of Justice</);
    assert.match(home.body, />Đất đai</);
    const page = await en.get('/dich-vu-cong/thu-tuc/1.000656');
    assert.match(page.body, /<h1 class="govuk-heading-l">Certificate of marital status<\/h1>/);
    assert.match(page.body, /Apply online/);
    assert.match(page.body, /VND 1\.500\.000/);
    assert.match(page.body, /Application form/);
  });

  test('GET /api/v1/procedures lists with the same filters', async () => {
    const res = await anon.get('/api/v1/procedures?q=hon+nhan');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.total, 1);
    assert.deepEqual(body.items[0].field, { code: 'TP-HT', name: 'Hộ tịch', nameEn: 'Civil status' });
    assert.equal(body.items[0].url, '/dich-vu-cong/thu-tuc/1.000656');
    assert.deepEqual(
      body.items[0].agencies.map((a: { name: string }) => a.name),
      ['Sở Tư pháp'],
    );
    const filteredRes = await anon.get('/api/v1/procedures?field=TP-HT&level=partial');
    assert.equal(filteredRes.statusCode, 200, filteredRes.body);
    const filtered = filteredRes.json();
    assert.deepEqual(
      filtered.items.map((i: { code: string }) => i.code),
      ['1.001193'],
    );
    const paged = (await anon.get('/api/v1/procedures?field=NHIEU&pageSize=10&page=3')).json();
    assert.deepEqual([paged.total, paged.pages, paged.items.length], [23, 3, 3]);
    const bad = await anon.get('/api/v1/procedures?level=tuyet-voi&pageSize=7');
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().error.code, 'invalid');
  });

  test('GET /api/v1/procedures/:code gives the version in force, and 404 for an unknown or draft-only one', async () => {
    const res = await anon.get('/api/v1/procedures/1.000656');
    assert.equal(res.statusCode, 200);
    const p = res.json();
    assert.equal(p.version, 1);
    assert.deepEqual(p.timeLimit, { unit: 'working_days', days: 3, onlineDays: 0.5 });
    assert.equal(p.fees[0].amount, 1_500_000);
    assert.equal(p.documents[0].templateUrl, `/tep/${templateId}/M%E1%BA%ABu%20t%E1%BB%9D%20khai.pdf`);
    assert.equal(p.documents[1].templateUrl, null);
    assert.equal(p.agencies[0].desk.name, 'Trung tâm Phục vụ hành chính công');
    assert.equal(p.form.sections[0].fields[0].name, 'noi_dung');
    assert.equal(p.steps.length, 3);
    for (const code of ['9.DRAFT', '9.INACTIVE', 'nothing']) assert.equal((await anon.get(`/api/v1/procedures/${code}`)).statusCode, 404, code);
    const docs = (await anon.get('/api/docs/json')).json();
    assert.ok(docs.paths['/api/v1/procedures'] && docs.paths['/api/v1/procedures/{code}'], 'both are in the OpenAPI document');
  });
});
