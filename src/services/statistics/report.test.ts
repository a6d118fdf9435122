import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { asc, eq, sql } from 'drizzle-orm';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeAgency, makeCitizen, makeOfficial } from '../../../test/support/factories.js';
import { aDefinition, confirmCalendarYears, makeProcedure } from '../../../test/support/service-factories.js';
import { generateDossiers } from '../../demo/dossiers.js';
import { systemActor } from '../../platform/auth/system-actor.js';
import type { Ctx } from '../../platform/context.js';
import { queryRows } from '../../platform/db/client.js';
import { answerSupplement } from '../dossiers/answer-supplement.js';
import { attachDocument } from '../dossiers/attach-document.js';
import { completeStep } from '../dossiers/complete-step.js';
import { receiveDossier } from '../dossiers/receive-dossier.js';
import { requestSupplement } from '../dossiers/request-supplement.js';
import { returnResult } from '../dossiers/return-result.js';
import { dossiers } from '../dossiers/schema.js';
import { startDossier } from '../dossiers/start-dossier.js';
import { submitDossier } from '../dossiers/submit-dossier.js';
import { withdrawDossier } from '../dossiers/withdraw-dossier.js';
import { rebuildDossierFigures } from './rebuild-dossier-figures.js';
import { type AgencyFigures, FIGURE_KEYS, agencyFigures, indicators, totalFigures } from './report.js';
import { dossierDayFigures } from './schema.js';

type Row = typeof dossiers.$inferSelect;
const vnDay = (t: Date) => Math.floor((t.getTime() + 7 * 3_600_000) / 86_400_000);
const at = (s: string) => new Date(`${s}T00:00:00+07:00`);

/** The report's definitions applied row by row in plain code: what the SQL must agree with. */
function directCount(rows: Row[], from: Date, to: Date, asOf: Date): Map<string, Omit<AgencyFigures, 'agencyId'>> {
  const end = asOf < to ? asOf : to;
  const within = (t: Date | null) => t !== null && t >= from && t < to;
  const out = new Map<string, Omit<AgencyFigures, 'agencyId'>>();
  for (const d of rows) {
    if (!d.receivedAt || d.receivedAt >= to) continue;
    if (d.finishedAt && d.finishedAt < from && !(d.returnedAt && d.returnedAt >= from)) continue;
    const f = out.get(d.agencyId) ?? (Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as Omit<AgencyFigures, 'agencyId'>);
    out.set(d.agencyId, f);
    const received = within(d.receivedAt);
    if (d.receivedAt < from && (!d.finishedAt || d.finishedAt >= from)) f.carried++;
    if (received) {
      f.received++;
      if (d.channel === 'online') f.receivedOnline++;
      if (d.channel === 'in_person') f.receivedInPerson++;
      if (d.channel === 'post') f.receivedPost++;
      if (d.level === 'full_online') {
        f.fullOnlineReceived++;
        if (d.channel === 'online') f.fullOnlineOnline++;
      }
      if (d.feeTotal > 0 || d.obligationRequested) {
        f.feeReceived++;
        if (d.paidOnline) f.paidOnline++;
      }
      if (d.digitised) f.digitised++;
    }
    if ((d.state === 'processed' || d.state === 'returned') && within(d.finishedAt)) {
      const diff = vnDay(d.finishedAt!) - vnDay(d.dueAt!);
      if (diff < 0) f.early++;
      else if (diff === 0) f.onTime++;
      else f.late++;
    }
    if (d.state === 'withdrawn' && within(d.finishedAt)) f.withdrawn++;
    if (d.state === 'stopped' && within(d.finishedAt)) f.stopped++;
    const open = d.receivedAt < end && (!d.finishedAt || d.finishedAt >= end);
    if (open) {
      if (d.pausedSince && d.pausedSince < end) f.paused++;
      else if (d.dueAt! >= end) f.inProgressOnTime++;
      else f.inProgressLate++;
    }
    if (within(d.returnedAt)) {
      f.returned++;
      if (d.rating !== null) f.rated++;
      if (d.rating !== null && d.rating >= 4) f.satisfied++;
    }
  }
  // An agency with nothing to show has no line.
  for (const [id, f] of out) if (FIGURE_KEYS.every((k) => f[k] === 0)) out.delete(id);
  return out;
}

