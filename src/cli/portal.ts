import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { systemActor } from '../platform/auth/system-actor.js';
import { translate } from '../platform/i18n/index.js';
import { type ArticleImportSummary, importArticles } from '../portal/import/import-articles.js';
import { withDatabase } from './run.js';

const both = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => `${translate('vi', key, params)} / ${translate('en', key, params)}`;

export function printArticleSummary(file: string, s: ArticleImportSummary, seconds: number, print: (line: string) => void = console.log): void {
  print(`${path.basename(file)}: ${s.total} dòng / lines, ${seconds.toFixed(1)} s${s.dryRun ? ' — chạy thử, không ghi gì (dry run, nothing written)' : ''}`);
  print(`  Thêm mới / created:    ${s.created}`);
  print(`  Cập nhật / updated:    ${s.updated}`);
  print(`  Không đổi / unchanged: ${s.unchanged}`);
  if (s.kept) print(`  Giữ bản đã sửa trên cổng / kept, edited in congso: ${s.kept}`);
  print(`  Từ chối / rejected:    ${s.rejected.length}`);
  for (const r of s.rejected) print(`    dòng / line ${r.line}: ${both(r.key, r.params)}`);
}

/** A progress bar on stderr; cli-progress draws nothing when stderr is not a terminal, so logs stay clean. */
export function progressBar(): { update(done: number, total: number): void; stop(): void } {
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: ' {bar} {percentage}% | {value}/{total}', hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

export function registerPortalCommands(program: Command): void {
  const portal = program.command('portal').description('cổng thông tin điện tử (portal)');
  portal
    .command('import')
    .argument('<file>', 'JSON Lines, mỗi dòng một bài: site, category, title, summary, body (HTML hoặc văn bản), published_at (ISO 8601), source_id, author, source')
    .description('nhập tin bài đã đăng từ cổng cũ; chạy lại chỉ cập nhật bài thay đổi (import published articles; re-running updates only changed ones)')
    .option('--dry-run', 'chỉ kiểm tra và đếm, không ghi gì (check and count, write nothing)', false)
    .action((file: string, opts: { dryRun: boolean }) =>
      withDatabase(async ({ ctx }) => {
        let content: string;
        try {
          content = fs.readFileSync(file, 'utf8');
        } catch (err) {
          console.error(`Không đọc được tệp ${file} (cannot read the file): ${(err as Error).message}`);
          process.exitCode = 1;
          return;
        }
        const bar = progressBar();
        const t0 = performance.now();
        try {
          const summary = await importArticles({ ...ctx, actor: systemActor() }, content, { fileName: file, dryRun: opts.dryRun, onProgress: bar.update });
          bar.stop();
          printArticleSummary(file, summary, (performance.now() - t0) / 1000);
          // 2: imported with rejected lines, so a script notices.
          if (summary.rejected.length) process.exitCode = 2;
        } finally {
          bar.stop();
        }
      }),
    );
}
