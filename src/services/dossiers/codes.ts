import type { Queryable, Tx } from '../../platform/db/client.js';
import { preparedRows } from '../../platform/db/client.js';
import { VN_OFFSET_MS } from '../calendar/working-time.js';

/** The day a moment falls on in Vietnam, as yyyy-mm-dd: codes restart at local midnight. */
export function vnDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The next dossier code of an agency: {agency code}-{yyMMdd}-{NNNN}, the counter restarting every day. The
 * counter row is incremented by one statement under its row lock, so concurrent submissions wait for each other
 * and never share a number; a rolled-back submission gives its number back. Past 9,999 a day the number simply
 * grows a digit rather than failing.
 *
 * Outside a transaction the statement is its own transaction, and it commits without waiting for its WAL flush
 * (synchronous_commit off for that transaction alone). That loses nothing: the dossier that uses the number
 * commits synchronously afterwards, and flushing its commit flushes the counter's earlier WAL too, so a number is
 * durable before any acknowledged dossier carries it; after a crash in between, the number is simply given again
 * to a dossier that was never acknowledged. Inside a caller's transaction the setting would apply to the caller's
 * commit, so it is left alone.
 */
export async function nextDossierCode(db: Queryable, agencyId: string, at: Date): Promise<string> {
  const day = vnDay(at);
  const ownTransaction = typeof (db as Partial<Tx>).rollback !== 'function';
  const [row] = await preparedRows<{ last: number; agency_code: string }>(
    db,
    ownTransaction ? 'dossier_code_own' : 'dossier_code',
    `insert into dossier_counters (agency_id, day, last)
        select $1::uuid, $2::date, 1 from (select ${ownTransaction ? `set_config('synchronous_commit', 'off', true)` : 'null'}) as commit_mode
        on conflict (agency_id, day) do update set last = dossier_counters.last + 1
        returning last, (select code from agencies where id = dossier_counters.agency_id) as agency_code`,
    [agencyId, day],
  );
  const yymmdd = day.slice(2).replaceAll('-', '');
  return `${row!.agency_code}-${yymmdd}-${String(row!.last).padStart(4, '0')}`;
}
