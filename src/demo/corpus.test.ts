import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { systemActor } from '../platform/auth/system-actor.js';
import type { Ctx } from '../platform/context.js';
import { type Database, queryRows } from '../platform/db/client.js';
import { NotFound } from '../platform/errors.js';
import { articles } from '../portal/schema.js';
import { openTestDatabase } from '../../test/support/db.js';
import { makeCategory, makeSite } from '../../test/support/portal-factories.js';
import { corpusArticle, generateCorpus } from './corpus.js';

describe('the synthetic article corpus', () => {
  let database: Database;
  let ctx: Ctx;
  let siteId: string;
  before(async () => {
    database = await openTestDatabase();
    ctx = { db: database.db, actor: systemActor('console:test'), now: () => new Date('2026-03-02T02:00:00Z'), ip: null, requestId: null, locale: 'vi', log: console as never };
    const site = await makeSite(database.db, { slug: 'cong-thu', isMain: true });
    siteId = site.id;
    await makeCategory(database.db, site.id, { slug: 'tin-tuc' });
    await makeCategory(database.db, site.id, { slug: 'chuyen-doi-so' });
  });
  after(() => database.close());

  test('the same seed gives the same articles, another seed others', () => {
    assert.deepEqual(corpusArticle(7, 42, 3), corpusArticle(7, 42, 3));
    assert.notDeepEqual(corpusArticle(7, 42, 3), corpusArticle(8, 42, 3));
    assert.notDeepEqual(corpusArticle(7, 42, 3), corpusArticle(7, 43, 3));
  });

  test('uses the Vietnamese words search is tested with, at realistic frequencies', () => {
    const texts = Array.from({ length: 400 }, (_, i) => {
      const a = corpusArticle(3, i, 2);
      return [a.title, a.summary, ...a.paragraphs].join(' ').toLowerCase();
    });
    const share = (phrase: string) => texts.filter((t) => t.includes(phrase)).length / texts.length;
    for (const phrase of ['chuyển đổi số', 'dịch vụ công', 'cao bằng']) {
      const s = share(phrase);
      assert.ok(s > 0.2 && s < 0.8, `${phrase}: ${s}`);
    }
  });

  test('publishes exactly N articles with revision 1 and a search entry each, over several transactions', async () => {
    const progress: number[] = [];
    const r = await generateCorpus(ctx, { articles: 123, seed: 5, batch: 50, onProgress: (done) => progress.push(done) });
    assert.deepEqual(r, { created: 123, skipped: 0 });
    assert.deepEqual(progress, [0, 50, 100, 123]);
    const [c] = await queryRows<{ articles: number; revisions: number; entries: number; categories: number }>(database.db, sql`
      select (select count(*)::int from articles where site_id = ${siteId} and status = 'published') as articles,
             (select count(*)::int from article_revisions where number = 1) as revisions,
             (select count(*)::int from search_entries where site_id = ${siteId}) as entries,
             (select count(distinct category_id)::int from articles where site_id = ${siteId}) as categories`);
    assert.deepEqual(c, { articles: 123, revisions: 123, entries: 123, categories: 2 });
    const [hit] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from search_entries where tsv @@ to_tsquery('simple', 'chuyen <-> doi <-> so')`);
    assert.ok(hit!.n > 10);
  });

  test('running it again with the same seed adds only what is missing', async () => {
    const again = await generateCorpus(ctx, { articles: 130, seed: 5 });
    assert.deepEqual(again, { created: 7, skipped: 123 });
    const [row] = await database.db.select({ title: articles.title }).from(articles).where(eq(articles.sourceId, 'corpus-5-17'));
    assert.equal(row!.title, corpusArticle(5, 17, 2).title);
  });

  test('refuses an unknown site', async () => {
    await assert.rejects(generateCorpus(ctx, { articles: 1, seed: 1, site: 'khong-co' }), NotFound);
  });
});
