import type { PGlite } from '@electric-sql/pglite';
import { fromPglite, type JobWithMetadata, PgBoss, type QueuePolicy } from 'pg-boss';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Ctx } from '../context.js';
import type { Database } from '../db/client.js';
import type { JobDefinition } from './define-job.js';
import { registerSender } from './enqueue.js';

/** Every schedule is read in the province's time: "0 7 * * 1-5" is 07:00 in Hà Nội, not UTC. */
export const SCHEDULE_TIMEZONE = 'Asia/Ho_Chi_Minh';

export type Schedule = {
  job: JobDefinition;
  /** Five-field cron expression. */
  cron: string;
  payload?: object;
};

export type WorkerOptions = {
  database: Database;
  log: Logger;
  /** Every job this process enqueues or runs. */
  handlers: JobDefinition[];
  schedules?: Schedule[];
  /** How often an idle worker looks for due jobs; new jobs also wake it at once. At least 500. */
  pollMs?: number;
  /** Jobs of one kind run at the same time in this process. Keep 1 on the embedded database. */
  concurrency?: number;
  /** False for a process that only enqueues (another process runs the jobs and the schedules). */
  work?: boolean;
  /** How long stop() lets running jobs finish; after that they are failed and, retries permitting, run again later. */
  stopTimeoutMs?: number;
  /** The clock handlers see in ctx.now; tests pass their own. */
  now?: () => Date;
};

export type JobStatus = {
  id: string;
  name: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  /** Runs started so far. */
  attempts: number;
  runAt: Date;
  completedOn: Date | null;
  /** The message of the last failure, kept when the job has failed for good. */
  error: string | null;
};

export type Worker = {
  /** Stops fetching, waits for running jobs to finish, and returns when idle. Safe to call twice. */
  stop(): Promise<void>;
  status(job: JobDefinition, id: string): Promise<JobStatus | null>;
  /** The schedules stored for this worker's jobs. */
  schedules(): Promise<{ name: string; cron: string; timezone: string }[]>;
};

/** PostgreSQL needs only a few connections for the queue itself; handlers use the application's pool. */
const QUEUE_POOL_SIZE = 3;
const NO_JOB = '00000000-0000-0000-0000-000000000000';

function driverClient(database: Database): unknown {
  return (database.db as unknown as { $client: unknown }).$client;
}

function createBoss(database: Database, opts: { work: boolean; scheduling: boolean }): PgBoss {
  const common = {
    schema: 'pgboss',
    migrate: true,
    supervise: opts.work,
    schedule: opts.scheduling,
    useListenNotify: true,
  };
  if (database.engine === 'pglite') {
    // The queue shares the embedded database's one connection; PGlite queues every statement, so the
    // queue's statements simply wait while a request's transaction runs.
    return new PgBoss({ ...common, db: fromPglite(driverClient(database) as PGlite), backend: 'pglite' });
  }
  const pool = driverClient(database) as pg.Pool;
  const { connectionString, ssl } = pool.options as pg.PoolConfig;
  return new PgBoss({ ...common, connectionString, ssl, max: QUEUE_POOL_SIZE, application_name: 'congso-jobs' });
}

function policyOf(job: JobDefinition): QueuePolicy {
  return job.options.dedupe ? 'short' : 'standard';
}

function queueOptions(job: JobDefinition) {
  return {
    retryLimit: job.options.retryLimit,
    retryDelay: job.options.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: job.options.retryDelayMaxSeconds,
    expireInSeconds: job.options.timeoutSeconds,
    notify: true,
  };
}

/** Creates missing queues and brings existing ones to the job's current retry settings. */
async function ensureQueues(boss: PgBoss, jobs: JobDefinition[]): Promise<void> {
  for (const job of jobs) {
    const existing = await boss.getQueue(job.name);
    if (!existing) {
      await boss.createQueue(job.name, { ...queueOptions(job), policy: policyOf(job) });
      continue;
    }
    if (existing.policy !== policyOf(job)) {
      throw new Error(
        `Job ${job.name}: its queue holds policy ${existing.policy}, the definition wants ${policyOf(job)}; ` +
          'a queue policy cannot change in place, give the job a new name',
      );
    }
    await boss.updateQueue(job.name, queueOptions(job));
  }
  // Load each queue into pg-boss's cache now: a cache miss inside enqueue would query outside the caller's
  // transaction, which on the embedded database waits for that same transaction and never returns.
  for (const job of jobs) await boss.getJobById(job.name, NO_JOB);
}

