import type { Command } from 'commander';
import { systemActor } from '../platform/auth/system-actor.js';
import { rebuildDossierFigures } from '../services/statistics/rebuild-dossier-figures.js';
import { withDatabase } from './run.js';

export function registerStatisticsCommands(program: Command): void {
  const statistics = program.command('statistics').description('thống kê hồ sơ (dossier statistics)');
  statistics
    .command('rebuild-counters')
    .description('tính lại bộ đếm theo ngày từ hồ sơ (recompute the daily counters from the dossiers)')
    .action(() =>
      withDatabase(async ({ ctx, database }) => {
        const t0 = performance.now();
        const r = await rebuildDossierFigures({ ...ctx, actor: systemActor() });
        console.log(`Đã tính lại ${r.rows} dòng đếm (recomputed ${r.rows} counter rows) — ${((performance.now() - t0) / 1000).toFixed(1)} s trên ${database.engine}`);
      }),
    );
}
