import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../context.js';
import { type Queryable, type Tx, queryRows } from '../db/client.js';
import { auditLog } from '../schema.js';

export const GENESIS_HASH = '0'.repeat(64);
/** The chain of entries that belong to no agency (sign-ins, platform settings) and of every entry before chains. */
export const PLATFORM_CHAIN = 'platform';

export type AuditInput = {
  action: string;
  entityType?: string;
  entityId?: string;
  agencyId?: string | null;
  before?: unknown;
  after?: unknown;
  /** For events before a user is known (a failed sign-in names the login tried). */
  actorLabel?: string;
  actorId?: string | null;
};

export type AuditRow = typeof auditLog.$inferSelect;

/**
 * The fields a row's hash covers, in a canonical form that survives the trip through jsonb. The chain key is
 * covered too, so an entry cannot be moved to another chain; entries from before chains (no key) keep the form
 * they were hashed in.
 */
export function auditHash(row: Omit<AuditRow, 'seq' | 'hash'>): string {
  const body = canonicalize({
    ...(row.chain === null ? {} : { chain: row.chain }),
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    agencyId: row.agencyId,
    ip: row.ip,
    requestId: row.requestId,
    before: row.before ?? null,
    after: row.after ?? null,
    prevHash: row.prevHash,
  });
  return createHash('sha256').update(body ?? '').digest('hex');
}

/** Plain JSON only: Dates become ISO strings, undefined disappears, as jsonb would store them. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** The chain an entry belongs to: its agency's, or the platform's. */
export const chainOf = (agencyId: string | null | undefined): string => agencyId ?? PLATFORM_CHAIN;

/** A 64-bit advisory lock number for a chain (the first 8 bytes of its SHA-256); a collision only makes two chains share a lock. */
export function chainLockKey(chain: string): string {
  return createHash('sha256').update(`audit:${chain}`).digest().readBigInt64BE(0).toString();
}

/** The hash of the chain's last entry; the platform chain goes on from the entries written before chains. */
export async function chainHead(db: Queryable, chain: string): Promise<string> {
  const [head] = await queryRows<{ hash: string }>(
    db,
    chain === PLATFORM_CHAIN
      ? sql`select hash from ((select seq, hash from audit_log where chain = ${chain} order by seq desc limit 1)
              union all (select seq, hash from audit_log where chain is null order by seq desc limit 1)) h order by seq desc limit 1`
      : sql`select hash from audit_log where chain = ${chain} order by seq desc limit 1`,
  );
  return head?.hash ?? GENESIS_HASH;
}

/**
 * Appends an audit entry inside the caller's transaction. Each chain (an agency's, the platform's) needs one writer
 * at a time, so the transaction takes that chain's advisory lock, released when it commits or rolls back: entries
 * of different agencies are written side by side.
 */
export async function recordAudit(ctx: Ctx & { db: Tx }, input: AuditInput): Promise<void> {
  const chain = chainOf(input.agencyId);
  // Two statements on purpose: the head must be read with a snapshot taken after the lock is granted, or a writer
  // that waited would chain to the head it saw before the previous writer committed.
  await ctx.db.execute(sql`select pg_advisory_xact_lock(${chainLockKey(chain)}::bigint)`);
  const prevHash = await chainHead(ctx.db, chain);
  const row = {
    chain,
    at: ctx.now(),
    actorId: input.actorId !== undefined ? input.actorId : (ctx.actor?.userId ?? null),
    actorLabel: input.actorLabel ?? ctx.actor?.label ?? 'system',
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    agencyId: input.agencyId ?? null,
    ip: ctx.ip,
    requestId: ctx.requestId,
    before: toJson(input.before),
    after: toJson(input.after),
    prevHash,
  };
  await ctx.db.insert(auditLog).values({ ...row, hash: auditHash(row) });
}
