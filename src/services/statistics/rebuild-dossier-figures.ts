import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { Forbidden } from '../../platform/errors.js';
import { permittedAgencyIds } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { queryRows } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';

/**
 * Recomputes the daily counters behind the statistics from the dossiers themselves (the same per-dossier
 * contribution the triggers apply), for an operator who suspects them or restored data behind the triggers' back.
 * Writers to dossiers wait for the few seconds it takes (SHARE lock), so no action slips between the count and the
 * swap; readers do not.
 */
export async function rebuildDossierFigures(ctx: Ctx): Promise<{ rows: number }> {
  if ((await permittedAgencyIds(ctx, 'dossier.stats.read')) !== 'all') throw new Forbidden();
  return inTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`lock table dossiers in share mode`);
    await tx.db.execute(sql`delete from dossier_day_figures`);
    const [inserted] = await queryRows<{ n: number }>(
      tx.db,
      sql`with rebuilt as (
            insert into dossier_day_figures
            select x.agency_id, x.day, ${sql.raw(COLUMNS.map((c) => `sum(x.${c})`).join(', '))}
            from dossiers d, dossier_day_figures_of(d, 1) x group by x.agency_id, x.day
            returning 1)
          select count(*)::int as n from rebuilt`,
    );
    await recordAudit(tx, { action: 'statistics.figures_rebuilt', entityType: 'dossier_day_figures', after: { rows: inserted!.n } });
    return { rows: inserted!.n };
  });
}

/** The counter columns in table order (migration 0010). */
const COLUMNS = [
  'received', 'received_online', 'received_in_person', 'received_post', 'full_online_received', 'full_online_online', 'fee_received', 'paid_online', 'digitised', 'due_received',
  'finished', 'early', 'on_time', 'late', 'withdrawn', 'stopped', 'due_finished', 'returned', 'rated', 'satisfied', 'overdue', 'overdue_finished',
];
