import type { Command } from 'commander';
import { verifyAudit } from '../platform/audit/verify-audit.js';
import { withDatabase } from './run.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('nhật ký hệ thống (audit log)');
  audit
    .command('verify')
    .description('kiểm tra chuỗi băm của nhật ký (verify the audit log hash chain)')
    .action(() =>
      withDatabase(async ({ database }) => {
        const r = await verifyAudit(database.db);
        if (r.ok) {
          console.log(`OK: ${r.entries} entries, head ${r.head}`);
          return;
        }
        const why =
          r.reason === 'content_changed'
            ? 'nội dung đã bị sửa (content changed)'
            : 'liên kết bị đứt: có bản ghi bị xóa hoặc chèn vào trước nó (link broken: an entry was removed or inserted before it)';
        console.error(`LỖI / FAILED: bản ghi seq ${r.badSeq} — ${why}; ${r.entries} bản ghi trước đó hợp lệ (entries before it are sound).`);
        // exitCode rather than exit(), so the database is still closed cleanly.
        process.exitCode = 1;
      }),
    );
}
