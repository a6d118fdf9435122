import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { makeAgency, makeOfficial } from '../../../test/support/factories.js';
import { makeArticle, makeSite } from '../../../test/support/portal-factories.js';
import { siteVisitDays } from '../schema.js';

const reader = { ip: '198.51.100.7', userAgent: 'Mozilla/5.0 Firefox/130' };

describe('visitor statistics in the back office', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());
  const db = () => env.database.db;

  test('an editor sees the counters, the daily and monthly tables and the most read articles of the site', async () => {
    const site = await makeSite(db(), { name: 'Sở Văn hóa thử' });
    const article = await makeArticle(db(), { siteId: site.id, title: 'Lễ hội <Pháo hoa> Bản Giốc' });
    await db().insert(siteVisitDays).values({ siteId: site.id, day: '2026-03-01', views: 1234, visitors: 321 });
    env.app.visitCounter.record({ siteId: site.id, articleId: article.id }, reader, env.clock.now());
    await env.app.visitCounter.flush(db());
    const editor = await makeOfficial(db(), { agencyId: site.agencyId, roles: ['editor'] });
    const res = await (await new TestClient(env).signInAs(editor.id)).get(`/quan-tri/cong-thong-tin/thong-ke?site=${site.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Sở Văn hóa thử/);
    // Total: 1,234 written earlier plus the view just counted.
    assert.match(res.body, /Tổng số<\/dt><dd class="govuk-summary-list__value" data-counter="true">1\.235</);
    assert.match(res.body, /01\/03\/2026<\/th><td class="govuk-table__cell govuk-table__cell--numeric" data-value="1234">1\.234</);
    assert.match(res.body, /Lễ hội &lt;Pháo hoa> Bản Giốc/);
    assert.match(res.body, /src="\/assets\/charts\.js"/);
  });

  test("refuses another agency's site and offers only the sites the official may read", async () => {
    const mine = await makeSite(db(), { name: 'Trang của tôi' });
    const theirs = await makeSite(db(), { name: 'Trang của cơ quan khác' });
    const editor = await makeOfficial(db(), { agencyId: mine.agencyId, roles: ['editor'] });
    const client = await new TestClient(env).signInAs(editor.id);
    const list = await client.get('/quan-tri/cong-thong-tin/thong-ke');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Trang của tôi/);
    assert.doesNotMatch(list.body, /Trang của cơ quan khác/);
    const refused = await client.get(`/quan-tri/cong-thong-tin/thong-ke?site=${theirs.id}`);
    assert.equal(refused.statusCode, 403);
    assert.equal((await client.get('/quan-tri/cong-thong-tin/thong-ke?site=khong-phai-uuid')).statusCode, 404);
  });

  test('a desk officer is told there is no site to show', async () => {
    const desk = await makeOfficial(db(), { agencyId: (await makeAgency(db())).id, roles: ['desk_officer'] });
    const res = await (await new TestClient(env).signInAs(desk.id)).get('/quan-tri/cong-thong-tin/thong-ke');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /chưa được giao xem thống kê/);
  });
});

describe('visitor counts on shutdown', () => {
  test('are written when the app closes, so a graceful stop loses nothing', async () => {
    const env = await makeTestEnv();
    try {
      const site = await makeSite(env.database.db);
      for (let i = 0; i < 3; i++) env.app.visitCounter.record({ siteId: site.id }, reader, env.clock.now());
      await env.app.close();
      const [row] = await env.database.db.select().from(siteVisitDays).where(eq(siteVisitDays.siteId, site.id));
      assert.deepEqual([row!.views, row!.visitors], [3, 1]);
    } finally {
      await env.close();
    }
  });
});
