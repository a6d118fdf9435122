import { type Store, engineSkipNote, engines, freshStore } from '../lib/engines.js';
import { startServer } from '../lib/server.js';
import { kibToMib, max, median, round } from '../lib/stats.js';
import type { BenchContext, Engine, ResultRow } from '../lib/types.js';

export const name = 'startup';
export const description =
  'time from spawning node dist/main.js to the first 200 from /readyz, and peak RSS (VmHWM) of the start-up, on a fresh and an existing store per engine';

type Sample = { readyMs: number; peakRssKiB: number | null };

async function startOnce(ctx: BenchContext, store: Store): Promise<Sample> {
  const server = await startServer({ root: ctx.root, env: store.env, cleanup: ctx.cleanup, logDir: ctx.workDir });
  try {
    return { readyMs: server.readyMs, peakRssKiB: server.atReady?.peakRssKiB ?? null };
  } finally {
    const code = await server.stop();
    if (code !== 0) throw new Error(`server on ${store.label} exited with ${code} after SIGTERM; log ${server.logFile}`);
  }
}

function row(caseName: string, engine: Engine, samples: Sample[]): ResultRow {
  const times = samples.map((s) => s.readyMs);
  const rss = samples.map((s) => s.peakRssKiB).filter((v): v is number => v !== null);
  return {
    case: caseName,
    engine,
    metrics: [
      { label: 'ready median', value: round(median(times), 0), unit: 'ms' },
      { label: 'ready max', value: round(max(times), 0), unit: 'ms' },
      ...(rss.length ? [{ label: 'peak RSS median', value: kibToMib(median(rss)), unit: 'MiB' }, { label: 'peak RSS max', value: kibToMib(max(rss)), unit: 'MiB' }] : []),
      { label: 'runs', value: samples.length, unit: 'count' },
    ],
    note: rss.length ? undefined : '/proc not available: no RSS figures',
  };
}

const freshCase: Record<Engine, string> = {
  pglite: 'fresh data dir (initdb + migrations + demo seed)',
  postgres: 'fresh database (migrations + demo seed)',
};
const existingCase: Record<Engine, string> = {
  pglite: 'existing data dir',
  postgres: 'existing database',
};

/**
 * Each fresh run gets its own new store; the first one is kept and re-used for the "existing" runs, so those
 * open a migrated, seeded store exactly as a restart in production does.
 */
export async function run(ctx: BenchContext): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const engine of engines) {
    const skip = engineSkipNote(engine, ctx.postgres);
    if (skip) {
      rows.push({ case: freshCase[engine], engine, metrics: [], note: skip }, { case: existingCase[engine], engine, metrics: [], note: skip });
      continue;
    }
    const fresh: Sample[] = [];
    let kept: Store | null = null;
    try {
      for (let i = 0; i < ctx.options.repeats; i++) {
        const store = await freshStore(engine, ctx);
        if (kept) {
          try {
            fresh.push(await startOnce(ctx, store));
          } finally {
            await store.dispose();
          }
        } else {
          kept = store;
          fresh.push(await startOnce(ctx, store));
        }
        ctx.log(`${engine} fresh #${i + 1}: ready in ${Math.round(fresh.at(-1)?.readyMs ?? 0)} ms`);
      }
      rows.push(row(freshCase[engine], engine, fresh));
      const existing: Sample[] = [];
      for (let i = 0; i < ctx.options.repeats; i++) {
        existing.push(await startOnce(ctx, kept as Store));
        ctx.log(`${engine} existing #${i + 1}: ready in ${Math.round(existing.at(-1)?.readyMs ?? 0)} ms`);
      }
      rows.push(row(existingCase[engine], engine, existing));
    } finally {
      await kept?.dispose();
    }
  }
  return rows;
}
