import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { systemActor } from '../platform/auth/system-actor.js';
import { translate } from '../platform/i18n/index.js';
import { type ProcedureImportSummary, importProcedures } from '../services/procedures/import-procedures.js';
import { progressBar } from './portal.js';
import { withDatabase } from './run.js';

const both = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => `${translate('vi', key, params)} / ${translate('en', key, params)}`;

export function printProcedureSummary(file: string, s: ProcedureImportSummary, seconds: number, print: (line: string) => void = console.log): void {
  print(`${path.basename(file)}: ${s.total} thủ tục / procedures, ${seconds.toFixed(1)} s`);
  print(`  Thêm mới / created:    ${s.created}`);
  print(`  Cập nhật / updated:    ${s.updated}`);
  print(`  Không đổi / unchanged: ${s.unchanged}`);
  print(`  Từ chối / rejected:    ${s.rejected.length}`);
  for (const r of s.rejected) print(`    dòng / row ${r.row}${r.where ? ` (${r.where})` : ''}: ${both(r.key, r.params)}`);
}

export function registerProcedureCommands(program: Command): void {
  const procedures = program.command('procedures').description('danh mục thủ tục hành chính (procedure catalogue)');
  procedures
    .command('import')
    .argument('<file>', 'tệp JSON (mảng thủ tục) hoặc Excel .xlsx, xem docs/procedure-import.md (a JSON array or an .xlsx workbook)')
    .description('nhập thủ tục theo mã; chạy lại chỉ công bố phiên bản mới khi nội dung thay đổi (import procedures by code; re-running publishes only changes)')
    .action((file: string) =>
      withDatabase(async ({ ctx }) => {
        let content: Buffer;
        try {
          content = fs.readFileSync(file);
        } catch (err) {
          console.error(`Không đọc được tệp ${file} (cannot read the file): ${(err as Error).message}`);
          process.exitCode = 1;
          return;
        }
        const bar = progressBar();
        const t0 = performance.now();
        try {
          const summary = await importProcedures({ ...ctx, actor: systemActor() }, content, { fileName: file, onProgress: bar.update });
          bar.stop();
          printProcedureSummary(file, summary, (performance.now() - t0) / 1000);
          // 2: imported with rejected rows, so a script notices.
          if (summary.rejected.length) process.exitCode = 2;
        } finally {
          bar.stop();
        }
      }),
    );
}
