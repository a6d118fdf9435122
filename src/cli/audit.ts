import type { Command } from 'commander';
import { inArray } from 'drizzle-orm';
import { agencies } from '../org/schema.js';
import { PLATFORM_CHAIN } from '../platform/audit/record-audit.js';
import { verifyAudit } from '../platform/audit/verify-audit.js';
import type { Queryable } from '../platform/db/client.js';
import { withDatabase } from './run.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('nhật ký hệ thống (audit log)');
  audit
    .command('verify')
    .description('kiểm tra chuỗi băm của nhật ký (verify the audit log hash chain)')
    .action(() =>
      withDatabase(async ({ database }) => {
        const r = await verifyAudit(database.db);
        const names = await chainNames(database.db, r.ok ? r.chains.map((c) => c.chain) : [r.chain]);
        if (r.ok) {
          console.log(`OK: ${r.entries} entries, ${r.chains.length} chains`);
          for (const c of r.chains) console.log(`  ${names.get(c.chain)}: ${c.entries} entries, head ${c.head}`);
          return;
        }
        const why =
          r.reason === 'content_changed'
            ? 'nội dung đã bị sửa (content changed)'
            : 'liên kết bị đứt: có bản ghi bị xóa hoặc chèn vào trước nó (link broken: an entry was removed or inserted before it)';
        console.error(`LỖI / FAILED: chuỗi (chain) ${names.get(r.chain)}, bản ghi seq ${r.badSeq} — ${why}; ${r.entries} bản ghi trước đó của chuỗi hợp lệ (entries of the chain before it are sound).`);
        // exitCode rather than exit(), so the database is still closed cleanly.
        process.exitCode = 1;
      }),
    );
}

/** How a chain is named to the operator: the agency's name beside its id, or the platform chain. */
async function chainNames(db: Queryable, chains: string[]): Promise<Map<string, string>> {
  const ids = chains.filter((c) => c !== PLATFORM_CHAIN);
  const rows = ids.length ? await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, ids)) : [];
  const byId = new Map(rows.map((a) => [a.id, a.name]));
  return new Map(chains.map((c) => [c, c === PLATFORM_CHAIN ? 'nền tảng (platform)' : `${byId.get(c) ?? 'cơ quan đã xóa (deleted agency)'} (${c})`]));
}
