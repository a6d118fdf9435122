import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeAgency, makeCitizen, makeOfficial } from '../../../test/support/factories.js';
import { confirmCalendarYears, makeProcedure } from '../../../test/support/service-factories.js';
import { users } from '../../accounts/schema.js';
import type { Ctx } from '../../platform/context.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import { auditLog } from '../../platform/schema.js';
import { handOvers } from '../slips/hand-overs.js';
import { answerConsultation } from './answer-consultation.js';
import { attachDocument } from './attach-document.js';
import { closeConsultation } from './close-consultation.js';
import { completeStep } from './complete-step.js';
import { consultAgencies } from './consult-agencies.js';
import { runConsultationReminder } from './consultation-jobs.js';
import { consultationInbox, consultationsOf } from './consultations.js';
import { dossierView } from './queries.js';
import { readConsultation } from './read-consultation.js';
import { receiveDossier } from './receive-dossier.js';
import { dossierActions, dossiers } from './schema.js';
import { startDossier } from './start-dossier.js';
import { submitDossier } from './submit-dossier.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const key = () => randomUUID();
const show = (d: Date | null) => (d ? new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : 'null');

describe('consulting other agencies (xin ý kiến)', () => {
  let env: TestEnv;
  let people: Record<'specialist' | 'leader' | 'taxSpecialist' | 'taxLeader' | 'landSpecialist' | 'taxDesk', Ctx>;
  let agencyId: string;
  let taxId: string;
  let landId: string;
  before(async () => {
    env = await makeTestEnv();
    const db = env.database.db;
    await confirmCalendarYears(db);
    agencyId = (await makeAgency(db, { name: 'Sở Tư pháp' })).id;
    taxId = (await makeAgency(db, { name: 'Thuế tỉnh' })).id;
    landId = (await makeAgency(db, { name: 'Văn phòng đăng ký đất đai' })).id;
    const as = async (agency: string, role: 'desk_officer' | 'specialist' | 'leader') => {
      const user = await makeOfficial(db, { agencyId: agency, roles: [role], fullName: `Cán bộ ${role}` });
      await db.update(users).set({ email: `${randomUUID().slice(0, 8)}@so.gov.vn` }).where(eq(users.id, user.id));
      return env.ctx(await actorFor(db, user));
    };
    people = {
      specialist: await as(agencyId, 'specialist'),
      leader: await as(agencyId, 'leader'),
      taxSpecialist: await as(taxId, 'specialist'),
      taxLeader: await as(taxId, 'leader'),
      landSpecialist: await as(landId, 'specialist'),
      taxDesk: await as(taxId, 'desk_officer'),
    };
  });
  after(() => env.close());
  const db = () => env.database.db;
  const deps = () => ({ baseUrl: env.config.baseUrl, secrets: env.secrets });
  const consult = (ctx: Ctx, id: string, body: Record<string, unknown>, file: { name: string; content: Buffer } | null = null) => consultAgencies(ctx, env.storage, env.config.maxUploadBytes, id, body, file);
  const answer = (ctx: Ctx, cid: string, body: Record<string, unknown>, file: { name: string; content: Buffer } | null = null) => answerConsultation(ctx, env.storage, env.config.maxUploadBytes, cid, body, file);

  /** Filed Monday 2 March 2026 09:00 and received at once: at the specialist's step of the Department of Justice. */
  async function received() {
    const citizen = env.ctx(await actorFor(db(), await makeCitizen(db())));
    const procedure = await makeProcedure(db(), { ownerAgencyId: agencyId });
    const draft = await startDossier(citizen, procedure.code, {});
    await attachDocument(citizen, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 't.pdf', content: PDF });
    const filed = await submitDossier(citizen, deps(), draft.id, { applicantName: 'Phạm Văn Nam', applicantIdNumber: '079203001122', applicantEmail: 'nam@example.vn', f_noi_dung: 'Xin cấp', f_so_ban: '1', submissionKey: randomUUID() });
    const desk = env.ctx(await actorFor(db(), await makeOfficial(db(), { agencyId, roles: ['desk_officer'] })));
    return receiveDossier(desk, deps(), filed.id, { key: key() });
  }

  test('asked, the dossier stays with its step; the step waits for every answer; the last one frees it and the slip records both ways', async () => {
    const d = await received();
    const asked = await consult(people.specialist, d.id, { key: key(), seq: String(d.lastSeq), question: 'Đề nghị cho ý kiến về nghĩa vụ thuế', agencyIds: [taxId, landId], answerDays: '2' }, { name: 'cong-van.pdf', content: PDF });
    assert.equal(asked.state, 'received', 'the dossier stays where it was');
    assert.equal(asked.stepCode, d.stepCode);
    assert.equal(show(asked.dueAt), show(d.dueAt), 'the clock keeps running: nothing moves');
    const [c] = await consultationsOf(db(), d.id);
    // Asked Monday 09:00 + 2 working days → Wednesday 09:00.
    assert.equal(show(c!.answerBy), '2026-03-04 09:00');
    assert.equal(c!.fileName, 'cong-van.pdf');
    assert.deepEqual(c!.answers.map((a) => a.agencyName), ['Thuế tỉnh', 'Văn phòng đăng ký đất đai']);

    const inbox = await consultationInbox(people.taxSpecialist, 1);
    assert.ok(inbox.rows.some((r) => r.consultationId === c!.id && r.agencyId === taxId), 'the consulted agency sees it in its inbox');
    assert.equal((await consultationInbox(people.specialist, 1)).rows.some((r) => r.consultationId === c!.id), false, 'the asking agency does not');

    await assert.rejects(completeStep(people.specialist, deps(), d.id, { key: key() }), (e: unknown) => e instanceof Conflict && e.messageKey === 'consultation.error.open');

    env.clock.advance(3_600_000);
    await answer(people.taxSpecialist, c!.id, { key: key(), agencyId: taxId, answer: 'Thuộc diện miễn lệ phí trước bạ' });
    await assert.rejects(answer(people.taxLeader, c!.id, { key: key(), agencyId: taxId, answer: 'Lần hai' }), (e: unknown) => e instanceof Conflict && e.messageKey === 'consultation.error.answered', 'each agency answers once');
    await assert.rejects(completeStep(people.specialist, deps(), d.id, { key: key() }), Conflict, 'still waiting for the land office');
    env.clock.advance(3 * 24 * 3_600_000); // Thursday 10:00: the land office answers late
    await answer(people.landSpecialist, c!.id, { key: key(), agencyId: landId, answer: 'Đất không có tranh chấp' }, { name: 'y-kien.pdf', content: PDF });
    const [done] = await consultationsOf(db(), d.id);
    assert.ok(done!.closedAt, 'the last answer closes the consultation');
    assert.ok(done!.answers.every((a) => a.answeredAt && a.answer));
    assert.equal(done!.answers.find((a) => a.agencyId === landId)!.fileName, 'y-kien.pdf');

    const [row] = await db().select().from(dossiers).where(eq(dossiers.id, d.id));
    const rows = handOvers(await dossierView(db(), row!));
    const consultRows = rows.filter((r) => r.type === 'consult' || r.type === 'answer_consultation');
    assert.deepEqual(consultRows.map((r) => [r.type, r.receiver.kind === 'agency' ? r.receiver.name : r.giver.kind === 'agency' ? r.giver.name : '', r.result]), [
      ['consult', 'Thuế tỉnh; Văn phòng đăng ký đất đai', null],
      ['answer_consultation', 'Thuế tỉnh', 'early'],
      ['answer_consultation', 'Văn phòng đăng ký đất đai', 'late'],
    ]);
    const moved = await completeStep(people.specialist, deps(), d.id, { key: key() });
    assert.equal(moved.stepRole, 'leader');
  });

  test('the asker may close a consultation, saying why; silent agencies can no longer answer', async () => {
    const d = await received();
    await consult(people.specialist, d.id, { key: key(), question: 'Xin ý kiến', agencyIds: [taxId], answerDays: '1' });
    const [c] = await consultationsOf(db(), d.id);
    await assert.rejects(closeConsultation(people.specialist, d.id, { key: key(), consultationId: c!.id, note: '' }), Invalid, 'a reason is required');
    await assert.rejects(closeConsultation(people.taxSpecialist, d.id, { key: key(), consultationId: c!.id, note: 'x' }), Forbidden, 'the consulted agency does not close it');
    await closeConsultation(people.specialist, d.id, { key: key(), consultationId: c!.id, note: 'Đã quá hạn trả lời' });
    await assert.rejects(answer(people.taxSpecialist, c!.id, { key: key(), agencyId: taxId, answer: 'Muộn' }), (e: unknown) => e instanceof Conflict && e.messageKey === 'consultation.error.closed');
    assert.equal((await consultationInbox(people.taxSpecialist, 1)).rows.some((r) => r.consultationId === c!.id), false, 'gone from the inbox');
    const log = await db().select().from(dossierActions).where(eq(dossierActions.dossierId, d.id)).orderBy(asc(dossierActions.seq));
    assert.deepEqual(log.map((a) => a.type).slice(-2), ['consult', 'close_consultation']);
    assert.equal((await completeStep(people.specialist, deps(), d.id, { key: key() })).stepRole, 'leader');
  });

  test('bad requests change nothing: no agency, own agency, unknown agency, bad days, wrong state, not the step holder', async () => {
    const d = await received();
    const bad = (body: Record<string, unknown>) => consult(people.specialist, d.id, { key: key(), question: 'Xin ý kiến', agencyIds: [taxId], answerDays: '3', ...body });
    for (const body of [{ agencyIds: [] }, { agencyIds: [agencyId] }, { agencyIds: [randomUUID()] }, { agencyIds: ['nope'] }, { answerDays: '0' }, { answerDays: '31' }, { answerDays: 'ba' }, { question: '' }]) {
      await assert.rejects(bad(body), Invalid, JSON.stringify(body));
    }
    await assert.rejects(consult(people.leader, d.id, { key: key(), question: 'x', agencyIds: [taxId], answerDays: '1' }), Forbidden, 'the leader does not hold the specialist’s step');
    await assert.rejects(consult(people.taxSpecialist, d.id, { key: key(), question: 'x', agencyIds: [landId], answerDays: '1' }), Forbidden, 'another agency does not ask about our dossier');
    await completeStep(people.specialist, deps(), d.id, { key: key() });
    await completeStep(people.leader, deps(), d.id, { key: key() });
    assert.equal((await consultationsOf(db(), d.id)).length, 0);
    const [now] = await db().select().from(dossiers).where(eq(dossiers.id, d.id));
    await assert.rejects(consult(people.specialist, d.id, { key: key(), question: 'x', agencyIds: [taxId], answerDays: '1' }), Forbidden, 'at the clerk’s step the specialist holds nothing');
    assert.equal(now!.stepRole, 'clerk');
    const [row] = await db().select().from(dossiers).where(eq(dossiers.id, d.id));
    assert.equal(row!.state, 'processing');
    assert.equal(row!.lastSeq, now!.lastSeq, 'nothing logged by the refusals');
  });

  test('a consulted official reads only what the opinion needs, audited; others are refused; answers need the agency’s grant', async () => {
    const d = await received();
    await consult(people.specialist, d.id, { key: key(), question: 'Xin ý kiến', agencyIds: [taxId], answerDays: '2' });
    const [c] = await consultationsOf(db(), d.id);
    const read = await readConsultation(people.taxSpecialist, c!.id);
    assert.equal(read.view.dossier.applicantIdNumber, null, 'no ID number');
    assert.equal(read.view.dossier.applicantEmail, null, 'no contact details');
    assert.deepEqual(read.answerable.map((a) => a.agencyId), [taxId]);
    const audited = await db().select().from(auditLog).where(eq(auditLog.entityId, d.id));
    assert.ok(audited.some((e) => e.action === 'dossier.read' && e.actorId === people.taxSpecialist.actor!.userId));
    await assert.rejects(readConsultation(people.landSpecialist, c!.id), Forbidden, 'an agency not consulted');
    await assert.rejects(readConsultation(people.taxDesk, c!.id), Forbidden, 'the consulted agency’s desk does not process');
    await assert.rejects(answer(people.landSpecialist, c!.id, { key: key(), agencyId: taxId, answer: 'x' }), Forbidden, 'answering for an agency one does not belong to');
    await assert.rejects(answer(people.landSpecialist, c!.id, { key: key(), agencyId: landId, answer: 'x' }), NotFound, 'an agency that was not asked');
    await assert.rejects(answer(people.taxSpecialist, c!.id, { key: key(), agencyId: taxId, answer: '' }), Invalid);
    const k = key();
    await answer(people.taxSpecialist, c!.id, { key: k, agencyId: taxId, answer: 'Đồng ý' });
    await answer(people.taxSpecialist, c!.id, { key: k, agencyId: taxId, answer: 'Đồng ý' });
    const log = await db().select().from(dossierActions).where(eq(dossierActions.dossierId, d.id));
    assert.equal(log.filter((a) => a.type === 'answer_consultation').length, 1, 'a retried answer is the same answer');
  });

  test('the reminder writes to the silent agencies’ leaders and specialists, and to nobody once answered', async () => {
    const d = await received();
    await consult(people.specialist, d.id, { key: key(), question: 'Xin ý kiến', agencyIds: [taxId, landId], answerDays: '3' });
    const [c] = await consultationsOf(db(), d.id);
    await answer(people.landSpecialist, c!.id, { key: key(), agencyId: landId, answer: 'Đồng ý' });
    assert.deepEqual(await runConsultationReminder(env.ctx(), deps(), { consultationId: c!.id }), { sent: 2 }, 'the tax office’s specialist and leader');
    await answer(people.taxLeader, c!.id, { key: key(), agencyId: taxId, answer: 'Đồng ý' });
    assert.deepEqual(await runConsultationReminder(env.ctx(), deps(), { consultationId: c!.id }), { sent: 0 });
  });
});
