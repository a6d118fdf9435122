import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { and, eq } from 'drizzle-orm';
import { users } from '../accounts/schema.js';
import { loadGrants } from '../platform/auth/sessions.js';
import { systemActor } from '../platform/auth/system-actor.js';
import type { Actor } from '../platform/context.js';
import type { Queryable } from '../platform/db/client.js';
import { translate } from '../platform/i18n/index.js';
import { type ImportSummary, importUnits } from '../org/import-units.js';
import { withDatabase } from './run.js';

async function officialActor(db: Queryable, username: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(and(eq(users.kind, 'official'), eq(users.username, username), eq(users.active, true)));
  if (!u) throw new Error(`Không có cán bộ đang hoạt động với tên đăng nhập ${username} (no active official with this username)`);
  return { userId: u.id, kind: 'official', label: u.username ?? u.fullName, agencyId: u.agencyId, grants: await loadGrants(db, u.id) };
}

const both = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => `${translate('vi', key, params)} / ${translate('en', key, params)}`;

export function printSummary(file: string, s: ImportSummary, seconds: number, print: (line: string) => void = console.log): void {
  print(`${path.basename(file)} (${s.layout}): ${s.total} dòng / lines, ${seconds.toFixed(1)} s`);
  print(`  Thêm mới / created:    ${s.created}`);
  print(`  Cập nhật / updated:    ${s.updated}`);
  print(`  Không đổi / unchanged: ${s.unchanged}`);
  if (s.layout === 'successors') print(`  Đơn vị cũ / old units: ${s.oldUnits.created} thêm / created, ${s.oldUnits.ended} kết thúc hiệu lực / ended`);
  print(`  Từ chối / rejected:    ${s.rejected.length}`);
  for (const r of s.rejected) print(`    dòng / line ${r.line}${r.column ? ` [${r.column}]` : ''}: ${both(r.key, r.params)}`);
  if (!s.written) print(both('unit.import.strictAborted'));
}

export function registerUnitCommands(program: Command): void {
  const unit = program.command('unit').description('đơn vị hành chính (administrative units)');
  unit
    .command('import')
    .argument('<file>', 'CSV hoặc JSON: provinces (code,name,type), communes (code,name,type,province_code), successors (level,new_code,new_name,old_code,old_name,part)')
    .description('nhập danh sách đơn vị hành chính (import administrative units)')
    .option('--valid-from <date>', 'ngày các đơn vị trong tệp bắt đầu hiệu lực, YYYY-MM-DD (the day the units take effect)', '2025-07-01')
    .option(
      '--old-valid-from <date>',
      'ngày bắt đầu gán cho đơn vị cũ chưa có trong cơ sở dữ liệu: mặc định là ngày của Quyết định 124/2004/QĐ-TTg về bảng mã (start given to unknown predecessor units)',
      '2004-07-08',
    )
    .option('--strict', 'có dòng bị từ chối thì không nhập gì (import nothing if any line is rejected)', false)
    .option('--as <username>', 'ghi nhật ký dưới tên cán bộ này, cần quyền quản trị hệ thống (act as this official)')
    .action((file: string, opts: { validFrom: string; oldValidFrom: string; strict: boolean; as?: string }) =>
      withDatabase(async ({ ctx }) => {
        let content: string;
        try {
          content = fs.readFileSync(file, 'utf8');
        } catch (err) {
          console.error(`Không đọc được tệp ${file} (cannot read the file): ${(err as Error).message}`);
          process.exitCode = 1;
          return;
        }
        const actor = opts.as ? await officialActor(ctx.db, opts.as) : systemActor();
        const bar = new cliProgress.SingleBar({ stream: process.stderr, format: ' {bar} {percentage}% | {value}/{total}', hideCursor: true }, cliProgress.Presets.shades_classic);
        let started = false;
        const t0 = performance.now();
        try {
          const summary = await importUnits({ ...ctx, actor }, { name: file, content }, {
            validFrom: opts.validFrom,
            oldValidFrom: opts.oldValidFrom,
            strict: opts.strict,
            onProgress: (done, total) => {
              if (!started) {
                bar.start(total, 0);
                started = true;
              }
              bar.update(done);
            },
          });
          bar.stop();
          printSummary(file, summary, (performance.now() - t0) / 1000);
          // 2: imported with rejected lines, so a script notices; 1: nothing imported.
          if (!summary.written) process.exitCode = 1;
          else if (summary.rejected.length) process.exitCode = 2;
        } finally {
          if (started) bar.stop();
        }
      }),
    );
}
