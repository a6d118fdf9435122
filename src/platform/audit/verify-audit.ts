import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import { auditLog } from '../schema.js';
import { GENESIS_HASH, PLATFORM_CHAIN, auditHash } from './record-audit.js';

export type ChainHead = { chain: string; entries: number; head: string };

export type AuditVerification =
  | { ok: true; entries: number; chains: ChainHead[] }
  | {
      ok: false;
      /** The chain that broke: an agency's id, or `platform`. */
      chain: string;
      /** Entries of that chain checked and found sound before the first bad one. */
      entries: number;
      badSeq: number;
      /**
       * content_changed: the entry no longer matches its own hash (edited in place).
       * link_broken: the entry does not follow the one before it in its chain (an entry was removed or inserted
       * before it).
       */
      reason: 'content_changed' | 'link_broken';
    };

type ChainResult = { ok: true; entries: number; head: string } | { ok: false; entries: number; badSeq: number; reason: 'content_changed' | 'link_broken' };

/**
 * Walks every chain in seq order: the platform chain first (its entries from before chains, then its own), then
 * each agency's. Gaps in seq are not tampering: a rolled-back transaction consumes a bigserial value, and the chains
 * interleave, so only the prev_hash links define the order that matters. Rewriting the entire tail of a chain with
 * fresh hashes cannot be seen from inside the database, which is why operators should note the printed heads.
 */
export async function verifyAudit(db: Queryable, batchSize = 1000): Promise<AuditVerification> {
  const keys = await queryRows<{ chain: string }>(db, sql`select distinct chain from audit_log where chain is not null and chain <> ${PLATFORM_CHAIN} order by chain`);
  const chains: ChainHead[] = [];
  let entries = 0;
  for (const chain of [PLATFORM_CHAIN, ...keys.map((k) => k.chain)]) {
    const r = await verifyChain(db, chain, batchSize);
    if (!r.ok) return { ...r, chain };
    chains.push({ chain, entries: r.entries, head: r.head });
    entries += r.entries;
  }
  return { ok: true, entries, chains };
}

async function verifyChain(db: Queryable, chain: string, batchSize: number): Promise<ChainResult> {
  let expectedPrev = GENESIS_HASH;
  let entries = 0;
  // The platform chain begins with the entries written before chains existed (no key), which all precede it in seq.
  for (const key of chain === PLATFORM_CHAIN ? [null, chain] : [chain]) {
    let cursor = 0;
    for (;;) {
      // Keyset pagination over (chain, seq): each batch starts after the last seq seen, so a long log costs no OFFSET scans.
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(key === null ? isNull(auditLog.chain) : eq(auditLog.chain, key), gt(auditLog.seq, cursor)))
        .orderBy(asc(auditLog.seq))
        .limit(batchSize);
      for (const row of rows) {
        const { seq, hash, ...content } = row;
        if (auditHash(content) !== hash) return { ok: false, entries, badSeq: seq, reason: 'content_changed' };
        if (row.prevHash !== expectedPrev) return { ok: false, entries, badSeq: seq, reason: 'link_broken' };
        expectedPrev = hash;
        entries++;
        cursor = seq;
      }
      if (rows.length < batchSize) break;
    }
  }
  return { ok: true, entries, head: expectedPrev };
}
