import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../src/platform/audit/record-audit.js';
import { openPglite } from '../../src/platform/db/client.js';
import { inTransaction } from '../../src/platform/db/transaction.js';
import { createLogger } from '../../src/platform/logger.js';
import { migrationsFolder } from '../../src/platform/paths.js';
import { auditLog } from '../../src/platform/schema.js';
import { ensureTemplate, pgliteTemplateDir } from '../support/template.js';
import { type CongsoProcess, EMBEDDED_RUN_ONLY, freshPostgres, runCli, tempDataDir } from './process.js';

const migrationCount = (JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

describe('congso db migrate and congso audit verify', () => {
  const dirs: string[] = [];
  const procs: CongsoProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const cli = async (args: string[], env: Record<string, string>) => {
    const p = runCli(args, env);
    procs.push(p);
    await p.exited;
    return p;
  };
  const dir = () => {
    const d = tempDataDir();
    dirs.push(d);
    return path.join(d, 'du-lieu');
  };
  after(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    for (const c of cleanups) await c();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  test('migrates a fresh embedded data directory, and a second run changes nothing', { skip: EMBEDDED_RUN_ONLY }, async () => {
    const dataDir = dir();
    const first = await cli(['db', 'migrate'], { CONGSO_DATA_DIR: dataDir });
    assert.equal(first.exitCode(), 0, first.output());
    assert.match(first.stdout.join('\n'), new RegExp(`Đã áp dụng ${migrationCount}/${migrationCount} migration trên pglite \\(${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
    assert.ok(fs.existsSync(path.join(dataDir, 'pgdata')));
    const second = await cli(['db', 'migrate'], { CONGSO_DATA_DIR: dataDir });
    assert.equal(second.exitCode(), 0, second.output());
    assert.match(second.stdout.join('\n'), new RegExp(`${migrationCount}/${migrationCount}`));
  });

  test('migrates a fresh PostgreSQL database', { skip: !process.env.DATABASE_URL && 'DATABASE_URL is not set' }, async () => {
    const db = await freshPostgres(process.env.DATABASE_URL!);
    cleanups.push(db.drop);
    const p = await cli(['db', 'migrate'], { DATABASE_URL: db.url, CONGSO_DATA_DIR: dir() });
    assert.equal(p.exitCode(), 0, p.output());
    assert.match(p.stdout.join('\n'), new RegExp(`Đã áp dụng ${migrationCount}/${migrationCount} migration trên postgres`));
  });

  test('audit verify prints OK with the head, and names the first tampered entry with exit 1', { skip: EMBEDDED_RUN_ONLY }, async () => {
    const dataDir = dir();
    // The migrated template the other tests start from: the test above has already shown `db migrate` makes one.
    await ensureTemplate();
    fs.cpSync(pgliteTemplateDir(), dataDir, { recursive: true });
    const empty = await cli(['audit', 'verify'], { CONGSO_DATA_DIR: dataDir });
    assert.equal(empty.exitCode(), 0, empty.output());
    assert.deepEqual(empty.stdout, ['OK: 0 entries, 1 chains', `  nền tảng (platform): 0 entries, head ${'0'.repeat(64)}`]);

    const database = await openPglite(dataDir);
    const ctx = { db: database.db, actor: null, now: () => new Date(), ip: null, requestId: null, locale: 'vi' as const, log: createLogger('silent') as never };
    for (let i = 0; i < 3; i++) await inTransaction(ctx, (tx) => recordAudit(tx, { action: 'test.cli', entityId: String(i), after: { i } }));
    const rows = await database.db.select().from(auditLog).orderBy(auditLog.seq);
    await database.close();

    const ok = await cli(['audit', 'verify'], { CONGSO_DATA_DIR: dataDir });
    assert.equal(ok.exitCode(), 0, ok.output());
    assert.deepEqual(ok.stdout, ['OK: 3 entries, 1 chains', `  nền tảng (platform): 3 entries, head ${rows[2]!.hash}`]);

    const again = await openPglite(dataDir);
    await again.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await again.db.update(auditLog).set({ after: { i: 99 } }).where(eq(auditLog.seq, rows[1]!.seq));
    await again.close();
    const bad = await cli(['audit', 'verify'], { CONGSO_DATA_DIR: dataDir });
    assert.equal(bad.exitCode(), 1, bad.output());
    assert.equal(bad.stderr.length, 1, bad.output());
    assert.match(bad.stderr[0]!, new RegExp(`chuỗi \\(chain\\) nền tảng \\(platform\\), bản ghi seq ${rows[1]!.seq} — nội dung đã bị sửa \\(content changed\\); 1 bản ghi trước đó của chuỗi hợp lệ`));
  });
});
