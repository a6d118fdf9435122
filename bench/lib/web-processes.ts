import os from 'node:os';
import type { Engine } from './types.js';

/**
 * The web-process counts a portal scenario measures: one, and on PostgreSQL also as many as the machine has cores
 * (BENCH_WEB_PROCESSES overrides), since several processes are how a province's server uses its cores. PGlite opens
 * in one process only.
 */
export function webProcessCounts(engine: Engine): number[] {
  if (engine === 'pglite') return [1];
  const raw = process.env.BENCH_WEB_PROCESSES;
  const n = raw === undefined ? os.availableParallelism() : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_WEB_PROCESSES must be a whole number ≥ 1 (got ${raw})`);
  return n > 1 ? [1, n] : [1];
}

export const processesLabel = (n: number) => (n === 1 ? '1 web process' : `${n} web processes`);
