import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { type Database, openPostgres } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import { createLogger } from '../logger.js';
import { settings } from '../schema.js';
import { engine, openTestDatabase } from '../../../test/support/db.js';
import { defineJob, type JobRun } from './define-job.js';
import { enqueue } from './enqueue.js';
import { type Worker, type WorkerOptions, startWorker } from './worker.js';

const log = createLogger('silent');

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Waits for an event, failing the test with a readable reason instead of hanging it. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('background jobs', () => {
  let database: Database;
  const workers: Worker[] = [];
  let names = 0;
  /** Each test gets its own job names, so tests sharing the database never see each other's jobs. */
  const jobName = (what: string) => `test.${what}-${++names}`;

  const ctx = (): Ctx => ({ db: database.db, actor: null, now: () => new Date(), ip: null, requestId: 'test', locale: 'vi', log: log as never });
  const start = async (opts: Partial<WorkerOptions> & Pick<WorkerOptions, 'handlers'>): Promise<Worker> => {
    const w = await startWorker({ database, log, pollMs: 200, ...opts });
    workers.push(w);
    return w;
  };

  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    for (const w of workers) await w.stop();
    await database.close();
  });

  test('runs a job enqueued in a committed transaction exactly once, and never one whose transaction rolled back', async () => {
    const seen: string[] = [];
    const ran = deferred();
    const job = defineJob(jobName('record'), z.object({ label: z.string() }), async ({ label }) => {
      seen.push(label);
      ran.resolve();
    });
    const worker = await start({ handlers: [job] });
    const hostile = `'); drop table users; -- <script>alert("x")</script> Đắk Lắk`;

    let rolledBackId: string | null = null;
    await assert.rejects(
      inTransaction(ctx(), async (tx) => {
        await tx.db.insert(settings).values({ key: 'jobs.test.rolled-back', value: '1' });
        rolledBackId = await enqueue(tx, job, { label: 'rolled back' });
        throw new Error('the change fails after the job was filed');
      }),
      /the change fails/,
    );
    const id = await inTransaction(ctx(), async (tx) => {
      await tx.db.insert(settings).values({ key: 'jobs.test.committed', value: '1' });
      return enqueue(tx, job, { label: hostile });
    });
    assert.ok(id);
    assert.ok(rolledBackId, 'the rolled-back transaction did file a job before it failed');

    await within(ran.promise, 10_000, 'the committed job');
    await worker.stop();
    assert.deepEqual(seen, [hostile], 'the payload arrives verbatim, once, and the rolled-back job never runs');
    const inspector = await start({ handlers: [job], work: false });
    assert.equal((await inspector.status(job, id))?.state, 'completed');
    assert.equal((await inspector.status(job, id))?.attempts, 1);
    assert.equal(await inspector.status(job, rolledBackId), null);
    assert.equal((await database.db.select().from(settings).where(eq(settings.key, 'jobs.test.rolled-back'))).length, 0);
  });

  test('retries a failing handler with doubling delays, then marks the job failed with its error', async () => {
    const runs: { attempt: number; lastAttempt: boolean; at: number }[] = [];
    const third = deferred();
    const job = defineJob(
      jobName('flaky'),
      z.object({}),
      async (_p, run: JobRun) => {
        runs.push({ attempt: run.attempt, lastAttempt: run.lastAttempt, at: Date.now() });
        if (runs.length === 3) third.resolve();
        throw new Error(`Máy chủ thư không trả lời (lần ${run.attempt})`);
      },
      { retryLimit: 2, retryDelaySeconds: 1 },
    );
    const worker = await start({ handlers: [job] });
    const id = await inTransaction(ctx(), (tx) => enqueue(tx, job, {}));
    assert.ok(id);
    await within(third.promise, 30_000, 'the third attempt');
    await worker.stop();

    assert.deepEqual(
      runs.map((r) => [r.attempt, r.lastAttempt]),
      [
        [1, false],
        [2, false],
        [3, true],
      ],
    );
    // The first retry waits at least 1 s, the second at least 2 s (plus jitter), never less.
    assert.ok(runs[1]!.at - runs[0]!.at >= 990, `first retry after ${runs[1]!.at - runs[0]!.at} ms`);
    assert.ok(runs[2]!.at - runs[1]!.at >= 1990, `second retry after ${runs[2]!.at - runs[1]!.at} ms`);
    const inspector = await start({ handlers: [job], work: false });
    const status = await inspector.status(job, id);
    assert.equal(status?.state, 'failed');
    assert.equal(status?.attempts, 3);
    assert.equal(status?.error, 'Máy chủ thư không trả lời (lần 3)');
  });

  test('does not run a job before its runAt', async () => {
    const started = new Map<string, number>();
    const nowDone = deferred();
    const laterDone = deferred();
    const job = defineJob(jobName('timed'), z.object({ which: z.enum(['later', 'now']) }), async ({ which }) => {
      started.set(which, Date.now());
      (which === 'now' ? nowDone : laterDone).resolve();
    });
    await start({ handlers: [job] });
    const runAt = new Date(Date.now() + 1500);
    const farFuture = new Date(Date.now() + 3600_000);
    // Filed first, so a queue that ignored runAt would run it before the immediate one.
    const [laterId, , farId] = await inTransaction(ctx(), async (tx) => [
      await enqueue(tx, job, { which: 'later' }, { runAt }),
      await enqueue(tx, job, { which: 'now' }),
      await enqueue(tx, job, { which: 'later' }, { runAt: farFuture }),
    ]);
    await within(nowDone.promise, 10_000, 'the immediate job');
    assert.equal(started.has('later'), false);
    await within(laterDone.promise, 10_000, 'the delayed job');
    assert.ok(started.get('later')! >= runAt.getTime() - 5, 'the delayed job started at or after its runAt');
    const inspector = await start({ handlers: [job], work: false });
    assert.equal((await inspector.status(job, laterId!))?.runAt.getTime(), runAt.getTime());
    assert.equal((await inspector.status(job, farId!))?.state, 'created');
  });

  test('stop() waits for the running job to finish and record its result', async () => {
    const events: string[] = [];
    const running = deferred();
    const release = deferred();
    const job = defineJob(jobName('slow'), z.object({}), async () => {
      running.resolve();
      await release.promise;
      events.push('job finished');
    });
    const worker = await start({ handlers: [job] });
    const id = await inTransaction(ctx(), (tx) => enqueue(tx, job, {}));
    await within(running.promise, 10_000, 'the job to start');
    const stopped = worker.stop().then(() => events.push('worker stopped'));
    await nextTurn();
    assert.deepEqual(events, [], 'stop() has not returned while the job runs');
    release.resolve();
    await within(stopped, 15_000, 'stop()');
    assert.deepEqual(events, ['job finished', 'worker stopped']);
    const inspector = await start({ handlers: [job], work: false });
    assert.equal((await inspector.status(job, id!))?.state, 'completed');
  });

  test('loses no job and runs none twice with two workers taking from one queue', async () => {
    const total = 200;
    const runs: string[] = [];
    const all = deferred();
    const job = defineJob(jobName('shared'), z.object({ n: z.number().int() }), async ({ n }) => {
      runs.push(String(n));
      if (new Set(runs).size === total) all.resolve();
    });
    // On PostgreSQL the second worker gets its own connection pool, as a second process would.
    const second = engine === 'postgres' ? await openPostgres(connectionString(database), { max: 3 }) : database;
    try {
      const a = await start({ handlers: [job], concurrency: 2 });
      const b = await startWorker({ database: second, log, handlers: [job], pollMs: 200, concurrency: 2 });
      for (let batch = 0; batch < total / 20; batch++) {
        await inTransaction(ctx(), async (tx) => {
          for (let i = 0; i < 20; i++) await enqueue(tx, job, { n: batch * 20 + i });
        });
      }
      await within(all.promise, 30_000, `all ${total} jobs`);
      await Promise.all([a.stop(), b.stop()]);
    } finally {
      if (second !== database) await second.close();
    }
    assert.equal(runs.length, total, 'every job ran exactly once');
    assert.deepEqual([...new Set(runs)].sort(), Array.from({ length: total }, (_, i) => String(i)).sort());
  });

  test('refuses to enqueue outside a transaction, an unknown job, a bad payload, or a key the job ignores', async () => {
    const job = defineJob(jobName('strict'), z.object({ email: z.email() }), async () => {});
    const unknown = defineJob(jobName('unknown'), z.object({}), async () => {});
    const dated = defineJob(jobName('dated'), z.object({ when: z.date() }), async () => {});
    await start({ handlers: [job, dated], work: false });
    await assert.rejects(enqueue(ctx() as never, job, { email: 'a@b.vn' }), /inside inTransaction/);
    await assert.rejects(inTransaction(ctx(), (tx) => enqueue(tx, unknown, {})), /knows the job/);
    await assert.rejects(inTransaction(ctx(), (tx) => enqueue(tx, job, { email: 'không phải email' })));
    await assert.rejects(inTransaction(ctx(), (tx) => enqueue(tx, job, { email: 'a@b.vn' }, { singletonKey: 'k' })), /dedupe/);
    await assert.rejects(inTransaction(ctx(), (tx) => enqueue(tx, dated, { when: new Date() })), /does not survive JSON/);
  });

  test('a dedupe job is filed once per key while one waits', async () => {
    const job = defineJob(jobName('once'), z.object({ dossier: z.string() }), async () => {}, { dedupe: true });
    const inspector = await start({ handlers: [job], work: false });
    const ids = await inTransaction(ctx(), async (tx) => [
      await enqueue(tx, job, { dossier: 'A' }, { singletonKey: 'A' }),
      await enqueue(tx, job, { dossier: 'A' }, { singletonKey: 'A' }),
      await enqueue(tx, job, { dossier: 'B' }, { singletonKey: 'B' }),
    ]);
    assert.ok(ids[0]);
    assert.equal(ids[1], null);
    assert.ok(ids[2]);
    assert.equal((await inspector.status(job, ids[0]))?.state, 'created');
  });

  test('stores schedules in Vietnam time and removes those no longer wanted', async () => {
    const job = defineJob(jobName('hourly'), z.object({}), async () => {});
    const first = await start({ handlers: [job], schedules: [{ job, cron: '0 * * * *' }] });
    assert.deepEqual(await first.schedules(), [{ name: job.name, cron: '0 * * * *', timezone: 'Asia/Ho_Chi_Minh' }]);
    await first.stop();
    const second = await start({ handlers: [job], schedules: [] });
    assert.deepEqual(await second.schedules(), []);
  });
});

function connectionString(database: Database): string {
  const pool = (database.db as unknown as { $client: { options: { connectionString: string } } }).$client;
  return pool.options.connectionString;
}
