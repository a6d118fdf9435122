import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, test } from 'node:test';
import { type CongsoProcess, EMBEDDED_RUN_ONLY, runCli, startCongso, tempDataDir } from './process.js';

/** Exit 1 with exactly one line on stderr that names the problem, and no stack trace. */
async function assertOneLineFailure(p: CongsoProcess, expected: RegExp): Promise<string> {
  const exit = await p.exited;
  assert.equal(exit.code, 1, p.output());
  assert.equal(p.stderr.length, 1, p.output());
  const line = p.stderr[0]!;
  assert.match(line, expected);
  assert.doesNotMatch(p.output(), /^\s+at |Error:|node:internal/m);
  return line;
}

describe('start-up with bad configuration', { skip: EMBEDDED_RUN_ONLY }, () => {
  const dirs: string[] = [];
  const procs: CongsoProcess[] = [];
  const start = (env: Record<string, string>) => {
    const dir = tempDataDir();
    dirs.push(dir);
    const p = startCongso({ CONGSO_DATA_DIR: dir, ...env });
    procs.push(p);
    return p;
  };
  after(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  test('a port that is not a number stops the server with one line naming PORT', async () => {
    await assertOneLineFailure(start({ PORT: 'abc' }), /^Cấu hình sai \(invalid configuration\): PORT: .*"abc"/);
  });

  test('a base URL that is not a URL names CONGSO_BASE_URL', async () => {
    await assertOneLineFailure(start({ CONGSO_BASE_URL: 'notaurl' }), /CONGSO_BASE_URL: .*"notaurl"/);
  });

  test('a database URL of another engine names DATABASE_URL and hides its password', async () => {
    const line = await assertOneLineFailure(start({ DATABASE_URL: 'mysql://congso:hunter2@db.example/congso' }), /DATABASE_URL: phải bắt đầu bằng postgres:\/\//);
    assert.doesNotMatch(line, /hunter2/);
  });

  test('a short secret is refused without being echoed', async () => {
    const line = await assertOneLineFailure(start({ CONGSO_SECRET: 'ngan-qua-bi-mat' }), /CONGSO_SECRET: cần ít nhất 32 ký tự/);
    assert.doesNotMatch(line, /ngan-qua-bi-mat/);
  });

  test('an unreachable PostgreSQL is one clear line and exit 1', async () => {
    await assertOneLineFailure(start({ DATABASE_URL: 'postgres://congso:hunter2@127.0.0.1:1/x' }), /^Không kết nối được PostgreSQL tại postgres:\/\/congso:\*\*\*@127\.0\.0\.1:1\/x \(cannot connect to PostgreSQL\): .*ECONNREFUSED/);
  });

  test('several web processes on the embedded database are refused: it opens in one process only', async () => {
    await assertOneLineFailure(start({ CONGSO_WEB_PROCESSES: '2' }), /CONGSO_WEB_PROCESSES: nhiều tiến trình web cần PostgreSQL \(DATABASE_URL\)/);
  });

  test('the CLI refuses bad configuration the same way', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const p = runCli(['db', 'migrate'], { CONGSO_DATA_DIR: dir, PORT: 'abc' });
    procs.push(p);
    await assertOneLineFailure(p, /PORT: /);
  });
});
