import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../../platform/db/client.js';

/**
 * Report II.06a (TT 01/2020/TT-VPCP: "Tình hình, kết quả giải quyết TTHC") and the Decision 766 indicators, per
 * competent agency and period of whole days (Vietnam time).
 *
 * Definitions (report.test.ts applies them row by row to the dossiers, and the report must agree):
 * - carried over: received before the period and not finished before it;
 * - received: received in the period, by channel;
 * - resolved: finished in the period with a result (processed or returned), judged by day in Vietnam time against
 *   the due date: early before the due day, on time on it, late after it; withdrawn and stopped counted apart;
 * - in progress at the end (the period's end or now, whichever is sooner): received, not finished; paused when the
 *   clock is stopped, otherwise on time or late against the due date;
 * - returned: result handed over in the period.
 * 766: on-time rate = (early + on time) / resolved; online share = received online / received; full-online share
 * = received online at level toàn trình / received at that level; online payment share = paid online (fees or a
 * financial obligation) / received with fees or asked for an obligation; digitised share = received with electronic documents / received; satisfaction = rated 4–5 / rated (ratings of
 * dossiers returned in the period).
 *
 * Everything but the in-progress columns comes from the daily counters (schema.ts), so a period costs its agencies ×
 * days, not its dossiers. The in-progress columns of a period not yet over are read from the open dossiers alone
 * (index `dossiers_open`); those of a past period from the counters, less the dossiers paused at its end.
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

/** Whole days: both ends are the start of a day in Vietnam time, `to` excluded. */
export type Period = { from: Date; to: Date };

/** Figures the counters give directly, summed over the period's days. */
const FLOWS = {
  received: 'received',
  receivedOnline: 'received_online',
  receivedInPerson: 'received_in_person',
  receivedPost: 'received_post',
  early: 'early',
  onTime: 'on_time',
  late: 'late',
  withdrawn: 'withdrawn',
  stopped: 'stopped',
  returned: 'returned',
  fullOnlineReceived: 'full_online_received',
  fullOnlineOnline: 'full_online_online',
  feeReceived: 'fee_received',
  paidOnline: 'paid_online',
  digitised: 'digitised',
  rated: 'rated',
  satisfied: 'satisfied',
} as const satisfies Partial<Record<keyof AgencyFigures, string>>;

type Stock = { onTime: number; late: number; paused: number };

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;
/** The Vietnam day (YYYY-MM-DD) an instant falls on. */
const vnDate = (t: Date) => new Date(t.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
const isDayStart = (t: Date) => (t.getTime() + VN_OFFSET_MS) % DAY_MS === 0;

/**
 * Figures per agency. `agencyIds` 'all' for the whole province; the `asOf` instant (now) closes the in-progress
 * columns of a period not yet over. Agencies with nothing to show are left out.
 */
export async function agencyFigures(db: Queryable, period: Period, asOf: Date, agencyIds: 'all' | string[]): Promise<AgencyFigures[]> {
  if (agencyIds !== 'all' && agencyIds.length === 0) return [];
  const { from, to } = period;
  if (!isDayStart(from) || !isDayStart(to)) throw new Error('agencyFigures: a period is whole days in Vietnam time');
  const scope = agencyIds === 'all' ? sql`true` : sql`agency_id in ${agencyIds}`;
  const [fromDay, toDay] = [vnDate(from), vnDate(to)];
  const counters = await queryRows<Record<string, string | number | null>>(
    db,
    sql`select agency_id as "agencyId",
      ${sql.join(Object.entries(FLOWS).map(([k, col]) => sql`sum(${sql.raw(col)}) filter (where day >= ${fromDay}) as ${sql.identifier(k)}`), sql`, `)},
      sum(received - finished) filter (where day < ${fromDay}) as carried,
      sum(due_received - due_finished) as "openDue",
      sum(overdue - overdue_finished) as overdue
    from dossier_day_figures where ${scope} and day < ${toDay}
    group by agency_id`,
  );
  const stock = asOf < to ? await stockNow(db, asOf, scope) : await stockAtDayStart(db, to, counters, scope);
  const out: AgencyFigures[] = [];
  const ids = new Set([...counters.map((c) => String(c.agencyId)), ...stock.keys()]);
  const byId = new Map(counters.map((c) => [String(c.agencyId), c]));
  for (const agencyId of ids) {
    const c = byId.get(agencyId);
    const s = stock.get(agencyId);
    const f = { agencyId } as AgencyFigures;
    for (const k of Object.keys(FLOWS) as (keyof typeof FLOWS)[]) f[k] = Number(c?.[k] ?? 0);
    f.carried = Number(c?.carried ?? 0);
    f.inProgressOnTime = s?.onTime ?? 0;
    f.inProgressLate = s?.late ?? 0;
    f.paused = s?.paused ?? 0;
    if (FIGURE_KEYS.some((k) => f[k] !== 0)) out.push(f);
  }
  return out;
}

/**
 * In progress now: the dossiers not finished, read from their partial index alone. `end` is the present, so no
 * dossier has finished after it.
 */
async function stockNow(db: Queryable, end: Date, scope: SQL): Promise<Map<string, Stock>> {
  const pausedAtEnd = sql`paused_since is not null and paused_since < ${end}`;
  const rows = await queryRows<{ agencyId: string; onTime: number; late: number; paused: number }>(
    db,
    sql`select agency_id as "agencyId",
      count(*) filter (where not (${pausedAtEnd}) and due_at >= ${end})::int as "onTime",
      count(*) filter (where not (${pausedAtEnd}) and due_at < ${end})::int as late,
      count(*) filter (where ${pausedAtEnd})::int as paused
    from dossiers where ${scope} and finished_at is null and received_at is not null and received_at < ${end}
    group by agency_id`,
  );
  return new Map(rows.map((r) => [r.agencyId, r]));
}

/**
 * In progress at the start of a past day, from the counters' sums before it: open, open with a due date, open and
 * past due; the dossiers paused at that instant (few, index `dossiers_paused`) are set apart from on time and late.
 */
async function stockAtDayStart(db: Queryable, end: Date, counters: Record<string, string | number | null>[], scope: SQL): Promise<Map<string, Stock>> {
  const paused = await queryRows<{ agencyId: string; paused: number; onTime: number; late: number }>(
    db,
    sql`select agency_id as "agencyId", count(*)::int as paused,
      count(*) filter (where due_at >= ${end})::int as "onTime", count(*) filter (where due_at < ${end})::int as late
    from dossiers where ${scope} and paused_since is not null and paused_since < ${end} and received_at < ${end}
      and (finished_at is null or finished_at >= ${end})
    group by agency_id`,
  );
  const pausedBy = new Map(paused.map((p) => [p.agencyId, p]));
  const out = new Map<string, Stock>();
  for (const c of counters) {
    const p = pausedBy.get(String(c.agencyId));
    const overdue = Number(c.overdue ?? 0);
    out.set(String(c.agencyId), {
      onTime: Number(c.openDue ?? 0) - overdue - (p?.onTime ?? 0),
      late: overdue - (p?.late ?? 0),
      paused: p?.paused ?? 0,
    });
  }
  return out;
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
