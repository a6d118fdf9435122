import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { makeOfficial } from '../../../test/support/factories.js';
import { makeCategory, makeSite } from '../../../test/support/portal-factories.js';
import { articleRevisions, articles } from '../schema.js';

const BASE = '/quan-tri/cong-thong-tin/bai-viet';
const XSS = '<script>alert("x")</script>';

describe('editorial back-office pages', () => {
  let env: TestEnv;
  let site: Awaited<ReturnType<typeof makeSite>>;
  let otherSite: Awaited<ReturnType<typeof makeSite>>;
  let editor: TestClient;
  let editor2: TestClient;
  let approver: TestClient;
  let specialist: TestClient;

  before(async () => {
    env = await makeTestEnv();
    const db = env.database.db;
    site = await makeSite(db, { name: 'Cổng Sở Thông tin Thử' });
    otherSite = await makeSite(db, { name: 'Cổng Sở Khác Thử' });
    const signIn = async (role: 'editor' | 'approver' | 'specialist', fullName: string) =>
      new TestClient(env).signInAs((await makeOfficial(db, { agencyId: site.agencyId, roles: [role], fullName })).id);
    editor = await signIn('editor', 'Ngô Biên Tập');
    editor2 = await signIn('editor', 'Đỗ Biên Tập Hai');
    approver = await signIn('approver', 'Vũ Phê Duyệt');
    specialist = await signIn('specialist', 'Chuyên Viên Thử');
  });
  after(() => env.close());

  async function create(client: TestClient, form: Record<string, string>) {
    const res = await client.post(`${BASE}/moi`, { siteId: site.id, kind: 'news', ...form });
    assert.equal(res.statusCode, 303, res.body);
    const id = String(res.headers.location).split('/').pop()!;
    return id;
  }

  test('the list shows only sites the person writes for, with filters, and the nav links to it', async () => {
    const category = await makeCategory(env.database.db, site.id, { name: 'Tin hoạt động Thử' });
    await create(editor, { title: 'Hội nghị tổng kết năm', categoryId: category.id });
    const page = await editor.get(BASE);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Hội nghị tổng kết năm/);
    assert.match(page.body, /Cổng Sở Thông tin Thử/);
    assert.doesNotMatch(page.body, /Cổng Sở Khác Thử/);
    assert.match(page.body, new RegExp(`href="${BASE}"`));
    assert.match((await editor.get(`${BASE}?q=tong+ket`)).body, /Hội nghị tổng kết năm/);
    assert.doesNotMatch((await editor.get(`${BASE}?q=tong+ket+100%25`)).body, /Hội nghị tổng kết năm/);
    assert.match((await editor.get(`${BASE}?q=t%E1%BB%95ng%20k%E1%BA%BFt`)).body, /Hội nghị tổng kết năm/);
    assert.match((await editor.get(`${BASE}?status=published`)).body, /Không có bài viết nào/);
    assert.match((await editor.get(`${BASE}?category=${category.id}`)).body, /Hội nghị tổng kết năm/);
    assert.equal((await specialist.get(BASE)).statusCode, 403);
    assert.equal((await new TestClient(env).get(BASE)).statusCode, 303);
  });

  test('a script in the title is shown escaped on every page, and the body loses its script', async () => {
    const id = await create(editor, { title: `Tiêu đề ${XSS}`, body: `<p>Nội dung</p>${XSS}<img src="x" onerror="alert(1)">` });
    const [row] = await env.database.db.select().from(articles).where(eq(articles.id, id));
    assert.equal(row!.title, `Tiêu đề ${XSS}`);
    for (const path of [`${BASE}/${id}`, `${BASE}/${id}/xem-truoc`, `${BASE}/${id}/lich-su`, BASE]) {
      const res = await editor.get(path);
      assert.equal(res.statusCode, 200, path);
      assert.doesNotMatch(res.body, /<script>alert/, path);
      assert.match(res.body, /&lt;script>alert/, path);
    }
    const preview = await editor.get(`${BASE}/${id}/xem-truoc`);
    assert.match(preview.body, /<p>Nội dung<\/p>/);
    assert.doesNotMatch(preview.body, /onerror/);
  });

  test('bad input re-shows the form with Vietnamese errors (422) and saves nothing', async () => {
    const before = (await env.database.db.select({ n: count() }).from(articles))[0]!.n;
    const res = await editor.post(`${BASE}/moi`, { siteId: site.id, title: '', summary: 'Tóm tắt giữ lại' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Tóm tắt giữ lại/);
    assert.match(res.body, /govuk-error-summary/);
    const foreign = await editor.post(`${BASE}/moi`, { siteId: otherSite.id, title: 'Sai trang' });
    assert.equal(foreign.statusCode, 403);
    assert.equal((await env.database.db.select({ n: count() }).from(articles))[0]!.n, before);
  });

  test('two editors saving the same version: the second sees who saved in between and keeps their text', async () => {
    const id = await create(editor, { title: 'Bài cùng sửa' });
    const first = await editor.post(`${BASE}/${id}`, { title: 'Bản của người một', body: '<p>một</p>', version: '1' });
    assert.equal(first.statusCode, 303);
    const second = await editor2.post(`${BASE}/${id}`, { title: 'Bản của người hai', body: '<p>Đoạn văn người hai viết</p>', version: '1' });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /Ngô Biên Tập đã lưu bài viết này lúc/);
    assert.match(second.body, /Bản của người hai/);
    assert.match(second.body, /Đoạn văn người hai viết/);
    assert.match(second.body, /name="version" value="2"/);
    const [row] = await env.database.db.select().from(articles).where(eq(articles.id, id));
    assert.equal(row!.title, 'Bản của người một');
    // Having read the message, saving again goes through and keeps both revisions.
    const again = await editor2.post(`${BASE}/${id}`, { title: 'Bản của người hai', body: '<p>Đoạn văn người hai viết</p>', version: '2' });
    assert.equal(again.statusCode, 303);
    assert.equal((await env.database.db.select({ n: count() }).from(articleRevisions).where(eq(articleRevisions.articleId, id)))[0]!.n, 3);
  });

  test('workflow buttons appear only when allowed, and the steps work through the pages', async () => {
    const id = await create(editor, { title: 'Bài qua quy trình' });
    const asEditor = await editor.get(`${BASE}/${id}`);
    assert.match(asEditor.body, /Gửi duyệt/);
    assert.doesNotMatch(asEditor.body, /Duyệt và đăng ngay/);
    assert.equal((await editor.post(`${BASE}/${id}/dang`, { version: '1' })).statusCode, 403);
    assert.equal((await editor.post(`${BASE}/${id}/gui-duyet`)).statusCode, 303);

    const asApprover = await approver.get(`${BASE}/${id}`);
    assert.match(asApprover.body, /Duyệt và đăng ngay/);
    assert.match(asApprover.body, /Trả lại để sửa/);
    const badTime = await approver.post(`${BASE}/${id}/dang`, { version: '1', scheduledAt: 'ngày mai' });
    assert.equal(badTime.statusCode, 422);
    assert.match(badTime.body, /Nhập ngày giờ dạng 15\/04\/2026 08:30/);
    const returned = await approver.post(`${BASE}/${id}/tra-lai`, { note: 'Thiếu ảnh minh hoạ' });
    assert.equal(returned.statusCode, 303);
    assert.match((await editor.get(`${BASE}/${id}`)).body, /Thiếu ảnh minh hoạ/);
    await editor.post(`${BASE}/${id}/gui-duyet`);
    assert.equal((await approver.post(`${BASE}/${id}/dang`, { version: '1' })).statusCode, 303);
    const published = await approver.get(`${BASE}/${id}`);
    assert.match(published.body, /Đã đăng/);
    assert.match(published.body, /Gỡ bài/);
    assert.doesNotMatch(published.body, /Gửi duyệt<\/button>/);
    assert.equal((await approver.post(`${BASE}/${id}/go-bai`)).statusCode, 303);
    assert.equal((await approver.post(`${BASE}/${id}/go-bai`)).statusCode, 409, 'an unpublished article cannot be unpublished again');
  });

  test('an approver does not see the publish button on an article they last saved', async () => {
    const id = await create(approver, { title: 'Bài người duyệt tự viết' });
    const page = await approver.get(`${BASE}/${id}`);
    assert.doesNotMatch(page.body, /Duyệt và đăng ngay/);
    assert.equal((await approver.post(`${BASE}/${id}/dang`, { version: '1' })).statusCode, 403);
  });

  test('the revisions page compares two revisions with marked insertions and deletions', async () => {
    const id = await create(editor, { title: 'Bài có lịch sử', body: '<p>Câu cũ ở đây</p>' });
    await editor.post(`${BASE}/${id}`, { title: 'Bài có lịch sử', body: '<p>Câu mới ở đây</p>', version: '1' });
    const res = await editor.get(`${BASE}/${id}/lich-su?tu=1&den=2`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /So sánh bản 1 và bản 2/);
    assert.match(res.body, /<del>.*cũ.*<\/del>/s);
    assert.match(res.body, /<ins>.*mới.*<\/ins>/s);
    assert.match(res.body, /gạch ngang là phần bị xoá/);
    assert.equal((await editor.get(`${BASE}/${id}/lich-su?tu=1&den=9`)).statusCode, 404);
  });

  test('the edit page loads the rich-text editor from our own origin and keeps the plain textarea', async () => {
    const id = await create(editor, { title: 'Bài soạn thảo' });
    const res = await editor.get(`${BASE}/${id}`);
    assert.match(res.body, /<textarea[^>]*name="body"/);
    assert.match(res.body, /src="\/assets\/trix\.umd\.min\.js"/);
    assert.match(res.body, /enctype="multipart\/form-data"/);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
  });
});
