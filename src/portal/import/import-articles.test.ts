import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { systemActor } from '../../platform/auth/system-actor.js';
import type { Ctx } from '../../platform/context.js';
import { type Database, queryRows } from '../../platform/db/client.js';
import { translate } from '../../platform/i18n/index.js';
import { auditLog } from '../../platform/schema.js';
import { openTestDatabase } from '../../../test/support/db.js';
import { actorFor, makeAgency, makeOfficial } from '../../../test/support/factories.js';
import { makeCategory, makeSite } from '../../../test/support/portal-factories.js';
import { articleRevisions, articles, searchEntries } from '../schema.js';
import { indexSearchEntry } from '../search/search-index.js';
import { importArticles } from './import-articles.js';
import { indexSearchRows } from './publish-rows.js';

const line = (o: Record<string, unknown>) => JSON.stringify(o);

describe('importing articles from JSON Lines', () => {
  let database: Database;
  let ctx: Ctx;
  let site: { id: string; slug: string; agencyId: string };
  before(async () => {
    database = await openTestDatabase();
    ctx = { db: database.db, actor: systemActor('console:test'), now: () => new Date('2026-03-02T02:00:00Z'), ip: null, requestId: null, locale: 'vi', log: console as never };
    site = await makeSite(database.db, { slug: 'so-thu-nhap' });
    await makeCategory(database.db, site.id, { slug: 'tin-tuc-su-kien', name: 'Tin tức - Sự kiện' });
  });
  after(() => database.close());

  const good = [
    line({ site: 'so-thu-nhap', category: 'tin-tuc-su-kien', title: 'Khai trương Trung tâm dữ liệu tỉnh', summary: 'Tóm tắt', body: '<p>Trung tâm dữ liệu <b>chuyển đổi số</b></p><script>alert(1)</script>', published_at: '2025-03-15T08:00:00+07:00', source_id: 'cu-1', author: 'Lê Hà', source: 'Cổng cũ' }),
    line({ site: 'so-thu-nhap', title: 'Thông báo lịch tiếp công dân', body: 'Dòng một\n\nĐoạn hai có 3 < 5', published_at: '2025-03-16', source_id: 'cu-2' }),
  ];

  test('publishes each line with revision 1, a search entry and one audit entry for the batch; plain text becomes paragraphs', async () => {
    const s = await importArticles(ctx, good.join('\n'), { fileName: '/tmp/cu.jsonl' });
    assert.deepEqual({ created: s.created, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected }, { created: 2, updated: 0, unchanged: 0, rejected: [] });
    const rows = await database.db.select().from(articles).where(eq(articles.siteId, site.id)).orderBy(articles.sourceId);
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.status, 'published');
    assert.equal(rows[0]!.slug, 'khai-truong-trung-tam-du-lieu-tinh');
    assert.equal(rows[0]!.body, '<p>Trung tâm dữ liệu <strong>chuyển đổi số</strong></p>');
    assert.equal(rows[0]!.publishedAt!.toISOString(), '2025-03-15T01:00:00.000Z');
    assert.equal(rows[0]!.authorName, 'Lê Hà');
    assert.equal(rows[1]!.body, '<p>Dòng một</p>\n<p>Đoạn hai có 3 &lt; 5</p>');
    assert.equal(rows[1]!.publishedAt!.toISOString(), '2025-03-15T17:00:00.000Z', 'a bare date is midnight in Vietnam');
    assert.equal(rows[1]!.categoryId, null);
    const revisions = await database.db.select().from(articleRevisions).where(eq(articleRevisions.articleId, rows[0]!.id));
    assert.deepEqual(revisions.map((r) => r.number), [1]);
    const found = await queryRows<{ entity_id: string; url: string }>(database.db, sql`select entity_id, url from search_entries where tsv @@ to_tsquery('simple', 'chuyen & doi & so')`);
    assert.deepEqual(found.map((f) => f.url), ['/tin-tuc/khai-truong-trung-tam-du-lieu-tinh']);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, 'portal.articles_imported'));
    assert.equal(audits.length, 1);
    assert.equal(audits[0]!.entityId, 'cu.jsonl');
    assert.match(audits[0]!.actorLabel, /^console:test$/);
  });

  test('importing the same file again changes nothing; a changed line gets a new revision and keeps its address', async () => {
    const again = await importArticles(ctx, good.join('\n'));
    assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 2]);
    const changed = good[0]!.replace('Khai trương Trung tâm dữ liệu tỉnh', 'Khánh thành Trung tâm dữ liệu tỉnh Cao Bằng');
    const s = await importArticles(ctx, [changed, good[1]].join('\r\n'));
    assert.deepEqual([s.created, s.updated, s.unchanged], [0, 1, 1]);
    const [a] = await database.db.select().from(articles).where(and(eq(articles.siteId, site.id), eq(articles.sourceId, 'cu-1')));
    assert.equal(a!.title, 'Khánh thành Trung tâm dữ liệu tỉnh Cao Bằng');
    assert.equal(a!.slug, 'khai-truong-trung-tam-du-lieu-tinh');
    assert.equal(a!.version, 2);
    const revisions = await database.db.select().from(articleRevisions).where(eq(articleRevisions.articleId, a!.id)).orderBy(articleRevisions.number);
    assert.deepEqual(revisions.map((r) => [r.number, r.title]), [[1, 'Khai trương Trung tâm dữ liệu tỉnh'], [2, 'Khánh thành Trung tâm dữ liệu tỉnh Cao Bằng']]);
    const [entry] = await database.db.select().from(searchEntries).where(eq(searchEntries.entityId, a!.id));
    assert.equal(entry!.title, 'Khánh thành Trung tâm dữ liệu tỉnh Cao Bằng');
    assert.equal((await database.db.select().from(articles).where(eq(articles.siteId, site.id))).length, 2);
  });

  test('leaves alone an article an official has edited since it was imported', async () => {
    const official = await makeOfficial(database.db, { agencyId: site.agencyId, roles: ['editor'] });
    await database.db.update(articles).set({ title: 'Tiêu đề biên tập viên sửa', updatedBy: official.id }).where(eq(articles.sourceId, 'cu-2'));
    const s = await importArticles(ctx, good[1]!.replace('Thông báo lịch tiếp công dân', 'Lịch tiếp công dân mới'));
    assert.deepEqual([s.updated, s.kept], [0, 1]);
    const [a] = await database.db.select().from(articles).where(eq(articles.sourceId, 'cu-2'));
    assert.equal(a!.title, 'Tiêu đề biên tập viên sửa');
  });

  test('reports every bad line with its number and a Vietnamese and English reason, importing the good ones', async () => {
    const base = { site: 'so-thu-nhap', title: 'Bài hợp lệ', body: 'Nội dung', published_at: '2025-04-01T09:00:00Z' };
    const content = [
      '\uFEFF' + line({ ...base, source_id: 'loi-1' }),
      '{"site": "so-thu-nhap", "title": ',
      line({ ...base, site: 'khong-co', source_id: 'loi-3' }),
      line({ ...base, category: 'khong-co', source_id: 'loi-4' }),
      line({ ...base, title: '  ', source_id: 'loi-5' }),
      line({ ...base, published_at: '2025-02-30', source_id: 'loi-6' }),
      line({ ...base, source_id: 'loi-1' }),
      '',
      '[1, 2]',
      line({ ...base, body: '<script>x()</script>', source_id: 'loi-10' }),
      line({ ...base, title: 42, source_id: 'loi-11' }),
    ].join('\r\n');
    const s = await importArticles(ctx, content);
    assert.equal(s.created, 1);
    assert.equal(s.total, 10);
    assert.deepEqual(s.rejected.map((r) => [r.line, r.key]), [
      [2, 'portal.import.invalidJson'],
      [3, 'portal.import.unknownSite'],
      [4, 'portal.import.unknownCategory'],
      [5, 'portal.import.missing'],
      [6, 'portal.import.badDate'],
      [7, 'portal.import.duplicate'],
      [9, 'portal.import.notObject'],
      [10, 'portal.import.emptyBody'],
      [11, 'portal.import.notText'],
    ]);
    const dup = s.rejected.find((r) => r.line === 7)!;
    assert.equal(translate('vi', dup.key, dup.params), 'Trùng source_id "loi-1" với dòng 1');
    const missing = s.rejected.find((r) => r.line === 5)!;
    assert.equal(translate('vi', missing.key, missing.params), 'Thiếu trường bắt buộc "title"');
    const unknown = s.rejected.find((r) => r.line === 3)!;
    assert.equal(translate('en', unknown.key, unknown.params), 'There is no site "khong-co"');
    assert.equal((await database.db.select().from(articles).where(eq(articles.sourceId, 'loi-3'))).length, 0);
  });

  test('a dry run counts but writes nothing', async () => {
    const s = await importArticles(ctx, line({ site: 'so-thu-nhap', title: 'Chạy thử', body: 'x', published_at: '2025-05-01', source_id: 'thu-1' }), { dryRun: true });
    assert.deepEqual([s.created, s.dryRun], [1, true]);
    assert.equal((await database.db.select().from(articles).where(eq(articles.sourceId, 'thu-1'))).length, 0);
  });

  test('same titles get distinct addresses, across batches too', async () => {
    const lines = [1, 2, 3].map((n) => line({ site: 'so-thu-nhap', title: 'Thông báo', body: `Số ${n}`, published_at: '2025-05-02', source_id: `tb-${n}` }));
    await importArticles(ctx, lines.join('\n'), { batchSize: 2 });
    const rows = await database.db.select({ slug: articles.slug }).from(articles).where(sql`${articles.sourceId} like 'tb-%'`).orderBy(articles.sourceId);
    assert.deepEqual(rows.map((r) => r.slug), ['thong-bao', 'thong-bao-2', 'thong-bao-3']);
  });

  test("refuses lines for a site the official may not publish on", async () => {
    const other = await makeAgency(database.db);
    const editor = await makeOfficial(database.db, { agencyId: other.id, roles: ['approver'] });
    const s = await importArticles({ ...ctx, actor: await actorFor(database.db, editor) }, line({ site: 'so-thu-nhap', title: 'Không được', body: 'x', published_at: '2025-05-01', source_id: 'cam-1' }));
    assert.deepEqual(s.rejected.map((r) => r.key), ['portal.import.siteForbidden']);
  });

  test('the batch index computes the same search vector as indexSearchEntry', async () => {
    const entry = { entityType: 'article' as const, siteId: site.id, locale: 'vi' as const, categoryId: null, title: 'Đường lên Pác Bó', summary: 'Mùa xuân', body: 'Cao Bằng chuyển đổi số', url: '/x', publishedAt: new Date('2025-01-01T00:00:00Z') };
    const [one, two] = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
    await indexSearchEntry(database.db, { ...entry, entityId: one });
    await indexSearchRows(database.db, [{ ...entry, entityId: two }]);
    const rows = await queryRows<{ tsv: string; title_folded: string }>(database.db, sql`select tsv::text as tsv, title_folded from search_entries where entity_id in (${one}, ${two}) order by entity_id`);
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[0], rows[1]);
  });
});
