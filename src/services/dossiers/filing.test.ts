import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeAgency, makeCitizen, makeOfficial } from '../../../test/support/factories.js';
import { aDefinition, makeProcedure } from '../../../test/support/service-factories.js';
import { agencies } from '../../org/schema.js';
import type { Ctx } from '../../platform/context.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import { stateFromLog } from './append-action.js';
import { attachDocument } from './attach-document.js';
import { removeDocument } from './remove-document.js';
import { saveDraft } from './save-draft.js';
import { dossierActions, dossierFiles, dossiers } from './schema.js';
import { startDossier } from './start-dossier.js';
import { submitDossier } from './submit-dossier.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);

describe('filing a dossier online', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());
  const db = () => env.database.db;
  const deps = () => ({ baseUrl: env.config.baseUrl, secrets: env.secrets });

  async function citizen(): Promise<Ctx> {
    return env.ctx(await actorFor(db(), await makeCitizen(db(), { phone: null })));
  }

  const complete = (over: Record<string, unknown> = {}) => ({
    applicantName: 'Nguyễn Thị Hoà',
    applicantIdNumber: '001190012345',
    applicantEmail: 'hoa@example.vn',
    applicantAddress: 'Thôn Đông, xã Hòa Bình',
    delivery: 'electronic',
    f_noi_dung: 'Đề nghị cấp bản sao trích lục khai sinh',
    f_so_ban: '2',
    submissionKey: randomUUID(),
    ...over,
  });

  async function readyDraft(ctx: Ctx, over: Parameters<typeof makeProcedure>[1] = {}) {
    const procedure = await makeProcedure(db(), over);
    const draft = await startDossier(ctx, procedure.code, {});
    await attachDocument(ctx, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 'to-khai.pdf', content: PDF });
    return { procedure, draft };
  }

  test('a citizen starts a draft under the version in force, with their account details', async () => {
    const ctx = await citizen();
    const procedure = await makeProcedure(db());
    const draft = await startDossier(ctx, procedure.code, {});
    assert.equal(draft.state, 'draft');
    assert.equal(draft.code, null);
    assert.equal(draft.procedureVersionId, procedure.currentVersionId);
    assert.equal(draft.agencyId, procedure.ownerAgencyId);
    assert.equal(draft.applicantName, 'Công Dân Thử');
    assert.equal(draft.channel, 'online');
  });

  test('an official cannot file online, and an offline or unknown procedure has no filing', async () => {
    const official = env.ctx(await actorFor(db(), await makeOfficial(db(), { roles: ['desk_officer'] })));
    const procedure = await makeProcedure(db());
    await assert.rejects(startDossier(official, procedure.code, {}), Forbidden);
    const offline = await makeProcedure(db(), { level: 'offline' });
    await assert.rejects(startDossier(await citizen(), offline.code, {}), NotFound);
    await assert.rejects(startDossier(await citizen(), 'khong-co', {}), NotFound);
    const draftOnly = await makeProcedure(db(), { unpublished: true });
    await assert.rejects(startDossier(await citizen(), draftOnly.code, {}), NotFound);
  });

  test('a procedure resolved by several agencies needs the applicant to choose one of them', async () => {
    const [a, b] = [await makeAgency(db()), await makeAgency(db())];
    const desk = await makeAgency(db(), { type: 'service_centre', hasOneStopDesk: true });
    const procedure = await makeProcedure(db(), { agencyIds: [a.id, b.id], deskAgencyId: desk.id, tier: 'commune' });
    const ctx = await citizen();
    await assert.rejects(startDossier(ctx, procedure.code, {}), (e: Invalid) => e instanceof Invalid && e.fields.agencyId?.key === 'dossier.error.chooseAgency');
    await assert.rejects(startDossier(ctx, procedure.code, { agencyId: (await makeAgency(db())).id }), Invalid);
    const draft = await startDossier(ctx, procedure.code, { agencyId: b.id });
    assert.equal(draft.agencyId, b.id);
    assert.equal(draft.deskAgencyId, desk.id);
  });

  test('a draft keeps what was typed, checks formats but requires nothing yet', async () => {
    const ctx = await citizen();
    const procedure = await makeProcedure(db());
    const draft = await startDossier(ctx, procedure.code, {});
    const saved = await saveDraft(ctx, draft.id, { applicantName: 'Trần Văn Đức', f_noi_dung: 'Xin   cấp lại  ' });
    assert.equal(saved.applicantName, 'Trần Văn Đức');
    assert.equal(saved.answers.noi_dung, 'Xin   cấp lại');
    await assert.rejects(saveDraft(ctx, draft.id, { applicantName: 'A', applicantIdNumber: '12ab' }), (e: Invalid) => e instanceof Invalid && e.fields.applicantIdNumber?.key === 'dossier.error.idNumber');
    const [kept] = await db().select().from(dossiers).where(eq(dossiers.id, draft.id));
    assert.equal(kept!.applicantName, 'Trần Văn Đức', 'a refused save changes nothing');
  });

  test('another person’s dossier is not found, whatever they do with it', async () => {
    const owner = await citizen();
    const { draft } = await readyDraft(owner);
    const other = await citizen();
    await assert.rejects(saveDraft(other, draft.id, { applicantName: 'Kẻ lạ' }), NotFound);
    await assert.rejects(submitDossier(other, deps(), draft.id, complete()), NotFound);
    await assert.rejects(attachDocument(other, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 'x.pdf', content: PDF }), NotFound);
    const [file] = await db().select().from(dossierFiles).where(eq(dossierFiles.dossierId, draft.id));
    await assert.rejects(removeDocument(other, draft.id, file!.id), NotFound);
    assert.equal((await db().select().from(dossierFiles).where(eq(dossierFiles.dossierId, draft.id))).length, 1);
  });

  test('a file that lies about its type, or a document the procedure does not list, is refused and not stored', async () => {
    const ctx = await citizen();
    const procedure = await makeProcedure(db());
    const draft = await startDossier(ctx, procedure.code, {});
    await assert.rejects(
      attachDocument(ctx, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 'to-khai.pdf', content: EXE }),
      (e: Invalid) => e instanceof Invalid && e.fields.doc_TP1?.key === 'upload.type',
    );
    await assert.rejects(attachDocument(ctx, env.storage, env.config.maxUploadBytes, draft.id, 'TP9', { name: 'x.pdf', content: PDF }), NotFound);
    await assert.rejects(attachDocument(ctx, env.storage, 16, draft.id, 'TP1', { name: 'x.pdf', content: PDF }));
    assert.equal((await db().select().from(dossierFiles).where(eq(dossierFiles.dossierId, draft.id))).length, 0);
  });

  test('submitting gives the code of the competent agency and day, logs it, and mails the applicant', async () => {
    const ctx = await citizen();
    const { procedure, draft } = await readyDraft(ctx);
    const mails = await env.mailJobsFiled();
    const filed = await submitDossier(ctx, deps(), draft.id, complete());
    const [agency] = await db().select({ code: agencies.code }).from(agencies).where(eq(agencies.id, procedure.ownerAgencyId));
    // 2026-03-02T02:00Z is 09:00 on 2 March in Vietnam.
    assert.equal(filed.code, `${agency!.code}-260302-0001`);
    assert.equal(filed.state, 'submitted');
    assert.equal(filed.applicantIdNumber, '001190012345');
    assert.deepEqual(filed.answers, { noi_dung: 'Đề nghị cấp bản sao trích lục khai sinh', so_ban: 2 });
    assert.equal(filed.digitised, true);
    assert.equal(await stateFromLog(db(), filed.id), 'submitted');
    const log = await db().select().from(dossierActions).where(eq(dossierActions.dossierId, filed.id));
    assert.deepEqual(log.map((a) => [a.seq, a.type, a.fromState, a.toState]), [[1, 'submit', 'draft', 'submitted']]);
    assert.equal(await env.mailJobsFiled(), mails + 1);
  });

  test('a double click or a retried request makes one dossier; a second, different submission is refused', async () => {
    const ctx = await citizen();
    const { draft } = await readyDraft(ctx);
    const body = complete();
    const [a, b] = await Promise.all([submitDossier(ctx, deps(), draft.id, body), submitDossier(ctx, deps(), draft.id, body)]);
    assert.equal(a.code, b.code);
    const again = await submitDossier(ctx, deps(), draft.id, body);
    assert.equal(again.code, a.code);
    assert.equal((await db().select().from(dossierActions).where(eq(dossierActions.dossierId, draft.id))).length, 1);
    await assert.rejects(submitDossier(ctx, deps(), draft.id, complete()), Conflict);
    await assert.rejects(saveDraft(ctx, draft.id, { applicantName: 'Sửa sau khi nộp' }), Conflict);
  });

  test('codes of one agency and day never repeat under concurrent submissions, and restart the next day', async () => {
    const agency = await makeAgency(db());
    const ctxs = await Promise.all(Array.from({ length: 8 }, () => citizen()));
    const procedure = await makeProcedure(db(), { ownerAgencyId: agency.id });
    const drafts = [];
    for (const ctx of ctxs) {
      const d = await startDossier(ctx, procedure.code, {});
      await attachDocument(ctx, env.storage, env.config.maxUploadBytes, d.id, 'TP1', { name: 't.pdf', content: PDF });
      drafts.push({ ctx, d });
    }
    const filed = await Promise.all(drafts.map(({ ctx, d }) => submitDossier(ctx, deps(), d.id, complete())));
    const numbers = filed.map((f) => Number(f.code!.slice(-4))).sort((x, y) => x - y);
    assert.deepEqual(numbers, [1, 2, 3, 4, 5, 6, 7, 8]);
    env.clock.advance(24 * 3_600_000);
    try {
      const ctx = await citizen();
      const d = await startDossier(ctx, procedure.code, {});
      await attachDocument(ctx, env.storage, env.config.maxUploadBytes, d.id, 'TP1', { name: 't.pdf', content: PDF });
      const next = await submitDossier(ctx, deps(), d.id, complete());
      assert.match(next.code!, /-260303-0001$/);
    } finally {
      env.clock.advance(-24 * 3_600_000);
    }
  });

  test('a submission missing a required document, a required answer or a contact says each, and files nothing', async () => {
    const ctx = await citizen();
    const procedure = await makeProcedure(db());
    const draft = await startDossier(ctx, procedure.code, {});
    const mails = await env.mailJobsFiled();
    await assert.rejects(submitDossier(ctx, deps(), draft.id, complete({ f_noi_dung: '', applicantEmail: '', applicantIdNumber: '' })), (e: Invalid) => {
      assert.ok(e instanceof Invalid);
      assert.equal(e.fields.doc_TP1?.key, 'dossier.error.documentMissing');
      assert.equal(e.fields.applicantIdNumber?.key, 'field.required');
      assert.ok(e.fields.f_noi_dung ?? e.fields.noi_dung, 'the empty required answer is named');
      return true;
    });
    await assert.rejects(submitDossier(ctx, deps(), draft.id, complete({ applicantEmail: '' })), (e: Invalid) => e instanceof Invalid && e.fields.applicantEmail?.key === 'dossier.error.contactRequired');
    const [row] = await db().select().from(dossiers).where(eq(dossiers.id, draft.id));
    assert.equal(row!.state, 'draft');
    assert.equal(row!.code, null);
    assert.equal(await env.mailJobsFiled(), mails);
  });

  test('answers for fields the form does not have are refused', async () => {
    const ctx = await citizen();
    const { draft } = await readyDraft(ctx);
    await assert.rejects(submitDossier(ctx, deps(), draft.id, complete({ f_gia_mao: 'x' })), Invalid);
    const [row] = await db().select().from(dossiers).where(eq(dossiers.id, draft.id));
    assert.equal(row!.state, 'draft');
  });

  test('a paper original that cannot be sent online is not required as an upload', async () => {
    const ctx = await citizen();
    const definition = aDefinition();
    definition.documents = [{ ...definition.documents[0]!, electronicCopyAccepted: false }];
    const procedure = await makeProcedure(db(), { definition });
    const draft = await startDossier(ctx, procedure.code, {});
    const filed = await submitDossier(ctx, deps(), draft.id, complete());
    assert.equal(filed.state, 'submitted');
    assert.equal(filed.digitised, false);
  });

  test('the action log cannot be rewritten', async () => {
    const ctx = await citizen();
    const { draft } = await readyDraft(ctx);
    await submitDossier(ctx, deps(), draft.id, complete());
    const refused = (err: Error) => /append-only/.test(`${err.message} ${(err.cause as Error | undefined)?.message ?? ''}`);
    await assert.rejects(db().execute(sql`update dossier_actions set note = 'sửa' where dossier_id = ${draft.id}`), refused);
    await assert.rejects(db().execute(sql`delete from dossier_actions where dossier_id = ${draft.id}`), refused);
  });
});
