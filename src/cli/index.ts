import { Command } from 'commander';
import { registerDbCommands } from './db.js';
import { registerUserCommands } from './user.js';
import { registerAuditCommands } from './audit.js';
import { registerUnitCommands } from './unit-import.js';
import { registerPortalCommands } from './portal.js';
import { registerDemoCommands } from './demo.js';
import { registerProcedureCommands } from './procedures.js';
import { registerStatisticsCommands } from './statistics.js';

const program = new Command();
program
  .name('congso')
  .description('congso — nền tảng chính quyền số nguồn mở cho cấp tỉnh (open-source e-government platform)')
  .showHelpAfterError();

program
  .command('serve')
  .description('chạy máy chủ web (start the web server)')
  .action(async () => {
    const { runServe } = await import('./serve.js');
    await runServe();
  });

registerDbCommands(program);
registerUserCommands(program);
registerAuditCommands(program);
registerUnitCommands(program);
registerPortalCommands(program);
registerDemoCommands(program);
registerProcedureCommands(program);
registerStatisticsCommands(program);

await program.parseAsync(process.argv);
