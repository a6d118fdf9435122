import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, eq, sql } from 'drizzle-orm';
import { makeTestEnv, type TestEnv } from '../../../test/support/app.js';
import { engine } from '../../../test/support/db.js';
import { inTransaction } from '../db/transaction.js';
import { auditLog } from '../schema.js';
import { recordAudit } from './record-audit.js';
import { verifyAudit } from './verify-audit.js';

async function append(env: TestEnv, n: number, tag = 'test.event'): Promise<void> {
  for (let i = 0; i < n; i++) {
    await inTransaction(env.ctx(), (tx) => recordAudit(tx, { action: tag, entityType: 'thing', entityId: String(i), after: { n: i, name: `Mục ${i}` } }));
  }
}

async function seqs(env: TestEnv): Promise<number[]> {
  const rows = await env.database.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(asc(auditLog.seq));
  return rows.map((r) => r.seq);
}

/** What a privileged operator could do behind the application's back. */
async function asOperator(env: TestEnv, work: () => Promise<unknown>): Promise<void> {
  await env.database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
  try {
    await work();
  } finally {
    await env.database.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
  }
}

describe('audit chain verification', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());

  test('verifies an empty log and then a clean chain across several batches', async () => {
    const empty = await verifyAudit(env.database.db);
    assert.deepEqual(empty, { ok: true, entries: 0, head: '0'.repeat(64) });
    await append(env, 7);
    const r = await verifyAudit(env.database.db, 3);
    assert.equal(r.ok, true);
    assert.equal(r.entries, 7);
    const [last] = await env.database.db.select({ hash: auditLog.hash }).from(auditLog).orderBy(sql`seq desc`).limit(1);
    assert.equal(r.ok && r.head, last!.hash);
  });

  test('accepts a gap in seq left by a rolled-back transaction', async () => {
    await assert.rejects(
      inTransaction(env.ctx(), async (tx) => {
        await recordAudit(tx, { action: 'test.rolled_back' });
        throw new Error('abandon');
      }),
      /abandon/,
    );
    await append(env, 2);
    const all = await seqs(env);
    assert.ok(all.some((s, i) => i > 0 && s !== all[i - 1]! + 1), 'a seq value was consumed by the rollback');
    assert.equal((await verifyAudit(env.database.db, 2)).ok, true);
  });

  test('the application cannot update or delete audit entries', async () => {
    const [first] = await seqs(env);
    await assert.rejects(env.database.db.update(auditLog).set({ actorLabel: 'ai đó' }).where(eq(auditLog.seq, first!)), (err: Error) => /append-only/.test(`${err.message} ${(err.cause as Error | undefined)?.message ?? ''}`));
    await assert.rejects(env.database.db.delete(auditLog).where(eq(auditLog.seq, first!)), (err: Error) => /append-only/.test(`${err.message} ${(err.cause as Error | undefined)?.message ?? ''}`));
    assert.equal((await seqs(env))[0], first);
  });

  test('concurrent appends keep one valid chain', async () => {
    const before = (await seqs(env)).length;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => inTransaction(env.ctx(), (tx) => recordAudit(tx, { action: 'test.concurrent', entityId: String(i) }))),
    );
    const r = await verifyAudit(env.database.db, 4);
    assert.equal(r.ok, true, `chain broken on ${engine}: ${JSON.stringify(r)}`);
    assert.equal(r.entries, before + 20);
  });
});

describe('audit tampering', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());

  test('detects an entry whose after was edited in place', async () => {
    await append(env, 5);
    const all = await seqs(env);
    await asOperator(env, () => env.database.db.update(auditLog).set({ after: { n: 2, name: 'Đã sửa' } }).where(eq(auditLog.seq, all[2]!)));
    const r = await verifyAudit(env.database.db, 2);
    assert.deepEqual(r, { ok: false, entries: 2, badSeq: all[2], reason: 'content_changed' });
  });

  test('detects a middle entry that was deleted', async () => {
    const all = await seqs(env);
    // Repair the edit from the previous test first, so this one sees only the deletion.
    await asOperator(env, () => env.database.db.update(auditLog).set({ after: { n: 2, name: 'Mục 2' } }).where(eq(auditLog.seq, all[2]!)));
    assert.equal((await verifyAudit(env.database.db)).ok, true);
    await asOperator(env, () => env.database.db.delete(auditLog).where(eq(auditLog.seq, all[3]!)));
    const r = await verifyAudit(env.database.db, 2);
    assert.deepEqual(r, { ok: false, entries: 3, badSeq: all[4], reason: 'link_broken' });
  });

  test('detects that the first entries were removed', async () => {
    const all = await seqs(env);
    await asOperator(env, () => env.database.db.delete(auditLog).where(eq(auditLog.seq, all[0]!)));
    const r = await verifyAudit(env.database.db);
    assert.deepEqual(r, { ok: false, entries: 0, badSeq: all[1], reason: 'link_broken' });
  });
});
