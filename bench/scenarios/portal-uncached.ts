import { engineSkipNote, engines } from '../lib/engines.js';
import { loadMetrics, loadNote } from '../lib/load.js';
import { BROWSER_HEADERS, findArticlePath, pageLoad, rawGet } from '../lib/portal.js';
import { processesLabel, webProcessCounts } from '../lib/web-processes.js';
import { withServer } from '../lib/with-server.js';
import type { BenchContext, Engine, ResultRow } from '../lib/types.js';

export const name = 'portal-uncached';
export const description =
  'anonymous portal pages rendered on every request (page cache off: CONGSO_PAGE_CACHE_MB=0): a published article and the home page, per engine';

const WARM_UP_SECONDS = 2;
/** The goal for an article render on PostgreSQL; PGlite is measured for comparison only. */
const GOAL = { engine: 'postgres' as Engine, reqPerSec: 2000, p99Ms: 50 };

export async function run(ctx: BenchContext): Promise<ResultRow[]> {
  const { connections, durationSeconds } = ctx.options;
  const label = `${connections} conn, ${durationSeconds} s`;
  const rows: ResultRow[] = [];
  for (const engine of engines) {
    const skip = engineSkipNote(engine, ctx.postgres);
    if (skip) {
      rows.push({ case: 'uncached article and home page', engine, metrics: [], note: skip });
      continue;
    }
    for (const processes of webProcessCounts(engine)) {
      await withServer(ctx, engine, { CONGSO_PAGE_CACHE_MB: '0', CONGSO_WEB_PROCESSES: String(processes) }, async (server) => {
        const articlePath = await findArticlePath(server.url);
        for (const page of [
          { label: 'article page', path: articlePath },
          { label: 'home page', path: '/' },
        ]) {
          // With the cache off nothing can answer 304 or come precompressed: proof that every request renders.
          const probe = await rawGet(`${server.url}${page.path}`, BROWSER_HEADERS);
          const etag = probe.headers.etag;
          const revalidated = etag ? await rawGet(`${server.url}${page.path}`, { ...BROWSER_HEADERS, 'if-none-match': etag }) : null;
          if (probe.status !== 200 || revalidated?.status === 304) {
            throw new Error(`GET ${page.path} with the page cache off: ${probe.status}, revalidation ${revalidated?.status ?? '—'}; expected a fresh 200 each time`);
          }
          await pageLoad(server.url, page.path, { connections, durationSeconds: WARM_UP_SECONDS });
          const r = await pageLoad(server.url, page.path, { connections, durationSeconds });
          ctx.log(`${engine} ×${processes} ${page.label} ${page.path}: ${r.reqPerSec} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`);
          const encoding = probe.headers['content-encoding'] ?? 'uncompressed';
          const goal =
            engine === GOAL.engine && page.label === 'article page'
              ? `goal ≥ ${GOAL.reqPerSec.toLocaleString('en')} req/s and p99 ≤ ${GOAL.p99Ms} ms: ${r.reqPerSec >= GOAL.reqPerSec && r.p99Ms <= GOAL.p99Ms ? 'met' : 'NOT met'}`
              : null;
          const note = [loadNote(r, 200), goal].filter(Boolean).join('; ');
          rows.push({
            case: `uncached ${page.label} (${probe.body.length.toLocaleString('en')} bytes ${encoding}), ${processesLabel(processes)} (${label})`,
            engine,
            metrics: loadMetrics(r),
            note: note || undefined,
          });
        }
      });
    }
  }
  return rows;
}
