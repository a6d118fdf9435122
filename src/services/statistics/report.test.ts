import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { makeAgency } from '../../../test/support/factories.js';
import { aDefinition, makeProcedure } from '../../../test/support/service-factories.js';
import { generateDossiers } from '../../demo/dossiers.js';
import { dossiers } from '../dossiers/schema.js';
import { type AgencyFigures, FIGURE_KEYS, agencyFigures, indicators, totalFigures } from './report.js';

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
      if (d.feeTotal > 0) {
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
  return out;
}

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
      const report = await agencyFigures(env.database.db, { from, to }, now, 'all');
      const expected = directCount(rows, from, to, now);
      assert.equal(report.length, expected.size);
      for (const r of report) {
        const { agencyId, ...figures } = r;
        assert.deepEqual(figures, expected.get(agencyId), `agency ${agencyId}`);
      }
      assert.ok(totalFigures(report).received > 0, 'the period holds dossiers');
    });
  }

  test('the generated data covers every column, so the comparison means something', async () => {
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
