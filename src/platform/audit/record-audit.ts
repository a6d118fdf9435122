import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../context.js';
import { type Tx, queryRows } from '../db/client.js';
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

/**
 * Appends an audit entry inside the caller's transaction. Each chain (an agency's, the platform's) needs one writer
 * at a time, so the transaction takes that chain's advisory lock, released when it commits or rolls back: entries
 * of different agencies are written side by side.
 */
export async function recordAudit(ctx: Ctx & { db: Tx }, input: AuditInput): Promise<void> {
  const chain = chainOf(input.agencyId);
  // The lock and the head in one round trip; the function reads the head after the lock is granted (migration 0009).
  const [head] = await queryRows<{ hash: string | null }>(ctx.db, sql`select audit_chain_head(${chain}, ${chainLockKey(chain)}::bigint) as hash`);
  const prevHash = head?.hash ?? GENESIS_HASH;
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
