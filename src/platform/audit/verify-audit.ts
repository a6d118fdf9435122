import { asc, gt } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { auditLog } from '../schema.js';
import { GENESIS_HASH, auditHash } from './record-audit.js';

export type AuditVerification =
  | { ok: true; entries: number; head: string }
  | {
      ok: false;
      /** Entries checked and found sound before the first bad one. */
      entries: number;
      badSeq: number;
      /**
       * content_changed: the entry no longer matches its own hash (edited in place).
       * link_broken: the entry does not follow the one before it (an entry was removed or inserted before it).
       */
      reason: 'content_changed' | 'link_broken';
    };

/**
 * Walks the whole chain in seq order. Gaps in seq are not tampering: a rolled-back transaction consumes a
 * bigserial value, so only the prev_hash links define the order that matters. Rewriting the entire tail with
 * fresh hashes cannot be seen from inside the database, which is why operators should note the printed head.
 */
export async function verifyAudit(db: Queryable, batchSize = 1000): Promise<AuditVerification> {
  let expectedPrev = GENESIS_HASH;
  let entries = 0;
  let cursor = 0;
  for (;;) {
    // Keyset pagination: each batch starts after the last seq seen, so a long log costs no OFFSET scans.
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, cursor)).orderBy(asc(auditLog.seq)).limit(batchSize);
    for (const row of rows) {
      const { seq, hash, ...content } = row;
      if (auditHash(content) !== hash) return { ok: false, entries, badSeq: seq, reason: 'content_changed' };
      if (row.prevHash !== expectedPrev) return { ok: false, entries, badSeq: seq, reason: 'link_broken' };
      expectedPrev = hash;
      entries++;
      cursor = seq;
    }
    if (rows.length < batchSize) return { ok: true, entries, head: expectedPrev };
  }
}
