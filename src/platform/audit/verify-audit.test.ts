import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, eq, sql } from 'drizzle-orm';
import { makeTestEnv, type TestEnv } from '../../../test/support/app.js';
import { engine } from '../../../test/support/db.js';
import { makeAgency } from '../../../test/support/factories.js';
import { inTransaction } from '../db/transaction.js';
import { auditLog } from '../schema.js';
import { GENESIS_HASH, auditHash, recordAudit } from './record-audit.js';
import { verifyAudit } from './verify-audit.js';

async function append(env: TestEnv, n: number, tag = 'test.event', agencyId: string | null = null): Promise<void> {
  for (let i = 0; i < n; i++) {
    await inTransaction(env.ctx(), (tx) => recordAudit(tx, { action: tag, entityType: 'thing', entityId: String(i), agencyId, after: { n: i, name: `Mục ${i}` } }));
  }
}

async function seqs(env: TestEnv, chain = 'platform'): Promise<number[]> {
  const rows = await env.database.db.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.chain, chain)).orderBy(asc(auditLog.seq));
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
    assert.deepEqual(empty, { ok: true, entries: 0, chains: [{ chain: 'platform', entries: 0, head: '0'.repeat(64) }] });
    await append(env, 7);
    const r = await verifyAudit(env.database.db, 3);
    assert.equal(r.ok, true);
    assert.equal(r.entries, 7);
    const [last] = await env.database.db.select({ hash: auditLog.hash }).from(auditLog).orderBy(sql`seq desc`).limit(1);
    assert.deepEqual(r.ok && r.chains, [{ chain: 'platform', entries: 7, head: last!.hash }]);
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
    assert.deepEqual(r, { ok: false, chain: 'platform', entries: 2, badSeq: all[2], reason: 'content_changed' });
  });

  test('detects a middle entry that was deleted', async () => {
    const all = await seqs(env);
    // Repair the edit from the previous test first, so this one sees only the deletion.
    await asOperator(env, () => env.database.db.update(auditLog).set({ after: { n: 2, name: 'Mục 2' } }).where(eq(auditLog.seq, all[2]!)));
    assert.equal((await verifyAudit(env.database.db)).ok, true);
    await asOperator(env, () => env.database.db.delete(auditLog).where(eq(auditLog.seq, all[3]!)));
    const r = await verifyAudit(env.database.db, 2);
    assert.deepEqual(r, { ok: false, chain: 'platform', entries: 3, badSeq: all[4], reason: 'link_broken' });
  });

  test('detects that the first entries were removed', async () => {
    const all = await seqs(env);
    await asOperator(env, () => env.database.db.delete(auditLog).where(eq(auditLog.seq, all[0]!)));
    const r = await verifyAudit(env.database.db);
    assert.deepEqual(r, { ok: false, chain: 'platform', entries: 0, badSeq: all[1], reason: 'link_broken' });
  });
});

describe('audit chains per agency', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());

  test('entries written before chains existed stay one chain, which the platform chain continues', async () => {
    // Rows as the single-chain log wrote them: no chain key, and a hash that does not cover one.
    let prevHash = GENESIS_HASH;
    for (let i = 0; i < 2; i++) {
      const row = { chain: null, at: new Date(), actorId: null, actorLabel: 'system', action: 'test.legacy', entityType: null, entityId: String(i), agencyId: null, ip: null, requestId: null, before: null, after: { i }, prevHash };
      prevHash = auditHash(row);
      await env.database.db.insert(auditLog).values({ ...row, hash: prevHash });
    }
    await append(env, 1, 'test.after_chains');
    const [first] = await env.database.db.select().from(auditLog).where(eq(auditLog.chain, 'platform'));
    assert.equal(first!.prevHash, prevHash);
    const r = await verifyAudit(env.database.db);
    assert.deepEqual(r, { ok: true, entries: 3, chains: [{ chain: 'platform', entries: 3, head: first!.hash }] });
  });

  test('concurrent writers in two agencies and the platform all commit, each chain sound', async () => {
    const [a, b] = [await makeAgency(env.database.db), await makeAgency(env.database.db)];
    const before = await verifyAudit(env.database.db);
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        inTransaction(env.ctx(), (tx) => recordAudit(tx, { action: 'test.concurrent', entityId: String(i), agencyId: [a.id, b.id, null][i % 3] })),
      ),
    );
    const r = await verifyAudit(env.database.db, 5);
    assert.equal(r.ok, true, `chain broken on ${engine}: ${JSON.stringify(r)}`);
    assert.equal(r.ok && r.entries, before.ok && before.entries + 24);
    const count = (chain: string) => (r.ok ? r.chains.find((c) => c.chain === chain)?.entries : undefined);
    assert.equal(count(a.id), 8);
    assert.equal(count(b.id), 8);
  });

  test('a writer in one agency commits while another agency’s writer holds its chain', { skip: engine === 'pglite' && 'PGlite has one connection: transactions run one after another' }, async () => {
    const [a, b] = [await makeAgency(env.database.db), await makeAgency(env.database.db)];
    let releaseA!: () => void;
    const aMayCommit = new Promise<void>((resolve) => (releaseA = resolve));
    let aWrote!: () => void;
    const aHoldsLock = new Promise<void>((resolve) => (aWrote = resolve));
    const holder = inTransaction(env.ctx(), async (tx) => {
      await recordAudit(tx, { action: 'test.holding', agencyId: a.id });
      aWrote();
      await aMayCommit;
    });
    await aHoldsLock;
    // If the chains shared a lock this would wait for the holder forever.
    await inTransaction(env.ctx(), (tx) => recordAudit(tx, { action: 'test.passing', agencyId: b.id }));
    const committed = await env.database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.chain, b.id));
    assert.deepEqual(committed, [{ action: 'test.passing' }]);
    releaseA();
    await holder;
    assert.equal((await verifyAudit(env.database.db)).ok, true);
  });

  test('tampering is found in the agency’s chain and named with it', async () => {
    const c = await makeAgency(env.database.db);
    await append(env, 4, 'test.agency', c.id);
    const all = await seqs(env, c.id);
    await asOperator(env, () => env.database.db.update(auditLog).set({ after: { n: 1, name: 'Đã sửa' } }).where(eq(auditLog.seq, all[1]!)));
    assert.deepEqual(await verifyAudit(env.database.db, 3), { ok: false, chain: c.id, entries: 1, badSeq: all[1], reason: 'content_changed' });
    await asOperator(env, () => env.database.db.update(auditLog).set({ after: { n: 1, name: 'Mục 1' } }).where(eq(auditLog.seq, all[1]!)));
    // An entry moved to another chain no longer matches its hash, which covers the chain key.
    await asOperator(env, () => env.database.db.update(auditLog).set({ chain: 'platform' }).where(eq(auditLog.seq, all[3]!)));
    const moved = await verifyAudit(env.database.db);
    assert.equal(!moved.ok && moved.reason, 'content_changed');
    assert.equal(!moved.ok && moved.badSeq, all[3]);
  });
});
