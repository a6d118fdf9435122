import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Invalid } from '../../platform/errors.js';
import type { Ctx } from '../../platform/context.js';
import type { Database } from '../../platform/db/client.js';
import { createLogger } from '../../platform/logger.js';
import { openTestDatabase } from '../../../test/support/db.js';
import { makeArticle, makeCategory, makeSite } from '../../../test/support/portal-factories.js';
import { sql } from 'drizzle-orm';
import { didYouMean, parseQuery } from './parse-query.js';
import { type SearchEntityType, indexSearchEntry, removeSearchEntry } from './search-index.js';
import { RANK_WINDOW, SAMPLE_SIZE } from './search-query.js';
import { search } from './search.js';

async function refusal(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof Invalid, `expected Invalid, got ${String(err)}`);
    return Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v.key]));
  }
  assert.fail('expected the search to refuse');
}

describe('portal search', () => {
  // The search needs only a database: no app, no job worker.
  let database: Database;
  const db = () => database.db;
  const ctx = (): Ctx => ({ db: db(), actor: null, now: () => new Date('2026-03-02T02:00:00Z'), ip: null, requestId: null, locale: 'vi', log: createLogger('silent') as never });
  const find = (input: Record<string, unknown>) => search(ctx(), input);
  const titles = async (input: Record<string, unknown>) => (await find(input)).hits.map((h) => h.title);

  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  async function entry(siteId: string, over: { type?: SearchEntityType; title: string; summary?: string; body?: string; publishedAt?: Date; categoryId?: string }) {
    const id = randomUUID();
    await indexSearchEntry(db(), {
      entityType: over.type ?? 'legal',
      entityId: id,
      siteId,
      title: over.title,
      summary: over.summary ?? null,
      body: over.body ?? null,
      categoryId: over.categoryId ?? null,
      url: `/van-ban/${id}`,
      publishedAt: over.publishedAt ?? new Date('2026-02-01T02:00:00Z'),
    });
    return id;
  }

  test('"chuyen doi so" finds "Chuyển đổi số…", with the words marked in title and snippet', async () => {
    const site = await makeSite(db());
    const a = await makeArticle(db(), { siteId: site.id, title: 'Chuyển đổi số trong cải cách hành chính', summary: 'Tỉnh đẩy mạnh chuyển đổi số ở cấp xã.' });
    const res = await find({ q: 'chuyen doi so', siteId: site.id });
    assert.equal(res.total, 1);
    const hit = res.hits[0]!;
    assert.equal(hit.title, 'Chuyển đổi số trong cải cách hành chính');
    assert.deepEqual(hit.titleSegments[0], { text: 'Chuyển đổi số', hit: true });
    assert.ok(hit.snippet.some((s) => s.hit && s.text === 'chuyển đổi số'));
    assert.equal(hit.url, `/${site.slug}/tin-tuc/${a.slug}`);
    assert.deepEqual(hit.site && { slug: hit.site.slug, name: hit.site.name }, { slug: site.slug, name: site.name });
  });

  test('đ and d are one letter: "Đà Nẵng" finds "da nang" and "da nang" finds "Đà Nẵng"', async () => {
    const site = await makeSite(db());
    await makeArticle(db(), { siteId: site.id, title: 'Đoàn công tác thăm Đà Nẵng' });
    await makeArticle(db(), { siteId: site.id, title: 'Hoi thao o da nang (viet khong dau)' });
    assert.deepEqual((await titles({ q: 'da nang', siteId: site.id })).sort(), ['Hoi thao o da nang (viet khong dau)', 'Đoàn công tác thăm Đà Nẵng']);
    assert.equal((await find({ q: 'ĐÀ NẴNG', siteId: site.id })).total, 2);
    assert.equal((await find({ q: 'Ðoàn', siteId: site.id })).total, 1, 'the eth (U+00D0) typed for Đ');
  });

  test('a query typed in decomposed Unicode (NFD) finds the composed (NFC) text', async () => {
    const site = await makeSite(db());
    await makeArticle(db(), { siteId: site.id, title: 'Hướng dẫn nộp hồ sơ trực tuyến' });
    const res = await find({ q: 'hồ sơ trực tuyến'.normalize('NFD'), siteId: site.id });
    assert.equal(res.total, 1);
    assert.ok(res.hits[0]!.titleSegments.some((s) => s.hit && s.text === 'hồ sơ trực tuyến'));
  });

  test('a title match ranks above a body match, and the newer comes first when relevance is equal', async () => {
    const site = await makeSite(db());
    await makeArticle(db(), { siteId: site.id, title: 'Tin tổng hợp tuần', body: '<p>Có nhắc tới khuyến nông một lần.</p>', publishedAt: new Date('2026-03-01T00:00:00Z') });
    await makeArticle(db(), { siteId: site.id, title: 'Khuyến nông vùng cao', body: '<p>Nội dung.</p>', publishedAt: new Date('2025-06-01T00:00:00Z') });
    assert.deepEqual(await titles({ q: 'khuyen nong', siteId: site.id }), ['Khuyến nông vùng cao', 'Tin tổng hợp tuần']);

    await makeArticle(db(), { siteId: site.id, title: 'Lễ hội hoa ban năm ngoái', publishedAt: new Date('2025-03-01T00:00:00Z') });
    await makeArticle(db(), { siteId: site.id, title: 'Lễ hội hoa ban năm nay', publishedAt: new Date('2026-02-20T00:00:00Z') });
    assert.deepEqual(await titles({ q: 'le hoi hoa ban', siteId: site.id }), ['Lễ hội hoa ban năm nay', 'Lễ hội hoa ban năm ngoái']);
  });

  test('phrases in quotes must appear together and -word leaves a word out', async () => {
    const site = await makeSite(db());
    await makeArticle(db(), { siteId: site.id, title: 'Cổng dịch vụ công quốc gia' });
    await makeArticle(db(), { siteId: site.id, title: 'Dịch bệnh và công tác phòng chống', body: '<p>Về dịch vụ y tế công lập.</p>' });
    assert.equal((await find({ q: 'dich vu cong', siteId: site.id })).total, 2);
    assert.deepEqual(await titles({ q: '"dịch vụ công"', siteId: site.id }), ['Cổng dịch vụ công quốc gia']);
    assert.deepEqual(await titles({ q: 'dich vu cong -quoc', siteId: site.id }), ['Dịch bệnh và công tác phòng chống']);
  });

  test('filters: site, type, category, published dates (Vietnamese days), locale', async () => {
    const a = await makeSite(db());
    const b = await makeSite(db());
    const cat = await makeCategory(db(), a.id);
    await makeArticle(db(), { siteId: a.id, title: 'Thông báo tuyển dụng viên chức', categoryId: cat.id, publishedAt: new Date('2026-01-10T03:00:00Z') });
    await makeArticle(db(), { siteId: b.id, title: 'Thông báo tuyển dụng giáo viên', publishedAt: new Date('2026-02-10T03:00:00Z') });
    await entry(a.id, { title: 'Kế hoạch tuyển dụng năm 2026', publishedAt: new Date('2026-02-15T03:00:00Z') });
    await makeArticle(db(), { siteId: a.id, title: 'Recruitment notice tuyển dụng', locale: 'en', slug: 'recruitment' });
    // 31/01/2026 23:30 in Vietnam is still 31/01 although it is 16:30 UTC.
    await makeArticle(db(), { siteId: b.id, title: 'Tuyển dụng cuối tháng', publishedAt: new Date('2026-01-31T16:30:00Z') });

    const all = await find({ q: 'tuyen dung' });
    assert.ok(all.total >= 5);
    const onA = await find({ q: 'tuyen dung', siteId: a.id, locale: 'vi' });
    assert.equal(onA.total, 2);
    assert.deepEqual(onA.facets, { article: 1, legal: 1 });
    const legalOnA = await find({ q: 'tuyen dung', siteId: a.id, type: 'legal' });
    assert.deepEqual(legalOnA.hits.map((h) => h.title), ['Kế hoạch tuyển dụng năm 2026']);
    assert.deepEqual(legalOnA.facets, { article: 2, legal: 1 }, 'facets ignore the type filter');
    assert.deepEqual(await titles({ q: 'tuyen dung', categoryId: cat.id }), ['Thông báo tuyển dụng viên chức']);
    assert.deepEqual(await titles({ q: 'tuyen dung', siteId: b.id, from: '01/02/2026' }), ['Thông báo tuyển dụng giáo viên']);
    assert.deepEqual(await titles({ q: 'tuyen dung', siteId: b.id, to: '31/01/2026' }), ['Tuyển dụng cuối tháng']);
    assert.deepEqual(await titles({ q: 'tuyen dung', siteId: b.id, from: '2026-01-31', to: '2026-01-31' }), ['Tuyển dụng cuối tháng']);
    assert.deepEqual(await titles({ q: 'tuyen dung', siteId: a.id, locale: 'en' }), ['Recruitment notice tuyển dụng']);
    assert.deepEqual(await refusal(find({ q: 'x', from: '31/02/2026' })), { from: 'field.date' });
    assert.deepEqual(await refusal(find({ q: 'x', from: '02/02/2026', to: '01/02/2026' })), { to: 'search.dateOrder' });
    assert.deepEqual(await refusal(find({ q: 'x', type: 'video' })), { type: 'field.invalid' });
  });

  test('pages of 10 or 20 with the total; past the last page is empty but keeps the total; too far is refused', async () => {
    const site = await makeSite(db());
    for (let i = 0; i < 23; i++) await entry(site.id, { title: `Báo cáo thống kê số ${i + 1}`, publishedAt: new Date(Date.UTC(2026, 0, 1 + i)) });
    const p1 = await find({ q: 'bao cao thong ke', siteId: site.id });
    assert.equal(p1.total, 23);
    assert.equal(p1.pages, 3);
    assert.equal(p1.hits.length, 10);
    assert.equal(p1.hits[0]!.title, 'Báo cáo thống kê số 23');
    const p3 = await find({ q: 'bao cao thong ke', siteId: site.id, page: '3' });
    assert.deepEqual(p3.hits.map((h) => h.title), ['Báo cáo thống kê số 3', 'Báo cáo thống kê số 2', 'Báo cáo thống kê số 1']);
    const big = await find({ q: 'bao cao thong ke', siteId: site.id, pageSize: '20', page: 2 });
    assert.equal(big.hits.length, 3);
    assert.equal(big.pages, 2);
    const beyond = await find({ q: 'bao cao thong ke', siteId: site.id, page: 9 });
    assert.equal(beyond.total, 23);
    assert.equal(beyond.hits.length, 0);
    const seen = new Set([...p1.hits, ...(await find({ q: 'bao cao thong ke', siteId: site.id, page: 2 })).hits, ...p3.hits].map((h) => h.id));
    assert.equal(seen.size, 23, 'no hit on two pages');
    assert.deepEqual(await refusal(find({ q: 'x', page: 51 })), { page: 'search.pageTooFar' });
    assert.deepEqual(await refusal(find({ q: 'x', page: '0' })), { page: 'field.invalid' });
    assert.deepEqual(await refusal(find({ q: 'x', page: 'abc' })), { page: 'field.invalid' });
    assert.deepEqual(await refusal(find({ q: 'x', pageSize: 15 })), { pageSize: 'search.pageSize' });
  });

  /** `count` entries titled "<word> <n>", one an hour back from `newest`: enough of them to make a word common. */
  async function entries(siteId: string, word: string, count: number, newest: Date) {
    await db().execute(sql`insert into search_entries (entity_type, entity_id, site_id, title, url, published_at, tsv, title_folded)
      select 'article', gen_random_uuid(), ${siteId}, ${word} || ' ' || i, '/tin-tuc/' || ${word} || '-' || i, ${newest.toISOString()}::timestamptz - i * interval '1 hour',
        to_tsvector('simple', ${word} || ' ' || i), ${word} || ' ' || i
      from generate_series(1, ${count}) i`);
  }

  test('a word in most entries: the newest 1,000 matches are ranked, and the total says "more than 1,000"', async () => {
    const site = await makeSite(db());
    await entries(site.id, 'phobien', RANK_WINDOW + 300, new Date('2026-02-20T00:00:00Z'));
    await entry(site.id, { type: 'legal', title: 'Văn bản phobien mới nhất', publishedAt: new Date('2026-02-25T00:00:00Z') });
    const res = await find({ q: 'phobien', siteId: site.id });
    assert.equal(res.total, RANK_WINDOW);
    assert.equal(res.totalAtLeast, true);
    assert.equal(res.pages, 50);
    assert.deepEqual(res.hits.slice(0, 3).map((h) => h.title), ['Văn bản phobien mới nhất', 'phobien 1', 'phobien 2'], 'equal relevance: newest first');
    assert.deepEqual(res.facets, { article: RANK_WINDOW, legal: 1 }, 'counted among the newest 1,001 matches');
    const legal = await find({ q: 'phobien', siteId: site.id, type: 'legal' });
    assert.deepEqual([legal.total, legal.totalAtLeast, legal.hits.map((h) => h.title)], [1, false, ['Văn bản phobien mới nhất']]);
    const last = await find({ q: 'phobien', siteId: site.id, page: 50, pageSize: 20 });
    assert.equal(last.hits.at(-1)?.title, `phobien ${RANK_WINDOW - 1}`);
  });

  test('when the newest entries make a word look common but older ones hold most matches, all are still found', async () => {
    const site = await makeSite(db());
    // The newest SAMPLE_SIZE entries all match, so the estimate expects the window within a short span; it is not.
    await entries(site.id, 'xuhuong', SAMPLE_SIZE + 50, new Date('2026-02-20T00:00:00Z'));
    await entries(site.id, 'khac', RANK_WINDOW, new Date('2026-02-08T00:00:00Z'));
    await entries(site.id, 'xuhuong', RANK_WINDOW, new Date('2025-12-20T00:00:00Z'));
    const res = await find({ q: 'xuhuong', siteId: site.id, page: 50, pageSize: 20 });
    assert.equal(res.totalAtLeast, true);
    assert.equal(res.total, RANK_WINDOW);
    assert.equal(res.hits.length, 20, 'the last reachable page is full of older matches');
  });

  test('an estimate remembered from an earlier search never changes the page when the matches changed since', async () => {
    const site = await makeSite(db());
    const newest = new Date('2026-02-20T00:00:00Z');
    await entries(site.id, 'nhotam', RANK_WINDOW + 300, newest);
    assert.equal((await find({ q: 'nhotam', siteId: site.id })).totalAtLeast, true);
    // The newest 600 are withdrawn: the remembered bound now leaves the window short.
    await db().execute(sql`delete from search_entries where site_id = ${site.id} and published_at > ${newest.toISOString()}::timestamptz - interval '601 hours'`);
    const res = await find({ q: 'nhotam', siteId: site.id, page: 35, pageSize: 20 });
    assert.deepEqual([res.total, res.totalAtLeast, res.hits.at(-1)?.title], [RANK_WINDOW + 300 - 600, false, `nhotam ${RANK_WINDOW + 300}`]);
  });

  test('"did you mean" takes the spelling most of the titles use', () => {
    const titles = ['Sở Nội vụ chuyển đổi số hồ sơ', 'Chuyển đổi số toàn tỉnh', 'Quyết định về chuyển đổi số'];
    assert.equal(didYouMean(parseQuery('chuyne dio so'), titles), 'chuyển đổi số');
  });

  test('document numbers: the whole number, its number/year part, and without diacritics', async () => {
    const site = await makeSite(db());
    await entry(site.id, { title: 'Quyết định 15/2025/QĐ-UBND ban hành quy chế quản lý cổng thông tin' });
    await entry(site.id, { title: 'Quyết định 16/2025/QĐ-UBND về giá dịch vụ' });
    await entry(site.id, { title: 'Công văn hướng dẫn', body: 'Thực hiện Quyết định số 15/2025/QĐ-UBND của UBND tỉnh.' });
    for (const q of ['15/2025/QĐ-UBND', '15/2025/qd-ubnd', '15/2025']) {
      const hits = await titles({ q, siteId: site.id });
      assert.equal(hits[0], 'Quyết định 15/2025/QĐ-UBND ban hành quy chế quản lý cổng thông tin', q);
      assert.ok(!hits.includes('Quyết định 16/2025/QĐ-UBND về giá dịch vụ'), q);
    }
    assert.deepEqual((await titles({ q: '15/2025/QĐ-UBND', siteId: site.id })).length, 2, 'the body mention is found too');
    const marked = (await find({ q: '15/2025', siteId: site.id })).hits[0]!.titleSegments.filter((s) => s.hit).map((s) => s.text);
    assert.deepEqual(marked, ['15/2025']);
  });

  test('a partial word still finds the title', async () => {
    const site = await makeSite(db());
    await makeArticle(db(), { siteId: site.id, title: 'Nông thôn mới ở huyện miền núi' });
    assert.deepEqual(await titles({ q: 'nong thon mo', siteId: site.id }), ['Nông thôn mới ở huyện miền núi']);
  });

  test('a misspelt query finds nothing but suggests the right words and similar titles', async () => {
    const site = await makeSite(db());
    await makeArticle(db(), { siteId: site.id, title: 'Phòng chống thiên tai và tìm kiếm cứu nạn' });
    const res = await find({ q: 'thein tai', siteId: site.id });
    assert.equal(res.total, 0);
    assert.equal(res.suggestions?.didYouMean, 'thiên tai');
    assert.ok(res.suggestions?.titles.some((t) => t.title === 'Phòng chống thiên tai và tìm kiếm cứu nạn'));
  });

  test('a type filter that leaves nothing suggests titles of every type; a fuzzy find suggests nothing', async () => {
    const site = await makeSite(db());
    await entry(site.id, { type: 'question', title: 'Hỏi về thủ tục cấp giấy phép xây dựng nhà ở' });
    const typed = await find({ q: 'giay phep xay dung', siteId: site.id, type: 'article' });
    assert.equal(typed.total, 0);
    assert.deepEqual(typed.facets, { question: 1 });
    assert.ok(typed.suggestions?.titles.some((t) => t.title === 'Hỏi về thủ tục cấp giấy phép xây dựng nhà ở'));
    const fuzzy = await find({ q: 'giay phep xay dun', siteId: site.id });
    assert.equal(fuzzy.total, 1);
    assert.equal(fuzzy.suggestions, null);
  });

  test('an unpublished (removed) entry is no longer found', async () => {
    const site = await makeSite(db());
    const a = await makeArticle(db(), { siteId: site.id, title: 'Thông cáo báo chí về sự cố lưới điện' });
    assert.equal((await find({ q: 'su co luoi dien', siteId: site.id })).total, 1);
    await removeSearchEntry(db(), 'article', a.id);
    assert.equal((await find({ q: 'su co luoi dien', siteId: site.id })).total, 0);
  });

  test('empty, blank, operator-only and exclusion-only queries search nothing; an over-long one is refused', async () => {
    for (const q of ['', '   ', '\u200b', '" " - ! & | ( ) : *', '-abc', '<->', undefined]) {
      const res = await find({ q });
      assert.equal(res.query.searchable, false, JSON.stringify(q));
      assert.equal(res.total, 0);
      assert.equal(res.suggestions, null);
    }
    assert.deepEqual(await refusal(find({ q: 'a'.repeat(201) })), { q: 'field.tooLong' });
    assert.deepEqual(await refusal(find({ q: ['a', 'b'] })), { q: 'field.invalid' });
  });

  test("quotes, backslashes and SQL in the query are only words", async () => {
    const site = await makeSite(db());
    await makeArticle(db(), { siteId: site.id, title: "Tin drop table O'Brien" });
    assert.equal((await find({ q: "O'Brien'); drop table search_entries; --", siteId: site.id })).total, 0);
    assert.equal((await find({ q: "drop table O'Brien", siteId: site.id })).total, 1);
    assert.equal((await find({ q: '100%_\\', siteId: site.id })).total, 0);
    assert.equal((await find({ q: '15%/2025', siteId: site.id })).total, 0);
  });

  test('parseQuery keeps words, phrases, -words and document numbers apart', () => {
    const p = parseQuery('  "Dịch vụ công"  15/2025/QĐ-UBND -phí or ');
    assert.equal(p.websearch, '15/2025/QĐ-UBND "or" "Dịch vụ công" -phí');
    assert.equal(p.folded, '15/2025/qd-ubnd or dich vu cong');
    assert.deepEqual(p.numbers, ['15/2025/qd-ubnd']);
    assert.deepEqual(p.excluded, ['phí']);
    assert.equal(p.highlight, '15/2025/QĐ-UBND or "Dịch vụ công"');
  });
});
