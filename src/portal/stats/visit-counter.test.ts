import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { openTestDatabase } from '../../../test/support/db.js';
import { makeArticle, makeSite } from '../../../test/support/portal-factories.js';
import { articleViews, articles, siteVisitDays } from '../schema.js';
import { dailyVisits, monthlyVisits, siteCounters, topArticles } from './queries.js';
import { createLogger } from '../../platform/logger.js';
import { ONLINE_WINDOW_MS, VisitCounter } from './visit-counter.js';
import { RelayToPrimary, VisitHub } from './visit-relay.js';

const alice = { ip: '203.0.113.5', userAgent: 'Mozilla/5.0 Firefox/130' };
const bob = { ip: '203.0.113.6', userAgent: 'Mozilla/5.0 Firefox/130' };
// 09:00 in Vietnam on Wednesday 4 March 2026.
const at = (iso = '2026-03-04T02:00:00Z') => new Date(iso);

describe('visitor statistics', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());
  const db = () => database.db;

  test('counts views and distinct visitors in memory and writes them in one batch', async () => {
    const site = await makeSite(db());
    const counter = new VisitCounter();
    for (let i = 0; i < 5; i++) counter.record({ siteId: site.id }, alice, at());
    counter.record({ siteId: site.id }, bob, at());
    assert.deepEqual(await db().select().from(siteVisitDays).where(eq(siteVisitDays.siteId, site.id)), []);
    assert.deepEqual(await counter.flush(db()), { days: 1, articles: 0 });
    const rows = await db().select().from(siteVisitDays).where(eq(siteVisitDays.siteId, site.id));
    assert.deepEqual(rows.map((r) => ({ day: r.day, views: r.views, visitors: r.visitors })), [{ day: '2026-03-04', views: 6, visitors: 2 }]);
    // A second batch adds to the day instead of replacing it, and a returning visitor is not counted twice.
    counter.record({ siteId: site.id }, alice, at('2026-03-04T09:00:00Z'));
    await counter.flush(db());
    const [again] = await db().select().from(siteVisitDays).where(eq(siteVisitDays.siteId, site.id));
    assert.equal(again!.views, 7);
    assert.equal(again!.visitors, 2);
    assert.equal(counter.hasPending, false);
  });

  test('a new Vietnamese day starts a new row and counts visitors afresh', async () => {
    const site = await makeSite(db());
    const counter = new VisitCounter();
    counter.record({ siteId: site.id }, alice, at('2026-03-04T16:59:00Z'));
    // 00:01 on 5 March in Vietnam, though still 4 March in UTC.
    counter.record({ siteId: site.id }, alice, at('2026-03-04T17:01:00Z'));
    await counter.flush(db());
    const rows = await db().select().from(siteVisitDays).where(eq(siteVisitDays.siteId, site.id)).orderBy(siteVisitDays.day);
    assert.deepEqual(rows.map((r) => [r.day, r.views, r.visitors]), [['2026-03-04', 1, 1], ['2026-03-05', 1, 1]]);
  });

  test('counts article views and drops those of an article deleted before the flush', async () => {
    const site = await makeSite(db());
    const kept = await makeArticle(db(), { siteId: site.id });
    const gone = await makeArticle(db(), { siteId: site.id, status: 'draft' });
    const counter = new VisitCounter();
    counter.record({ siteId: site.id, articleId: kept.id }, alice, at());
    counter.record({ siteId: site.id, articleId: kept.id }, bob, at());
    counter.record({ siteId: site.id, articleId: gone.id }, bob, at());
    assert.equal(counter.pendingArticleViews(kept.id), 2);
    await db().delete(articles).where(eq(articles.id, gone.id));
    await counter.flush(db());
    assert.deepEqual(await db().select().from(articleViews).where(eq(articleViews.articleId, kept.id)), [{ articleId: kept.id, views: 2 }]);
    assert.deepEqual(await topArticles(db(), site.id), [{ id: kept.id, title: kept.title, slug: kept.slug, kind: 'news', locale: 'vi', views: 2 }]);
    const [day] = await db().select().from(siteVisitDays).where(eq(siteVisitDays.siteId, site.id));
    assert.equal(day!.views, 3);
  });

  test('keeps the counts when writing fails and writes them on the next flush', async () => {
    const site = await makeSite(db());
    const counter = new VisitCounter();
    counter.record({ siteId: site.id }, alice, at());
    const broken = await openTestDatabase();
    await broken.close();
    await assert.rejects(counter.flush(broken.db));
    assert.equal(counter.hasPending, true);
    counter.record({ siteId: site.id }, bob, at());
    await counter.flush(db());
    const [row] = await db().select().from(siteVisitDays).where(eq(siteVisitDays.siteId, site.id));
    assert.deepEqual([row!.views, row!.visitors], [2, 2]);
  });

  test('footer counters add unwritten views to today, the week, month, year and total', async () => {
    const site = await makeSite(db());
    await db().insert(siteVisitDays).values([
      { siteId: site.id, day: '2025-12-31', views: 100, visitors: 50 },
      { siteId: site.id, day: '2026-02-27', views: 20, visitors: 10 },
      // Monday of the week of Wednesday 4 March.
      { siteId: site.id, day: '2026-03-02', views: 7, visitors: 3 },
      { siteId: site.id, day: '2026-03-04', views: 3, visitors: 2 },
    ]);
    const counter = new VisitCounter();
    counter.record({ siteId: site.id }, alice, at());
    counter.record({ siteId: site.id }, bob, at());
    assert.deepEqual(await siteCounters(db(), counter, site.id, at()), { online: 2, today: 5, week: 12, month: 12, year: 32, total: 132 });
  });

  test('online now forgets visitors after the window', async () => {
    const site = await makeSite(db());
    const counter = new VisitCounter();
    counter.record({ siteId: site.id }, alice, at('2026-03-04T02:00:00Z'));
    counter.record({ siteId: site.id }, bob, at('2026-03-04T02:03:00Z'));
    assert.equal(counter.onlineNow(site.id, at('2026-03-04T02:04:00Z')), 2);
    assert.equal(counter.onlineNow(site.id, new Date(at('2026-03-04T02:00:00Z').getTime() + ONLINE_WINDOW_MS + 1)), 1);
    // Seen again: back online.
    counter.record({ siteId: site.id }, alice, at('2026-03-04T02:06:00Z'));
    assert.equal(counter.onlineNow(site.id, at('2026-03-04T02:06:00Z')), 2);
  });

  test('daily and monthly figures have every period, zero when nobody came', async () => {
    const site = await makeSite(db());
    await db().insert(siteVisitDays).values([
      { siteId: site.id, day: '2026-03-01', views: 4, visitors: 2 },
      { siteId: site.id, day: '2026-03-04', views: 9, visitors: 5 },
      { siteId: site.id, day: '2026-01-15', views: 30, visitors: 12 },
    ]);
    const daily = await dailyVisits(db(), site.id, at(), 7);
    assert.deepEqual(daily.map((d) => [d.day, d.views]), [
      ['2026-02-26', 0], ['2026-02-27', 0], ['2026-02-28', 0], ['2026-03-01', 4], ['2026-03-02', 0], ['2026-03-03', 0], ['2026-03-04', 9],
    ]);
    const monthly = await monthlyVisits(db(), site.id, 2026);
    assert.equal(monthly.length, 12);
    assert.deepEqual(monthly.slice(0, 3).map((m) => [m.month, m.views, m.visitors]), [[1, 30, 12], [2, 0, 0], [3, 13, 7]]);
  });
});

