import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../../platform/db/client.js';

/**
 * Report II.06a (TT 01/2020/TT-VPCP: "Tình hình, kết quả giải quyết TTHC") and the Decision 766 indicators, per
 * competent agency and period, computed in one pass over the dossiers the period touches.
 *
 * Definitions (the same in figures.ts, the direct count the tests compare against):
 * - carried over: received before the period and not finished before it;
 * - received: received in the period, by channel;
 * - resolved: finished in the period with a result (processed or returned), judged by day in Vietnam time against
 *   the due date: early before the due day, on time on it, late after it; withdrawn and stopped counted apart;
 * - in progress at the end (the period's end or now, whichever is sooner): received, not finished; paused when the
 *   clock is stopped, otherwise on time or late against the due date;
 * - returned: result handed over in the period.
 * 766: on-time rate = (early + on time) / resolved; online share = received online / received; full-online share
 * = received online at level toàn trình / received at that level; online payment share = paid online / received with
 * fees; digitised share = received with electronic documents / received; satisfaction = rated 4–5 / rated (ratings of
 * dossiers returned in the period).
 */
export type AgencyFigures = {
  agencyId: string;
  carried: number;
  received: number;
  receivedOnline: number;
  receivedInPerson: number;
  receivedPost: number;
  early: number;
  onTime: number;
  late: number;
  withdrawn: number;
  stopped: number;
  inProgressOnTime: number;
  inProgressLate: number;
  paused: number;
  returned: number;
  fullOnlineReceived: number;
  fullOnlineOnline: number;
  feeReceived: number;
  paidOnline: number;
  digitised: number;
  rated: number;
  satisfied: number;
};

export const FIGURE_KEYS = [
  'carried',
  'received',
  'receivedOnline',
  'receivedInPerson',
  'receivedPost',
  'early',
  'onTime',
  'late',
  'withdrawn',
  'stopped',
  'inProgressOnTime',
  'inProgressLate',
  'paused',
  'returned',
  'fullOnlineReceived',
  'fullOnlineOnline',
  'feeReceived',
  'paidOnline',
  'digitised',
  'rated',
  'satisfied',
] as const satisfies readonly (keyof AgencyFigures)[];

export type Period = { from: Date; to: Date };

/** Day number in Vietnam time (UTC+7, no daylight saving), the same on both engines whatever their time zone data. */
const vnDay = (column: string) => sql.raw(`floor((extract(epoch from ${column}) + 25200) / 86400)`);

/**
 * Figures per agency. `agencyIds` 'all' for the whole province; the `asOf` instant closes the in-progress columns
 * (now for a period not yet over).
 */
export async function agencyFigures(db: Queryable, period: Period, asOf: Date, agencyIds: 'all' | string[]): Promise<AgencyFigures[]> {
  if (agencyIds !== 'all' && agencyIds.length === 0) return [];
  const { from, to } = period;
  const end = asOf < to ? asOf : to;
  const scope = agencyIds === 'all' ? sql`true` : sql`d.agency_id in ${agencyIds}`;
  const inPeriod = (col: string) => sql`d.${sql.raw(col)} >= ${from} and d.${sql.raw(col)} < ${to}`;
  const resolved = sql`d.state in ('processed', 'returned') and ${inPeriod('finished_at')}`;
  const open = sql`d.received_at < ${end} and (d.finished_at is null or d.finished_at >= ${end})`;
  const pausedAtEnd = sql`d.paused_since is not null and d.paused_since < ${end}`;
  const rows = await queryRows<Record<keyof AgencyFigures, string | number>>(
    db,
    sql`select d.agency_id as "agencyId",
      count(*) filter (where d.received_at < ${from} and (d.finished_at is null or d.finished_at >= ${from})) as carried,
      count(*) filter (where ${inPeriod('received_at')}) as received,
      count(*) filter (where ${inPeriod('received_at')} and d.channel = 'online') as "receivedOnline",
      count(*) filter (where ${inPeriod('received_at')} and d.channel = 'in_person') as "receivedInPerson",
      count(*) filter (where ${inPeriod('received_at')} and d.channel = 'post') as "receivedPost",
      count(*) filter (where ${resolved} and ${vnDay('d.finished_at')} < ${vnDay('d.due_at')}) as early,
      count(*) filter (where ${resolved} and ${vnDay('d.finished_at')} = ${vnDay('d.due_at')}) as "onTime",
      count(*) filter (where ${resolved} and ${vnDay('d.finished_at')} > ${vnDay('d.due_at')}) as late,
      count(*) filter (where d.state = 'withdrawn' and d.received_at is not null and ${inPeriod('finished_at')}) as withdrawn,
      count(*) filter (where d.state = 'stopped' and ${inPeriod('finished_at')}) as stopped,
      count(*) filter (where ${open} and not (${pausedAtEnd}) and d.due_at >= ${end}) as "inProgressOnTime",
      count(*) filter (where ${open} and not (${pausedAtEnd}) and d.due_at < ${end}) as "inProgressLate",
      count(*) filter (where ${open} and ${pausedAtEnd}) as paused,
      count(*) filter (where ${inPeriod('returned_at')}) as returned,
      count(*) filter (where ${inPeriod('received_at')} and d.level = 'full_online') as "fullOnlineReceived",
      count(*) filter (where ${inPeriod('received_at')} and d.level = 'full_online' and d.channel = 'online') as "fullOnlineOnline",
      count(*) filter (where ${inPeriod('received_at')} and d.fee_total > 0) as "feeReceived",
      count(*) filter (where ${inPeriod('received_at')} and d.fee_total > 0 and d.paid_online) as "paidOnline",
      count(*) filter (where ${inPeriod('received_at')} and d.digitised) as digitised,
      count(*) filter (where ${inPeriod('returned_at')} and d.rating is not null) as rated,
      count(*) filter (where ${inPeriod('returned_at')} and d.rating >= 4) as satisfied
    from dossiers d
    where ${scope} and d.received_at is not null and d.received_at < ${to}
      and (d.finished_at is null or d.finished_at >= ${from} or d.returned_at >= ${from})
    group by d.agency_id`,
  );
  return rows.map((r) => {
    const out = { agencyId: String(r.agencyId) } as AgencyFigures;
    for (const k of FIGURE_KEYS) out[k] = Number(r[k]);
    return out;
  });
}

/** Column-wise sum, for the province's line of the report. */
export function totalFigures(rows: readonly AgencyFigures[]): Omit<AgencyFigures, 'agencyId'> {
  const total = Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as Omit<AgencyFigures, 'agencyId'>;
  for (const r of rows) for (const k of FIGURE_KEYS) total[k] += r[k];
  return total;
}

export type Indicators = {
  onTimeRate: number | null;
  onlineShare: number | null;
  fullOnlineShare: number | null;
  onlinePaymentShare: number | null;
  digitisedShare: number | null;
  satisfaction: number | null;
};

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/** The Decision 766 indicators from the figures; null where nothing was there to measure. */
export function indicators(f: Omit<AgencyFigures, 'agencyId'>): Indicators {
  return {
    onTimeRate: ratio(f.early + f.onTime, f.early + f.onTime + f.late),
    onlineShare: ratio(f.receivedOnline, f.received),
    fullOnlineShare: ratio(f.fullOnlineOnline, f.fullOnlineReceived),
    onlinePaymentShare: ratio(f.paidOnline, f.feeReceived),
    digitisedShare: ratio(f.digitised, f.received),
    satisfaction: ratio(f.satisfied, f.rated),
  };
}