async function assertEqualsDirectCount(env: TestEnv, from: Date, to: Date, asOf: Date): Promise<Omit<AgencyFigures, 'agencyId'>> {
  const rows = await env.database.db.select().from(dossiers);
  const report = await agencyFigures(env.database.db, { from, to }, asOf, 'all');
  const expected = directCount(rows, from, to, asOf);
  assert.equal(report.length, expected.size);
  for (const { agencyId, ...figures } of report) assert.deepEqual(figures, expected.get(agencyId), `agency ${agencyId}`);
  return totalFigures(report);
}

const counterRows = (env: TestEnv) => env.database.db.select().from(dossierDayFigures).orderBy(asc(dossierDayFigures.agencyId), asc(dossierDayFigures.day));

describe('dossier statistics (II.06a and Decision 766)', () => {
  let env: TestEnv;
  let rows: Row[];
  const now = new Date('2026-03-02T02:00:00.000Z');
  before(async () => {
    env = await makeTestEnv();
    const db = env.database.db;
    const [a, b, desk] = [await makeAgency(db), await makeAgency(db), await makeAgency(db, { type: 'service_centre', hasOneStopDesk: true })];
    await makeProcedure(db, { ownerAgencyId: a.id, agencyIds: [a.id, b.id], deskAgencyId: desk.id, level: 'full_online' });
    await makeProcedure(db, { ownerAgencyId: b.id, level: 'partial', definition: aDefinition({ fees: [{ name: 'Lệ phí', amount: 50_000 }], timeLimit: { unit: 'calendar_days', days: 10 } }) });
    await makeProcedure(db, { ownerAgencyId: a.id, level: 'offline', definition: aDefinition({ timeLimit: { unit: 'working_days', days: 0.5 } }) });
    await generateDossiers(env.ctx(), { count: 900, seed: 7, now, days: 200, batch: 250 });
    rows = await db.select().from(dossiers);
  });
  after(() => env.close());

  const periods: [string, Date, Date][] = [
    ['January 2026', at('2026-01-01'), at('2026-02-01')],
    ['the last quarter of 2025', at('2025-10-01'), at('2026-01-01')],
    ['the year so far (a period not yet over)', at('2026-01-01'), at('2027-01-01')],
    ['the whole generated span', at('2025-01-01'), at('2027-01-01')],
  ];
  for (const [name, from, to] of periods) {
    test(`figures for ${name} equal a direct count over the dossiers`, async () => {
      assert.ok((await assertEqualsDirectCount(env, from, to, now)).received > 0, 'the period holds dossiers');
    });
  }

  test('figures for a period ending today, and for one that ended at a past day’s start, equal a direct count', async () => {
    const today = await assertEqualsDirectCount(env, at('2026-02-01'), at('2026-03-03'), now);
    assert.ok(today.inProgressOnTime + today.inProgressLate + today.paused > 0);
    const past = await assertEqualsDirectCount(env, at('2025-12-01'), at('2026-02-15'), now);
    assert.ok(past.inProgressLate > 0 && past.inProgressOnTime > 0 && past.carried > 0, JSON.stringify(past));
  });

  test('the counters the generator’s inserts kept equal counters rebuilt from the dossiers', async () => {
    const kept = await counterRows(env);
    assert.ok(kept.length > 0);
    await rebuildDossierFigures(env.ctx(systemActor('test')));
    assert.deepEqual(await counterRows(env), kept);
  });

  test('the generated data covers every column, so the comparison means something', async () => {
    assert.ok(rows.length === 900);
    const total = totalFigures(await agencyFigures(env.database.db, { from: at('2025-01-01'), to: at('2027-01-01') }, now, 'all'));
    for (const k of FIGURE_KEYS) if (k !== 'carried') assert.ok(total[k] > 0, `${k} is exercised`);
    const states = new Set(rows.map((r) => r.state));
    for (const s of ['supplement', 'financial', 'stopped'] as const) assert.ok(states.has(s), `${s} is generated`);
  });

  test('limited to some agencies, the report shows only theirs; none gives nothing', async () => {
    const one = rows[0]!.agencyId;
    const report = await agencyFigures(env.database.db, { from: at('2025-01-01'), to: at('2027-01-01') }, now, [one]);
    assert.deepEqual(report.map((r) => r.agencyId), [one]);
    assert.deepEqual(await agencyFigures(env.database.db, { from: at('2025-01-01'), to: at('2027-01-01') }, now, []), []);
  });

  test('indicators are ratios of the figures, and absent where nothing was measured', () => {
    const zero = Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as Omit<AgencyFigures, 'agencyId'>;
    const i = indicators({ ...zero, early: 3, onTime: 5, late: 2, received: 10, receivedOnline: 7, feeReceived: 4, paidOnline: 3, rated: 0 });
    assert.equal(i.onTimeRate, 0.8);
    assert.equal(i.onlineShare, 0.7);
    assert.equal(i.onlinePaymentShare, 0.75);
    assert.equal(i.satisfaction, null);
    assert.equal(i.fullOnlineShare, null);
  });
});

