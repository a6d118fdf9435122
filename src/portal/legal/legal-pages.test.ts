import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { makeOfficial } from '../../../test/support/factories.js';
import { makeSite } from '../../../test/support/portal-factories.js';
import { legalDocuments } from '../schema.js';
import { type Part, multipart } from '../../../test/support/multipart.js';

const BASE = '/quan-tri/cong-thong-tin/van-ban';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('legal documents: back-office pages', () => {
  let env: TestEnv;
  let site: Awaited<ReturnType<typeof makeSite>>;
  let editor: TestClient;
  const db = () => env.database.db;

  before(async () => {
    env = await makeTestEnv();
    site = await makeSite(db());
    editor = await new TestClient(env).signInAs((await makeOfficial(db(), { agencyId: site.agencyId, roles: ['editor'] })).id);
  });
  after(() => env.close());

  let n = 100;
  const form = (over: Record<string, string> = {}) => ({
    siteId: site.id,
    docType: 'Quyết định',
    number: `${++n}/2025/QĐ-UBND`,
    title: 'Ban hành Quy chế phối hợp',
    issuingBody: 'Ủy ban nhân dân tỉnh',
    issuedOn: '10/01/2026',
    effectiveOn: '20/01/2026',
    ...over,
  });
  async function create(over: Record<string, string> = {}): Promise<string> {
    const res = await editor.post(`${BASE}/moi`, form(over));
    assert.equal(res.statusCode, 303, res.body);
    return String(res.headers.location).split('/').pop()!;
  }
  const upload = (client: TestClient, url: string, parts: Part[], csrf: string | null = client.csrf) => {
    const body = multipart([...(csrf !== null ? [{ name: '_csrf', value: csrf }] : []), ...parts]);
    return env.app.inject({ method: 'POST', url, headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': body.contentType }, payload: body.payload });
  };

  test('the new-document form comes back with Vietnamese errors and saves nothing; a good one lands on the edit page', async () => {
    const page = await editor.get(`${BASE}/moi`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="_csrf"/);
    assert.match(page.body, /<option value="Thông tư"/);
    const [{ n: before } = { n: 0 }] = await db().select({ n: count() }).from(legalDocuments);
    const bad = await editor.post(`${BASE}/moi`, form({ number: '15-2025', effectiveOn: '01/01/2026', expiresOn: '01/01/2026' }));
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Số, ký hiệu chưa đúng dạng/);
    assert.match(bad.body, /Ngày có hiệu lực không được trước ngày ban hành/);
    assert.match(bad.body, /value="15-2025"/, 'what was typed is shown again');
    assert.equal((await db().select({ n: count() }).from(legalDocuments))[0]!.n, before);

    const id = await create({ title: 'Quy chế phối hợp cung cấp thông tin' });
    const edit = await editor.get(`${BASE}/${id}`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /Đã lưu văn bản \(chưa đăng\)/);
    assert.match(edit.body, /Quy chế phối hợp cung cấp thông tin/);
    assert.match(edit.body, /value="10\/01\/2026"/);
    assert.match(edit.body, /Chưa đăng/);
  });

  test('a stale edit gets 409 with the person’s words kept and the new version to save over', async () => {
    const id = await create();
    const values = { ...form(), version: '1' };
    assert.equal((await editor.post(`${BASE}/${id}`, { ...values, title: 'Bản thứ nhất' })).statusCode, 303);
    const stale = await editor.post(`${BASE}/${id}`, { ...values, title: 'Bản thứ hai' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /vừa được người khác lưu/);
    assert.match(stale.body, /Bản thứ hai/);
    assert.match(stale.body, /name="version" value="2"/);
  });

  test('publishing and withdrawing from the edit page show and hide the public page', async () => {
    const id = await create({ title: 'Chỉ thị tăng cường kỷ cương hành chính', docType: 'Chỉ thị', number: '05/CT-UBND' });
    const publicPage = `/${site.slug}/van-ban/${id}`;
    assert.equal((await env.app.inject({ method: 'GET', url: publicPage })).statusCode, 404);
    const res = await editor.post(`${BASE}/${id}/dang`, { version: '1' });
    assert.equal(res.statusCode, 303);
    const edit = await editor.get(`${BASE}/${id}`);
    assert.match(edit.body, /Đã đăng văn bản lên trang/);
    assert.match(edit.body, new RegExp(`href="${publicPage}"`));
    const shown = await env.app.inject({ method: 'GET', url: publicPage });
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /05\/CT-UBND/);
    assert.equal((await editor.post(`${BASE}/${id}/dang`, { version: '1' })).statusCode, 409, 'a published document cannot be published again');
    assert.equal((await editor.post(`${BASE}/${id}/go`, { version: '1' })).statusCode, 303);
    // The cached copy is dropped by a notification after the commit, which another connection delivers.
    for (let i = 0; i < 400 && (await env.app.inject({ method: 'GET', url: publicPage })).statusCode !== 404; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal((await env.app.inject({ method: 'GET', url: publicPage })).statusCode, 404);
  });

  test('uploads the PDF through a form that works without JavaScript; a forged or lying upload is refused', async () => {
    const id = await create();
    const url = `${BASE}/${id}/tep`;
    assert.equal((await upload(editor, url, [{ name: 'version', value: '1' }, { name: 'pdf', filename: 'qd.pdf', type: 'application/pdf', data: PDF }], null)).statusCode, 403);
    const lying = await upload(editor, url, [{ name: 'version', value: '1' }, { name: 'pdf', filename: 'qd.pdf', type: 'application/pdf', data: Buffer.from('chỉ là chữ') }]);
    assert.equal(lying.statusCode, 422);
    assert.match(lying.body, /govuk-error-message/);
    const ok = await upload(editor, url, [{ name: 'version', value: '1' }, { name: 'pdf', filename: 'Quyết định 15.pdf', type: 'application/pdf', data: PDF }]);
    assert.equal(ok.statusCode, 303);
    const edit = await editor.get(`${BASE}/${id}`);
    assert.match(edit.body, /data-testid="legal-pdf">Quyết định 15\.pdf</);
    assert.match(edit.body, /Thay tệp PDF/);
    const [row] = await db().select().from(legalDocuments).where(eq(legalDocuments.id, id));
    assert.equal(row!.version, 2);
  });

  test('lists the documents of the person’s sites, filtered by type, status and words, a page at a time', async () => {
    // A site of its own with its own editor, so the documents of the other tests stay out of the counts.
    const own = await makeSite(db());
    const reader = await new TestClient(env).signInAs((await makeOfficial(db(), { agencyId: own.agencyId, roles: ['editor'] })).id);
    const rows = Array.from({ length: 27 }, (_, i) => ({
      siteId: own.id,
      docType: i % 3 === 0 ? 'Công văn' : 'Kế hoạch',
      number: `${i + 1}/KH-UBND`,
      title: i === 5 ? 'Kế hoạch chuyển đổi số năm 2026' : `Kế hoạch số ${i + 1}`,
      issuingBody: 'UBND tỉnh',
      issuedOn: `2025-01-${String(i + 1).padStart(2, '0')}`,
      status: i === 7 ? ('expired' as const) : ('in_force' as const),
    }));
    await db().insert(legalDocuments).values(rows);
    await db().insert(legalDocuments).values({ siteId: (await makeSite(db())).id, docType: 'Kế hoạch', number: '1/KH-KHAC', title: 'Văn bản của trang khác', issuingBody: 'Khác', issuedOn: '2025-01-01' });
    const list = async (q: string) => {
      const res = await reader.get(`${BASE}?site=${own.id}${q}`);
      assert.equal(res.statusCode, 200);
      return res.body;
    };
    const first = await list('');
    assert.match(first, /27 văn bản/);
    assert.match(first, /rel="next"/);
    assert.doesNotMatch(first, /Văn bản của trang khác/);
    assert.match(await list('&trang=2'), /Kế hoạch số 1</);
    assert.match(await list(`&loai=${encodeURIComponent('Công văn')}`), /9 văn bản/);
    assert.match(await list('&hieu_luc=expired'), /1 văn bản/);
    const found = await list('&q=chuyen+doi+so');
    assert.match(found, /1 văn bản/);
    assert.match(found, /Kế hoạch chuyển đổi số năm 2026/);
    assert.match(await list(`&q=${encodeURIComponent('6/kh-ubnd')}`), /Kế hoạch chuyển đổi số năm 2026/);
    assert.doesNotMatch((await reader.get(`${BASE}?q=trang+kh%C3%A1c`)).body, /Văn bản của trang khác/);
  });

  test('refuses officials who do not manage the site’s documents', async () => {
    const id = await create();
    const admin = await new TestClient(env).signInAs((await makeOfficial(db(), { agencyId: site.agencyId, roles: ['agency_admin'] })).id);
    assert.equal((await admin.get(BASE)).statusCode, 403);
    assert.equal((await admin.get(`${BASE}/${id}`)).statusCode, 403);
    const foreign = await new TestClient(env).signInAs((await makeOfficial(db(), { roles: ['editor'] })).id);
    assert.equal((await foreign.get(`${BASE}/${id}`)).statusCode, 403);
    assert.equal((await foreign.post(`${BASE}/${id}/dang`, { version: '1' })).statusCode, 403);
    assert.equal((await foreign.post(`${BASE}/moi`, form())).statusCode, 403);
    assert.equal((await new TestClient(env).get(BASE)).statusCode, 303, 'anonymous visitors are sent to sign in');
  });
});
