import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { roleAssignments, users } from '../accounts/schema.js';
import { systemActor } from '../platform/auth/system-actor.js';
import { verifyPassword } from '../platform/auth/password.js';
import { type Database, openPglite, openPostgres } from '../platform/db/client.js';
import { Invalid } from '../platform/errors.js';
import { auditLog, sessions } from '../platform/schema.js';
import { projectRoot } from '../platform/paths.js';
import { TestClient, makeTestEnv, type TestEnv } from '../../test/support/app.js';
import { adminUrl, ensureTemplate, pgTemplateName, pgliteTemplateDir } from '../../test/support/template.js';
import { makeAgency, makeOfficial } from '../../test/support/factories.js';
import { cliCreateOfficial, cliResetPassword } from './user.js';

const passwordIn = (lines: string[]) => /temporary password: (\S+)/.exec(lines.join('\n'))?.[1];

describe('congso user commands', () => {
  let env: TestEnv;
  let parent: { id: string; code: string };
  let child: { id: string; code: string };
  before(async () => {
    env = await makeTestEnv();
    parent = await makeAgency(env.database.db, { name: 'UBND tỉnh' });
    child = await makeAgency(env.database.db, { name: 'Sở con', parentId: parent.id });
  });
  after(() => env.close());

  test('creates an official with roles named by agency code and prints the password once', async () => {
    const lines: string[] = [];
    await cliCreateOfficial(
      env.ctx(systemActor()),
      { username: 'qt.cli', fullName: 'Quản Trị Dòng Lệnh', agency: child.code, email: 'qt.cli@example.vn', role: ['system_admin', `agency_admin@${parent.code}+`, 'clerk'] },
      (l) => lines.push(l),
    );
    const password = passwordIn(lines);
    assert.ok(password);
    const [user] = await env.database.db.select().from(users).where(eq(users.username, 'qt.cli'));
    assert.ok(await verifyPassword(user!.passwordHash, password));
    assert.equal(user!.mustChangePassword, true);
    const granted = await env.database.db.select().from(roleAssignments).where(eq(roleAssignments.userId, user!.id));
    assert.deepEqual(granted.map((g) => `${g.role}@${g.agencyId ?? '-'}${g.includeDescendants ? '+' : ''}`).sort(), [`agency_admin@${parent.id}+`, `clerk@${child.id}`, 'system_admin@-']);
    const [entry] = await env.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.created'), eq(auditLog.entityId, user!.id)));
    assert.match(entry?.actorLabel ?? '', /^console:/);
  });

  test('rejects an unknown agency code, a malformed role and a role the shape forbids, writing nothing', async () => {
    const ctx = env.ctx(systemActor());
    const print = () => {};
    const base = { username: 'sai.cli', fullName: 'Sai Dòng Lệnh', agency: child.code, role: [] as string[] };
    await assert.rejects(cliCreateOfficial(ctx, { ...base, agency: '999.99.99.H99' }, print), (e: Invalid) => e instanceof Invalid && e.fields.agency?.key === 'cli.agencyUnknown');
    await assert.rejects(cliCreateOfficial(ctx, { ...base, role: ['Leader!'] }, print), (e: Invalid) => e instanceof Invalid && e.fields.role?.key === 'cli.roleSpec');
    await assert.rejects(cliCreateOfficial(ctx, { ...base, role: [`clerk@${child.code}+`] }, print), (e: Invalid) => e instanceof Invalid && e.fields.roles?.key === 'roles.notInheritable');
    await assert.rejects(cliCreateOfficial(ctx, { ...base, role: [`system_admin@${child.code}`] }, print), (e: Invalid) => e instanceof Invalid && e.fields.roles?.key === 'roles.systemAdminNoAgency');
    assert.equal((await env.database.db.select().from(users).where(eq(users.username, 'sai.cli'))).length, 0);
  });

  test('reset-password prints a new password, clears the lockout and ends sessions', async () => {
    const official = await makeOfficial(env.database.db, { agencyId: child.id, username: 'bi.khoa' });
    await env.database.db.update(users).set({ lockedUntil: new Date(env.clock.now().getTime() + 600_000), failedLogins: 4 }).where(eq(users.id, official.id));
    await new TestClient(env).signInAs(official.id);
    const lines: string[] = [];
    await cliResetPassword(env.ctx(systemActor()), 'BI.KHOA', (l) => lines.push(l));
    const [row] = await env.database.db.select().from(users).where(eq(users.id, official.id));
    assert.ok(await verifyPassword(row!.passwordHash, passwordIn(lines)!));
    assert.equal(row!.lockedUntil, null);
    assert.equal(row!.mustChangePassword, true);
    assert.equal((await env.database.db.select().from(sessions).where(eq(sessions.userId, official.id))).length, 0);
    await assert.rejects(cliResetPassword(env.ctx(systemActor()), 'khong.co.ai', () => {}), (e: Invalid) => e instanceof Invalid && e.fields.username?.key === 'cli.userUnknown');
  });
});

