import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeAgency, makeCitizen, makeOfficial } from '../../../test/support/factories.js';
import { formOf } from '../../../test/support/page-forms.js';
import { confirmCalendarYears, makeProcedure } from '../../../test/support/service-factories.js';
import { attachDocument } from './attach-document.js';
import { receiveDossier } from './receive-dossier.js';
import { dossiers } from './schema.js';
import { startDossier } from './start-dossier.js';
import { submitDossier } from './submit-dossier.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('pages of the financial obligation and of stopping a dossier', () => {
  let env: TestEnv;
  let agencyId: string;
  let people: Record<'desk' | 'specialist' | 'leader', Awaited<ReturnType<typeof makeOfficial>>>;
  before(async () => {
    env = await makeTestEnv();
    const db = env.database.db;
    await confirmCalendarYears(db);
    agencyId = (await makeAgency(db, { name: 'Sở Tài nguyên và Môi trường' })).id;
    people = {
      desk: await makeOfficial(db, { agencyId, roles: ['desk_officer'] }),
      specialist: await makeOfficial(db, { agencyId, roles: ['specialist'] }),
      leader: await makeOfficial(db, { agencyId, roles: ['leader'] }),
    };
  });
  after(() => env.close());
  const db = () => env.database.db;
  const deps = () => ({ baseUrl: env.config.baseUrl, secrets: env.secrets });
  const as = (who: keyof typeof people) => new TestClient(env).signInAs(people[who].id);
  const state = async (id: string) => (await db().select().from(dossiers).where(eq(dossiers.id, id)))[0]!;

  async function received() {
    const user = await makeCitizen(db());
    const citizen = env.ctx(await actorFor(db(), user));
    const procedure = await makeProcedure(db(), { ownerAgencyId: agencyId });
    const draft = await startDossier(citizen, procedure.code, {});
    await attachDocument(citizen, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 't.pdf', content: PDF });
    const filed = await submitDossier(citizen, deps(), draft.id, { applicantName: 'Hoàng Thị Mơ', applicantIdNumber: '004190012345', applicantEmail: 'mo@example.vn', f_noi_dung: 'Đăng ký', f_so_ban: '1', submissionKey: randomUUID() });
    const desk = env.ctx(await actorFor(db(), people.desk));
    return { user, dossier: await receiveDossier(desk, deps(), filed.id, { key: randomUUID() }) };
  }
  async function act(client: TestClient, id: string, form: string, fields: Record<string, string>) {
    const page = await client.get(`/quan-tri/ho-so/${id}`);
    assert.equal(page.statusCode, 200);
    return client.post(`/quan-tri/ho-so/${id}/${form}`, { ...formOf(page.body, `/quan-tri/ho-so/${id}/${form}`), ...fields });
  }

  test('the step asks, the applicant sees what to pay and why, the desk records the receipt, the dossier resumes', async () => {
    const { user, dossier } = await received();
    const specialist = await as('specialist');
    const bad = await act(specialist, dossier.id, 'nghia-vu-tai-chinh', { items: 'Lệ phí trước bạ: -100', reason: 'Luật Đất đai 2024' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Mỗi dòng một khoản/);
    const asked = await act(specialist, dossier.id, 'nghia-vu-tai-chinh', { items: 'Lệ phí trước bạ: 1.500.000', reason: 'Luật Đất đai 2024' });
    assert.equal(asked.statusCode, 303);
    assert.equal((await state(dossier.id)).state, 'financial');

    const citizenPage = await new TestClient(env).signInAs(user.id).then((c) => c.get(`/dich-vu-cong/ho-so/${dossier.id}`));
    assert.equal(citizenPage.statusCode, 200);
    assert.match(citizenPage.body, /Nghĩa vụ tài chính/);
    assert.match(citizenPage.body, /1\.500\.000 đồng/);
    assert.match(citizenPage.body, /Luật Đất đai 2024/);

    const desk = await as('desk');
    const waiting = await desk.get('/quan-tri/ho-so/mot-cua?muc=nghia-vu-tai-chinh');
    assert.equal(waiting.statusCode, 200);
    assert.match(waiting.body, new RegExp(dossier.code!), 'the desk finds it on its tab of obligations');
    assert.doesNotMatch((await desk.get('/quan-tri/ho-so/mot-cua')).body, new RegExp(dossier.code!));
    const forged = await act(desk, dossier.id, 'ghi-nhan-nop', { receiptNumber: 'BL-0012', amount: '15.000' });
    assert.equal(forged.statusCode, 422);
    assert.match(forged.body, /phải đúng bằng số tiền đã yêu cầu nộp: 1\.500\.000 đồng/);
    const paid = await act(desk, dossier.id, 'ghi-nhan-nop', { receiptNumber: 'BL-0012', amount: '1.500.000' });
    assert.equal(paid.statusCode, 303);
    assert.equal((await state(dossier.id)).state, 'received');
  });

  test('a leader stops a dossier from its page and the notice (Mẫu 05) prints; the specialist is not offered it', async () => {
    const { dossier } = await received();
    const specialistPage = await (await as('specialist')).get(`/quan-tri/ho-so/${dossier.id}`);
    assert.doesNotMatch(specialistPage.body, /dung-xu-ly/);
    const leader = await as('leader');
    const empty = await act(leader, dossier.id, 'dung-xu-ly', { reason: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Nêu lý do và căn cứ pháp lý/);
    const stopped = await act(leader, dossier.id, 'dung-xu-ly', { reason: 'Theo văn bản số 12/CSĐT của Cơ quan Cảnh sát điều tra' });
    assert.equal(stopped.statusCode, 303);
    const page = await leader.get(`/quan-tri/ho-so/${dossier.id}`);
    assert.match(page.body, /Dừng xử lý/);
    assert.match(page.body, /Mẫu 05/);
    const pdf = await leader.get(`/quan-tri/ho-so/${dossier.id}/phieu/dung`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
  });
});
