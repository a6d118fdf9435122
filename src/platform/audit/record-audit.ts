import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Ctx } from '../context.js';
import { type Tx, preparedRows } from '../db/client.js';
import type { auditLog } from '../schema.js';

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
  return createHash('sha256').update(auditBody(row)).digest('hex');
}

function auditBody(row: Omit<AuditRow, 'seq' | 'hash'>): string {
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
  return body ?? '';
}

const PREV_HASH_KEY = '"prevHash":"';

/**
 * The hashed body of a row split around its prevHash, so that the database, which alone knows the chain's head once
 * the lock is granted, can hash prefix ‖ head ‖ suffix and get exactly auditHash of the row. Keys are sorted, so
 * the row's own prevHash is the last key of that name: only requestId, a string whose quotes are escaped, follows
 * it, and a prevHash key inside before or after comes earlier.
 */
export function auditHashParts(row: Omit<AuditRow, 'seq' | 'hash' | 'prevHash'>): { prefix: string; suffix: string } {
  const body = auditBody({ ...row, prevHash: '' });
  const at = body.lastIndexOf(`${PREV_HASH_KEY}"`) + PREV_HASH_KEY.length;
  return { prefix: body.slice(0, at), suffix: body.slice(at) };
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
 * The one statement of an append (migration 0009 for audit_chain_head): it takes the chain's lock, reads the head
 * after the lock is granted, and inserts the entry hashed onto it. The caller's extra statement, if any, runs in
 * the same round trip as a CTE (a dossier's log entry goes with its audit entry).
 */
const appendSql = (extra: string): string => `${extra ? `with extra as (${extra}) ` : ''}insert into audit_log
    (chain, at, actor_id, actor_label, action, entity_type, entity_id, agency_id, ip, request_id, before, after, prev_hash, hash)
  select $1, $2::timestamptz, $3::uuid, $4, $5, $6, $7, $8::uuid, $9, $10, $11::jsonb, $12::jsonb, h.prev,
    encode(sha256(convert_to($13 || h.prev || $14, 'UTF8')), 'hex')
  from (select coalesce(audit_chain_head($1, $15::bigint), '${GENESIS_HASH}') as prev) h`;

/** A statement to run with the audit entry: its text uses $16 onwards for its own values, and returns nothing. */
export type AuditCompanion = { name: string; text: string; values: unknown[] };

/**
 * Appends an audit entry inside the caller's transaction. Each chain (an agency's, the platform's) needs one writer
 * at a time, so the transaction takes that chain's advisory lock, released when it commits or rolls back: entries
 * of different agencies are written side by side. The lock, the head and the entry are one round trip, so the lock
 * is held only from there to the commit.
 */
export async function recordAudit(ctx: Ctx & { db: Tx }, input: AuditInput, companion?: AuditCompanion): Promise<void> {
  const chain = chainOf(input.agencyId);
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
  };
  const { prefix, suffix } = auditHashParts(row);
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  await preparedRows(
    ctx.db,
    companion ? `audit_append_${companion.name}` : 'audit_append',
    companion ? appendSql(companion.text) : appendSql(''),
    [row.chain, row.at, row.actorId, row.actorLabel, row.action, row.entityType, row.entityId, row.agencyId, row.ip, row.requestId, json(row.before), json(row.after), prefix, suffix, chainLockKey(chain), ...(companion?.values ?? [])],
  );
}
