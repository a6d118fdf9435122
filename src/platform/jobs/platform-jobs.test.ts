import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../db/client.js';
import { createSession } from '../auth/sessions.js';
import { createLogger } from '../logger.js';
import { sessions } from '../schema.js';
import { openTestDatabase } from '../../../test/support/db.js';
import { makeOfficial } from '../../../test/support/factories.js';
import { platformJobs, platformSchedules, purgeExpiredSessionsJob } from './platform-jobs.js';
import { startWorker } from './worker.js';

const log = createLogger('silent');
const policy = { idleMinutes: 30, maxHours: 8 };

describe('platform jobs', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  test('purging expired sessions removes only the sessions past their end', async () => {
    const user = await makeOfficial(database.db);
    const now = new Date('2026-03-02T09:00:00Z');
    const base = { userId: user.id, stage: 'active' as const, mfaVerified: true, ip: '10.0.0.1', userAgent: null, policy };
    const old = await createSession(database.db, { ...base, now: new Date(now.getTime() - 9 * 3600_000) });
    const fresh = await createSession(database.db, { ...base, now: new Date(now.getTime() - 3600_000) });
    const ctx = { db: database.db, actor: null, now: () => now, ip: null, requestId: 'job:test', locale: 'vi' as const, log: log as never };
    await purgeExpiredSessionsJob.handler({}, { ctx, id: 'test', attempt: 1, lastAttempt: false, signal: new AbortController().signal });
    const left = (await database.db.select({ id: sessions.id }).from(sessions)).map((s) => s.id);
    assert.ok(left.includes(fresh.id));
    assert.ok(!left.includes(old.id));
  });

  test('the platform schedule purges sessions every hour, in Vietnam time', async () => {
    const worker = await startWorker({ database, log, handlers: platformJobs, schedules: platformSchedules });
    try {
      assert.deepEqual(await worker.schedules(), [{ name: 'platform.purge-expired-sessions', cron: '17 * * * *', timezone: 'Asia/Ho_Chi_Minh' }]);
    } finally {
      await worker.stop();
    }
  });
});
