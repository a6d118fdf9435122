import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { makeArticle, makeCategory, makeSite } from '../../../test/support/portal-factories.js';
import { legalDocuments } from '../schema.js';
import { xmlEscape } from './feeds.js';

/**
 * A small strict XML reader for the tests: elements, attributes, text and the five entities; throws on anything
 * malformed (an unescaped "<" or "&", a tag closed in the wrong order), so a feed that parses is well-formed.
 */
type El = { name: string; attrs: Record<string, string>; children: El[]; text: string };
function parseXml(xml: string): El {
  let i = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  const decode = (s: string) => {
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(s) || s.includes('<')) throw new Error(`bad text: ${s.slice(0, 40)}`);
    return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  };
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    stack.at(-1)!.text += decode(xml.slice(i, textEnd));
    if (lt === -1) break;
    const gt = xml.indexOf('>', lt);
    if (gt === -1) throw new Error('unclosed tag');
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const open = stack.pop()!;
      if (open.name !== tag.slice(1)) throw new Error(`</${tag.slice(1)}> closes <${open.name}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const m = /^([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*\/?$/.exec(tag);
    if (!m) throw new Error(`bad tag <${tag}>`);
    const attrs: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[a[1]!] = decode(a[2]!);
    const el: El = { name: m[1]!, attrs, children: [], text: '' };
    stack.at(-1)!.children.push(el);
    if (!selfClosing) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  assert.equal(root.children.length, 1, 'one root element');
  return root.children[0]!;
}
const all = (el: El, name: string): El[] => el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
const one = (el: El, name: string): El => all(el, name)[0]!;

describe('RSS feeds, sitemaps and robots.txt', () => {
  let env: TestEnv;
  let anon: TestClient;
  let main: Awaited<ReturnType<typeof makeSite>>;
  let commune: Awaited<ReturnType<typeof makeSite>>;
  const db = () => env.database.db;

  before(async () => {
    env = await makeTestEnv({ CONGSO_BASE_URL: 'https://congthongtin.thu.gov.vn' });
    anon = new TestClient(env);
    main = await makeSite(db(), { isMain: true, slug: 'cong-tinh', name: 'Cổng tỉnh Thử & "bạn"' });
    commune = await makeSite(db(), { slug: 'xa-binh-an', name: 'Xã Bình An' });
  });
  after(() => env.close());

  test('the portal feed is valid RSS 2.0 with the latest 50 published news, escaped, with absolute links', async () => {
    const cat = await makeCategory(db(), main.id, { name: 'Thời sự <nóng>', slug: 'thoi-su' });
    for (let i = 1; i <= 52; i++) await makeArticle(db(), { siteId: main.id, categoryId: cat.id, slug: `tin-${i}`, title: `Tin số ${i}`, publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)) });
    await makeArticle(db(), { siteId: main.id, title: 'Tin <b>đậm</b> & "trích" \u0001', summary: '<script>alert(1)</script>', publishedAt: new Date('2026-02-01T00:00:00Z'), slug: 'tin-dac-biet' });
    await makeArticle(db(), { siteId: main.id, title: 'Nháp không lên RSS', status: 'draft' });
    const res = await anon.get('/rss.xml');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
    const doc = parseXml(res.body);
    assert.equal(doc.name, 'rss');
    assert.equal(doc.attrs.version, '2.0');
    assert.equal(one(doc, 'title').text, 'Cổng tỉnh Thử & "bạn"');
    assert.equal(one(doc, 'link').text, 'https://congthongtin.thu.gov.vn/');
    const items = all(doc, 'item');
    assert.equal(items.length, 50);
    assert.equal(one(items[0]!, 'title').text, 'Tin <b>đậm</b> & "trích" ');
    assert.equal(one(items[0]!, 'description').text, '<script>alert(1)</script>');
    assert.equal(one(items[0]!, 'link').text, 'https://congthongtin.thu.gov.vn/tin-tuc/tin-dac-biet');
    assert.match(one(items[0]!, 'pubDate').text, /^Sun, 01 Feb 2026 00:00:00 GMT$/);
    assert.equal(one(items[1]!, 'title').text, 'Tin số 52');
    assert.ok(!res.body.includes('Nháp không lên RSS'));
    const catFeed = parseXml((await anon.get('/chuyen-muc/thoi-su/rss.xml')).body);
    assert.equal(all(catFeed, 'item').length, 50);
    assert.equal(one(all(catFeed, 'item')[0]!, 'category').text, 'Thời sự <nóng>');
    assert.equal((await anon.get('/chuyen-muc/khong-co/rss.xml')).statusCode, 404);
  });

  test('a site and its categories have feeds under its slug', async () => {
    const cat = await makeCategory(db(), commune.id, { slug: 'tin-xa' });
    await makeArticle(db(), { siteId: commune.id, categoryId: cat.id, slug: 'hop-dan', title: 'Họp dân' });
    const feed = parseXml((await anon.get('/xa-binh-an/rss.xml')).body);
    assert.equal(one(feed, 'title').text, 'Xã Bình An');
    assert.deepEqual(all(feed, 'item').map((i) => one(i, 'link').text), ['https://congthongtin.thu.gov.vn/xa-binh-an/tin-tuc/hop-dan']);
    const catFeed = parseXml((await anon.get('/xa-binh-an/chuyen-muc/tin-xa/rss.xml')).body);
    assert.equal(all(catFeed, 'item').length, 1);
  });

  test('the sitemap index lists every active site, and a site sitemap its home, categories, published articles and documents', async () => {
    await makeSite(db(), { slug: 'xa-da-dong', active: false });
    const cat = await makeCategory(db(), commune.id, { slug: 'thong-bao' });
    await makeArticle(db(), { siteId: commune.id, categoryId: cat.id, slug: 'thong-bao-1' });
    await makeArticle(db(), { siteId: commune.id, kind: 'page', slug: 'gioi-thieu' });
    await makeArticle(db(), { siteId: commune.id, slug: 'ban-nhap', status: 'draft' });
    const [doc] = await db().insert(legalDocuments).values({ siteId: commune.id, docType: 'Quyết định', number: '1/QĐ-UBND', title: 'Về việc thử', issuingBody: 'UBND xã', issuedOn: '2026-01-05', published: true }).returning();
    const index = await anon.get('/sitemap.xml');
    assert.equal(index.statusCode, 200);
    assert.match(String(index.headers['content-type']), /^application\/xml/);
    const locs = all(parseXml(index.body), 'loc').map((l) => l.text);
    assert.ok(locs.includes('https://congthongtin.thu.gov.vn/sitemap.xml?trang-web=cong-tinh'));
    assert.ok(locs.includes('https://congthongtin.thu.gov.vn/sitemap.xml?trang-web=xa-binh-an'));
    assert.ok(!locs.some((l) => l.includes('xa-da-dong')));
    const site = parseXml((await anon.get('/sitemap.xml?trang-web=xa-binh-an')).body);
    const urls = all(site, 'loc').map((l) => l.text);
    const root = 'https://congthongtin.thu.gov.vn/xa-binh-an';
    for (const u of [`${root}/`, `${root}/chuyen-muc/thong-bao`, `${root}/tin-tuc/thong-bao-1`, `${root}/trang/gioi-thieu`, `${root}/van-ban/${doc!.id}`]) assert.ok(urls.includes(u), u);
    assert.ok(!urls.some((u) => u.includes('ban-nhap')));
    assert.equal((await anon.get('/sitemap.xml?trang-web=xa-da-dong')).statusCode, 404);
    assert.equal((await anon.get('/sitemap.xml?trang-web=xa-binh-an&phan=2')).statusCode, 404);
  });

  test('robots.txt points to the sitemap and keeps crawlers out of the back office', async () => {
    const res = await anon.get('/robots.txt');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /^Sitemap: https:\/\/congthongtin.thu.gov.vn\/sitemap.xml$/m);
    assert.match(res.body, /^Disallow: \/quan-tri\/$/m);
  });

  test('XML escaping drops characters XML cannot carry', () => {
    assert.equal(xmlEscape('a & b < c > "d" \'e\' \u0000\u000b'), 'a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos; ');
  });
});
