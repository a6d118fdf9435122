import { setTimeout as delay } from 'node:timers/promises';
import { engineSkipNote, engines } from '../lib/engines.js';
import { loadNote, signInLoad, signInServerEnv } from '../lib/load.js';
import type { ProcMemory } from '../lib/server.js';
import { kibToMib } from '../lib/stats.js';
import { withServer } from '../lib/with-server.js';
import type { BenchContext, ResultRow } from '../lib/types.js';

export const name = 'rss';
export const description = 'server resident memory (VmRSS) idle after start-up, right after a sign-in load, and its peak (VmHWM), per engine';

/** Long enough for start-up garbage and the first timers to settle, short enough to keep the run quick. */
const SETTLE_MS = 3000;

function read(memory: ProcMemory | null, when: string): ProcMemory {
  if (!memory) throw new Error(`cannot read /proc/<pid>/status ${when} (this scenario needs Linux)`);
  return memory;
}

export async function run(ctx: BenchContext): Promise<ResultRow[]> {
  const { connections, durationSeconds } = ctx.options;
  const rows: ResultRow[] = [];
  for (const engine of engines) {
    const skip = engineSkipNote(engine, ctx.postgres);
    if (skip) {
      rows.push({ case: 'idle / after sign-in load', engine, metrics: [], note: skip });
      continue;
    }
    await withServer(ctx, engine, signInServerEnv, async (server) => {
      await delay(SETTLE_MS);
      const idle = read(server.memory(), 'when idle');
      const load = await signInLoad(server.url, { connections, durationSeconds });
      const after = read(server.memory(), 'after the load');
      ctx.log(`${engine}: idle ${kibToMib(idle.rssKiB)} MiB, after load ${kibToMib(after.rssKiB)} MiB, peak ${kibToMib(after.peakRssKiB)} MiB`);
      rows.push({
        case: `idle ${SETTLE_MS / 1000} s after start / after ${durationSeconds} s of sign-ins (${connections} conn)`,
        engine,
        metrics: [
          { label: 'RSS idle', value: kibToMib(idle.rssKiB), unit: 'MiB' },
          { label: 'RSS after load', value: kibToMib(after.rssKiB), unit: 'MiB' },
          { label: 'peak RSS (start-up + load)', value: kibToMib(after.peakRssKiB), unit: 'MiB' },
          { label: 'sign-ins during load', value: load.completed, unit: 'count' },
        ],
        note: loadNote(load, 303),
      });
    });
  }
  return rows;
}
