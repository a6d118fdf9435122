import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeAgency, makeCitizen, makeOfficial } from '../../../test/support/factories.js';
import { confirmCalendarYears, makeProcedure } from '../../../test/support/service-factories.js';
import type { Ctx } from '../../platform/context.js';
import { Conflict, Forbidden, Invalid } from '../../platform/errors.js';
import { stateFromLog } from './append-action.js';
import { answerSupplement } from './answer-supplement.js';
import { approveApology, draftApology } from './apologise.js';
import { assignDossier } from './assign-dossier.js';
import { attachDocument } from './attach-document.js';
import { completeStep } from './complete-step.js';
import { receiveDossier } from './receive-dossier.js';
import { refuseDossier } from './refuse-dossier.js';
import { requestSupplement } from './request-supplement.js';
import { returnResult } from './return-result.js';
import { returnStep } from './return-step.js';
import { dossierActions, dossierFiles, dossiers } from './schema.js';
import { startDossier } from './start-dossier.js';
import { submitDossier } from './submit-dossier.js';
import { withdrawDossier } from './withdraw-dossier.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const key = () => randomUUID();
const show = (d: Date | null) => (d ? new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : 'null');

describe('processing a dossier: desk, steps, leader, return', () => {
  let env: TestEnv;
  let people: Record<'desk' | 'specialist' | 'leader' | 'clerk' | 'otherDesk' | 'otherSpecialist', Ctx>;
  let agencyId: string;
  let deskId: string;
  before(async () => {
    env = await makeTestEnv();
    const db = env.database.db;
    await confirmCalendarYears(db);
    agencyId = (await makeAgency(db, { name: 'Sở Tư pháp' })).id;
    deskId = (await makeAgency(db, { name: 'Trung tâm Phục vụ hành chính công', type: 'service_centre', hasOneStopDesk: true })).id;
    const other = (await makeAgency(db)).id;
    const as = async (agency: string, role: 'desk_officer' | 'specialist' | 'leader' | 'clerk') => env.ctx(await actorFor(db, await makeOfficial(db, { agencyId: agency, roles: [role], fullName: `Cán bộ ${role}` })));
    people = {
      desk: await as(deskId, 'desk_officer'),
      specialist: await as(agencyId, 'specialist'),
      leader: await as(agencyId, 'leader'),
      clerk: await as(agencyId, 'clerk'),
      otherDesk: await as(other, 'desk_officer'),
      otherSpecialist: await as(other, 'specialist'),
    };
  });
  after(() => env.close());
  const db = () => env.database.db;
  const deps = () => ({ baseUrl: env.config.baseUrl, secrets: env.secrets });

  /** A dossier filed online at 09:00 on Monday 2 March 2026 under a five-working-day procedure. */
  async function filed() {
    const citizen = env.ctx(await actorFor(db(), await makeCitizen(db())));
    const procedure = await makeProcedure(db(), { ownerAgencyId: agencyId, deskAgencyId: deskId });
    const draft = await startDossier(citizen, procedure.code, {});
    await attachDocument(citizen, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 't.pdf', content: PDF });
    const dossier = await submitDossier(citizen, deps(), draft.id, {
      applicantName: 'Phạm Văn Nam',
      applicantIdNumber: '079203001122',
      applicantEmail: 'nam@example.vn',
      f_noi_dung: 'Xin cấp',
      f_so_ban: '1',
      submissionKey: randomUUID(),
    });
    return { citizen, dossier };
  }

  test('the whole path: received at the desk, processed, approved, released, returned — the log tells it all', async () => {
    const { dossier } = await filed();
    const received = await receiveDossier(people.desk, deps(), dossier.id, { key: key() });
    assert.equal(received.state, 'received');
    // Received Monday 09:00 + 5 working days → Monday 9 March 09:00; the specialist's 60 % share ends Thursday 09:00.
    assert.equal(show(received.dueAt), '2026-03-09 09:00');
    assert.equal(received.stepCode, 'XL');
    assert.equal(received.stepRole, 'specialist');
    assert.equal(show(received.stepDueAt), '2026-03-05 09:00');
    assert.equal(received.agencyId, agencyId, 'processed by the competent agency, not the desk that received it');

    await assert.rejects(completeStep(people.leader, deps(), dossier.id, { key: key() }), Forbidden, 'the leader does not act on the specialist’s step');
    const toLeader = await completeStep(people.specialist, deps(), dossier.id, { key: key(), note: 'Đủ điều kiện' });
    assert.equal(toLeader.state, 'processing');
    assert.equal(toLeader.stepRole, 'leader');
    const returned = await returnStep(people.leader, dossier.id, { key: key(), note: 'Bổ sung căn cứ' });
    assert.equal(returned.stepCode, 'XL');
    await completeStep(people.specialist, deps(), dossier.id, { key: key() });
    const approved = await completeStep(people.leader, deps(), dossier.id, { key: key() });
    assert.equal(approved.stepRole, 'clerk');
    const processed = await completeStep(people.clerk, deps(), dossier.id, { key: key() });
    assert.equal(processed.state, 'processed');
    assert.ok(processed.finishedAt);
    const done = await returnResult(people.desk, deps(), dossier.id, { key: key() });
    assert.equal(done.state, 'returned');

    const log = await db().select().from(dossierActions).where(eq(dossierActions.dossierId, dossier.id)).orderBy(asc(dossierActions.seq));
    assert.deepEqual(
      log.map((a) => a.type),
      ['submit', 'receive', 'complete_step', 'return_step', 'complete_step', 'approve', 'complete_step', 'return_result'],
    );
    assert.deepEqual(log.map((a) => a.seq), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(await stateFromLog(db(), dossier.id), 'returned');
  });

  test('officials of another agency can neither receive nor process', async () => {
    const { dossier } = await filed();
    await assert.rejects(receiveDossier(people.otherDesk, deps(), dossier.id, { key: key() }), Forbidden);
    await assert.rejects(receiveDossier(people.specialist, deps(), dossier.id, { key: key() }), Forbidden, 'a specialist is not the desk');
    await receiveDossier(people.desk, deps(), dossier.id, { key: key() });
    await assert.rejects(completeStep(people.otherSpecialist, deps(), dossier.id, { key: key() }), Forbidden);
    const [row] = await db().select().from(dossiers).where(eq(dossiers.id, dossier.id));
    assert.equal(row!.lastSeq, 2, 'nothing was logged by the refused attempts');
  });

  test('two officers acting at once: one succeeds, the other gets a conflict; a retried action is done once', async () => {
    const { dossier } = await filed();
    const k = key();
    const [a, b] = await Promise.allSettled([receiveDossier(people.desk, deps(), dossier.id, { key: k }), receiveDossier(people.desk, deps(), dossier.id, { key: k })]);
    assert.equal(a.status, 'fulfilled');
    assert.equal(b.status, 'fulfilled', 'the same key is the same action');
    // Both pages showed the dossier after its reception (log head 2).
    const results = await Promise.allSettled([
      completeStep(people.specialist, deps(), dossier.id, { key: key(), seq: '2' }),
      requestSupplement(people.specialist, deps(), dossier.id, { key: key(), seq: '2', items: 'Bản sao giấy khai sinh' }),
    ]);
    const failures = results.filter((r) => r.status === 'rejected');
    assert.equal(failures.length, 1);
    assert.ok((failures[0] as PromiseRejectedResult).reason instanceof Conflict);
    const log = await db().select().from(dossierActions).where(eq(dossierActions.dossierId, dossier.id));
    assert.equal(log.length, 3);
    const winner = log.find((a) => a.seq === 3)!;
    const retried = winner.type === 'complete_step' ? completeStep(people.specialist, deps(), dossier.id, { key: winner.key, seq: '2' }) : requestSupplement(people.specialist, deps(), dossier.id, { key: winner.key, seq: '2', items: 'x' });
    assert.equal((await retried).lastSeq, 3, 'the winner retried with its own key gets its result, not a conflict');
  });

  test('a supplement requested during processing stops the clock; the answer moves the due date by the time it took', async () => {
    const { citizen, dossier } = await filed();
    const received = await receiveDossier(people.desk, deps(), dossier.id, { key: key() });
    env.clock.advance(3_600_000); // Monday 10:00
    const asked = await requestSupplement(people.specialist, deps(), dossier.id, { key: key(), items: 'Bản sao sổ hộ khẩu\n\nGiấy ủy quyền' });
    assert.equal(asked.state, 'supplement');
    const [request] = await db().select().from(dossierActions).where(eq(dossierActions.dossierId, dossier.id)).orderBy(asc(dossierActions.seq)).offset(2);
    assert.deepEqual((request!.data as { items: string[] }).items, ['Bản sao sổ hộ khẩu', 'Giấy ủy quyền']);
    await assert.rejects(completeStep(people.specialist, deps(), dossier.id, { key: key() }), Conflict, 'nothing moves while paused');
    await assert.rejects(answerSupplement(citizen, dossier.id, { key: key() }), (e: Invalid) => e instanceof Invalid && e.fields.file?.key === 'dossier.error.supplementFiles');
    env.clock.advance(24 * 3_600_000); // Tuesday 10:00: one working day (8 h) paused
    try {
      await attachDocument(citizen, env.storage, env.config.maxUploadBytes, dossier.id, 'TP2', { name: 'so-ho-khau.pdf', content: PDF });
      const answered = await answerSupplement(citizen, dossier.id, { key: key() });
      assert.equal(answered.state, 'received');
      assert.equal(answered.pausedSince, null);
      assert.equal(show(received.dueAt), '2026-03-09 09:00');
      assert.equal(show(answered.dueAt), '2026-03-10 09:00');
      const [file] = await db().select().from(dossierFiles).where(eq(dossierFiles.dossierId, dossier.id)).orderBy(asc(dossierFiles.createdAt)).offset(1);
      assert.equal(file!.purpose, 'supplement');
    } finally {
      env.clock.advance(-25 * 3_600_000);
    }
  });

  test('the desk refuses with a reason, and the applicant can withdraw before a result', async () => {
    const { dossier } = await filed();
    await assert.rejects(refuseDossier(people.desk, deps(), dossier.id, { key: key(), reason: '' }), Invalid);
    const refused = await refuseDossier(people.desk, deps(), dossier.id, { key: key(), reason: 'Không thuộc thẩm quyền' });
    assert.equal(refused.state, 'refused');
    const second = await filed();
    await receiveDossier(people.desk, deps(), second.dossier.id, { key: key() });
    const withdrawn = await withdrawDossier(second.citizen, deps(), second.dossier.id, { key: key(), reason: 'Không còn nhu cầu' });
    assert.equal(withdrawn.state, 'withdrawn');
    await assert.rejects(completeStep(people.specialist, deps(), second.dossier.id, { key: key() }), Conflict);
  });

  test('an assigned step leaves the others holding the role out; only an officer with the role can be assigned', async () => {
    const { dossier } = await filed();
    await receiveDossier(people.desk, deps(), dossier.id, { key: key() });
    const colleague = await makeOfficial(db(), { agencyId, roles: ['specialist'], fullName: 'Chuyên viên Hai' });
    await assert.rejects(assignDossier(people.leader, dossier.id, { key: key(), assigneeId: people.clerk.actor!.userId }), Invalid);
    await assert.rejects(assignDossier(people.specialist, dossier.id, { key: key(), assigneeId: colleague.id }), Forbidden, 'a specialist does not assign');
    const assigned = await assignDossier(people.leader, dossier.id, { key: key(), assigneeId: colleague.id });
    assert.equal(assigned.assigneeId, colleague.id);
    await assert.rejects(completeStep(people.specialist, deps(), dossier.id, { key: key() }), Forbidden);
    const next = await completeStep(env.ctx(await actorFor(db(), colleague)), deps(), dossier.id, { key: key() });
    assert.equal(next.assigneeId, null, 'the next step starts unassigned');
  });

  test('a late dossier: the step holder drafts an apology with a new date, a leader approves it, the appointment moves and the applicant is told', async () => {
    const { dossier } = await filed();
    const received = await receiveDossier(people.desk, deps(), dossier.id, { key: key() });
    await assert.rejects(draftApology(people.specialist, dossier.id, { key: key(), reason: 'Chờ xác minh', newDueAt: '12/03/2026 16:00' }), Conflict, 'not due yet: no apology');
    const ahead = 6 * 24 * 3_600_000 + 2 * 3_600_000; // Sunday 8 March 11:00: due Monday 09:00, within a day
    env.clock.advance(ahead);
    try {
      await assert.rejects(draftApology(people.specialist, dossier.id, { key: key(), reason: 'Chờ xác minh', newDueAt: '31/02/2026 16:00' }), (e: Invalid) => e instanceof Invalid && e.fields.newDueAt?.key === 'dossier.error.dateTime');
      await assert.rejects(draftApology(people.specialist, dossier.id, { key: key(), reason: 'Chờ xác minh', newDueAt: '09/03/2026 08:00' }), (e: Invalid) => e instanceof Invalid && e.fields.newDueAt?.key === 'dossier.error.newDueAfter');
      await assert.rejects(draftApology(people.otherSpecialist, dossier.id, { key: key(), reason: 'x', newDueAt: '12/03/2026 16:00' }), Forbidden);
      await assert.rejects(approveApology(people.leader, deps(), dossier.id, { key: key() }), Conflict, 'nothing drafted yet');
      const drafted = await draftApology(people.specialist, dossier.id, { key: key(), reason: 'Chờ kết quả xác minh của Công an xã', newDueAt: '12/03/2026 16:00' });
      assert.equal(show(drafted.dueAt), show(received.dueAt), 'a draft changes nothing for the applicant');
      await assert.rejects(approveApology(people.specialist, deps(), dossier.id, { key: key() }), Forbidden, 'a specialist does not approve');
      const mails = await env.mailJobsFiled();
      const approved = await approveApology(people.leader, deps(), dossier.id, { key: key() });
      assert.equal(show(approved.dueAt), '2026-03-12 16:00');
      assert.ok((await env.mailJobsFiled()) > mails, 'the applicant is written to');
      const log = await db().select().from(dossierActions).where(eq(dossierActions.dossierId, dossier.id)).orderBy(asc(dossierActions.seq));
      assert.deepEqual(log.slice(-2).map((a) => a.type), ['draft_apology', 'apology']);
      assert.equal((log.at(-1)!.data as { previousDueAt: string }).previousDueAt, received.dueAt!.toISOString());
      await assert.rejects(approveApology(people.leader, deps(), dossier.id, { key: key() }), Conflict, 'approved once');
    } finally {
      env.clock.advance(-ahead);
    }
  });

  test('receiving through a year whose calendar is not confirmed is refused in words the desk can act on', async () => {
    const { dossier } = await filed();
    env.clock.advance(2 * 365 * 24 * 3_600_000); // 2028
    try {
      await assert.rejects(receiveDossier(people.desk, deps(), dossier.id, { key: key() }), (e: Conflict) => e instanceof Conflict && e.params?.year === 2028);
    } finally {
      env.clock.advance(-2 * 365 * 24 * 3_600_000);
    }
  });
});
