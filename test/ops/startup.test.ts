import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { migrationsFolder } from '../../src/platform/paths.js';
import { type CongsoProcess, cookieHeader, freshPostgres, openSignInForm, request, runCli, startCongso, tempDataDir } from './process.js';

const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const migrationCount = (JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

describe(`server start-up on ${engine}`, () => {
  const procs: CongsoProcess[] = [];
  let dataDir: string;
  let env: Record<string, string>;
  let dropDb: (() => Promise<void>) | undefined;
  let first: CongsoProcess;
  let base: string;

  const start = (extra: Record<string, string> = {}) => {
    const p = startCongso({ ...env, ...extra });
    procs.push(p);
    return p;
  };

  before(async () => {
    dataDir = tempDataDir();
    env = { CONGSO_DATA_DIR: dataDir };
    if (process.env.DATABASE_URL) {
      const db = await freshPostgres(process.env.DATABASE_URL);
      env.DATABASE_URL = db.url;
      dropDb = db.drop;
    }
    first = start();
    base = await first.url();
  });

  after(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await dropDb?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('the first start loads the demo province and prints the demo logins', () => {
    // The banner is for the person at the terminal: stderr, so stdout stays pure JSON logs.
    const out = first.stderr.join('\n');
    assert.match(out, /Đã tạo dữ liệu tỉnh mẫu \(demo province loaded\)/);
    assert.match(out, new RegExp(`mật khẩu chung / shared password: ${DEMO_PASSWORD}`));
    assert.match(out, /^\s+quantri\s+system_admin$/m);
    assert.match(out, /^\s+congdan@example\.vn\s+citizen$/m);
  });

  test('with PORT=0 the printed URL names the port actually listening', async () => {
    const port = Number(new URL(base).port);
    assert.ok(port > 0, base);
    const line = await first.waitForLine(/^Trang quản trị: /);
    assert.equal(line, `Trang quản trị: ${base}/quan-tri`);
  });

  test('/healthz answers while the process lives and /readyz once migrations are applied', async () => {
    const health = await request(`${base}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(JSON.parse(health.body), { status: 'ok' });
    const ready = await request(`${base}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(JSON.parse(ready.body), { status: 'ready', engine, migrations: migrationCount });
  });

  test('a second process on the same embedded data directory is refused while the first runs', { skip: engine !== 'pglite' }, async () => {
    const second = start();
    assert.equal((await second.exited).code, 1, second.output());
    assert.equal(second.stderr.length, 1, second.output());
    assert.match(second.stderr[0]!, /đang được một tiến trình congso khác sử dụng \(the embedded database is already in use by another process\)/);
    const cli = runCli(['db', 'migrate'], env);
    procs.push(cli);
    assert.equal((await cli.exited).code, 1, cli.output());
    assert.match(cli.stderr.join('\n'), /đang được một tiến trình congso khác sử dụng/);
    assert.equal((await request(`${base}/healthz`)).status, 200, 'the first process keeps serving');
  });

  test('a second start keeps the data and does not load the demo province again', async () => {
    assert.deepEqual(await first.stop('SIGTERM'), { code: 0, signal: null });
    const again = start();
    const url = await again.url();
    assert.doesNotMatch([...again.stdout, ...again.stderr].join('\n'), /Đã tạo dữ liệu tỉnh mẫu|Tài khoản mẫu/);
    const { cookies, csrf } = await openSignInForm(url);
    const res = await request(`${url}/quan-tri/dang-nhap`, {
      method: 'POST',
      headers: { cookie: cookieHeader(cookies), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, username: 'chuyenvien', password: DEMO_PASSWORD }).toString(),
    });
    assert.equal(res.status, 303, res.body);
    assert.equal(res.headers.location, '/quan-tri');
    assert.deepEqual(await again.stop('SIGTERM'), { code: 0, signal: null });
  });
});
