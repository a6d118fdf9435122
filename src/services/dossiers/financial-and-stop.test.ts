import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeAgency, makeCitizen, makeOfficial } from '../../../test/support/factories.js';
import { plain, readPdf } from '../../../test/support/pdf-text.js';
import { confirmCalendarYears, makeProcedure } from '../../../test/support/service-factories.js';
import type { Ctx } from '../../platform/context.js';
import { Conflict, Forbidden, Invalid } from '../../platform/errors.js';
import { stopNoticeSlip } from '../slips/stop-notice.js';
import { attachDocument } from './attach-document.js';
import { completeStep } from './complete-step.js';
import { consultAgencies } from './consult-agencies.js';
import { consultationsOf } from './consultations.js';
import { parseObligationItems } from './financial-obligation.js';
import { dossierView } from './queries.js';
import { receiveDossier } from './receive-dossier.js';
import { recordObligationPayment } from './record-obligation-payment.js';
import { requestFinancialObligation } from './request-financial-obligation.js';
import { dossierActions, dossiers } from './schema.js';
import { startDossier } from './start-dossier.js';
import { stopDossier } from './stop-dossier.js';
import { submitDossier } from './submit-dossier.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const key = () => randomUUID();
const show = (d: Date | null) => (d ? new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : 'null');

describe('the amounts of a financial obligation are read line by line, and only whole positive đồng', () => {
  test('names and amounts, with or without thousands dots and a unit', () => {
    assert.deepEqual(parseObligationItems('Lệ phí trước bạ: 1.500.000\n\n Thuế thu nhập cá nhân : 2000000 đồng '), [
      { name: 'Lệ phí trước bạ', amount: 1_500_000 },
      { name: 'Thuế thu nhập cá nhân', amount: 2_000_000 },
    ]);
  });
  test('forged or malformed amounts are refused whole', () => {
    for (const bad of ['', 'Lệ phí: -5000', 'Lệ phí: 0', 'Lệ phí: 1,5 triệu', 'Lệ phí 50000', 'Lệ phí: 1.50.000', 'Lệ phí: 99999999999999', ': 5000', 'Lệ phí: 5000\nThuế: abc']) {
      assert.equal(parseObligationItems(bad), null, bad);
    }
  });
});

