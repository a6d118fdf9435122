import { argon2Ceiling } from '../lib/argon2.js';
import { engineSkipNote, engines } from '../lib/engines.js';
import { loadMetrics, loadNote, signInLoad, signInPageLoad, signInServerEnv } from '../lib/load.js';
import { withServer } from '../lib/with-server.js';
import type { BenchContext, ResultRow } from '../lib/types.js';

export const name = 'sign-in';
export const description =
  'throughput and latency of successful official password sign-ins (POST /quan-tri/dang-nhap) per engine, with GET of the sign-in page and bare argon2id verification for comparison';

const WARM_UP_SECONDS = 2;

export async function run(ctx: BenchContext): Promise<ResultRow[]> {
  const { connections, durationSeconds } = ctx.options;
  const label = `${connections} conn, ${durationSeconds} s`;
  const rows: ResultRow[] = [];
  const ceiling = await argon2Ceiling({ concurrency: connections, durationSeconds });
  rows.push({ case: `argon2id verify alone, in the bench process (${connections} parallel, ${durationSeconds} s)`, engine: null, metrics: ceiling });
  for (const engine of engines) {
    const skip = engineSkipNote(engine, ctx.postgres);
    if (skip) {
      rows.push({ case: 'GET sign-in page', engine, metrics: [], note: skip }, { case: 'POST sign-in (success)', engine, metrics: [], note: skip });
      continue;
    }
    await withServer(ctx, engine, signInServerEnv, async (server) => {
      // A short unrecorded run first, so the figures are not those of cold code paths and an empty pool.
      await signInPageLoad(server.url, { connections, durationSeconds: WARM_UP_SECONDS });
      const page = await signInPageLoad(server.url, { connections, durationSeconds });
      ctx.log(`${engine} GET page: ${page.reqPerSec} req/s, p99 ${page.p99Ms} ms`);
      rows.push({ case: `GET sign-in page (${label})`, engine, metrics: loadMetrics(page), note: loadNote(page, 200) });
      const signIn = await signInLoad(server.url, { connections, durationSeconds });
      ctx.log(`${engine} POST sign-in: ${signIn.reqPerSec} req/s, p99 ${signIn.p99Ms} ms`);
      rows.push({ case: `POST sign-in, success (${label})`, engine, metrics: loadMetrics(signIn), note: loadNote(signIn, 303) });
    });
  }
  return rows;
}
