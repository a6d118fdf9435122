import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import type { Ctx } from '../../src/platform/context.js';
import { Forbidden, Unauthenticated } from '../../src/platform/errors.js';
import { answerConsultation } from '../../src/services/dossiers/answer-consultation.js';
import { assignDossier } from '../../src/services/dossiers/assign-dossier.js';
import { consultAgencies } from '../../src/services/dossiers/consult-agencies.js';
import { consultationInbox, consultationsOf } from '../../src/services/dossiers/consultations.js';
import { readConsultation } from '../../src/services/dossiers/read-consultation.js';
import { recordObligationPayment } from '../../src/services/dossiers/record-obligation-payment.js';
import { requestFinancialObligation } from '../../src/services/dossiers/request-financial-obligation.js';
import { stopDossier } from '../../src/services/dossiers/stop-dossier.js';
import { attachDocument } from '../../src/services/dossiers/attach-document.js';
import { completeStep } from '../../src/services/dossiers/complete-step.js';
import { enterDossier } from '../../src/services/dossiers/enter-dossier.js';
import { assignmentInbox, deskInbox, processingInbox } from '../../src/services/dossiers/inbox-queries.js';
import { readDossier } from '../../src/services/dossiers/read-dossier.js';
import { receiveDossier } from '../../src/services/dossiers/receive-dossier.js';
import { refuseDossier } from '../../src/services/dossiers/refuse-dossier.js';
import { requestSupplement } from '../../src/services/dossiers/request-supplement.js';
import { returnResult } from '../../src/services/dossiers/return-result.js';
import { returnStep } from '../../src/services/dossiers/return-step.js';
import { dossierActions, dossiers } from '../../src/services/dossiers/schema.js';
import { startDossier } from '../../src/services/dossiers/start-dossier.js';
import { submitDossier } from '../../src/services/dossiers/submit-dossier.js';
import type { InboxPage } from '../../src/services/dossiers/inbox-queries.js';
import type { Dossier } from '../../src/services/dossiers/append-action.js';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { actorFor, makeOfficial } from '../support/factories.js';
import { confirmCalendarYears, makeProcedure } from '../support/service-factories.js';
import { type Action, type ActorKey, type World, actorKeys, auditCount, makeWorld, matrixTests, parseRow } from './world.js';

