import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeCitizen } from '../../../test/support/factories.js';
import { makeFiledDossier } from '../../../test/support/payment-factories.js';
import { PaymentPeer } from '../../../test/support/payment-peer.js';
import { confirmCalendarYears } from '../../../test/support/service-factories.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, Invalid, NotFound } from '../../platform/errors.js';
import { enqueue } from '../../platform/jobs/enqueue.js';
import { auditLog } from '../../platform/schema.js';
import { dossierActions, dossiers } from '../dossiers/schema.js';
import type { DossierState } from '../dossiers/status.js';
import { agencyFigures } from '../statistics/report.js';
import { type PaymentDeps, paymentDeps } from './payment-rules.js';
import { paymentJobs, pollPendingPayments } from './poll-pending-payments.js';
import { rateDossier } from './rate-dossier.js';
import { returnFromPlatform } from './return-from-platform.js';
import { dossierPayments, dossierRatings } from './schema.js';
import { startPayment } from './start-payment.js';

describe('paying fees through the national payment platform, and rating', () => {
  const peer = new PaymentPeer();
  let env: TestEnv;
  let deps: PaymentDeps;
  before(async () => {
    await peer.start();
    env = await makeTestEnv(peer.env());
    deps = paymentDeps(env.config, env.storage);
    await confirmCalendarYears(env.database.db);
  });
  after(async () => {
    await env.close();
    await peer.close();
  });
  const db = () => env.database.db;

  async function applicant() {
    return env.ctx(await actorFor(db(), await makeCitizen(db())));
  }
  async function filed(state: DossierState = 'received', fees = 50_000) {
    const ctx = await applicant();
    const { dossier } = await makeFiledDossier(db(), { applicantId: ctx.actor!.userId, state, fees });
    return { ctx, dossier };
  }
  const dossierRow = async (id: string) => (await db().select().from(dossiers).where(eq(dossiers.id, id)))[0]!;
  const paymentRow = async (id: string) => (await db().select().from(dossierPayments).where(eq(dossierPayments.id, id)))[0]!;
  const pay = (ctx: Ctx, id: string) => startPayment(ctx, deps, id, { key: randomUUID() });
  /** The Decision 766 online payment figures of the dossier's agency, on the day the factory receives dossiers. */
  const paymentFigures = async (agencyId: string) => {
    const [f] = await agencyFigures(db(), { from: new Date('2026-03-02T00:00:00+07:00'), to: new Date('2026-03-03T00:00:00+07:00') }, env.clock.now(), [agencyId]);
    return { feeReceived: f?.feeReceived ?? 0, paidOnline: f?.paidOnline ?? 0 };
  };

  test('start, pay on the platform, come back: the dossier is paid through its log, with the receipt kept', async () => {
    const { ctx, dossier } = await filed();
    const { payment, paymentUrl } = await pay(ctx, dossier.id);
    assert.equal(payment.amount, 50_000);
    assert.match(payment.reference, /^dvcH99260302\w{6}\d{14}001$/);
    assert.equal(paymentUrl, `${peer.url}/thanh-toan/${payment.reference}`);
    assert.equal(peer.transactions.get(payment.reference)!.returnUrl, `${env.config.baseUrl}/dich-vu-cong/thanh-toan/ket-qua`);
    assert.equal((await pay(ctx, dossier.id)).payment.id, payment.id, 'pressing pay again offers the same transaction');

    peer.settle(payment.reference, 'paid');
    const back = await returnFromPlatform(ctx, deps, { MaThamChieu: payment.reference });
    assert.equal(back.payment.status, 'paid');
    assert.ok(back.payment.receiptFileId, 'the receipt was fetched');
    const d = await dossierRow(dossier.id);
    assert.equal(d.paidOnline, true);
    assert.ok(d.paidAt);
    assert.equal(d.state, 'received', 'paying does not move a dossier that was not waiting for it');
    const actions = await db().select().from(dossierActions).where(eq(dossierActions.dossierId, dossier.id));
    assert.deepEqual(actions.filter((a) => a.type === 'pay').map((a) => a.key), [`pay:${payment.reference}`]);
    const audits = (await db().select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
    for (const a of ['payment.start', 'payment.pay', 'dossier.pay']) assert.ok(audits.includes(a), a);
    await assert.rejects(pay(ctx, dossier.id), (e: unknown) => e instanceof Conflict && e.messageKey === 'payment.error.alreadyPaid');
    await returnFromPlatform(ctx, deps, { MaThamChieu: payment.reference });
    assert.equal((await db().select().from(dossierActions).where(eq(dossierActions.type, 'pay'))).filter((a) => a.dossierId === dossier.id).length, 1, 'a second return changes nothing');
  });

  test('what the return address claims is not believed: only the platform’s signed status is', async () => {
    const { ctx, dossier } = await filed();
    const { payment } = await pay(ctx, dossier.id);
    const back = await returnFromPlatform(ctx, deps, { MaThamChieu: payment.reference, TrangThaiGD: '1', MaXacThuc: 'forged' });
    assert.equal(back.payment.status, 'pending');
    assert.equal((await dossierRow(dossier.id)).paidAt, null);
    peer.settle(payment.reference, 'paid');
    peer.tamper = true;
    try {
      const tampered = await returnFromPlatform(ctx, deps, { MaThamChieu: payment.reference });
      assert.equal(tampered.checked, false, 'an answer with a bad checksum settles nothing');
      assert.equal((await paymentRow(payment.id)).status, 'pending');
    } finally {
      peer.tamper = false;
    }
    const other = await applicant();
    await assert.rejects(returnFromPlatform(other, deps, { MaThamChieu: payment.reference }), NotFound);
    await assert.rejects(returnFromPlatform(ctx, deps, { MaThamChieu: '../x' }), NotFound);
  });

  test('the polling job settles a payment whose payer never came back: pending stays, then paid; failed; expired', async () => {
    const { ctx, dossier } = await filed();
    const { payment } = await pay(ctx, dossier.id);
    env.clock.advance(2 * 60_000);
    await pollPendingPayments(env.ctx(), deps);
    assert.equal((await paymentRow(payment.id)).status, 'pending');
    peer.settle(payment.reference, 'paid');
    // Through the worker, as the schedule files it.
    const [job] = paymentJobs(deps).jobs;
    const id = await inTransaction(env.ctx(), (tx) => enqueue(tx, job!, {}));
    for (let i = 0; i < 100 && (await env.worker.status(job!, id!))?.state !== 'completed'; i++) await delay(100);
    assert.equal((await env.worker.status(job!, id!))?.state, 'completed');
    assert.equal((await paymentRow(payment.id)).status, 'paid');
    assert.equal((await dossierRow(dossier.id)).paidOnline, true);

    const second = await filed();
    const failed = await pay(second.ctx, second.dossier.id);
    peer.settle(failed.payment.reference, 'failed');
    env.clock.advance(2 * 60_000);
    await pollPendingPayments(env.ctx(), deps);
    assert.equal((await paymentRow(failed.payment.id)).status, 'failed');
    assert.equal((await dossierRow(second.dossier.id)).paidAt, null);
    const again = await pay(second.ctx, second.dossier.id);
    assert.notEqual(again.payment.id, failed.payment.id, 'after a failure a new transaction is opened');

    env.clock.advance(25 * 3_600_000);
    await pollPendingPayments(env.ctx(), deps);
    assert.equal((await paymentRow(again.payment.id)).status, 'expired');
  });

  test('a dossier waiting for its financial obligation pays that amount online and resumes where it was, with the clock running again', async () => {
    const { ctx, dossier } = await filed('financial');
    const { payment } = await pay(ctx, dossier.id);
    assert.equal(payment.amount, 120_000, 'the obligation asked for, not the procedure’s fees');
    assert.equal(payment.purpose, 'obligation');
    assert.equal(payment.obligationSeq, 2);
    peer.settle(payment.reference, 'paid');
    await returnFromPlatform(ctx, deps, { MaThamChieu: payment.reference });
    const d = await dossierRow(dossier.id);
    assert.equal(d.state, 'processing');
    assert.equal(d.pausedSince, null);
    assert.equal(d.obligationAmount, 0);
    assert.equal(d.paidAt, null, 'the fees are still owed: paying the obligation is not paying them');
    assert.equal(d.paidOnline, true, 'an obligation paid online counts as paid online (Decision 766)');
    assert.deepEqual(await paymentFigures(dossier.agencyId), { feeReceived: 1, paidOnline: 1 }, 'the day figures follow');
    assert.ok(d.dueAt!.getTime() > dossier.dueAt!.getTime(), 'the due date moved by the pause');
    const fees = await pay(ctx, dossier.id);
    assert.deepEqual([fees.payment.amount, fees.payment.purpose], [50_000, 'fee']);
  });

  test('a dossier without fees whose financial obligation is paid online counts among those with something to pay, and as paid online', async () => {
    const { ctx, dossier } = await filed('financial', 0);
    assert.deepEqual(await paymentFigures(dossier.agencyId), { feeReceived: 1, paidOnline: 0 });
    const { payment } = await pay(ctx, dossier.id);
    peer.settle(payment.reference, 'paid');
    await returnFromPlatform(ctx, deps, { MaThamChieu: payment.reference });
    const d = await dossierRow(dossier.id);
    assert.deepEqual([d.state, d.paidOnline], ['processing', true]);
    assert.deepEqual(await paymentFigures(dossier.agencyId), { feeReceived: 1, paidOnline: 1 });
  });

  test('two payments opened on one dossier within the same second both start, under different references', async () => {
    const { ctx, dossier } = await filed();
    const first = await pay(ctx, dossier.id);
    peer.settle(first.payment.reference, 'failed');
    await returnFromPlatform(ctx, deps, { MaThamChieu: first.payment.reference });
    // The payer tries again at once: the test clock has not moved, so both carry the same time.
    const second = await pay(ctx, dossier.id);
    assert.equal(second.payment.createdAt.getTime(), first.payment.createdAt.getTime());
    assert.notEqual(second.payment.reference, first.payment.reference);
    assert.equal(second.payment.reference.slice(0, -3), first.payment.reference.slice(0, -3), 'the same code and time, another attempt number');
    assert.equal(second.payment.status, 'pending');
    assert.equal(second.paymentUrl, `${peer.url}/thanh-toan/${second.payment.reference}`);
  });

  test('a fee payment settling while the dossier waits for its obligation records the fees and resumes nothing', async () => {
    const { ctx, dossier } = await filed('received');
    const { payment } = await pay(ctx, dossier.id);
    await db().update(dossiers).set({ state: 'financial', obligationAmount: 120_000, pausedSince: dossier.receivedAt }).where(eq(dossiers.id, dossier.id));
    peer.settle(payment.reference, 'paid');
    await returnFromPlatform(ctx, deps, { MaThamChieu: payment.reference });
    const d = await dossierRow(dossier.id);
    assert.equal(d.state, 'financial');
    assert.equal(d.obligationAmount, 120_000);
    assert.ok(d.paidAt);
  });

  test('only the applicant’s own dossier with fees still owed can be paid; without configuration nobody can', async () => {
    const { dossier } = await filed();
    await assert.rejects(pay(await applicant(), dossier.id), NotFound);
    const free = await filed('received', 0);
    await assert.rejects(pay(free.ctx, free.dossier.id), (e: unknown) => e instanceof Conflict && e.messageKey === 'payment.error.notPayable');
    const refused = await filed('refused');
    await assert.rejects(pay(refused.ctx, refused.dossier.id), Conflict);
    const off = await filed();
    await assert.rejects(startPayment(off.ctx, { ...deps, platform: null }, off.dossier.id, { key: randomUUID() }), (e: unknown) => e instanceof Conflict && e.messageKey === 'payment.error.disabled');
    await assert.rejects(startPayment(off.ctx, deps, off.dossier.id, { key: 'x' }), Invalid);
    assert.equal((await db().select().from(dossierPayments).where(eq(dossierPayments.dossierId, off.dossier.id))).length, 0, 'nothing recorded');
  });

  test('rating: the applicant rates a returned dossier once, with a level from 1 to 5 and an optional comment', async () => {
    const { ctx, dossier } = await filed('returned');
    const bad = await rateDossier(ctx, dossier.id, { key: randomUUID(), level: '7' }).catch((e: unknown) => e);
    assert.ok(bad instanceof Invalid);
    assert.equal(bad.fields.level?.key, 'rating.error.level');
    assert.equal((await db().select().from(dossierRatings).where(eq(dossierRatings.dossierId, dossier.id))).length, 0);
    await assert.rejects(rateDossier(await applicant(), dossier.id, { key: randomUUID(), level: '5' }), NotFound);
    const key = randomUUID();
    const rated = await rateDossier(ctx, dossier.id, { key, level: '4', comment: 'Cán bộ hướng dẫn tận tình' });
    assert.equal(rated.rating, 4);
    assert.equal((await rateDossier(ctx, dossier.id, { key, level: '4' })).rating, 4, 'the same request again is the same rating');
    await assert.rejects(rateDossier(ctx, dossier.id, { key: randomUUID(), level: '1' }), (e: unknown) => e instanceof Conflict && e.messageKey === 'rating.error.already');
    const [row] = await db().select().from(dossierRatings).where(eq(dossierRatings.dossierId, dossier.id));
    assert.deepEqual([row!.level, row!.comment], [4, 'Cán bộ hướng dẫn tận tình']);
    const processing = await filed('processing');
    await assert.rejects(rateDossier(processing.ctx, processing.dossier.id, { key: randomUUID(), level: '5' }), (e: unknown) => e instanceof Conflict && e.messageKey === 'rating.error.notReturned');
  });
});