/** Adds the wanted schedules and removes schedules of these jobs that are no longer wanted. */
async function reconcileSchedules(boss: PgBoss, jobs: JobDefinition[], schedules: Schedule[]): Promise<void> {
  const names = new Set(jobs.map((j) => j.name));
  const wanted = new Map<string, Schedule>();
  for (const s of schedules) {
    if (!names.has(s.job.name)) throw new Error(`Schedule for ${s.job.name}: the job is not among the worker's handlers`);
    if (wanted.has(s.job.name)) throw new Error(`Job ${s.job.name} has two schedules; give it one`);
    s.job.schema.parse(s.payload ?? {});
    wanted.set(s.job.name, s);
  }
  for (const existing of await boss.getSchedules()) {
    if (names.has(existing.name) && !wanted.has(existing.name)) await boss.unschedule(existing.name, existing.key);
  }
  for (const s of wanted.values()) {
    await boss.schedule(s.job.name, s.cron, s.payload ?? {}, { tz: SCHEDULE_TIMEZONE });
  }
}

function errorMessage(output: unknown): string | null {
  if (output && typeof output === 'object' && 'message' in output && typeof output.message === 'string') return output.message;
  return null;
}

/**
 * Starts the background job queue on the application's database: installs or upgrades the queue's own
 * tables (schema `pgboss`, managed by pg-boss, not by our migrations), creates a queue per job, registers
 * the schedules, and runs the handlers. The returned worker is also what `enqueue` uses in this process.
 */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { database, handlers, log } = options;
  const work = options.work ?? true;
  const schedules = options.schedules ?? [];
  const pollMs = options.pollMs ?? 2000;
  const concurrency = options.concurrency ?? 1;
  const now = options.now ?? (() => new Date());
  if (pollMs < 500) throw new Error('pollMs must be at least 500');
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a whole number ≥ 1');
  const byName = new Map<string, JobDefinition>();
  for (const job of handlers) {
    if (byName.has(job.name)) throw new Error(`Two jobs are named ${job.name}`);
    byName.set(job.name, job);
  }

  const boss = createBoss(database, { work, scheduling: work && schedules.length > 0 });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  boss.on('warning', (warning) => log.warn({ warning }, 'job queue warning'));
  await boss.start();
  try {
    await ensureQueues(boss, handlers);
    if (work) await reconcileSchedules(boss, handlers, schedules);
  } catch (err) {
    await boss.stop({ graceful: false, close: true });
    throw err;
  }
  const unregister = registerSender({ boss, names: new Set(byName.keys()) });

  const run = async (job: JobDefinition, raw: JobWithMetadata<unknown>): Promise<void> => {
    const attempt = raw.retryCount + 1;
    const lastAttempt = raw.retryCount >= raw.retryLimit;
    const jobLog = log.child({ job: job.name, jobId: raw.id, attempt });
    try {
      const payload = job.schema.safeParse(raw.data);
      if (!payload.success) throw new Error(`The stored payload does not match the job's schema: ${payload.error.message}`);
      const ctx: Ctx = { db: database.db, actor: null, now, ip: null, requestId: `job:${raw.id}`, locale: 'vi', log: jobLog as never };
      await job.handler(payload.data, { ctx, id: raw.id, attempt, lastAttempt, signal: raw.signal });
    } catch (err) {
      if (lastAttempt) jobLog.error({ err }, 'job failed');
      else jobLog.warn({ err }, 'job attempt failed; it will be retried');
      throw err;
    }
  };

  if (work) {
    for (const job of handlers) {
      await boss.work(
        job.name,
        { pollingIntervalSeconds: pollMs / 1000, batchSize: 1, localConcurrency: concurrency, includeMetadata: true },
        async ([raw]) => {
          if (raw) await run(job, raw);
        },
      );
    }
  }

  let stopping: Promise<void> | null = null;
  return {
    stop: () =>
      (stopping ??= (async () => {
        unregister();
        await boss.stop({ graceful: true, close: true, timeout: options.stopTimeoutMs ?? 30_000 });
      })()),
    async status(job, id) {
      const raw = await boss.getJobById(job.name, id);
      if (!raw) return null;
      return {
        id: raw.id,
        name: raw.name,
        state: raw.state,
        attempts: raw.startedOn ? raw.retryCount + 1 : raw.retryCount,
        runAt: raw.startAfter,
        completedOn: raw.completedOn,
        error: raw.state === 'failed' || raw.state === 'retry' ? errorMessage(raw.output) : null,
      };
    },
    async schedules() {
      const rows = await boss.getSchedules();
      return rows.filter((r) => byName.has(r.name)).map((r) => ({ name: r.name, cron: r.cron, timezone: r.timezone }));
    },
  };
}