describe('visitor statistics of several web processes', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  /** Two web processes and their primary, wired together in memory as the cluster's IPC would. */
  function server() {
    const secret = Buffer.alloc(32, 7);
    const processes: VisitCounter[] = [];
    const hub = new VisitHub(database.db, createLogger('silent'), secret, (m) => {
      for (const p of processes) p.setSharedOnline(new Map(m.counts));
    });
    const relays = [0, 1].map(() => new RelayToPrimary(async (m) => hub.receive(m)));
    processes.push(...relays.map((r) => new VisitCounter(secret, r)));
    return { hub, relays, processes };
  }

  test('count a visitor once whichever processes they reach, and everyone online in each', async () => {
    const site = await makeSite(database.db);
    const { hub, relays, processes } = server();
    const [one, two] = processes as [VisitCounter, VisitCounter];
    try {
      one.record({ siteId: site.id }, alice, at());
      two.record({ siteId: site.id }, alice, at());
      two.record({ siteId: site.id }, bob, at());
      assert.equal(one.onlineNow(site.id, at()), 1, 'before the primary has heard, a process knows only its own');
      for (const r of relays) await r.flush();
      hub.broadcast(at());
      assert.equal(one.onlineNow(site.id, at()), 2);
      assert.equal(two.onlineNow(site.id, at()), 2);
      await one.flush(database.db);
      await two.flush(database.db);
      await hub.flush();
      const [row] = await database.db.select().from(siteVisitDays).where(eq(siteVisitDays.siteId, site.id));
      assert.deepEqual({ views: row!.views, visitors: row!.visitors }, { views: 3, visitors: 2 });
    } finally {
      for (const r of relays) await r.stop();
      await hub.stop();
    }
  });
});