// Checked against src/platform/auth/permissions.ts: dossier.read belongs to system_admin, desk_officer, specialist,
// leader and clerk; dossier.receive (the desk's actions) to system_admin and desk_officer, checked against the
// dossier's desk agency; dossier.process to specialist, leader and clerk, and each step only to the holders of its
// role (workflow-rules.ts requireStepActor), so the system administrator, who holds no step role, acts on no step;
// dossier.assign to system_admin and leader. Stopping a dossier needs dossier.approve and the leader's role at the
// competent agency; recording a counter payment is the desk's; answering a consultation needs dossier.process at
// the consulted agency. Procedure and dossiers here belong to department A, received at A.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('permission matrix: dossiers in the back office', () => {
  let env: TestEnv;
  let w: World;
  let code: string;
  let colleagueId: string;
  let codeB: string;
  let inB: Record<'desk' | 'specialist', Ctx>;
  const key = () => randomUUID();

  before(async () => {
    env = await makeTestEnv();
    // Step reminders (deadline-jobs.ts) are due at the test clock's times but run by the wall clock, writing audit
    // entries of their own; the matrix counts audit entries around each call, so the clock reads the real time
    // and no reminder falls due during the run.
    env.clock.current = new Date();
    w = await makeWorld(env);
    const year = env.clock.current.getUTCFullYear();
    await confirmCalendarYears(w.db, [year, year + 1]);
    code = (await makeProcedure(w.db, { ownerAgencyId: w.tree.A.id })).code;
    colleagueId = (await makeOfficial(w.db, { agencyId: w.tree.A.id, roles: ['specialist'] })).id;
    codeB = (await makeProcedure(w.db, { ownerAgencyId: w.tree.B.id })).code;
    const inBAs = async (role: 'desk_officer' | 'specialist') => env.ctx(await actorFor(w.db, await makeOfficial(w.db, { agencyId: w.tree.B.id, roles: [role] })));
    inB = { desk: await inBAs('desk_officer'), specialist: await inBAs('specialist') };
  });
  after(() => env.close());

  const deps = () => ({ baseUrl: env.config.baseUrl, secrets: env.secrets });
  const row = (id: string) => async () => ({
    dossier: (await w.db.select().from(dossiers).where(eq(dossiers.id, id)))[0],
    actions: (await w.db.select({ n: count() }).from(dossierActions).where(eq(dossierActions.dossierId, id)))[0]!.n,
  });

  /** A dossier of A filed online and moved along by the people whose turn it is, to the stage a row needs. */
  async function dossier(stage: 'submitted' | 'received' | 'financial' | 'leader' | 'processed'): Promise<Dossier> {
    const citizen = w.ctx('citizen');
    const draft = await startDossier(citizen, code, {});
    await attachDocument(citizen, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 't.pdf', content: PDF });
    let d = await submitDossier(citizen, deps(), draft.id, { applicantName: 'Phạm Văn Nam', applicantIdNumber: '079203001122', applicantEmail: 'nam@example.vn', f_noi_dung: 'Xin cấp', f_so_ban: '1', submissionKey: randomUUID() });
    if (stage === 'submitted') return d;
    d = await receiveDossier(w.ctx('desk'), deps(), d.id, { key: key() });
    if (stage === 'received') return d;
    if (stage === 'financial') return requestFinancialObligation(w.ctx('specialist'), deps(), d.id, { key: key(), items: 'Lệ phí trước bạ: 500.000', reason: 'Căn cứ Nghị định 10/2022' });
    d = await completeStep(w.ctx('specialist'), deps(), d.id, { key: key() });
    if (stage === 'leader') return d;
    d = await completeStep(w.ctx('leader'), deps(), d.id, { key: key() });
    return completeStep(w.ctx('clerk'), deps(), d.id, { key: key() });
  }

  /** A dossier of department B, received, whose specialist asks A for an opinion: the consultation. */
  async function consultingA() {
    const citizen = w.ctx('citizen');
    const draft = await startDossier(citizen, codeB, {});
    await attachDocument(citizen, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 't.pdf', content: PDF });
    let d = await submitDossier(citizen, deps(), draft.id, { applicantName: 'Phạm Văn Nam', applicantIdNumber: '079203001122', applicantEmail: 'nam@example.vn', f_noi_dung: 'Xin cấp', f_so_ban: '1', submissionKey: randomUUID() });
    d = await receiveDossier(inB.desk, deps(), d.id, { key: key() });
    d = await consultAgencies(inB.specialist, env.storage, env.config.maxUploadBytes, d.id, { key: key(), question: 'Xin ý kiến Sở A', agencyIds: [w.tree.A.id], answerDays: '3' });
    const [c] = await consultationsOf(w.db, d.id);
    return { dossier: d, consultation: c! };
  }

  const on = (expect: string, name: string, stage: Parameters<typeof dossier>[0], run: (d: Dossier) => (ctx: Ctx) => Promise<unknown>): Action => ({
    name,
    expect,
    effect: 'change',
    setup: async () => {
      const d = await dossier(stage);
      return { run: run(d), state: row(d.id) };
    },
  });

  const listed = (expect: string, name: string, stage: Parameters<typeof dossier>[0], list: (ctx: Ctx) => Promise<InboxPage>): Action => ({
    name,
    expect,
    effect: 'none',
    setup: async () => {
      const d = await dossier(stage);
      return { run: list, state: row(d.id), shows: (r) => (r as InboxPage).rows.some((x) => x.id === d.id) };
    },
  });

  matrixTests(() => w, [
    // Lists first, while few dossiers exist: each shows its first page.
    listed('Y   h   h   h   h   Y   h   h   h   h   h', 'see a new dossier of A’s desk in the desk inbox', 'submitted', (ctx) => deskInbox(ctx, 'new', 1)),
    listed('h   h   h   h   h   h   Y   h   h   h   h', 'see a dossier at A’s specialist step in the processing inbox', 'received', (ctx) => processingInbox(ctx, 'role', 1)),
    listed('Y   h   h   h   h   h   h   Y   h   h   h', 'see a dossier in progress at A on the assignment board', 'received', (ctx) => assignmentInbox(ctx, 1)),
    {
      name: 'open a dossier of A (a read of personal data, audited)',
      expect: 'Y   N   N   N   N   Y   Y   Y   Y   N   N',
      effect: 'audit',
      setup: async () => {
        const d = await dossier('received');
        return { run: (ctx) => readDossier(ctx, d.id), state: row(d.id), shows: (r) => (r as Dossier).id === d.id };
      },
    },
    on('Y   N   N   N   N   Y   N   N   N   N   N', 'receive a dossier at A’s desk', 'submitted', (d) => (ctx) => receiveDossier(ctx, deps(), d.id, { key: key(), seq: String(d.lastSeq) })),
    on('Y   N   N   N   N   Y   N   N   N   N   N', 'ask for a supplement at A’s desk', 'submitted', (d) => (ctx) => requestSupplement(ctx, deps(), d.id, { key: key(), items: 'Bản sao giấy khai sinh' })),
    on('Y   N   N   N   N   Y   N   N   N   N   N', 'refuse a dossier at A’s desk', 'submitted', (d) => (ctx) => refuseDossier(ctx, deps(), d.id, { key: key(), reason: 'Không thuộc thẩm quyền' })),
    on('N   N   N   N   N   N   Y   N   N   N   N', 'complete the specialist’s step of a dossier of A', 'received', (d) => (ctx) => completeStep(ctx, deps(), d.id, { key: key() })),
    on('N   N   N   N   N   N   Y   N   N   N   N', 'ask for a supplement from the specialist’s step', 'received', (d) => (ctx) => requestSupplement(ctx, deps(), d.id, { key: key(), items: 'Giấy ủy quyền' })),
    on('N   N   N   N   N   N   N   Y   N   N   N', 'approve a dossier of A at the leader’s step', 'leader', (d) => (ctx) => completeStep(ctx, deps(), d.id, { key: key() })),
    on('N   N   N   N   N   N   N   Y   N   N   N', 'return a dossier of A from the leader’s step', 'leader', (d) => (ctx) => returnStep(ctx, d.id, { key: key(), note: 'Bổ sung căn cứ' })),
    on('Y   N   N   N   N   N   N   Y   N   N   N', 'assign a dossier of A to a specialist', 'received', (d) => (ctx) => assignDossier(ctx, d.id, { key: key(), assigneeId: colleagueId })),
    on('Y   N   N   N   N   Y   N   N   N   N   N', 'return the result of a dossier of A', 'processed', (d) => (ctx) => returnResult(ctx, deps(), d.id, { key: key() })),
    on('N   N   N   N   N   N   Y   N   N   N   N', 'ask other agencies’ opinion from the specialist’s step of a dossier of A', 'received', (d) => (ctx) => consultAgencies(ctx, env.storage, env.config.maxUploadBytes, d.id, { key: key(), question: 'Xin ý kiến', agencyIds: [w.tree.B.id], answerDays: '3' })),
    on('N   N   N   N   N   N   Y   N   N   N   N', 'ask for a financial obligation from the specialist’s step of a dossier of A', 'received', (d) => (ctx) => requestFinancialObligation(ctx, deps(), d.id, { key: key(), items: 'Lệ phí trước bạ: 500.000', reason: 'Căn cứ Nghị định 10/2022' })),
    on('Y   N   N   N   N   Y   N   N   N   N   N', 'record at A’s desk a financial obligation paid at the counter', 'financial', (d) => (ctx) => recordObligationPayment(ctx, d.id, { key: key(), receiptNumber: 'BL-01', amount: '500.000' })),
    on('N   N   N   N   N   N   N   Y   N   N   N', 'stop a dossier of A with its legal ground', 'received', (d) => (ctx) => stopDossier(ctx, deps(), d.id, { key: key(), reason: 'Theo yêu cầu của cơ quan có thẩm quyền' })),
    {
      name: 'see a question from B to A in the consultation inbox',
      expect: 'Y   h   h   h   h   h   Y   Y   Y   h   h',
      effect: 'none',
      setup: async () => {
        const { dossier: d } = await consultingA();
        return { run: (ctx) => consultationInbox(ctx, 1), state: row(d.id), shows: (r) => (r as Awaited<ReturnType<typeof consultationInbox>>).rows.some((x) => x.dossierId === d.id) };
      },
    },
    {
      name: 'read a question from B to A with what of B’s dossier it needs (audited)',
      expect: 'Y   N   N   N   N   N   Y   Y   Y   N   N',
      effect: 'audit',
      setup: async () => {
        const { dossier: d, consultation } = await consultingA();
        return { run: (ctx) => readConsultation(ctx, consultation.id), state: row(d.id), shows: (r) => (r as { view: { dossier: Dossier } }).view.dossier.id === d.id };
      },
    },
    {
      name: 'answer a question from B for A',
      expect: 'Y   N   N   N   N   N   Y   Y   Y   N   N',
      effect: 'change',
      setup: async () => {
        const { dossier: d, consultation } = await consultingA();
        return { run: (ctx) => answerConsultation(ctx, env.storage, env.config.maxUploadBytes, consultation.id, { key: key(), agencyId: w.tree.A.id, answer: 'Đồng ý' }), state: row(d.id) };
      },
    },
  ]);

  // Entering a dossier writes two log actions (submit and receive), each audited: outside matrixTests, which expects one.
  const enterRow = parseRow('Y   N   N   N   N   Y   N   N   N   N   N');
  actorKeys.forEach((k: ActorKey, i) => {
    test(`${k} ${enterRow[i] === 'Y' ? 'may' : 'may not'} enter an in-person dossier at A’s desk`, async () => {
      const name = `Người nộp ${randomUUID()}`;
      const audits = await auditCount(w.db);
      const attempt = enterDossier(w.ctx(k), deps(), code, { key: key(), applicantName: name, applicantIdNumber: '004190012345', f_noi_dung: 'Xin cấp', f_so_ban: '1', doc_TP1: 'on' });
      const made = () => w.db.select().from(dossiers).where(eq(dossiers.applicantName, name));
      if (enterRow[i] === 'Y') {
        assert.equal((await attempt).state, 'received');
        assert.equal((await made()).length, 1);
        assert.equal(await auditCount(w.db), audits + 2);
        return;
      }
      await assert.rejects(attempt, k === 'anon' ? Unauthenticated : Forbidden);
      assert.equal((await made()).length, 0);
      assert.equal(await auditCount(w.db), audits);
    });
  });
});
