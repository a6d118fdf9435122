import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeOfficial } from '../../../test/support/factories.js';
import { makeArticle, makeCategory, makeSite } from '../../../test/support/portal-factories.js';
import { publishArticle } from '../articles/publish-article.js';
import { unpublishArticle } from '../articles/unpublish-article.js';
import { articleViews, siteMenuItems } from '../schema.js';
import { invalidatePages, pageTags } from './invalidate-pages.js';

const browser = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0' };

/** Waits, within a bound, for what a NOTIFY delivered after a commit does; fails the test if it never happens. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`never happened: ${what}`);
}

describe('the page cache on public pages', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());
  const db = () => env.database.db;
  const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers: { ...browser, ...headers } });
  const cached = (url: string) => [...env.app.pageCache.keys()].some((k) => k.endsWith(`|${url}`));

  async function aSite() {
    const site = await makeSite(db());
    const category = await makeCategory(db(), site.id, { name: 'Chuyển đổi số' });
    const article = await makeArticle(db(), { siteId: site.id, categoryId: category.id, title: 'Cao Bằng ra mắt ứng dụng công dân số' });
    const approver = env.ctx(await actorFor(db(), await makeOfficial(db(), { agencyId: site.agencyId, roles: ['approver'] })));
    return { site, category, article, approver, base: `/${site.slug}` };
  }

  test('serves an anonymous page again from memory, compressed, with validators and 304s', async () => {
    const { article, base } = await aSite();
    const url = `${base}/tin-tuc/${article.slug}`;
    const first = await get(url);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Cao Bằng ra mắt ứng dụng công dân số/);
    const etag = first.headers.etag as string;
    assert.match(etag, /^"/);
    assert.equal(first.headers['cache-control'], 'public, no-cache');
    const hits = env.app.pageCache.stats.hits;
    const second = await get(url, { 'accept-encoding': 'gzip, br' });
    assert.equal(env.app.pageCache.stats.hits, hits + 1);
    assert.equal(second.headers['content-encoding'], 'br');
    // Answered before the security headers are built: it carries those the page was first sent with, and no cookie.
    assert.equal(second.headers['content-security-policy'], first.headers['content-security-policy']);
    assert.equal(second.headers['x-frame-options'], first.headers['x-frame-options']);
    assert.equal(second.headers['set-cookie'], undefined);
    assert.ok(second.headers['x-request-id']);
    assert.equal(brotliDecompressSync(second.rawPayload).toString('utf8'), first.body);
    const notModified = await get(url, { 'if-none-match': etag });
    assert.equal(notModified.statusCode, 304);
    assert.equal(notModified.body, '');
  });

  test('signed-in officials always get a fresh page, never a cached one', async () => {
    const { article, base, site } = await aSite();
    const url = `${base}/tin-tuc/${article.slug}`;
    await get(url);
    const editor = await makeOfficial(db(), { agencyId: site.agencyId, roles: ['editor'] });
    const client = await new TestClient(env).signInAs(editor.id);
    const hits = env.app.pageCache.stats.hits;
    const res = await client.get(url);
    assert.equal(res.statusCode, 200);
    assert.equal(env.app.pageCache.stats.hits, hits);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  test('publishing drops exactly the pages that show the article, on commit; unpublishing takes it off', async () => {
    const s = await aSite();
    const other = await aSite();
    const home = `${s.base}/`;
    const category = `${s.base}/chuyen-muc/${s.category.slug}`;
    const feed = `${s.base}/rss.xml`;
    const otherPage = `${other.base}/tin-tuc/${other.article.slug}`;
    const legal = `${s.base}/van-ban`;
    for (const url of [home, category, feed, otherPage, legal]) assert.equal((await get(url)).statusCode, 200, url);
    for (const url of [home, category, feed, otherPage, legal]) assert.ok(cached(url), `${url} is kept`);
    const fresh = await makeArticle(db(), { siteId: s.site.id, categoryId: s.category.id, status: 'submitted', title: 'Tin mới về Bản Giốc' });
    assert.doesNotMatch((await get(category)).body, /Tin mới về Bản Giốc/, 'still the cached list');
    await publishArticle(s.approver, fresh.id, { version: String(fresh.version) });
    await eventually(() => !cached(category), 'the category page is dropped');
    for (const url of [home, category, feed]) assert.match((await get(url)).body, /Tin mới về Bản Giốc/, url);
    // Another site's page and this site's legal documents do not show the article, so they stay cached.
    const hits = env.app.pageCache.stats.hits;
    await get(otherPage);
    await get(legal);
    assert.equal(env.app.pageCache.stats.hits, hits + 2);
    const articleUrl = `${s.base}/tin-tuc/${fresh.slug}`;
    assert.equal((await get(articleUrl)).statusCode, 200);
    assert.ok(cached(articleUrl));
    await unpublishArticle(s.approver, fresh.id);
    await eventually(() => !cached(articleUrl), 'the article page is dropped');
    assert.equal((await get(articleUrl)).statusCode, 404);
    assert.doesNotMatch((await get(home)).body, /Tin mới về Bản Giốc/);
  });

  test('counts views served from the cache, but not those of crawlers or of the feed', async () => {
    const { article, base } = await aSite();
    const url = `${base}/tin-tuc/${article.slug}`;
    await get(url);
    await get(url);
    await get(url, { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' });
    await get(`${base}/rss.xml`);
    assert.equal(env.app.visitCounter.pendingArticleViews(article.id), 2);
    await env.app.visitCounter.flush(db());
    const [row] = await db().select().from(articleViews).where(eq(articleViews.articleId, article.id));
    assert.equal(row!.views, 2);
  });

  test('over a connection, answers a kept page before the app handles it, as the app would', async () => {
    const { article, base } = await aSite();
    const url = `${base}/tin-tuc/${article.slug}`;
    const address = await env.app.listen({ port: 0, host: '127.0.0.1' });
    const fetchPage = (headers: Record<string, string> = {}, method = 'GET') => fetch(`${address}${url}`, { method, headers: { ...browser, ...headers } });
    const first = await fetchPage({ 'accept-encoding': 'identity' });
    const firstBody = await first.text();
    assert.equal(first.status, 200);
    const hits = env.app.pageCache.stats.hits;
    const views = env.app.visitCounter.pendingArticleViews(article.id);
    const hit = await fetchPage({ 'accept-encoding': 'identity', 'x-request-id': 'fast-hit-0001' });
    assert.equal(env.app.pageCache.stats.hits, hits + 1);
    assert.equal(hit.status, 200);
    assert.equal(await hit.text(), firstBody);
    assert.equal(hit.headers.get('x-request-id'), 'fast-hit-0001');
    for (const h of ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'content-type', 'etag', 'last-modified', 'cache-control', 'vary']) {
      assert.equal(hit.headers.get(h), first.headers.get(h), h);
    }
    assert.equal(hit.headers.get('set-cookie'), null);
    const unchanged = await fetchPage({ 'if-none-match': first.headers.get('etag')! });
    assert.equal(unchanged.status, 304);
    assert.equal(await unchanged.text(), '');
    const head = await fetchPage({}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    await fetchPage({ 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' });
    assert.equal(env.app.pageCache.stats.hits, hits + 4);
    // The page view and the 304 are views; the HEAD and the crawler are not.
    assert.equal(env.app.visitCounter.pendingArticleViews(article.id), views + 2);
    // Someone with a session cookie is answered by the app, whatever the cookie is worth.
    const signedIn = await fetchPage({ cookie: 'congso_sid=not-a-session' });
    assert.equal(signedIn.status, 200);
    assert.equal(env.app.pageCache.stats.hits, hits + 4);
  });

  test('the footer shows the visit counters', async () => {
    const { base } = await aSite();
    const res = await get(`${base}/van-ban`);
    assert.match(res.body, /Đang trực tuyến<\/dt><dd class="govuk-body-s" data-visits="true">\d/);
  });
});

describe('a change made by another process', () => {
  test('drops the cached pages and the site menus of this one', async () => {
    const env = await makeTestEnv();
    try {
      const db = env.database.db;
      const site = await makeSite(db);
      await db.insert(siteMenuItems).values([
        { siteId: site.id, area: 'main', label: 'Giới thiệu cũ', href: '/trang/gioi-thieu' },
        // The footer's lists are rendered once per site and kept with its chrome: they must follow the change too.
        { siteId: site.id, area: 'footer', label: 'Liên hệ cũ', href: '/trang/lien-he' },
      ]);
      const url = `/${site.slug}/van-ban`;
      const get = () => env.app.inject({ method: 'GET', url, headers: browser });
      const before = (await get()).body;
      assert.match(before, /Giới thiệu cũ/);
      assert.match(before, /Liên hệ cũ/);
      const cached = () => [...env.app.pageCache.keys()].some((k) => k.endsWith(`|${url}`));
      assert.ok(cached());
      // Another process renames the menu entry: its own caches are its own, this one only hears the NOTIFY.
      await db.transaction(async (tx) => {
        await tx.update(siteMenuItems).set({ label: sql`replace(${siteMenuItems.label}, 'cũ', 'mới')` }).where(eq(siteMenuItems.siteId, site.id));
        await invalidatePages(tx, [pageTags.chrome(site.id)]);
      });
      await eventually(() => !cached(), 'the page is dropped');
      const after = (await get()).body;
      assert.match(after, /Giới thiệu mới/);
      assert.match(after, /Liên hệ mới/);
      assert.doesNotMatch(after, /Giới thiệu cũ|Liên hệ cũ/);
    } finally {
      await env.close();
    }
  });
});