describe('financial obligation (status 6) and stopping a dossier (status 8)', () => {
  let env: TestEnv;
  let people: Record<'desk' | 'specialist' | 'leader' | 'otherDesk' | 'otherLeader', Ctx>;
  let agencyId: string;
  let otherId: string;
  before(async () => {
    env = await makeTestEnv();
    const db = env.database.db;
    await confirmCalendarYears(db);
    agencyId = (await makeAgency(db, { name: 'Sở Tài nguyên và Môi trường' })).id;
    otherId = (await makeAgency(db, { name: 'Sở Xây dựng' })).id;
    const as = async (agency: string, role: 'desk_officer' | 'specialist' | 'leader') => env.ctx(await actorFor(db, await makeOfficial(db, { agencyId: agency, roles: [role], fullName: `Cán bộ ${role}` })));
    people = { desk: await as(agencyId, 'desk_officer'), specialist: await as(agencyId, 'specialist'), leader: await as(agencyId, 'leader'), otherDesk: await as(otherId, 'desk_officer'), otherLeader: await as(otherId, 'leader') };
  });
  after(() => env.close());
  const db = () => env.database.db;
  const deps = () => ({ baseUrl: env.config.baseUrl, secrets: env.secrets });
  const row = async (id: string) => (await db().select().from(dossiers).where(eq(dossiers.id, id)))[0]!;

  /** Filed and received Monday 2 March 2026 09:00 under a five-working-day procedure: at the specialist's step. */
  async function received() {
    const citizen = env.ctx(await actorFor(db(), await makeCitizen(db())));
    const procedure = await makeProcedure(db(), { ownerAgencyId: agencyId });
    const draft = await startDossier(citizen, procedure.code, {});
    await attachDocument(citizen, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 't.pdf', content: PDF });
    const filed = await submitDossier(citizen, deps(), draft.id, { applicantName: 'Hoàng Thị Mơ', applicantIdNumber: '004190012345', applicantEmail: 'mo@example.vn', f_noi_dung: 'Đăng ký biến động', f_so_ban: '1', submissionKey: randomUUID() });
    return receiveDossier(people.desk, deps(), filed.id, { key: key() });
  }

  test('asked at the step, the clock stops; the desk records the counter payment for the exact amount and the dossier resumes at the same step, due later by the pause', async () => {
    const d = await received();
    assert.equal(show(d.dueAt), '2026-03-09 09:00');
    env.clock.advance(3_600_000); // Monday 10:00
    const mails = await env.mailJobsFiled();
    const asked = await requestFinancialObligation(people.specialist, deps(), d.id, { key: key(), seq: String(d.lastSeq), items: 'Lệ phí trước bạ: 1.500.000\nThuế thu nhập cá nhân: 2.000.000', reason: 'Chuyển nhượng quyền sử dụng đất theo Luật Đất đai 2024' });
    assert.equal(asked.state, 'financial');
    assert.equal(asked.obligationAmount, 3_500_000);
    assert.equal(asked.obligationRequested, true, 'the dossier now has something to pay (Decision 766)');
    assert.ok(asked.pausedSince);
    assert.equal(await env.mailJobsFiled(), mails + 1, 'the applicant is told');
    await assert.rejects(completeStep(people.specialist, deps(), d.id, { key: key() }), Conflict, 'nothing moves while paused');

    env.clock.advance(24 * 3_600_000); // Tuesday 10:00: one working day paused
    await assert.rejects(recordObligationPayment(people.desk, d.id, { key: key(), receiptNumber: 'BL-0012', amount: '350.000' }), (e: unknown) => e instanceof Invalid && e.fields.amount?.key === 'obligation.error.amountMismatch', 'a forged amount');
    await assert.rejects(recordObligationPayment(people.desk, d.id, { key: key(), receiptNumber: 'BL-0012', amount: '-3500000' }), Invalid);
    await assert.rejects(recordObligationPayment(people.desk, d.id, { key: key(), receiptNumber: '', amount: '3.500.000' }), Invalid, 'a receipt number is needed');
    await assert.rejects(recordObligationPayment(people.otherDesk, d.id, { key: key(), receiptNumber: 'BL-0012', amount: '3.500.000' }), Forbidden, 'another agency’s desk');
    await assert.rejects(recordObligationPayment(people.specialist, d.id, { key: key(), receiptNumber: 'BL-0012', amount: '3.500.000' }), Forbidden, 'the desk records it, not the step');
    const paid = await recordObligationPayment(people.desk, d.id, { key: key(), receiptNumber: 'BL-0012', amount: '3.500.000' });
    assert.equal(paid.state, 'received', 'back where it was');
    assert.equal(paid.stepCode, d.stepCode, 'at the same step');
    assert.equal(paid.pausedSince, null);
    assert.equal(paid.obligationAmount, 0);
    assert.equal(paid.obligationRequested, true);
    assert.equal(paid.paidOnline, false, 'a counter or bank receipt is not an online payment');
    assert.equal(show(paid.dueAt), '2026-03-10 09:00', 'moved by the working day paused');
    assert.ok(paid.stepDueAt!.getTime() > d.stepDueAt!.getTime());
    const log = await db().select().from(dossierActions).where(eq(dossierActions.dossierId, d.id)).orderBy(asc(dossierActions.seq));
    assert.deepEqual(log.map((a) => a.type).slice(-2), ['request_financial', 'pay_obligation']);
    assert.deepEqual((log.at(-2)!.data as { items: unknown[] }).items.length, 2);
    await assert.rejects(recordObligationPayment(people.desk, d.id, { key: key(), receiptNumber: 'BL-0013', amount: '1' }), Conflict, 'nothing is owed any longer');
  });

  test('bad obligation requests change nothing: malformed amounts, no reason, not the step holder, wrong state', async () => {
    const d = await received();
    for (const body of [{ items: 'Lệ phí: 0' }, { items: 'Lệ phí: -1' }, { items: 'một triệu' }, { reason: '' }]) {
      await assert.rejects(requestFinancialObligation(people.specialist, deps(), d.id, { key: key(), items: 'Lệ phí: 5.000', reason: 'Căn cứ', ...body }), Invalid, JSON.stringify(body));
    }
    await assert.rejects(requestFinancialObligation(people.leader, deps(), d.id, { key: key(), items: 'Lệ phí: 5.000', reason: 'Căn cứ' }), Forbidden);
    await assert.rejects(requestFinancialObligation(people.otherLeader, deps(), d.id, { key: key(), items: 'Lệ phí: 5.000', reason: 'Căn cứ' }), Forbidden);
    await requestFinancialObligation(people.specialist, deps(), d.id, { key: key(), items: 'Lệ phí: 5.000', reason: 'Căn cứ' });
    await assert.rejects(requestFinancialObligation(people.specialist, deps(), d.id, { key: key(), items: 'Lệ phí: 5.000', reason: 'Lần hai' }), Conflict, 'already waiting');
    assert.equal((await row(d.id)).obligationAmount, 5_000);
  });

  test('a leader stops a dossier with its legal ground: final, notified, open consultations closed, the notice (Mẫu 05) prints', async () => {
    const d = await received();
    const other = (await makeAgency(db(), { name: 'Công an tỉnh' })).id;
    await consultAgencies(people.specialist, env.storage, env.config.maxUploadBytes, d.id, { key: key(), question: 'Xác minh', agencyIds: [other], answerDays: '3' });
    await assert.rejects(stopDossier(people.specialist, deps(), d.id, { key: key(), reason: 'Theo yêu cầu của cơ quan điều tra' }), Forbidden, 'not a leader');
    await assert.rejects(stopDossier(people.otherLeader, deps(), d.id, { key: key(), reason: 'Theo yêu cầu của cơ quan điều tra' }), Forbidden, 'another agency’s leader');
    await assert.rejects(stopDossier(people.leader, deps(), d.id, { key: key(), reason: 'ngắn' }), (e: unknown) => e instanceof Invalid && e.fields.reason?.key === 'stop.error.reason');
    await assert.rejects(stopDossier(people.leader, deps(), d.id, { key: key(), reason: '' }), Invalid);
    const mails = await env.mailJobsFiled();
    const stopped = await stopDossier(people.leader, deps(), d.id, { key: key(), reason: 'Theo văn bản số 12/CSĐT của Cơ quan Cảnh sát điều tra' });
    assert.equal(stopped.state, 'stopped');
    assert.ok(stopped.finishedAt, 'finished: the report counts it as stopped');
    assert.equal(stopped.pausedSince, null, 'not counted as paused');
    assert.equal(stopped.stepCode, null);
    assert.equal(await env.mailJobsFiled(), mails + 1);
    assert.ok((await consultationsOf(db(), d.id))[0]!.closedAt, 'the consultation is closed with it');
    await assert.rejects(stopDossier(people.leader, deps(), d.id, { key: key(), reason: 'Theo văn bản số 12/CSĐT lần hai' }), Conflict, 'final');
    await assert.rejects(completeStep(people.specialist, deps(), d.id, { key: key() }), Conflict);

    const view = await dossierView(db(), stopped);
    const pdf = await readPdf(await stopNoticeSlip({ view, parentName: null, place: 'Cao Bằng', baseUrl: env.config.baseUrl, now: env.clock.now(), officerName: 'Lãnh đạo Sở' }));
    const text = plain(pdf.pages);
    for (const expected of ['THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', 'Sở Tài nguyên và Môi trường thông báo dừng giải quyết', 'Theo văn bản số 12/CSĐT của Cơ quan Cảnh sát điều tra', 'Hoàng Thị Mơ']) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
  });

  test('a dossier waiting for its obligation may be stopped too; one already processed may not', async () => {
    const d = await received();
    await requestFinancialObligation(people.specialist, deps(), d.id, { key: key(), items: 'Lệ phí: 5.000', reason: 'Căn cứ' });
    const stopped = await stopDossier(people.leader, deps(), d.id, { key: key(), reason: 'Người nộp không thực hiện nghĩa vụ tài chính' });
    assert.equal(stopped.obligationAmount, 0, 'nothing is owed on a stopped dossier');
    const e = await received();
    await completeStep(people.specialist, deps(), e.id, { key: key() });
    const done = await completeStep(people.leader, deps(), e.id, { key: key() });
    const last = done.stepRole === 'clerk' ? await completeStep(env.ctx(await actorFor(db(), await makeOfficial(db(), { agencyId, roles: ['clerk'] }))), deps(), e.id, { key: key() }) : done;
    assert.equal(last.state, 'processed');
    await assert.rejects(stopDossier(people.leader, deps(), e.id, { key: key(), reason: 'Không còn cần thiết nữa' }), Conflict);
  });
});
