import type { z } from 'zod';
import type { Ctx } from '../context.js';

/** What a handler knows about the run: a system context (no actor) and which attempt this is. */
export type JobRun = {
  ctx: Ctx;
  id: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  /** True when a failure now marks the job failed instead of retrying it. */
  lastAttempt: boolean;
  /** Aborted when the run times out or the worker gives up waiting for it at shutdown. */
  signal: AbortSignal;
};

export type JobHandler<T> = (payload: T, run: JobRun) => Promise<void>;

export type JobOptions = {
  /** Retries after the first failure; 0 fails the job at once. */
  retryLimit?: number;
  /** Wait before the first retry; it doubles on each later one (with jitter), up to retryDelayMaxSeconds. */
  retryDelaySeconds?: number;
  retryDelayMaxSeconds?: number;
  /** A run still active after this long counts as failed (the process died or hung) and is retried. */
  timeoutSeconds?: number;
  /**
   * While a job with the same singletonKey is still waiting, enqueue adds no second one and returns null.
   * Jobs enqueued without a key share one empty key, so at most one of them waits at a time.
   */
  dedupe?: boolean;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  readonly name: string;
  readonly schema: S;
  readonly handler: JobHandler<z.output<S>>;
  readonly options: Readonly<Required<JobOptions>>;
};

/**
 * What filing a job needs to know about it. A process that only enqueues need not hold the handler or its
 * dependencies (a mailer, a key), only the job's name and payload shape.
 */
export type JobRef<S extends z.ZodType = z.ZodType> = {
  readonly name: string;
  readonly schema: S;
  readonly options: { readonly dedupe: boolean };
};

/** Dotted lower-case words, e.g. `platform.purge-expired-sessions`, so names read the same in logs and SQL. */
const NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

export const DEFAULT_JOB_OPTIONS: Required<JobOptions> = {
  retryLimit: 3,
  retryDelaySeconds: 30,
  retryDelayMaxSeconds: 3600,
  timeoutSeconds: 900,
  dedupe: false,
};

/**
 * Declares a kind of background job. The payload is checked against the schema when it is enqueued and
 * again before the handler runs. Runs are at-least-once (a crash after the handler's own transaction
 * committed runs it again), so handlers must be idempotent.
 */
export function defineJob<S extends z.ZodType>(
  name: string,
  schema: S,
  handler: JobHandler<z.output<S>>,
  options: JobOptions = {},
): JobDefinition<S> {
  if (!NAME.test(name)) throw new Error(`Job name "${name}" must be dotted lower-case words, e.g. "area.do-something"`);
  const merged = { ...DEFAULT_JOB_OPTIONS, ...options };
  if (!Number.isInteger(merged.retryLimit) || merged.retryLimit < 0) throw new Error(`Job ${name}: retryLimit must be a whole number ≥ 0`);
  if (!Number.isInteger(merged.retryDelaySeconds) || merged.retryDelaySeconds < 1) throw new Error(`Job ${name}: retryDelaySeconds must be a whole number ≥ 1`);
  if (merged.retryDelayMaxSeconds < merged.retryDelaySeconds) throw new Error(`Job ${name}: retryDelayMaxSeconds is below retryDelaySeconds`);
  if (!Number.isInteger(merged.timeoutSeconds) || merged.timeoutSeconds < 1) throw new Error(`Job ${name}: timeoutSeconds must be a whole number ≥ 1`);
  return Object.freeze({ name, schema, handler, options: Object.freeze(merged) });
}

/**
 * The payload as it will be stored: valid for the schema and unchanged by the trip through JSON, so a
 * schema that accepts a Date (which jsonb turns into a string) fails when the job is enqueued, not
 * when it runs.
 */
export function storedPayload<S extends z.ZodType>(job: JobRef<S>, payload: z.input<S>): object {
  const parsed = job.schema.parse(payload);
  const json: unknown = JSON.parse(JSON.stringify(parsed ?? null));
  const again = job.schema.safeParse(json);
  if (!again.success) throw new Error(`Job ${job.name}: the payload does not survive JSON storage (${again.error.message})`);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error(`Job ${job.name}: the payload must be an object`);
  return json;
}
