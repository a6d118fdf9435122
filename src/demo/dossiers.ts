import { eq, sql } from 'drizzle-orm';
import { agencies } from '../org/schema.js';
import type { Ctx } from '../platform/context.js';
import { Invalid } from '../platform/errors.js';
import { DEFAULT_WEEK, type WorkingCalendar } from '../services/calendar/working-time.js';
import { vnDay } from '../services/dossiers/codes.js';
import { dueDate, stepDueDates } from '../services/dossiers/deadlines.js';
import { type dossierActions, dossierCounters, type dossiers } from '../services/dossiers/schema.js';
import type { DossierState } from '../services/dossiers/status.js';
import type { VersionDefinition } from '../services/procedures/definition.js';
import { procedureAgencies, procedureVersions, procedures } from '../services/procedures/schema.js';
import { prng } from './corpus.js';

/**
 * Generated dossiers for benchmarks and statistics tests: a year of filings spread over every agency that resolves a
 * procedure, each at a plausible point of its life (waiting at the desk, being processed, paused for a supplement,
 * resolved early, on time or late, returned and rated, withdrawn, refused, waiting for a financial obligation, stopped), with the projection and a short log
 * that agree. Deterministic for a seed. Due dates follow the working week without holidays: generated time need not
 * wait for the operator to confirm a year.
 */
export type GenerateOptions = { count: number; seed?: number; now: Date; days?: number; batch?: number; onProgress?: (done: number, total: number) => void };

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Thanh', 'Quốc', 'Đức', 'Thu', 'Hoài'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hòa', 'Khánh', 'Lan', 'Long', 'Mai', 'Nam', 'Ngân', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vy', 'Yến'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const everyYear: WorkingCalendar = { week: DEFAULT_WEEK, days: new Map(), years: new Set(Array.from({ length: 101 }, (_, i) => 2000 + i)) };

type Offer = { procedureId: string; versionId: string; level: 'full_online' | 'partial' | 'offline'; agencyId: string; deskAgencyId: string; agencyCode: string; definition: VersionDefinition };

async function offers(ctx: Ctx): Promise<Offer[]> {
  const rows = await ctx.db
    .select({ procedureId: procedures.id, versionId: procedureVersions.id, level: procedures.level, agencyId: procedureAgencies.agencyId, deskAgencyId: procedureAgencies.deskAgencyId, agencyCode: agencies.code, definition: procedureVersions.definition })
    .from(procedures)
    .innerJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId))
    .innerJoin(procedureAgencies, eq(procedureAgencies.procedureId, procedures.id))
    .innerJoin(agencies, eq(agencies.id, procedureAgencies.agencyId))
    .where(eq(procedures.active, true))
    .orderBy(procedures.code, agencies.code);
  return rows;
}

/** A row as json_populate_recordset reads it: column names, and every NOT NULL column given (defaults do not apply). */
function dossierRecord(r: typeof dossiers.$inferInsert): Record<string, unknown> {
  return {
    id: r.id,
    code: r.code,
    agency_id: r.agencyId,
    desk_agency_id: r.deskAgencyId,
    procedure_id: r.procedureId,
    procedure_version_id: r.procedureVersionId,
    level: r.level,
    channel: r.channel,
    state: r.state ?? 'submitted',
    applicant_kind: 'citizen',
    applicant_name: r.applicantName,
    applicant_id_number: r.applicantIdNumber,
    answers: {},
    delivery: r.delivery,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    submitted_at: r.submittedAt,
    received_at: r.receivedAt ?? null,
    due_at: r.dueAt ?? null,
    paused_since: r.pausedSince ?? null,
    finished_at: r.finishedAt ?? null,
    returned_at: r.returnedAt ?? null,
    step_code: r.stepCode ?? null,
    step_role: r.stepRole ?? null,
    step_due_at: r.stepDueAt ?? null,
    fee_total: r.feeTotal ?? 0,
    obligation_amount: r.obligationAmount ?? 0,
    obligation_requested: r.obligationRequested ?? false,
    paid_online: r.paidOnline ?? false,
    paid_at: r.paidAt ?? null,
    digitised: r.digitised ?? false,
    electronic_result: r.electronicResult ?? false,
    rating: r.rating ?? null,
    last_seq: r.lastSeq ?? 0,
  };
}

