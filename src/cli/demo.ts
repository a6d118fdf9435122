import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { generateCorpus } from '../demo/corpus.js';
import { generateDossiers } from '../demo/dossiers.js';
import { systemActor } from '../platform/auth/system-actor.js';
import { progressBar } from './portal.js';
import { withDatabase } from './run.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('cần một số nguyên không âm (a whole number ≥ 0 is needed)');
  return n;
}

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('dữ liệu mẫu (demo data)');
  demo
    .command('corpus')
    .description('sinh tin bài mẫu đã đăng và đánh chỉ mục tìm kiếm, cho thử tải tìm kiếm (generate published synthetic articles)')
    .requiredOption('--articles <n>', 'số bài (number of articles)', positiveInt)
    .option('--site <slug>', 'trang nhận bài, mặc định cổng chính (target site, default the main portal)')
    .option('--seed <n>', 'hạt giống: cùng hạt giống cho cùng bài (same seed, same articles)', positiveInt, 1)
    .action((opts: { articles: number; site?: string; seed: number }) =>
      withDatabase(async ({ ctx, database }) => {
        const bar = progressBar();
        const t0 = performance.now();
        try {
          const r = await generateCorpus({ ...ctx, actor: systemActor() }, { articles: opts.articles, seed: opts.seed, site: opts.site, onProgress: bar.update });
          bar.stop();
          const s = (performance.now() - t0) / 1000;
          const rate = r.created ? `, ${Math.round(r.created / Math.max(s, 0.001))} bài/s (articles/s)` : '';
          console.log(`Đã thêm ${r.created} bài, bỏ qua ${r.skipped} bài đã có (added ${r.created}, skipped ${r.skipped} already there) — ${s.toFixed(1)} s${rate} trên ${database.engine}`);
        } finally {
          bar.stop();
        }
      }),
    );
  demo
    .command('dossiers')
    .description('sinh hồ sơ mẫu của một năm, cho thử tải và thống kê (generate a year of dossiers for benchmarks and statistics)')
    .requiredOption('--count <n>', 'số hồ sơ (number of dossiers)', positiveInt)
    .option('--seed <n>', 'hạt giống: cùng hạt giống cho cùng hồ sơ (same seed, same dossiers)', positiveInt, 1)
    .option('--days <n>', 'trải trong bao nhiêu ngày gần nhất (spread over the last n days)', positiveInt, 365)
    .action((opts: { count: number; seed: number; days: number }) =>
      withDatabase(async ({ ctx, database }) => {
        const bar = progressBar();
        const t0 = performance.now();
        try {
          const r = await generateDossiers(ctx, { count: opts.count, seed: opts.seed, days: opts.days, now: ctx.now(), onProgress: bar.update });
          bar.stop();
          const s = (performance.now() - t0) / 1000;
          console.log(`Đã thêm ${r.created} hồ sơ (added ${r.created} dossiers) — ${s.toFixed(1)} s, ${Math.round(r.created / Math.max(s, 0.001))} hồ sơ/s trên ${database.engine}`);
        } finally {
          bar.stop();
        }
      }),
    );
}
