import type { PGlite } from '@electric-sql/pglite';
import { setTimeout as idle } from 'node:timers/promises';
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
  /** How long an idle worker waits before looking for due jobs again; a busy one drains without waiting. */
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
  /** The message of the last failure, while the job waits for its retry or once it has failed for good. */
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

/** What the job row keeps of a failure: enough to show an operator, as plain JSON. */
function failureOutput(err: unknown): { name: string; message: string; stack?: string } {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: 'Error', message: String(err) };
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
  if (pollMs < 100) throw new Error('pollMs must be at least 100');
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

  const stopRequested = new AbortController();
  const running = new Set<AbortController>();

  /** Runs one claimed job and records the outcome; pg-boss turns a failure into a retry while any are left. */
  const runOne = async (job: JobDefinition, raw: JobWithMetadata<unknown>): Promise<void> => {
    const attempt = raw.retryCount + 1;
    const lastAttempt = raw.retryCount >= raw.retryLimit;
    const jobLog = log.child({ job: job.name, jobId: raw.id, attempt });
    const abort = new AbortController();
    running.add(abort);
    const timer = setTimeout(() => abort.abort(new Error(`Job ran longer than ${job.options.timeoutSeconds} s`)), job.options.timeoutSeconds * 1000);
    let failure: unknown = null;
    try {
      const payload = job.schema.safeParse(raw.data);
      if (!payload.success) throw new Error(`The stored payload does not match the job's schema: ${payload.error.message}`);
      const ctx: Ctx = { db: database.db, actor: null, now, ip: null, requestId: `job:${raw.id}`, locale: 'vi', log: jobLog as never };
      await job.handler(payload.data, { ctx, id: raw.id, attempt, lastAttempt, signal: abort.signal });
    } catch (err) {
      failure = err ?? new Error('The job failed without an error');
    } finally {
      clearTimeout(timer);
      running.delete(abort);
    }
    try {
      // Settling by attempt, not by id: if this run outlived its timeout and was claimed again, the late
      // result of the old run must not settle the new one.
      const attemptRef = { id: raw.id, retryCount: raw.retryCount };
      if (failure === null) {
        await boss.complete(job.name, attemptRef);
        return;
      }
      if (lastAttempt) jobLog.error({ err: failure }, 'job failed');
      else jobLog.warn({ err: failure }, 'job attempt failed; it will be retried');
      await boss.fail(job.name, attemptRef, failureOutput(failure));
    } catch (err) {
      jobLog.error({ err }, 'could not record the outcome of a job; it will be retried when its timeout passes');
    }
  };

  /** One slot: take a due job, run it, and look again at once; when none is due, wait pollMs. */
  const slot = async (job: JobDefinition): Promise<void> => {
    while (!stopRequested.signal.aborted) {
      let raw: JobWithMetadata<unknown> | undefined;
      try {
        [raw] = await boss.fetch(job.name, { batchSize: 1, includeMetadata: true });
      } catch (err) {
        log.error({ err, job: job.name }, 'could not fetch jobs');
      }
      // A job claimed just as stop() was called still runs: leaving it would strand it until its timeout.
      if (raw) await runOne(job, raw);
      else await idle(pollMs, undefined, { signal: stopRequested.signal }).catch(() => {});
    }
  };

  const slots = work ? handlers.flatMap((job) => Array.from({ length: concurrency }, () => slot(job))) : [];
  const stopTimeoutMs = options.stopTimeoutMs ?? 30_000;

  let stopping: Promise<void> | null = null;
  return {
    stop: () =>
      (stopping ??= (async () => {
        unregister();
        stopRequested.abort();
        let timer: NodeJS.Timeout | undefined;
        const gaveUp = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), stopTimeoutMs)));
        const outcome = await Promise.race([Promise.all(slots), gaveUp]);
        clearTimeout(timer);
        if (outcome === 'timeout') {
          log.warn({ running: running.size }, 'stopping the job worker without waiting longer for running jobs');
          for (const r of running) r.abort(new Error('The worker is stopping'));
        }
        await boss.stop({ graceful: false, close: true });
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
