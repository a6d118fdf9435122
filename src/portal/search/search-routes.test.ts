import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestEnv, TestClient, makeTestEnv } from '../../../test/support/app.js';
import { makeArticle, makeSite } from '../../../test/support/portal-factories.js';
import { indexSearchEntry } from './search-index.js';

describe('search API and pages', () => {
  let env: TestEnv;
  let c: TestClient;
  const db = () => env.database.db;
  let main: Awaited<ReturnType<typeof makeSite>>;
  let other: Awaited<ReturnType<typeof makeSite>>;

  before(async () => {
    env = await makeTestEnv();
    c = new TestClient(env);
    main = await makeSite(db(), { isMain: true, slug: 'cong-tinh', name: 'Cổng thông tin tỉnh' });
    other = await makeSite(db(), { slug: 'so-noi-vu', name: 'Sở Nội vụ' });
    await makeArticle(db(), { siteId: main.id, slug: 'chuyen-doi-so-tinh', title: 'Chuyển đổi số toàn tỉnh', summary: 'Tỉnh triển khai chuyển đổi số ở mọi xã.' });
    await makeArticle(db(), { siteId: other.id, slug: 'chuyen-doi-so-noi-vu', title: 'Sở Nội vụ chuyển đổi số hồ sơ', summary: 'Số hóa hồ sơ cán bộ.' });
    await indexSearchEntry(db(), {
      entityType: 'legal',
      entityId: '00000000-0000-4000-8000-000000000015',
      siteId: other.id,
      title: 'Quyết định 15/2025/QĐ-UBND về chuyển đổi số',
      url: '/van-ban/00000000-0000-4000-8000-000000000015',
      publishedAt: new Date('2026-01-05T02:00:00Z'),
    });
  });
  after(() => env.close());

  test('the API answers with hits, absolute paths, sites, snippets and facets per type', async () => {
    const res = await c.get('/api/v1/search?q=chuyen%20doi%20so');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.total, 3);
    assert.deepEqual(body.facets, { article: 2, legal: 1 });
    const byUrl = Object.fromEntries(body.items.map((i: { url: string; site: { slug: string } }) => [i.url, i.site.slug]));
    assert.deepEqual(byUrl, {
      '/tin-tuc/chuyen-doi-so-tinh': 'cong-tinh',
      '/so-noi-vu/tin-tuc/chuyen-doi-so-noi-vu': 'so-noi-vu',
      '/so-noi-vu/van-ban/00000000-0000-4000-8000-000000000015': 'so-noi-vu',
    });
    const first = body.items.find((i: { url: string }) => i.url === '/tin-tuc/chuyen-doi-so-tinh');
    assert.deepEqual(first.snippet, [
      { text: 'Tỉnh triển khai ', hit: false },
      { text: 'chuyển đổi số', hit: true },
      { text: ' ở mọi xã.', hit: false },
    ]);
    assert.match(first.publishedAt, /^2026-03-01T02:00:00\.000Z$/);

    const legal = (await c.get('/api/v1/search?q=15/2025&site=so-noi-vu&type=legal&pageSize=20')).json();
    assert.deepEqual(legal.items.map((i: { title: string }) => i.title), ['Quyết định 15/2025/QĐ-UBND về chuyển đổi số']);
    assert.equal(legal.pageSize, 20);
    const byId = (await c.get(`/api/v1/search?q=chuyen+doi+so&site=${main.id}`)).json();
    assert.equal(byId.total, 1);
  });

  test('bad parameters are 422 with a message per field, in Vietnamese', async () => {
    const cases: [string, string, string][] = [
      ['page=0', 'page', 'Giá trị không hợp lệ'],
      ['page=abc', 'page', 'Giá trị không hợp lệ'],
      ['q=x&q=y', 'q', 'Giá trị không hợp lệ'],
      ['page=51', 'page', 'Chỉ xem được những trang kết quả đầu tiên; hãy thu hẹp tìm kiếm'],
      ['pageSize=15', 'pageSize', 'Số kết quả mỗi trang chỉ có thể là 10 hoặc 20'],
      ['type=video', 'type', 'Giá trị không hợp lệ'],
      ['from=05/01/2026', 'from', 'Ngày không hợp lệ (dd/MM/yyyy)'],
      ['from=2026-02-30', 'from', 'Ngày không hợp lệ (dd/MM/yyyy)'],
      ['from=2026-02-02&to=2026-02-01', 'to', 'Ngày kết thúc phải sau ngày bắt đầu'],
      ['category=abc', 'category', 'Mã tham chiếu không hợp lệ'],
      ['site=khong-co', 'site', 'Không có trang thông tin này'],
      [`q=${'a'.repeat(201)}`, 'q', 'Tối đa 200 ký tự'],
    ];
    for (const [qs, field, message] of cases) {
      const res = await c.get(`/api/v1/search?${qs.startsWith('q=') ? '' : 'q=x&'}${qs}`);
      assert.equal(res.statusCode, 422, qs);
      const err = res.json().error;
      assert.equal(err.code, 'invalid', qs);
      assert.equal(err.fields[field], message, qs);
    }
  });

  test('the API is in the OpenAPI document with its parameters', async () => {
    const doc = (await c.get('/api/docs/json')).json();
    const op = doc.paths['/api/v1/search'].get;
    const names = op.parameters.map((p: { name: string }) => p.name).sort();
    assert.deepEqual(names, ['category', 'from', 'locale', 'page', 'pageSize', 'q', 'site', 'to', 'type']);
    assert.ok(op.responses['200'] && op.responses['422']);
  });

  test('the search page of the portal searches the whole province; a site page searches itself', async () => {
    const res = await c.get('/tim-kiem?q=chuyen+doi+so');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['x-robots-tag'], 'noindex, follow');
    assert.match(res.body, /Tìm thấy 3 kết quả/);
    assert.match(res.body, /<mark>Chuyển đổi số<\/mark> toàn tỉnh/);
    assert.match(res.body, /href="\/so-noi-vu\/tin-tuc\/chuyen-doi-so-noi-vu"/);

    const own = await c.get('/so-noi-vu/tim-kiem?q=chuyen+doi+so');
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /Tìm thấy 2 kết quả/);
    assert.doesNotMatch(own.body, /chuyen-doi-so-tinh/);
    assert.match(own.body, /action="\/so-noi-vu\/tim-kiem"/);
    const wide = await c.get('/so-noi-vu/tim-kiem?q=chuyen+doi+so&pham_vi=all&loai=legal');
    assert.match(wide.body, /Tìm thấy 1 kết quả/);
    assert.match(wide.body, /<mark>15\/2025\/QĐ-UBND<\/mark>|Quyết định 15\/2025\/QĐ-UBND về <mark>chuyển đổi số<\/mark>/);
  });

  test('the page paginates with govuk-pagination links that keep the query', async () => {
    for (let i = 0; i < 12; i++) await makeArticle(db(), { siteId: other.id, title: `Tin tuyển sinh đợt ${i + 1}` });
    const p1 = await c.get('/so-noi-vu/tim-kiem?q=tuyen+sinh');
    assert.match(p1.body, /Tìm thấy 12 kết quả — trang 1\/2/);
    assert.match(p1.body, /class="govuk-pagination/);
    assert.match(p1.body, /href="\/so-noi-vu\/tim-kiem\?q=tuyen\+sinh&amp;pham_vi=site&amp;trang=2"/);
    const p2 = await c.get('/so-noi-vu/tim-kiem?q=tuyen+sinh&trang=2');
    assert.match(p2.body, /trang 2\/2/);
    assert.match((await c.get('/so-noi-vu/tim-kiem?q=tuyen+sinh&trang=999')).body, /trang 1\/2/, 'a page out of range is page 1');
  });

  test('a slightly misspelt query still finds titles through trigram similarity', async () => {
    const res = (await c.get('/api/v1/search?q=chuyen+doii+sp')).json();
    assert.equal(res.total, 3);
    assert.equal(res.suggestions, null);
  });

  test('nothing found: the page suggests a spelling, similar titles and tips', async () => {
    const res = await c.get('/tim-kiem?q=chuyne+dio+so');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /data-testid="no-results"/);
    assert.match(res.body, /Có phải bạn muốn tìm: <a class="govuk-link" href="\/tim-kiem\?q=chuy%E1%BB%83n\+%C4%91%E1%BB%95i\+s%E1%BB%91&amp;pham_vi=all">chuyển đổi số<\/a>/);
    assert.match(res.body, /href="\/so-noi-vu\/van-ban\/00000000-0000-4000-8000-000000000015">Quyết định 15\/2025\/QĐ-UBND về chuyển đổi số<\/a>/);
    assert.match(res.body, /Kiểm tra lại chính tả/);
    assert.match(res.body, /Bỏ bớt bộ lọc/);
  });

  test('what was typed is shown escaped, never run', async () => {
    const res = await c.get(`/tim-kiem?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.match(res.body, /&lt;script>alert\(1\)&lt;\/script>|&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  test('a bad date or an over-long query re-shows the form with the error (422), without JavaScript', async () => {
    const res = await c.get('/tim-kiem?q=chuyen+doi+so&tu_ngay=31/02/2026');
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, /Ngày không hợp lệ/);
    assert.match(res.body, /value="31\/02\/2026"/);
    const long = await c.get(`/tim-kiem?q=${'a'.repeat(250)}`);
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /Tối đa 200 ký tự/);
    const empty = await c.get('/tim-kiem?q=%20%20');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /Nhập từ khóa để tìm kiếm/);
  });
});