describe('dossier statistics kept by the actions', () => {
  let env: TestEnv;
  let desk: Ctx;
  let people: Record<'specialist' | 'leader' | 'clerk', Ctx>;
  let procedureCode: string;
  const deps = () => ({ baseUrl: env.config.baseUrl, secrets: env.secrets });
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const key = () => randomUUID();
  before(async () => {
    env = await makeTestEnv();
    const db = env.database.db;
    await confirmCalendarYears(db);
    const agencyId = (await makeAgency(db)).id;
    const deskId = (await makeAgency(db, { type: 'service_centre', hasOneStopDesk: true })).id;
    const as = async (agency: string, role: 'desk_officer' | 'specialist' | 'leader' | 'clerk') => env.ctx(await actorFor(db, await makeOfficial(db, { agencyId: agency, roles: [role] })));
    desk = await as(deskId, 'desk_officer');
    people = { specialist: await as(agencyId, 'specialist'), leader: await as(agencyId, 'leader'), clerk: await as(agencyId, 'clerk') };
    procedureCode = (await makeProcedure(db, { ownerAgencyId: agencyId, deskAgencyId: deskId })).code;
  });
  after(() => env.close());

  /** Filed online and received at the desk now; five working days to resolve. */
  async function received() {
    const citizen = env.ctx(await actorFor(env.database.db, await makeCitizen(env.database.db)));
    const draft = await startDossier(citizen, procedureCode, {});
    await attachDocument(citizen, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 't.pdf', content: PDF });
    const filed = await submitDossier(citizen, deps(), draft.id, { applicantName: 'Phạm Văn Nam', applicantIdNumber: '079203001122', applicantEmail: 'nam@example.vn', f_noi_dung: 'Xin cấp', f_so_ban: '1', submissionKey: key() });
    const dossier = await receiveDossier(desk, deps(), filed.id, { key: key() });
    return { citizen, dossier };
  }

  test('receipt, a supplement that moves the due date, a pause left open, a result returned and a withdrawal agree with a direct count', async () => {
    const hour = 3_600_000;
    // Monday 2 March 2026, 09:00.
    const moved = await received();
    const pausedOpen = await received();
    const resolved = await received();
    const withdrawn = await received();
    const untouched = await received();
    env.clock.advance(hour);
    await requestSupplement(people.specialist, deps(), moved.dossier.id, { key: key(), items: 'Bản sao sổ hộ khẩu' });
    await requestSupplement(people.specialist, deps(), pausedOpen.dossier.id, { key: key(), items: 'Giấy ủy quyền' });
    for (const who of [people.specialist, people.leader, people.clerk]) await completeStep(who, deps(), resolved.dossier.id, { key: key() });
    await withdrawDossier(withdrawn.citizen, deps(), withdrawn.dossier.id, { key: key(), reason: 'Không còn nhu cầu' });
    env.clock.advance(24 * hour); // Tuesday 10:00: the supplement comes back and the due date moves a working day
    await attachDocument(moved.citizen, env.storage, env.config.maxUploadBytes, moved.dossier.id, 'TP2', { name: 'so-ho-khau.pdf', content: PDF });
    const answered = await answerSupplement(moved.citizen, moved.dossier.id, { key: key() });
    assert.ok(answered.dueAt! > moved.dossier.dueAt!, 'the due date moved');
    await returnResult(desk, deps(), resolved.dossier.id, { key: key() });
    assert.ok(untouched.dossier.dueAt);

    const today = await assertEqualsDirectCount(env, at('2026-03-01'), at('2026-03-04'), env.clock.now());
    assert.deepEqual([today.received, today.withdrawn, today.returned, today.paused, today.inProgressOnTime], [5, 1, 1, 1, 2]);
    // Ended at the start of Tuesday, while both supplements were still out (only the open one is paused today).
    await assertEqualsDirectCount(env, at('2026-03-01'), at('2026-03-03'), env.clock.now());
    env.clock.advance(10 * 24 * hour); // Friday 13 March: the open ones are past due
    const late = await assertEqualsDirectCount(env, at('2026-03-01'), at('2026-03-14'), env.clock.now());
    assert.deepEqual([late.inProgressLate, late.paused], [2, 1]);
    const pastEnd = await assertEqualsDirectCount(env, at('2026-03-01'), at('2026-03-10'), env.clock.now());
    assert.deepEqual([pastEnd.inProgressLate, pastEnd.inProgressOnTime, pastEnd.paused], [1, 1, 1], 'at the start of Tuesday 10 March the one due on Monday is late, the moved one not yet');
    await assertEqualsDirectCount(env, at('2026-03-10'), at('2026-03-12'), env.clock.now());

    const kept = await counterRows(env);
    await rebuildDossierFigures(env.ctx(systemActor('test')));
    assert.deepEqual(await counterRows(env), kept, 'the actions kept the counters as a rebuild computes them');
  });

  test('an update that changes no figure leaves the counters alone, and one that changes a single counted column moves them', async () => {
    const { citizen, dossier } = await received();
    const draft = await startDossier(citizen, procedureCode, {});
    const db = env.database.db;
    const kept = await counterRows(env);
    // Columns the figures do not read, on a received dossier and on a draft, and a draft's state: nothing moves.
    await db.update(dossiers).set({ summary: 'Tóm tắt mới', stepRole: 'specialist' }).where(eq(dossiers.id, dossier.id));
    await db.update(dossiers).set({ state: 'submitted', summary: 'Nộp' }).where(eq(dossiers.id, draft.id));
    assert.deepEqual(await counterRows(env), kept);
    // One counted column alone (the channel) on a received dossier moves its day's figures, as a rebuild computes them.
    await db.update(dossiers).set({ channel: 'post' }).where(eq(dossiers.id, dossier.id));
    const moved = await counterRows(env);
    assert.notDeepEqual(moved, kept);
    await rebuildDossierFigures(env.ctx(systemActor('test')));
    assert.deepEqual(await counterRows(env), moved);
  });

  test('the figures trigger compares every column the figures are computed from', async () => {
    const [defs] = await queryRows<{ of: string; apply: string }>(env.database.db, sql`select pg_get_functiondef('dossier_day_figures_of'::regproc) as of, pg_get_functiondef('dossier_day_figures_apply'::regproc) as apply`);
    const read = new Set([...defs!.of.matchAll(/\bd\.([a-z_]+)/g)].map((m) => m[1]!));
    assert.ok(read.size >= 10, `columns found: ${[...read].join(', ')}`);
    for (const column of read) assert.ok(defs!.apply.includes(`o.${column}`) && defs!.apply.includes(`n.${column}`), `the early exit of dossier_day_figures_apply compares ${column}`);
  });
});