function actionRecord(a: typeof dossierActions.$inferInsert): Record<string, unknown> {
  return { dossier_id: a.dossierId, seq: a.seq, type: a.type, key: a.key, from_state: a.fromState, to_state: a.toState, actor_name: a.actorName, at: a.at, data: {} };
}

export async function generateDossiers(ctx: Ctx, opts: GenerateOptions): Promise<{ created: number }> {
  const available = await offers(ctx);
  if (available.length === 0) throw new Invalid({ count: { key: 'dossier.generate.noProcedures' } });
  const rand = prng(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const span = (opts.days ?? 365) * DAY;
  const batch = opts.batch ?? 1000;
  // Numbering goes on from what the counters hold, so generated codes never meet real ones.
  const counters = new Map<string, number>();
  for (const c of await ctx.db.select().from(dossierCounters)) counters.set(`${c.agencyId}|${c.day}`, c.last);
  const touched = new Set<string>();
  let created = 0;
  while (created < opts.count) {
    const n = Math.min(batch, opts.count - created);
    const rows: (typeof dossiers.$inferInsert)[] = [];
    const log: (typeof dossierActions.$inferInsert)[] = [];
    for (let i = 0; i < n; i++) {
      const o = pick(available);
      const submittedAt = new Date(opts.now.getTime() - Math.floor(rand() * span));
      const channel = o.level === 'offline' ? 'in_person' : rand() < 0.62 ? 'online' : rand() < 0.93 ? 'in_person' : 'post';
      const day = vnDay(submittedAt);
      const counterKey = `${o.agencyId}|${day}`;
      const number = (counters.get(counterKey) ?? 0) + 1;
      counters.set(counterKey, number);
      touched.add(counterKey);
      const id = crypto.randomUUID();
      const fee = o.definition.fees.reduce((s, f) => s + f.amount, 0);
      const row: typeof dossiers.$inferInsert = {
        id,
        code: `${o.agencyCode}-${day.slice(2).replaceAll('-', '')}-${String(number).padStart(4, '0')}`,
        agencyId: o.agencyId,
        deskAgencyId: o.deskAgencyId,
        procedureId: o.procedureId,
        procedureVersionId: o.versionId,
        level: o.level,
        channel,
        applicantName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
        applicantIdNumber: `0${String(Math.floor(rand() * 1e11)).padStart(11, '0')}`,
        delivery: channel === 'online' ? 'electronic' : 'counter',
        createdAt: submittedAt,
        updatedAt: submittedAt,
        submittedAt,
        feeTotal: fee,
        digitised: channel === 'online' || rand() < 0.4,
      };
      const actions: { type: string; to: DossierState; at: Date }[] = [{ type: 'submit', to: 'submitted', at: submittedAt }];
      const age = opts.now.getTime() - submittedAt.getTime();
      const fate = rand();
      if (age > 4 * HOUR && fate > 0.02) {
        const receivedAt = new Date(submittedAt.getTime() + Math.floor(rand() * 4 * HOUR));
        const due = dueDate(receivedAt, o.definition.timeLimit, channel, everyYear)!;
        Object.assign(row, { receivedAt, dueAt: due });
        actions.push({ type: 'receive', to: 'received', at: receivedAt });
        const planned = receivedAt.getTime() + (due.getTime() - receivedAt.getTime()) * (0.35 + rand() * 0.8);
        // A few are stuck past their due date, as real backlogs are.
        const stuck = fate >= 0.12 && fate < 0.15;
        if (fate < 0.05 && planned < opts.now.getTime()) {
          Object.assign(row, { state: 'withdrawn', finishedAt: new Date(planned) });
          actions.push({ type: 'withdraw', to: 'withdrawn', at: new Date(planned) });
        } else if (planned < opts.now.getTime() && !stuck) {
          const finishedAt = new Date(planned);
          actions.push({ type: 'complete_step', to: 'processed', at: finishedAt });
          const returnedAt = new Date(planned + Math.floor(rand() * 3 * DAY));
          const rated = rand() < 0.6;
          if (returnedAt.getTime() < opts.now.getTime()) {
            actions.push({ type: 'return_result', to: 'returned', at: returnedAt });
            Object.assign(row, { state: 'returned', finishedAt, returnedAt, rating: rated ? 1 + Math.min(4, Math.floor(rand() * 5.6)) : null, electronicResult: channel === 'online' });
          } else Object.assign(row, { state: 'processed', finishedAt, stepRole: 'desk_officer' });
        } else if (fate < 0.12) {
          // Paused for a supplement or a financial obligation, or stopped there for good: chosen by the same draw,
          // so the rest of the generated data does not change with the split.
          const pausedSince = new Date(receivedAt.getTime() + Math.floor((opts.now.getTime() - receivedAt.getTime()) * rand()));
          if (fate < 0.09) {
            Object.assign(row, { state: 'supplement', pausedSince });
            actions.push({ type: 'request_supplement', to: 'supplement', at: pausedSince });
          } else if (fate < 0.11) {
            Object.assign(row, { state: 'financial', pausedSince, obligationAmount: 500_000, obligationRequested: true });
            actions.push({ type: 'request_financial', to: 'financial', at: pausedSince });
          } else {
            Object.assign(row, { state: 'stopped', finishedAt: pausedSince });
            actions.push({ type: 'stop', to: 'stopped', at: pausedSince });
          }
        } else {
          const steps = o.definition.steps;
          const k = Math.floor(rand() * steps.length);
          const step = steps[k]!;
          const state: DossierState = k === 0 ? 'received' : 'processing';
          Object.assign(row, { state, stepCode: step.code, stepRole: step.role, stepDueAt: stepDueDates(receivedAt, due, steps, o.definition.timeLimit.unit, everyYear)[k] });
          if (k > 0) actions.push({ type: 'complete_step', to: 'processing', at: new Date(receivedAt.getTime() + (opts.now.getTime() - receivedAt.getTime()) / 2) });
        }
        if (fee > 0 && channel === 'online' && rand() < 0.7) Object.assign(row, { paidOnline: true, paidAt: receivedAt });
      } else if (age > 4 * HOUR) {
        Object.assign(row, { state: 'refused', finishedAt: new Date(submittedAt.getTime() + HOUR) });
        actions.push({ type: 'refuse', to: 'refused', at: new Date(submittedAt.getTime() + HOUR) });
      } else Object.assign(row, { state: 'submitted', stepRole: 'desk_officer' });
      row.lastSeq = actions.length;
      rows.push(row);
      actions.forEach((a, j) => log.push({ dossierId: id, seq: j + 1, type: a.type, key: `generated:${j + 1}`, fromState: j === 0 ? 'draft' : actions[j - 1]!.to, toState: a.to, actorName: 'congso demo', at: a.at }));
    }
    // One JSON parameter per table and batch: a million rows go in minutes instead of an hour of statement building.
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`insert into dossiers select * from json_populate_recordset(null::dossiers, ${JSON.stringify(rows.map(dossierRecord))}::json)`);
      await tx.execute(sql`insert into dossier_actions select * from json_populate_recordset(null::dossier_actions, ${JSON.stringify(log.map(actionRecord))}::json)`);
    });
    created += n;
    opts.onProgress?.(created, opts.count);
  }
  // Later real submissions continue the generated numbering instead of colliding with it.
  const lasts = [...touched].map((k) => {
    const [agencyId, day] = k.split('|');
    return sql`(${agencyId}::uuid, ${day}::date, ${counters.get(k)!})`;
  });
  for (let i = 0; i < lasts.length; i += 1000) {
    await ctx.db.execute(sql`insert into dossier_counters (agency_id, day, last) values ${sql.join(lasts.slice(i, i + 1000), sql`, `)}
      on conflict (agency_id, day) do update set last = greatest(dossier_counters.last, excluded.last)`);
  }
  return { created };
}
