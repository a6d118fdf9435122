import type { Command } from 'commander';
import { migrationStatus } from '../platform/db/migrations.js';
import { seedDemo, DEMO_PASSWORD } from '../demo/seed-demo.js';
import { withDatabase } from './run.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('cơ sở dữ liệu (database)');
  db.command('migrate')
    .description('áp dụng các migration còn thiếu (apply pending migrations)')
    .action(() =>
      withDatabase(async ({ database }) => {
        const m = await migrationStatus(database.db);
        console.log(`Đã áp dụng ${m.applied}/${m.expected} migration trên ${database.engine} (${database.location}).`);
      }),
    );
  db.command('seed-demo')
    .description('nạp tỉnh mẫu: cơ quan, cán bộ, công dân mẫu (load the demo province)')
    .action(() =>
      withDatabase(async ({ ctx }) => {
        const { seeded, logins } = await seedDemo(ctx);
        console.log(seeded ? 'Đã nạp tỉnh mẫu (demo province loaded).' : 'Tỉnh mẫu đã có sẵn, không thay đổi gì (already loaded, nothing changed).');
        console.log(`Mật khẩu chung / shared password: ${DEMO_PASSWORD}`);
        for (const l of logins) console.log(`  ${l.login.padEnd(22)} ${l.role}`);
      }),
    );
}
