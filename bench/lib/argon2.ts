import { hashPassword, verifyPassword } from '../../src/platform/auth/password.js';
import { max, percentile, round } from './stats.js';
import type { Metric } from './types.js';

/**
 * The ceiling sign-in can reach: password verifications alone, with the app's own argon2id parameters, run
 * `concurrency` at a time in this process for the given time. No HTTP, no database.
 */
export async function argon2Ceiling(opts: { concurrency: number; durationSeconds: number }): Promise<Metric[]> {
  const password = 'Bench@argon2id-2025';
  const stored = await hashPassword(password);
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + opts.durationSeconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      if (!(await verifyPassword(stored, password))) throw new Error('argon2 verification of the right password failed');
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return [
    { label: 'verifications', value: round(latencies.length / seconds, 1), unit: '/s' },
    { label: 'latency p50', value: round(percentile(latencies, 50), 0), unit: 'ms' },
    { label: 'latency p99', value: round(percentile(latencies, 99), 0), unit: 'ms' },
    { label: 'latency max', value: round(max(latencies), 0), unit: 'ms' },
  ];
}
