import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Ctx } from '../platform/context.js';
import { type Database, queryRows } from '../platform/db/client.js';
import { articles, categories, inquiries, legalDocuments, searchEntries, siteMenuItems, sites } from '../portal/schema.js';
import { openTestDatabase } from '../../test/support/db.js';
import { demoArticles } from './portal-articles.js';
import { seedDemo } from './seed-demo.js';
import { seedDemoPortal } from './seed-portal.js';

const count = async (db: Database['db'], table: string) => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;

describe('the demo portal', () => {
  let database: Database;
  let ctx: Ctx;
  before(async () => {
    database = await openTestDatabase();
    ctx = { db: database.db, actor: null, now: () => new Date('2026-03-02T02:00:00Z'), ip: null, requestId: null, locale: 'vi', log: console as never };
    await seedDemo(ctx);
  });
  after(() => database.close());

  test('has the provincial portal and four agency sites with contacts, menus and categories', async () => {
    const rows = await database.db.select().from(sites).orderBy(sites.slug);
    assert.deepEqual(rows.map((s) => s.slug), ['cong-thong-tin', 'phuong-thuc-phan', 'so-khcn', 'so-noi-vu', 'so-tai-chinh']);
    const main = rows.find((s) => s.isMain)!;
    assert.equal(main.slug, 'cong-thong-tin');
    assert.ok(rows.every((s) => s.address && s.phone && s.email && s.footerText && /^#[0-9a-f]{6}$/.test(s.primaryColor)));
    const menu = await database.db.select().from(siteMenuItems).where(eq(siteMenuItems.siteId, main.id)).orderBy(siteMenuItems.area, siteMenuItems.position);
    assert.deepEqual(menu.filter((m) => m.area === 'main').map((m) => m.label), ['Tin tức', 'Văn bản', 'Hỏi đáp', 'Phản ánh', 'Dịch vụ công']);
    assert.ok(menu.some((m) => m.area === 'links' && m.href === 'https://dichvucong.gov.vn'));
    const cats = await database.db.select().from(categories).where(eq(categories.siteId, main.id));
    assert.ok(cats.some((c) => c.name === 'Chuyển đổi số') && cats.some((c) => c.name === 'Văn hóa - Du lịch'));
  });

  test('has fixed pages, the organisation, duties and directory also in English, linked to the Vietnamese page', async () => {
    const [site] = await database.db.select().from(sites).where(eq(sites.slug, 'so-khcn'));
    const pages = await database.db.select().from(articles).where(and(eq(articles.siteId, site!.id), eq(articles.kind, 'page')));
    const vi = pages.filter((p) => p.locale === 'vi').map((p) => p.slug).sort();
    assert.deepEqual(vi, ['bao-cao-tai-chinh-nam', 'chuc-nang-nhiem-vu', 'co-cau-to-chuc', 'danh-ba-can-bo', 'gioi-thieu']);
    const en = pages.filter((p) => p.locale === 'en');
    assert.deepEqual(en.map((p) => p.slug).sort(), ['directory', 'functions-and-duties', 'organisation']);
    const organisation = en.find((p) => p.slug === 'organisation')!;
    assert.equal(pages.find((p) => p.id === organisation.translationOfId)?.slug, 'co-cau-to-chuc');
    assert.match(organisation.body, /Digital Transformation Division/);
  });

  test('publishes the news with revision 1 each, some featured, and puts everything public in search', async () => {
    const news = await database.db.select().from(articles).where(eq(articles.kind, 'news'));
    assert.equal(news.length, demoArticles.length);
    assert.ok(news.length >= 30);
    assert.ok(news.every((a) => a.status === 'published' && a.publishedAt && a.authorName && a.categoryId));
    assert.ok(news.filter((a) => a.featured).length >= 3);
    const [revs] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from article_revisions r join articles a on a.id = r.article_id where r.number = 1`);
    assert.equal(revs!.n, await count(database.db, 'articles'));
    const found = await queryRows<{ title: string; url: string }>(database.db, sql`select title, url from search_entries where tsv @@ to_tsquery('simple', 'ban <-> gioc') and entity_type = 'article'`);
    assert.ok(found.some((f) => f.title.includes('Thác Bản Giốc') && f.url.startsWith('/tin-tuc/')));
    const legal = await database.db.select().from(searchEntries).where(eq(searchEntries.entityType, 'legal'));
    assert.ok(legal.some((l) => l.title.includes('15/2025/QĐ-UBND')));
    // The demo procedures are indexed too (seed-services.test.ts counts them).
    const [portalEntries] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from search_entries where entity_type <> 'procedure'`);
    assert.equal(portalEntries!.n, (await count(database.db, 'articles')) + (await count(database.db, 'legal_documents')) + 4);
  });

  test('has legal documents in force, expired and a draft for comment, and questions and feedback in every status', async () => {
    const docs = await database.db.select().from(legalDocuments);
    assert.ok(docs.length >= 12);
    assert.deepEqual(new Set(docs.map((d) => d.docType)), new Set(['Quyết định', 'Nghị quyết', 'Kế hoạch', 'Chỉ thị', 'Công văn']));
    assert.ok(docs.some((d) => d.status === 'expired') && docs.some((d) => d.isDraft && d.commentUntil));
    assert.ok(docs.every((d) => d.published));
    const asked = await database.db.select().from(inquiries);
    assert.ok(asked.filter((q) => q.kind === 'question').length >= 8 && asked.filter((q) => q.kind === 'feedback').length >= 5);
    assert.deepEqual(new Set(asked.map((q) => q.status)), new Set(['received', 'assigned', 'answered', 'published', 'rejected']));
    assert.ok(asked.every((q) => /^(HD|PA)-2025-\d{6}$/.test(q.code)));
    assert.ok(asked.filter((q) => q.status === 'published').every((q) => q.answer && q.publishedAt));
  });

  test('seeding again changes nothing', async () => {
    const before = { sites: await count(database.db, 'sites'), articles: await count(database.db, 'articles'), revisions: await count(database.db, 'article_revisions'), search: await count(database.db, 'search_entries'), audit: await count(database.db, 'audit_log') };
    const again = await seedDemo(ctx);
    assert.equal(again.seeded, false);
    assert.equal(await seedDemoPortal(ctx), false);
    const after = { sites: await count(database.db, 'sites'), articles: await count(database.db, 'articles'), revisions: await count(database.db, 'article_revisions'), search: await count(database.db, 'search_entries'), audit: await count(database.db, 'audit_log') };
    assert.deepEqual(after, before);
    assert.equal((await database.db.select().from(articles).where(isNotNull(articles.sourceId))).length, before.articles);
  });
});
