import { engineSkipNote, engines } from '../lib/engines.js';
import { type LoadResult, loadMetrics, loadNote } from '../lib/load.js';
import { NGINX_BIN, type StaticFile, nginxVersion, startNginx } from '../lib/nginx.js';
import { BROWSER_HEADERS, assertCached, findArticlePath, pageLoad, rawGet } from '../lib/portal.js';
import { round } from '../lib/stats.js';
import { processesLabel, webProcessCounts } from '../lib/web-processes.js';
import { withServer } from '../lib/with-server.js';
import type { BenchContext, Engine, Metric, ResultRow } from '../lib/types.js';

export const name = 'portal-cached';
export const description =
  'anonymous portal pages (an article, the home page) answered from the page cache, with browser Accept-Encoding, per engine, against nginx serving the same bytes from disk';

const WARM_UP_SECONDS = 2;
/** congso's cached pages should reach at least half of what a static file server does with the same bytes. */
const GOAL_RATIO = 0.5;

type Page = { label: string; path: string };
type Captured = Page & { file: StaticFile; congso: LoadResult; missedAfterLoad: string | null };

const engineName: Record<Engine, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

/** Warms the cache for each page, proves the hit, saves the exact bytes a browser gets, then measures. */
async function measureCongso(ctx: BenchContext, baseUrl: string, processes: number): Promise<Captured[]> {
  const { connections, durationSeconds } = ctx.options;
  const pages: Page[] = [
    { label: 'article page', path: await findArticlePath(baseUrl) },
    { label: 'home page', path: '/' },
  ];
  const saved: { page: Page; file: StaticFile }[] = [];
  for (const page of pages) {
    // The first request renders and stores; the check then proves the next ones are hits.
    await rawGet(`${baseUrl}${page.path}`, BROWSER_HEADERS);
    await assertCached(baseUrl, page.path, processes);
    const res = await rawGet(`${baseUrl}${page.path}`, BROWSER_HEADERS);
    const encoding = typeof res.headers['content-encoding'] === 'string' ? res.headers['content-encoding'] : null;
    saved.push({ page, file: { body: res.body, contentType: String(res.headers['content-type'] ?? 'text/html; charset=utf-8'), contentEncoding: encoding } });
  }
  // Every page is warmed before any is measured, so the first measured is not the one that pays for cold code.
  for (const { page } of saved) await pageLoad(baseUrl, page.path, { connections, durationSeconds: WARM_UP_SECONDS });
  const out: Captured[] = [];
  for (const { page, file } of saved) {
    const congso = await pageLoad(baseUrl, page.path, { connections, durationSeconds });
    let missedAfterLoad: string | null = null;
    try {
      await assertCached(baseUrl, page.path, processes);
    } catch (err) {
      missedAfterLoad = err instanceof Error ? err.message : String(err);
    }
    ctx.log(`${page.label} ${page.path}: ${file.body.length} bytes ${file.contentEncoding ?? 'uncompressed'}; ${congso.reqPerSec} req/s, p99 ${congso.p99Ms} ms`);
    out.push({ ...page, file, congso, missedAfterLoad });
  }
  return out;
}

/** nginx must send what congso sent, or the comparison is not of the same work. */
async function assertSameBytes(baseUrl: string, path: string, file: StaticFile): Promise<void> {
  const res = await rawGet(`${baseUrl}${path}`, BROWSER_HEADERS);
  const encoding = res.headers['content-encoding'] ?? null;
  if (res.status !== 200 || !res.body.equals(file.body) || encoding !== file.contentEncoding) {
    throw new Error(`nginx ${path}: ${res.status}, ${res.body.length} bytes ${encoding ?? 'uncompressed'}; expected 200 and congso's ${file.body.length} bytes ${file.contentEncoding ?? 'uncompressed'}`);
  }
}

function pageCase(p: Captured): string {
  return `cached ${p.label} (${p.file.body.length.toLocaleString('en')} bytes ${p.file.contentEncoding ?? 'uncompressed'})`;
}

function ratioMetric(congso: LoadResult, nginx: LoadResult): Metric {
  return { label: 'congso / nginx', value: round((100 * congso.reqPerSec) / nginx.reqPerSec, 0), unit: '%' };
}

function notes(...parts: (string | null | undefined)[]): string | undefined {
  const kept = parts.filter((p): p is string => !!p);
  return kept.length ? kept.join('; ') : undefined;
}

export async function run(ctx: BenchContext): Promise<ResultRow[]> {
  const { connections, durationSeconds } = ctx.options;
  const label = `${connections} conn, ${durationSeconds} s`;
  const nginx = nginxVersion();
  const rows: ResultRow[] = [];
  for (const engine of engines) {
    const skip = engineSkipNote(engine, ctx.postgres);
    if (skip) {
      rows.push({ case: 'cached article and home page', engine, metrics: [], note: skip });
      continue;
    }
    for (const processes of webProcessCounts(engine)) {
      const captured = await withServer(ctx, engine, { CONGSO_WEB_PROCESSES: String(processes) }, (server) => measureCongso(ctx, server.url, processes));
      // The server is stopped before nginx runs, so the two never share the cores.
      let nginxLoads: LoadResult[] | null = null;
      if (nginx) {
        const server = await startNginx(captured.map((c) => c.file), { cleanup: ctx.cleanup, workers: processes });
        try {
          nginxLoads = [];
          for (const [i, c] of captured.entries()) {
            const path = server.paths[i]!;
            await assertSameBytes(server.url, path, c.file);
            await pageLoad(server.url, path, { connections, durationSeconds: WARM_UP_SECONDS });
            const r = await pageLoad(server.url, path, { connections, durationSeconds });
            ctx.log(`nginx ×${processes}, ${engineName[engine]} ${c.label} bytes: ${r.reqPerSec} req/s, p99 ${r.p99Ms} ms`);
            nginxLoads.push(r);
          }
        } finally {
          await server.stop();
        }
      }
      const workers = processes === 1 ? '1 worker' : `${processes} workers`;
      captured.forEach((c, i) => {
        const n = nginxLoads?.[i];
        const ratio = n ? ratioMetric(c.congso, n) : null;
        rows.push({
          case: `${pageCase(c)}, ${processesLabel(processes)} (${label})`,
          engine,
          metrics: [...loadMetrics(c.congso), ...(ratio ? [ratio] : [])],
          note: notes(
            loadNote(c.congso, 200),
            c.missedAfterLoad && `after the load: ${c.missedAfterLoad}`,
            ratio && ratio.value < GOAL_RATIO * 100 ? `below the goal of ${GOAL_RATIO * 100} % of nginx` : null,
            nginx ? null : `no nginx at ${NGINX_BIN}: no comparison`,
          ),
        });
        rows.push(
          n
            ? { case: `${nginx}, ${workers}, the same ${c.label} bytes from disk (${label})`, engine: null, metrics: loadMetrics(n), note: notes(`bytes of the ${engineName[engine]} server`, loadNote(n, 200)) }
            : { case: `nginx, the same ${c.label} bytes from disk`, engine: null, metrics: [], note: `skipped: nginx is not installed at ${NGINX_BIN} (set BENCH_NGINX)` },
        );
      });
    }
  }
  return rows;
}
