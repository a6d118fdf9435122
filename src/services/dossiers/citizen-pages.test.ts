import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { makeAgency, makeCitizen, makeOfficial } from '../../../test/support/factories.js';
import { type Part, multipart } from '../../../test/support/multipart.js';
import { makeProcedure } from '../../../test/support/service-factories.js';
import { dossierFiles, dossiers } from './schema.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG_NAMED_PDF = Buffer.from('GIF89a fake');

describe('filing pages for citizens', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());
  const db = () => env.database.db;

  async function citizen() {
    return new TestClient(env).signInAs((await makeCitizen(db(), { fullName: 'Lê Thị Mai' })).id);
  }
  const upload = (client: TestClient, url: string, parts: Part[]) => {
    const body = multipart([{ name: '_csrf', value: client.csrf }, ...parts]);
    return env.app.inject({ method: 'POST', url, headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': body.contentType }, payload: body.payload });
  };
  const idFrom = (location: unknown) => String(location).split('/')[3]!;

  async function startDraft(client: TestClient, code: string) {
    const res = await client.post(`/dich-vu-cong/nop/${code}`, {});
    assert.equal(res.statusCode, 303, res.body);
    return idFrom(res.headers.location);
  }

  test('the whole online filing: start, details, upload, submit; then the dossier page and my dossiers', async () => {
    const procedure = await makeProcedure(db(), { name: 'Cấp bản sao trích lục hộ tịch' });
    const client = await citizen();
    const start = await client.get(`/dich-vu-cong/nop/${procedure.code}`);
    assert.equal(start.statusCode, 200);
    assert.match(start.body, /Cấp bản sao trích lục hộ tịch/);
    const id = await startDraft(client, procedure.code);

    const details = await client.get(`/dich-vu-cong/ho-so/${id}/thong-tin`);
    assert.equal(details.statusCode, 200);
    assert.match(details.body, /value="Lê Thị Mai"/);
    assert.match(details.body, /name="f_noi_dung"/);
    const bad = await client.post(`/dich-vu-cong/ho-so/${id}/thong-tin`, { applicantName: 'Lê Thị Mai', applicantIdNumber: '123', f_noi_dung: 'Đề nghị cấp bản sao' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Số định danh cá nhân gồm 12 chữ số/);
    assert.match(bad.body, /value="Đề nghị cấp bản sao"|>Đề nghị cấp bản sao</, 'what was typed comes back');
    const saved = await client.post(`/dich-vu-cong/ho-so/${id}/thong-tin`, {
      applicantName: 'Lê Thị Mai',
      applicantIdNumber: '001 190 012 345',
      applicantEmail: 'mai@example.vn',
      f_noi_dung: 'Đề nghị cấp bản sao',
      f_so_ban: '1',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/dich-vu-cong/ho-so/${id}/giay-to`);

    const lying = await upload(client, `/dich-vu-cong/ho-so/${id}/giay-to`, [{ name: 'documentCode', value: 'TP1' }, { name: 'file', filename: 'to-khai.pdf', type: 'application/pdf', data: PNG_NAMED_PDF }]);
    assert.equal(lying.statusCode, 422);
    assert.match(lying.body, /govuk-error-message/);
    const ok = await upload(client, `/dich-vu-cong/ho-so/${id}/giay-to`, [{ name: 'documentCode', value: 'TP1' }, { name: 'file', filename: 'Tờ khai.pdf', type: 'application/pdf', data: PDF }]);
    assert.equal(ok.statusCode, 303, ok.body);
    const docs = await client.get(`/dich-vu-cong/ho-so/${id}/giay-to`);
    assert.match(docs.body, /Tờ khai\.pdf/);
    const key = /name="submissionKey" value="([^"]+)"/.exec(docs.body)![1]!;

    const filed = await client.post(`/dich-vu-cong/ho-so/${id}/nop`, { submissionKey: key, delivery: 'electronic' });
    assert.equal(filed.statusCode, 303);
    const again = await client.post(`/dich-vu-cong/ho-so/${id}/nop`, { submissionKey: key, delivery: 'electronic' });
    assert.equal(again.statusCode, 303, 'a second click lands on the same dossier');
    const [row] = await db().select().from(dossiers).where(eq(dossiers.id, id));
    assert.equal(row!.state, 'submitted');
    assert.equal(row!.applicantIdNumber, '001190012345');
    assert.deepEqual(row!.answers, { noi_dung: 'Đề nghị cấp bản sao', so_ban: 1 });

    const page = await client.get(`/dich-vu-cong/ho-so/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(row!.code!.replaceAll('.', '\\.')));
    assert.match(page.body, /Mới đăng ký/);
    assert.match(page.body, /Nộp hồ sơ trực tuyến/);
    const mine = await client.get('/dich-vu-cong/ho-so-cua-toi');
    assert.match(mine.body, new RegExp(row!.code!.replaceAll('.', '\\.')));
    const [f] = await db().select().from(dossierFiles).where(eq(dossierFiles.dossierId, id));
    const file = await client.get(`/dich-vu-cong/ho-so/${id}/tep/${f!.id}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['cache-control'], 'private, no-cache');
    assert.equal(file.rawPayload.toString(), PDF.toString());
  });

  test('submitting with a missing document or a required answer left empty names each and files nothing', async () => {
    const procedure = await makeProcedure(db());
    const client = await citizen();
    const id = await startDraft(client, procedure.code);
    const res = await client.post(`/dich-vu-cong/ho-so/${id}/nop`, { submissionKey: crypto.randomUUID(), delivery: 'counter' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Chưa tải lên giấy tờ bắt buộc: Tờ khai theo mẫu/);
    assert.match(res.body, /Cần sửa thông tin ở bước 1/);
    assert.match(res.body, /href="\/dich-vu-cong\/ho-so\/[^"]+\/thong-tin#f-f_noi_dung"/);
    const [row] = await db().select().from(dossiers).where(eq(dossiers.id, id));
    assert.equal(row!.state, 'draft');
  });

  test('another citizen gets a 404 on every page of someone else’s dossier; anonymous visitors are sent to sign in', async () => {
    const procedure = await makeProcedure(db());
    const owner = await citizen();
    const id = await startDraft(owner, procedure.code);
    const other = await citizen();
    for (const url of [`/dich-vu-cong/ho-so/${id}`, `/dich-vu-cong/ho-so/${id}/thong-tin`, `/dich-vu-cong/ho-so/${id}/giay-to`]) {
      assert.equal((await other.get(url)).statusCode, 404, url);
    }
    assert.equal((await other.post(`/dich-vu-cong/ho-so/${id}/thong-tin`, { applicantName: 'X' })).statusCode, 404);
    assert.equal((await other.post(`/dich-vu-cong/ho-so/${id}/nop`, { submissionKey: crypto.randomUUID() })).statusCode, 404);
    const anon = await new TestClient(env).get(`/dich-vu-cong/ho-so/${id}`);
    assert.equal(anon.statusCode, 303);
    assert.match(String(anon.headers.location), /^\/dang-nhap\?next=/);
    const official = await new TestClient(env).signInAs((await makeOfficial(db(), { roles: ['desk_officer'] })).id);
    assert.equal((await official.get(`/dich-vu-cong/nop/${procedure.code}`)).statusCode, 303, 'officials are sent to the back office');
  });

  test('a procedure with several agencies asks which one, in Vietnamese, before a draft exists', async () => {
    const [a, b] = [await makeAgency(db(), { name: 'UBND xã Hòa An' }), await makeAgency(db(), { name: 'UBND xã Bình Minh' })];
    const procedure = await makeProcedure(db(), { agencyIds: [a.id, b.id], tier: 'commune' });
    const client = await citizen();
    const page = await client.get(`/dich-vu-cong/nop/${procedure.code}`);
    assert.ok(page.body.indexOf('UBND xã Bình Minh') < page.body.indexOf('UBND xã Hòa An'), 'sorted the Vietnamese way');
    const res = await client.post(`/dich-vu-cong/nop/${procedure.code}`, {});
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Chọn cơ quan giải quyết hồ sơ/);
    const ok = await client.post(`/dich-vu-cong/nop/${procedure.code}`, { agencyId: b.id });
    const [row] = await db().select().from(dossiers).where(eq(dossiers.id, idFrom(ok.headers.location)));
    assert.equal(row!.agencyId, b.id);
  });

  test('the public lookup needs the code and the ID number, and shows state and dates but no documents', async () => {
    const procedure = await makeProcedure(db());
    const client = await citizen();
    const id = await startDraft(client, procedure.code);
    await client.post(`/dich-vu-cong/ho-so/${id}/thong-tin`, { applicantName: 'Lê Thị Mai', applicantIdNumber: '001190012345', applicantEmail: 'mai@example.vn', f_noi_dung: 'Xin cấp', f_so_ban: '1' });
    await upload(client, `/dich-vu-cong/ho-so/${id}/giay-to`, [{ name: 'documentCode', value: 'TP1' }, { name: 'file', filename: 'a.pdf', type: 'application/pdf', data: PDF }]);
    await client.post(`/dich-vu-cong/ho-so/${id}/nop`, { submissionKey: crypto.randomUUID(), delivery: 'counter' });
    const [row] = await db().select().from(dossiers).where(eq(dossiers.id, id));
    const anon = new TestClient(env);
    assert.equal((await anon.get('/dich-vu-cong/tra-cuu')).statusCode, 200);
    const wrong = await anon.post('/dich-vu-cong/tra-cuu', { ma: row!.code!, so: '001190099999' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Không tìm thấy hồ sơ/);
    const empty = await anon.post('/dich-vu-cong/tra-cuu', {});
    assert.equal(empty.statusCode, 422);
    const found = await anon.post('/dich-vu-cong/tra-cuu', { ma: row!.code!.toLowerCase(), so: '001 190 012 345' });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /Mới đăng ký/);
    assert.doesNotMatch(found.body, /a\.pdf|Xin cấp|mai@example\.vn/);
  });
});
