import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { PAGE_CACHE_CHANNEL, pageTags } from '../../src/portal/cache/invalidate-pages.js';
import { type CongsoProcess, freshPostgres, request, startCongso, tempDataDir, until } from './process.js';

const browser = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' };
const WEB_PROCESSES = 2;

/** The pids of the running web processes: the primary's children. */
async function webPids(primary: number): Promise<number[]> {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(primary)], { encoding: 'utf8' });
  return out.split('\n').map((l) => Number(l.trim())).filter((n) => n > 0);
}

describe('several web processes on one PostgreSQL database', { skip: !process.env.DATABASE_URL && 'needs PostgreSQL (DATABASE_URL)' }, () => {
  let database: { url: string; drop(): Promise<void> };
  let server: CongsoProcess;
  let base: string;
  const dataDir = tempDataDir();

  before(async () => {
    database = await freshPostgres(process.env.DATABASE_URL!);
    server = startCongso({ DATABASE_URL: database.url, CONGSO_DATA_DIR: dataDir, CONGSO_WEB_PROCESSES: String(WEB_PROCESSES), LOG_LEVEL: 'info' });
    base = await server.url();
  });

  after(async () => {
    await server?.stop('SIGKILL');
    await database?.drop();
  });

  test('start behind one port, say so, and each hears the others\u2019 invalidations', async () => {
    assert.ok(server.stderr.some((l) => l.includes(`${WEB_PROCESSES} tiến trình web`)), server.output());
    assert.equal((await webPids(server.child.pid!)).length, WEB_PROCESSES);
    const home = await request(`${base}/`, { headers: browser });
    const path = /href="(\/tin-tuc\/[^"]+)"/.exec(home.body)?.[1];
    assert.ok(path, 'the demo home page links an article');
    // New connections are handed to the web processes in turn, so six requests reach, and fill the cache of, each.
    const readAll = () => Promise.all(Array.from({ length: 6 }, () => request(`${base}${path}`, { headers: browser })));
    for (const r of await readAll()) assert.equal(r.status, 200);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const slug = decodeURIComponent(path.slice('/tin-tuc/'.length));
      const found = await client.query<{ id: string }>('select id from articles where slug = $1', [slug]);
      assert.equal(found.rowCount, 1);
      const id = found.rows[0]!.id;
      // A change committed elsewhere (another server, the CLI): the web processes only hear its NOTIFY.
      await client.query('begin');
      await client.query(`update articles set title = 'Tiêu đề đã sửa ở nơi khác' where id = $1`, [id]);
      await client.query('select pg_notify($1, $2)', [PAGE_CACHE_CHANNEL, JSON.stringify([pageTags.article(id)])]);
      await client.query('commit');
    } finally {
      await client.end();
    }
    await until(async () => (await readAll()).every((r) => r.body.includes('Tiêu đề đã sửa ở nơi khác')), 10_000);
  });

  test('a web process that dies is replaced, and the others keep serving', async () => {
    const [victim] = await webPids(server.child.pid!);
    process.kill(victim!, 'SIGKILL');
    await server.waitForLine(/a web process died; starting another/);
    await until(async () => {
      const pids = await webPids(server.child.pid!);
      return pids.length === WEB_PROCESSES && !pids.includes(victim!);
    }, 30_000);
    for (let i = 0; i < 4; i++) assert.equal((await request(`${base}/readyz`)).status, 200);
  });

  test('SIGTERM to the primary stops every process cleanly, with each visitor counted once', async () => {
    // Two more people, each reaching both processes; the browser of the tests above is the third.
    for (const userAgent of ['Mozilla/5.0 (Android 14; Mobile) Firefox/133.0', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1']) {
      for (let i = 0; i < 6; i++) assert.equal((await request(`${base}/`, { headers: { 'user-agent': userAgent } })).status, 200);
    }
    const pids = await webPids(server.child.pid!);
    server.child.kill('SIGTERM');
    assert.deepEqual(await server.exited, { code: 0, signal: null }, server.output());
    for (const pid of pids) assert.throws(() => process.kill(pid, 0), /ESRCH/, `web process ${pid} is gone`);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ visitors: string; views: string }>('select sum(visitors) as visitors, sum(views) as views from site_visit_days');
      assert.equal(Number(rows[0]!.visitors), 3);
      assert.ok(Number(rows[0]!.views) >= 12, `the last views were written at shutdown (${rows[0]!.views})`);
    } finally {
      await client.end();
    }
  });
});
