import type { Ctx } from '../context.js';
import type { Tx } from './client.js';

/**
 * Runs work in one transaction with a context bound to it, so a state change, its audit entry and its jobs
 * commit or roll back together. Nested calls reuse the outer transaction.
 */
export async function inTransaction<T>(ctx: Ctx, work: (tx: Ctx & { db: Tx }) => Promise<T>): Promise<T> {
  if (isTx(ctx.db)) return work(ctx as Ctx & { db: Tx });
  return ctx.db.transaction((tx) => work({ ...ctx, db: tx }));
}

function isTx(db: Ctx['db']): db is Tx {
  return typeof (db as Tx).rollback === 'function';
}