/** A database of the engine under test that a separate process can open, plus how to reach it from here. */
async function cliDatabase(): Promise<{ env: Record<string, string>; open(): Promise<Database>; drop(): Promise<void> }> {
  await ensureTemplate();
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `congso_cli_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`create database ${name} template ${pgTemplateName()}`);
    await admin.end();
    return {
      env: { DATABASE_URL: adminUrl(url, name) },
      open: () => openPostgres(adminUrl(url, name), { max: 1 }),
      drop: async () => {
        const a = new pg.Client({ connectionString: adminUrl(url) });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congso-cli-'));
  fs.cpSync(pgliteTemplateDir(), dir, { recursive: true });
  return { env: { CONGSO_DATA_DIR: dir }, open: () => openPglite(dir), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function runCli(args: string[], extraEnv: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, CONGSO_DEMO: 'false', LOG_LEVEL: 'silent', ...extraEnv };
  if (!extraEnv.DATABASE_URL) delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    // The production bundle, which `npm test` builds first.
    const p = spawn(process.execPath, ['dist/cli.js', ...args], { cwd: projectRoot, env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('congso user as a command', () => {
  test('creates an account from the shell, and says in one line what is wrong with bad input', async () => {
    const target = await cliDatabase();
    try {
      let db = await target.open();
      const agency = await makeAgency(db.db, { name: 'Sở dòng lệnh' });
      await db.close();

      const ok = await runCli(['user', 'create', '--username', 'tu.shell', '--full-name', 'Từ Shell', '--agency', agency.code, '--role', 'specialist'], target.env);
      assert.equal(ok.code, 0, ok.stderr);
      const password = /temporary password: (\S+)/.exec(ok.stdout)?.[1];
      assert.ok(password, ok.stdout);

      const bad = await runCli(['user', 'create', '--username', 'X', '--full-name', 'Sai', '--agency', agency.code], target.env);
      assert.equal(bad.code, 1);
      assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
      assert.match(bad.stderr, /Tên đăng nhập chỉ gồm/);

      const unknown = await runCli(['user', 'reset-password', 'khong.co.ai'], target.env);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /Không có cán bộ với tên đăng nhập khong\.co\.ai/);

      const reset = await runCli(['user', 'reset-password', 'tu.shell'], target.env);
      assert.equal(reset.code, 0, reset.stderr);
      const second = /temporary password: (\S+)/.exec(reset.stdout)?.[1];
      assert.ok(second && second !== password);

      db = await target.open();
      const [row] = await db.db.select().from(users).where(eq(users.username, 'tu.shell'));
      await db.close();
      assert.ok(await verifyPassword(row!.passwordHash, second));
      assert.equal(await verifyPassword(row!.passwordHash, password), false);
    } finally {
      await target.drop();
    }
  });
});
