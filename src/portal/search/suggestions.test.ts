import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Database } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/client.js';
import { createLogger } from '../../platform/logger.js';
import { openTestDatabase } from '../../../test/support/db.js';
import { makeArticle, makeSite } from '../../../test/support/portal-factories.js';
import { indexSearchEntry, removeSearchEntry } from './search-index.js';
import { search } from './search.js';
import { oneEditAway } from './suggestions.js';

describe('search suggestions from the words of the titles', () => {
  let database: Database;
  const db = () => database.db;
  const ctx = (): Ctx => ({ db: db(), actor: null, now: () => new Date('2026-03-02T02:00:00Z'), ip: null, requestId: null, locale: 'vi', log: createLogger('silent') as never });
  const find = (input: Record<string, unknown>) => search(ctx(), input);
  const count = async (word: string) =>
    (await queryRows<{ entries: number }>(db(), sql`select entries from search_words where word = ${word}`))[0]?.entries ?? 0;

  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  async function legal(siteId: string, title: string, id = randomUUID()) {
    await indexSearchEntry(db(), { entityType: 'legal', entityId: id, siteId, title, url: `/van-ban/${id}`, publishedAt: new Date('2026-02-01T02:00:00Z') });
    return id;
  }

  test('the word list follows publishing, a changed title and withdrawal, counting titles, not occurrences', async () => {
    const site = await makeSite(db());
    const a = await legal(site.id, 'Thác Bản Giốc đón khách, Bản Giốc mùa nước');
    assert.equal(await count('gioc'), 1);
    assert.equal(await count('ban'), 1);
    const b = await legal(site.id, 'Du lịch Bản Giốc');
    assert.equal(await count('gioc'), 2);
    await legal(site.id, 'Du lịch Pác Bó', b);
    assert.equal(await count('gioc'), 1);
    assert.equal(await count('pac'), 1);
    await removeSearchEntry(db(), 'legal', a);
    await removeSearchEntry(db(), 'legal', b);
    assert.equal(await count('gioc'), 0);
    const left = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from search_words where word in ('gioc', 'pac', 'thac')`);
    assert.equal(left[0]?.n, 0, 'words of no title are removed');
  });

  test('a misspelt Vietnamese query (swapped and missing letters, no diacritics) suggests the words and titles', async () => {
    const site = await makeSite(db());
    await makeArticle(db(), { siteId: site.id, title: 'Đẩy mạnh chuyển đổi số ở cấp xã' });
    await makeArticle(db(), { siteId: site.id, title: 'Chuyển đổi số trong y tế' });
    const res = await find({ q: 'chuyne dio so' });
    assert.equal(res.total, 0);
    assert.equal(res.suggestions?.didYouMean, 'chuyển đổi số');
    assert.ok(res.suggestions?.titles.some((t) => t.title === 'Chuyển đổi số trong y tế'));
    assert.equal((await find({ q: 'chuyen doi so o cap xa' })).total, 1, 'the suggested words find the title');
  });

  test('a word nothing resembles is left out of the suggestion; a withdrawn title is no longer suggested', async () => {
    const site = await makeSite(db());
    const id = await legal(site.id, 'Lễ hội Lồng tồng xã Quảng Uyên');
    const res = await find({ q: 'long tongg qzxv' });
    assert.equal(res.total, 0);
    assert.equal(res.suggestions?.didYouMean, 'lồng tồng qzxv');
    assert.deepEqual(res.suggestions?.titles.map((t) => t.title), ['Lễ hội Lồng tồng xã Quảng Uyên']);
    await removeSearchEntry(db(), 'legal', id);
    const after = await find({ q: 'long tongg qzxv' });
    assert.deepEqual(after.suggestions?.titles, []);
  });

  test('oneEditAway: letters left out, added, changed and swapped', () => {
    const v = oneEditAway('thein');
    for (const w of ['thien', 'then', 'theinh', 'thain']) assert.ok(v.includes(w), w);
    assert.ok(!v.includes('thein'));
  });
});
