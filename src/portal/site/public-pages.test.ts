import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { makeArticle, makeCategory, makeSite } from '../../../test/support/portal-factories.js';
import { files } from '../../platform/schema.js';
import { articleAttachments, inquiries, legalDocuments, siteMenuItems } from '../schema.js';
import { invalidateSiteChrome } from './chrome.js';

const XSS = '<script>alert(1)</script>';

describe('public portal pages', () => {
  let env: TestEnv;
  let anon: TestClient;
  let main: Awaited<ReturnType<typeof makeSite>>;
  let commune: Awaited<ReturnType<typeof makeSite>>;
  const db = () => env.database.db;

  before(async () => {
    env = await makeTestEnv();
    anon = new TestClient(env);
    main = await makeSite(db(), { isMain: true, slug: 'cong-tinh', name: 'Cổng thông tin điện tử tỉnh Thử', nameEn: 'Thu Province Portal', address: '1 Đường Trần Phú', phone: '0233 3852 000', email: 'ubnd@thu.gov.vn', footerText: 'Cơ quan chủ quản: UBND tỉnh Thử' });
    commune = await makeSite(db(), { slug: 'xa-an-binh', name: 'Xã An Bình', host: 'anbinh.thu.gov.vn', primaryColor: '#123456' });
    await db().insert(siteMenuItems).values([
      { siteId: main.id, area: 'main', label: 'Giới thiệu', labelEn: 'About', href: '/trang/gioi-thieu', position: 1 },
      { siteId: main.id, area: 'links', label: 'Cổng Chính phủ', href: 'https://chinhphu.vn', position: 1 },
      { siteId: main.id, area: 'footer', label: 'Sơ đồ trang', href: '/sitemap.xml', position: 1 },
    ]);
    invalidateSiteChrome();
  });
  after(() => env.close());

  test('the portal home shows featured and latest news, menus, contacts, other sites and the RSS link', async () => {
    const cat = await makeCategory(db(), main.id, { name: 'Tin tức tỉnh Thử', slug: 'tin-tinh' });
    await makeArticle(db(), { siteId: main.id, categoryId: cat.id, title: 'Khai trương cổng thông tin mới', featured: true });
    await makeArticle(db(), { siteId: main.id, categoryId: cat.id, title: 'Bản nháp chưa đăng', status: 'draft' });
    const res = await anon.get('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Khai trương cổng thông tin mới/);
    assert.doesNotMatch(res.body, /Bản nháp chưa đăng/);
    assert.match(res.body, /Tin tức tỉnh Thử/);
    assert.match(res.body, /href="\/trang\/gioi-thieu"[^>]*>Giới thiệu/);
    assert.match(res.body, /href="https:\/\/chinhphu.vn"/);
    assert.match(res.body, /1 Đường Trần Phú/);
    assert.match(res.body, /Cơ quan chủ quản: UBND tỉnh Thử/);
    assert.match(res.body, /href="\/xa-an-binh\/"[^>]*>Xã An Bình/);
    assert.match(res.body, /<link rel="alternate" type="application\/rss\+xml"[^>]*href="\/rss.xml"/);
    assert.match(res.body, /<link rel="canonical" href="http:\/\/[^"]+\/"/);
    assert.match(res.body, /property="og:locale" content="vi_VN"/);
    assert.match(res.body, /href="#main-content"/);
    assert.match(res.body, /action="\/tim-kiem"/);
  });

  test('a site is reached by its slug and by its own host name, with links under the matching base', async () => {
    await makeArticle(db(), { siteId: commune.id, title: 'Tin của xã An Bình', slug: 'tin-xa' });
    const bySlug = await anon.get('/xa-an-binh');
    assert.equal(bySlug.statusCode, 200);
    assert.match(bySlug.body, /Xã An Bình/);
    assert.match(bySlug.body, /href="\/xa-an-binh\/tin-tuc\/tin-xa"/);
    assert.match(bySlug.body, /href="\/xa-an-binh\/theme.css\?v=1"/);
    const byHost = await anon.get('/', { host: 'anbinh.thu.gov.vn' });
    assert.equal(byHost.statusCode, 200);
    assert.match(byHost.body, /href="\/tin-tuc\/tin-xa"/);
    assert.match(byHost.body, /<link rel="canonical" href="http:\/\/anbinh.thu.gov.vn\/"/);
    const css = await anon.get('/xa-an-binh/theme.css');
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /text\/css/);
    assert.match(css.body, /--congso-site-primary:#123456/);
  });

  test('unknown, reserved and inactive sites are the normal 404 page; platform pages are not shadowed', async () => {
    const off = await makeSite(db(), { slug: 'xa-da-nghi', active: false });
    assert.equal((await anon.get('/khong-co-trang-nay')).statusCode, 404);
    assert.equal((await anon.get(`/${off.slug}`)).statusCode, 404);
    assert.equal((await anon.get('/cong-tinh')).statusCode, 404, 'the portal lives at "/" only');
    assert.equal((await anon.get('/quan-tri/van-ban')).statusCode, 303, 'the back office guard answers, not a site');
    assert.equal((await anon.get('/dang-nhap')).statusCode, 200);
  });

  test('an article page shows the sanitised body, date, author, tags and related news; drafts are 404', async () => {
    const cat = await makeCategory(db(), main.id, { name: 'Kinh tế', slug: 'kinh-te' });
    const a = await makeArticle(db(), { siteId: main.id, categoryId: cat.id, slug: 'tang-truong', title: 'Tăng trưởng kinh tế quý I', body: '<p>Tổng sản phẩm <strong>tăng 8%</strong>.</p>', authorName: 'Nguyễn Văn A', source: 'Sở Tài chính', tags: ['kinh tế', 'GRDP'], publishedAt: new Date('2026-02-28T20:00:00Z') });
    await makeArticle(db(), { siteId: main.id, categoryId: cat.id, title: 'Thu hút đầu tư năm 2026' });
    const draft = await makeArticle(db(), { siteId: main.id, categoryId: cat.id, slug: 'nhap', status: 'draft' });
    const unpublished = await makeArticle(db(), { siteId: main.id, slug: 'go-xuong', status: 'unpublished' });
    const res = await anon.get(`/tin-tuc/${a.slug}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<p>Tổng sản phẩm <strong>tăng 8%<\/strong>.<\/p>/);
    assert.match(res.body, /Đăng ngày 01\/03\/2026/, 'the date is the day in Vietnam');
    assert.match(res.body, /Nguyễn Văn A/);
    assert.match(res.body, /Sở Tài chính/);
    assert.match(res.body, /GRDP/);
    assert.match(res.body, /Thu hút đầu tư năm 2026/);
    assert.match(res.body, /property="og:type" content="article"/);
    assert.match(res.body, /href="\/chuyen-muc\/kinh-te"/);
    assert.match(res.body, /data-congso-print/);
    assert.equal((await anon.get(`/tin-tuc/${draft.slug}`)).statusCode, 404);
    assert.equal((await anon.get(`/tin-tuc/${unpublished.slug}`)).statusCode, 404);
    assert.equal((await anon.get(`/xa-an-binh/tin-tuc/${a.slug}`)).statusCode, 404, 'another site does not show it');
    const saved = await anon.get(`/tin-tuc/${a.slug}?luu=html`);
    assert.equal(saved.statusCode, 200);
    assert.match(String(saved.headers['content-disposition']), /attachment; filename="tang-truong.html"/);
    assert.match(saved.body, /Tăng trưởng kinh tế quý I/);
  });

  test('an article page lists its attachments in order and shows its cover; a page of the same slug shows no related news', async () => {
    const cat = await makeCategory(db(), main.id);
    const stored = (name: string, extra: Partial<typeof files.$inferInsert> = {}) => ({ key: `tep/${name}-${Math.random()}`, name, contentType: 'application/pdf', size: 2048, sha256: name, ...extra });
    const [plan, form, cover] = await db()
      .insert(files)
      .values([stored('ke-hoach.pdf'), stored('mau-don.pdf'), stored('anh.jpg', { contentType: 'image/jpeg', width: 1600, height: 900, variants: [960, 480].map((w) => ({ width: w, height: (w * 9) / 16, key: `k/anh-${w}`, contentType: 'image/webp', size: 100 })) })])
      .returning();
    const a = await makeArticle(db(), { siteId: main.id, categoryId: cat.id, slug: 'dinh-kem', title: 'Bài có tệp đính kèm', coverFileId: cover!.id, coverAlt: 'Ảnh bìa thử' });
    await makeArticle(db(), { siteId: main.id, categoryId: cat.id, title: 'Tin cùng chuyên mục' });
    await makeArticle(db(), { siteId: main.id, kind: 'page', categoryId: cat.id, slug: 'dinh-kem', title: 'Trang cùng địa chỉ' });
    await db().insert(articleAttachments).values([
      { articleId: a.id, fileId: form!.id, label: 'Mẫu đơn', position: 2 },
      { articleId: a.id, fileId: plan!.id, label: null, position: 1 },
    ]);
    const res = await anon.get('/tin-tuc/dinh-kem');
    assert.equal(res.statusCode, 200);
    const planAt = res.body.indexOf(`href="/tep/${plan!.id}/ke-hoach.pdf"`);
    assert.ok(planAt > 0 && planAt < res.body.indexOf(`href="/tep/${form!.id}/mau-don.pdf"`), 'attachments in their order');
    assert.match(res.body, />Mẫu đơn<\/a>/);
    assert.ok(res.body.includes(`src="/tep/${cover!.id}?w=960" srcset="/tep/${cover!.id}?w=480 480w, /tep/${cover!.id}?w=960 960w"`), 'the cover at its widths, smallest first');
    assert.match(res.body, /alt="Ảnh bìa thử"/);
    assert.match(res.body, /Tin cùng chuyên mục/);
    const page = await anon.get('/trang/dinh-kem');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Trang cùng địa chỉ/);
    assert.doesNotMatch(page.body, /Tin cùng chuyên mục|ke-hoach\.pdf/);
  });

  test('a title with a script tag is shown escaped', async () => {
    const a = await makeArticle(db(), { siteId: main.id, title: `Tiêu đề ${XSS}`, summary: XSS });
    const res = await anon.get(`/tin-tuc/${a.slug}`);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.match(res.body, /&lt;script>alert\(1\)&lt;\/script>|&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  test('the English version of an article is at /en and the switch leads to it', async () => {
    const vi = await makeArticle(db(), { siteId: main.id, slug: 'le-hoi', title: 'Lễ hội mùa xuân' });
    const en = await makeArticle(db(), { siteId: main.id, slug: 'spring-festival', title: 'Spring festival', locale: 'en', translationOfId: vi.id });
    const viPage = await anon.get('/tin-tuc/le-hoi');
    assert.match(viPage.body, /href="\/en\/tin-tuc\/spring-festival"/);
    const enPage = await anon.get('/en/tin-tuc/spring-festival');
    assert.equal(enPage.statusCode, 200);
    assert.match(enPage.body, /<html lang="en"/);
    assert.match(enPage.body, /Spring festival/);
    assert.match(enPage.body, /Published on/);
    assert.match(enPage.body, /property="og:locale" content="en_GB"/);
    assert.match(enPage.body, /href="\/tin-tuc\/le-hoi"/);
    assert.equal((await anon.get('/en/tin-tuc/le-hoi')).statusCode, 404, 'no English page under the Vietnamese slug');
    assert.equal(en.locale, 'en');
    const home = await anon.get('/en');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Thu Province Portal/);
    assert.match(home.body, />About</);
  });

  test('fixed pages are at /trang/:slug', async () => {
    await makeArticle(db(), { siteId: main.id, kind: 'page', slug: 'gioi-thieu', title: 'Giới thiệu chung về tỉnh' });
    await makeArticle(db(), { siteId: main.id, kind: 'page', slug: 'so-do', title: 'Sơ đồ tổ chức', status: 'draft' });
    const res = await anon.get('/trang/gioi-thieu');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Giới thiệu chung về tỉnh/);
    assert.equal((await anon.get('/trang/so-do')).statusCode, 404);
    assert.equal((await anon.get('/tin-tuc/gioi-thieu')).statusCode, 404, 'a page is not a news article');
  });

  test('a category lists its published news newest first, pages through them, and shows cover thumbnails', async () => {
    const cat = await makeCategory(db(), main.id, { name: 'Văn hóa', slug: 'van-hoa' });
    const [cover] = await db().insert(files).values({ key: 'k/cover-1', name: 'anh.jpg', contentType: 'image/jpeg', size: 1000, sha256: 'x', width: 1200, height: 800, variants: [480, 960].map((w) => ({ width: w, height: (w * 2) / 3, key: `k/cover-1-${w}`, contentType: 'image/webp', size: 100 })) }).returning();
    for (let i = 1; i <= 22; i++) {
      await makeArticle(db(), { siteId: main.id, categoryId: cat.id, title: `Văn hóa số ${i}`, publishedAt: new Date(Date.UTC(2026, 0, i)), coverFileId: i === 22 ? cover!.id : null, coverAlt: 'Ảnh bìa' });
    }
    const p1 = await anon.get('/chuyen-muc/van-hoa');
    assert.equal(p1.statusCode, 200);
    assert.ok(p1.body.indexOf('Văn hóa số 22') < p1.body.indexOf('Văn hóa số 21'), 'newest first');
    assert.doesNotMatch(p1.body, /Văn hóa số 2</);
    assert.match(p1.body, new RegExp(`src="/tep/${cover!.id}\\?w=480"`));
    assert.match(p1.body, new RegExp(`/tep/${cover!.id}\\?w=960 960w`));
    assert.match(p1.body, /href="\/chuyen-muc\/van-hoa\?trang=2"/);
    const p2 = await anon.get('/chuyen-muc/van-hoa?trang=2');
    assert.match(p2.body, /Văn hóa số 1</);
    assert.equal((await anon.get('/chuyen-muc/van-hoa?trang=9')).statusCode, 404);
    assert.equal((await anon.get('/chuyen-muc/khong-co')).statusCode, 404);
    const inactive = await makeCategory(db(), main.id, { slug: 'da-an', active: false });
    assert.equal((await anon.get(`/chuyen-muc/${inactive.slug}`)).statusCode, 404);
  });

  test('legal documents are listed with filters and shown with their metadata; unpublished ones are 404', async () => {
    const base = { siteId: main.id, issuingBody: 'UBND tỉnh Thử', published: true, publishedAt: new Date() };
    const [qd] = await db().insert(legalDocuments).values({ ...base, docType: 'Quyết định', number: '12/2025/QĐ-UBND', title: 'Ban hành quy chế quản lý cổng thông tin', field: 'Thông tin', issuedOn: '2025-05-10', signer: 'Trần Văn B' }).returning();
    await db().insert(legalDocuments).values({ ...base, docType: 'Chỉ thị', number: '03/CT-UBND', title: 'Tăng cường chuyển đổi số', field: 'Công nghệ', issuedOn: '2024-03-01', status: 'expired' });
    const [hidden] = await db().insert(legalDocuments).values({ ...base, published: false, docType: 'Quyết định', number: '99/QĐ-UBND', title: 'Chưa công bố', issuedOn: '2025-01-01' }).returning();
    const all = await anon.get('/van-ban');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /12\/2025\/QĐ-UBND/);
    assert.match(all.body, /03\/CT-UBND/);
    assert.doesNotMatch(all.body, /99\/QĐ-UBND/);
    const byText = await anon.get('/van-ban?q=quy+che+quan+ly');
    assert.match(byText.body, /12\/2025\/QĐ-UBND/);
    assert.doesNotMatch(byText.body, /03\/CT-UBND/);
    const byFilters = await anon.get(`/van-ban?loai=${encodeURIComponent('Chỉ thị')}&nam=2024&hieu_luc=expired`);
    assert.match(byFilters.body, /03\/CT-UBND/);
    assert.doesNotMatch(byFilters.body, /12\/2025\/QĐ-UBND/);
    const byNumber = await anon.get('/van-ban?q=12%2F2025');
    assert.match(byNumber.body, /12\/2025\/QĐ-UBND/);
    const detail = await anon.get(`/van-ban/${qd!.id}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /Trần Văn B/);
    assert.match(detail.body, /10\/05\/2025/);
    assert.match(detail.body, /Còn hiệu lực/);
    assert.equal((await anon.get(`/van-ban/${hidden!.id}`)).statusCode, 404);
    assert.equal((await anon.get('/van-ban/khong-phai-id')).statusCode, 404);
    assert.equal((await anon.get(`/xa-an-binh/van-ban/${qd!.id}`)).statusCode, 404);
  });

  test('the Q&A list shows only published questions whose askers agreed, never contact details', async () => {
    const base = { siteId: main.id, kind: 'question' as const, askerName: 'Lê Thị C', askerEmail: 'le.c@example.vn', askerPhone: '0912345678', body: 'Thủ tục cấp giấy phép xây dựng cần gì?' };
    const [pub] = await db().insert(inquiries).values({ ...base, code: 'HD-0001', subject: 'Hỏi về giấy phép xây dựng', status: 'published', answer: 'Cần đơn và bản vẽ.', answeredAt: new Date(), publishedAt: new Date() }).returning();
    await db().insert(inquiries).values({ ...base, code: 'HD-0002', subject: 'Câu hỏi chưa trả lời', status: 'received' });
    await db().insert(inquiries).values({ ...base, code: 'HD-0003', subject: 'Không đồng ý công khai', status: 'published', publicConsent: false, publishedAt: new Date() });
    const list = await anon.get('/hoi-dap');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Hỏi về giấy phép xây dựng/);
    assert.doesNotMatch(list.body, /Câu hỏi chưa trả lời/);
    assert.doesNotMatch(list.body, /Không đồng ý công khai/);
    const detail = await anon.get(`/hoi-dap/${pub!.id}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /Cần đơn và bản vẽ./);
    assert.doesNotMatch(detail.body, /le.c@example.vn|0912345678/);
  });
});
