import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../platform/db/client.js';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/client.js';
import { engine, openTestDatabase } from '../../../test/support/db.js';
import { PAGE_CACHE_CHANNEL, invalidatePages } from './invalidate-pages.js';

/** Resolves with the next batch of tags that arrives, or rejects after a bound so a lost message fails the test. */
function nextMessages(received: string[][], count: number, timeoutMs = 5000): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (received.length >= count) return resolve(received.splice(0, count));
      if (Date.now() - started > timeoutMs) return reject(new Error(`expected ${count} notifications, got ${received.length}`));
      setImmediate(check);
    };
    check();
  });
}

describe('page invalidations across processes', () => {
  let database: Database;
  let stop: () => Promise<void>;
  const received: string[][] = [];
  let resets = 0;

  before(async () => {
    database = await openTestDatabase();
    stop = await database.listen(PAGE_CACHE_CHANNEL, (p) => received.push(JSON.parse(p) as string[]), () => resets++);
  });
  after(async () => {
    await stop();
    await database.close();
  });

  test('arrive once the changing transaction commits', async () => {
    await database.db.transaction(async (tx) => {
      await invalidatePages(tx, ['article:1', 'site-lists:s', 'article:1']);
      // Nothing is delivered before the commit, so a reader cannot refill the cache with the old version.
      await new Promise((r) => setImmediate(r));
      assert.equal(received.length, 0);
    });
    assert.deepEqual(await nextMessages(received, 1), [['article:1', 'site-lists:s']]);
  });

  test('never arrive for a change that rolls back', async () => {
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await invalidatePages(tx, ['article:rolled-back']);
        throw new Error('abandon');
      }),
      /abandon/,
    );
    await invalidatePages(database.db, ['article:marker']);
    assert.deepEqual(await nextMessages(received, 1), [['article:marker']]);
  });

  test('split many tags into notifications under the size limit', async () => {
    const tags = Array.from({ length: 600 }, (_, i) => `article:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    await invalidatePages(database.db, tags);
    // 600 tags of 45 characters make about 28 KB: five notifications of at most 7,000 bytes each.
    const batches = await nextMessages(received, 5);
    assert.deepEqual(batches.flat(), tags);
    assert.ok(batches.every((b) => Buffer.byteLength(JSON.stringify(b)) <= 7000));
    assert.equal(resets, 0);
  });

  test('a lost listening connection resets the cache and listening resumes', { skip: engine !== 'postgres' && 'PGlite has no separate listening connection to lose' }, async () => {
    const before = resets;
    await database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and query ilike 'LISTEN%'`);
    // One reset when the connection drops, one when it is back (messages may have been missed in between).
    for (let i = 0; i < 200 && resets < before + 2; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(resets, before + 2);
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%'`);
    assert.equal(row!.n, 1);
    await invalidatePages(database.db, ['article:after-reconnect']);
    assert.deepEqual(await nextMessages(received, 1), [['article:after-reconnect']]);
  });
});
