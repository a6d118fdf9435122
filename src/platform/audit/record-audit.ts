import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { desc, sql } from 'drizzle-orm';
import type { Ctx } from '../context.js';
import type { Tx } from '../db/client.js';
import { auditLog } from '../schema.js';

export const GENESIS_HASH = '0'.repeat(64);

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

/** The fields a row's hash covers, in a canonical form that survives the trip through jsonb. */
export function auditHash(row: Omit<AuditRow, 'seq' | 'hash'>): string {
  const body = canonicalize({
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

/**
 * Appends an audit entry inside the caller's transaction. The chain needs one writer at a time, so the
 * transaction takes an advisory lock that is released when it commits or rolls back.
 */
export async function recordAudit(ctx: Ctx & { db: Tx }, input: AuditInput): Promise<void> {
  // Two statements on purpose: the head must be read with a snapshot taken after the lock is granted, or a writer
  // that waited would chain to the head it saw before the previous writer committed.
  await ctx.db.execute(sql`select pg_advisory_xact_lock(7420001)`);
  const [last] = await ctx.db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const row = {
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
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await ctx.db.insert(auditLog).values({ ...row, hash: auditHash(row) });
}
