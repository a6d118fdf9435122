import type { PgBoss } from 'pg-boss';
import type { z } from 'zod';
import { type Tx, preparedRows } from '../db/client.js';
import { type JobRef, storedPayload } from './define-job.js';

export type EnqueueOptions = {
  /** Not before this moment (the database's clock decides). */
  runAt?: Date;
  /** Only for jobs defined with `dedupe`: a second job with the same key is not added while one waits. */
  singletonKey?: string;
  /** Overrides the job's retryLimit for this one job. */
  retryLimit?: number;
};

/** A started queue that can file jobs of these names; the newest one started wins. */
type Sender = { boss: PgBoss; names: ReadonlySet<string> };
const senders: Sender[] = [];

/**
 * The process's running queue is found here rather than passed to every use case: a process has one
 * database, and the queue only lends its knowledge of the job tables — the SQL itself runs on the
 * caller's transaction.
 */
export function registerSender(sender: Sender): () => void {
  senders.push(sender);
  return () => {
    const i = senders.indexOf(sender);
    if (i >= 0) senders.splice(i, 1);
  };
}

/**
 * Files a job inside the caller's transaction, so it commits or rolls back with the change that caused it.
 * Returns the job id, or null when a `dedupe` job with the same key is already waiting.
 */
export async function enqueue<S extends z.ZodType>(
  tx: { db: Tx },
  job: JobRef<S>,
  payload: z.input<S>,
  options: EnqueueOptions = {},
): Promise<string | null> {
  if (typeof (tx.db as Partial<Tx>).rollback !== 'function') {
    throw new Error(`enqueue(${job.name}) must run inside inTransaction, so the job commits or rolls back with the change`);
  }
  const sender = senders.findLast((s) => s.names.has(job.name));
  if (!sender) throw new Error(`No job queue started in this process knows the job ${job.name}; list it in startWorker({ handlers })`);
  if (options.singletonKey !== undefined && !job.options.dedupe) {
    throw new Error(`Job ${job.name} is not defined with dedupe, so a singletonKey would be ignored`);
  }
  if (options.runAt !== undefined && Number.isNaN(options.runAt.getTime())) throw new Error(`Job ${job.name}: runAt is not a valid date`);
  if (options.retryLimit !== undefined && (!Number.isInteger(options.retryLimit) || options.retryLimit < 0)) {
    throw new Error(`Job ${job.name}: retryLimit must be a whole number ≥ 0`);
  }
  // The queue was looked up when the worker started, so send() touches only the transaction: on the
  // single-connection embedded database any other query would wait for this transaction forever.
  // pg-boss checks the presence of an option, not its value, so absent options must be left out.
  return sender.boss.send(job.name, storedPayload(job, payload), {
    db: onTransaction(tx.db),
    ...(options.runAt && { startAfter: options.runAt }),
    ...(options.singletonKey !== undefined && { singletonKey: options.singletonKey }),
    ...(options.retryLimit !== undefined && { retryLimit: options.retryLimit }),
  });
}

/** Names of pg-boss's statements, one per text: a queue's insert is the same text every time. */
const statementNames = new Map<string, string>();

/**
 * pg-boss's statements on the caller's transaction, each as a named statement: a submission files its mail with
 * the same insert every time, which PostgreSQL then parses and plans once per connection.
 */
function onTransaction(db: Tx): { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> } {
  return {
    async executeSql(text, values) {
      let name = statementNames.get(text);
      if (!name) statementNames.set(text, (name = `pgboss_${statementNames.size}`));
      return { rows: await preparedRows(db, name, text, values) };
    },
  };
}
