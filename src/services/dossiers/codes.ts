import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.js';
import { queryRows } from '../../platform/db/client.js';
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
 */
export async function nextDossierCode(db: Queryable, agency: { id: string; code: string }, at: Date): Promise<string> {
  const day = vnDay(at);
  const [row] = await queryRows<{ last: number }>(
    db,
    sql`insert into dossier_counters (agency_id, day, last) values (${agency.id}, ${day}, 1)
        on conflict (agency_id, day) do update set last = dossier_counters.last + 1
        returning last`,
  );
  const yymmdd = day.slice(2).replaceAll('-', '');
  return `${agency.code}-${yymmdd}-${String(row!.last).padStart(4, '0')}`;
}
