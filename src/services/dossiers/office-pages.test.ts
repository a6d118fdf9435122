import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeAgency, makeCitizen, makeOfficial } from '../../../test/support/factories.js';
import { multipart } from '../../../test/support/multipart.js';
import { formOf } from '../../../test/support/page-forms.js';
import { confirmCalendarYears, makeProcedure } from '../../../test/support/service-factories.js';
import { auditLog } from '../../platform/schema.js';
import { attachDocument } from './attach-document.js';
import { receiveDossier } from './receive-dossier.js';
import { dossierActions, dossiers } from './schema.js';
import { startDossier } from './start-dossier.js';
import { submitDossier } from './submit-dossier.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('back-office pages of the desk and of processing', () => {
  let env: TestEnv;
  let agencyId: string;
  let deskId: string;
  let people: Record<'desk' | 'specialist' | 'leader' | 'clerk' | 'otherDesk', Awaited<ReturnType<typeof makeOfficial>>>;
  let procedure: Awaited<ReturnType<typeof makeProcedure>>;
  before(async () => {
    env = await makeTestEnv();
    const db = env.database.db;
    await confirmCalendarYears(db);
    agencyId = (await makeAgency(db, { name: 'Sở Tư pháp' })).id;
    deskId = (await makeAgency(db, { name: 'Trung tâm Phục vụ hành chính công', hasOneStopDesk: true })).id;
    const other = (await makeAgency(db)).id;
    people = {
      desk: await makeOfficial(db, { agencyId: deskId, roles: ['desk_officer'], fullName: 'Lê Văn Tiếp' }),
      specialist: await makeOfficial(db, { agencyId, roles: ['specialist'], fullName: 'Đặng Thị Xuân' }),
      leader: await makeOfficial(db, { agencyId, roles: ['leader'], fullName: 'Hoàng Văn Lãnh' }),
      clerk: await makeOfficial(db, { agencyId, roles: ['clerk'], fullName: 'Vi Thị Văn' }),
      otherDesk: await makeOfficial(db, { agencyId: other, roles: ['desk_officer'] }),
    };
    procedure = await makeProcedure(db, { ownerAgencyId: agencyId, deskAgencyId: deskId, name: 'Cấp phiếu lý lịch tư pháp' });
  });
  after(() => env.close());
  const db = () => env.database.db;
  const deps = () => ({ baseUrl: env.config.baseUrl, secrets: env.secrets });
  const as = (who: keyof typeof people) => new TestClient(env).signInAs(people[who].id);
  const row = async (id: string) => (await db().select().from(dossiers).where(eq(dossiers.id, id)))[0]!;

  async function filed() {
    const user = await makeCitizen(db(), { fullName: 'Phạm Văn Nam' });
    const citizen = env.ctx(await actorFor(db(), user));
    const draft = await startDossier(citizen, procedure.code, {});
    await attachDocument(citizen, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 'to-khai.pdf', content: PDF });
    const dossier = await submitDossier(citizen, deps(), draft.id, { applicantName: 'Phạm Văn Nam', applicantIdNumber: '079203001122', applicantEmail: 'nam@example.vn', f_noi_dung: 'Xin cấp phiếu', f_so_ban: '2', submissionKey: randomUUID() });
    return { user, citizen, dossier };
  }
  async function act(client: TestClient, id: string, form: string, fields: Record<string, string> = {}) {
    const page = await client.get(`/quan-tri/ho-so/${id}`);
    assert.equal(page.statusCode, 200, page.body);
    return client.post(`/quan-tri/ho-so/${id}/${form}`, { ...formOf(page.body, `/quan-tri/ho-so/${id}/${form}`), ...fields });
  }

  test('the desk sees a new dossier, reads it (audited once an hour), receives it and prints the receipt', async () => {
    const { dossier } = await filed();
    const desk = await as('desk');
    const inbox = await desk.get('/quan-tri/ho-so/mot-cua');
    assert.equal(inbox.statusCode, 200);
    assert.match(inbox.body, new RegExp(dossier.code!));
    assert.match(inbox.body, /Phạm Văn Nam/);
    const page = await desk.get(`/quan-tri/ho-so/${dossier.id}`);
    assert.match(page.body, /079203001122/);
    assert.match(page.body, /Xin cấp phiếu/, 'the answers, labelled from the e-form');
    assert.match(page.body, /to-khai\.pdf/);
    const fileHref = /href="(\/quan-tri\/ho-so\/[^"]+\/tep\/[^"]+)"/.exec(page.body)![1]!;
    const file = await desk.get(fileHref);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    await desk.get(`/quan-tri/ho-so/${dossier.id}`);
    const reads = await db().select().from(auditLog).where(and(eq(auditLog.action, 'dossier.read'), eq(auditLog.entityId, dossier.id)));
    assert.equal(reads.length, 1, 'two pages and a file within the hour: one read entry');
    assert.equal(reads[0]!.agencyId, agencyId);

    const received = await act(desk, dossier.id, 'tiep-nhan');
    assert.equal(received.statusCode, 303);
    assert.equal((await row(dossier.id)).state, 'received');
    const after = await desk.get(`/quan-tri/ho-so/${dossier.id}`);
    assert.match(after.body, new RegExp(`Đã tiếp nhận hồ sơ ${dossier.code}`));
    assert.match(after.body, /Người thực hiện/, 'the history names the actors');
    const slip = await desk.get(`/quan-tri/ho-so/${dossier.id}/phieu/tiep-nhan`);
    assert.equal(slip.statusCode, 200);
    assert.equal(slip.headers['content-type'], 'application/pdf');
    assert.ok(slip.rawPayload.subarray(0, 5).toString() === '%PDF-');
  });

  test('a stale page gets the conflict in Vietnamese with the fresh dossier, and nothing changes', async () => {
    const { dossier } = await filed();
    const desk = await as('desk');
    const page = await desk.get(`/quan-tri/ho-so/${dossier.id}`);
    const stale = formOf(page.body, `/quan-tri/ho-so/${dossier.id}/tu-choi`);
    await receiveDossier(env.ctx(await actorFor(db(), people.desk)), deps(), dossier.id, { key: randomUUID() });
    const before = await row(dossier.id);
    const res = await desk.post(`/quan-tri/ho-so/${dossier.id}/tu-choi`, { ...stale, reason: 'Không thuộc thẩm quyền' });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /Hồ sơ vừa được người khác xử lý/);
    assert.match(res.body, /Được tiếp nhận/, 'the page shows the dossier as it is now');
    assert.deepEqual(await row(dossier.id), before);
  });

  test('bad input comes back on its form in Vietnamese and saves nothing; another agency’s desk gets 403', async () => {
    const { dossier } = await filed();
    const desk = await as('desk');
    const before = await row(dossier.id);
    const empty = await act(desk, dossier.id, 'tu-choi', { reason: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Trường này là bắt buộc/);
    assert.match(empty.body, /href="#f-tu-choi-reason"/);
    const noItems = await act(desk, dossier.id, 'yeu-cau-bo-sung', { items: ' \n ' });
    assert.equal(noItems.statusCode, 422);
    assert.deepEqual(await row(dossier.id), before);

    const outsider = await as('otherDesk');
    assert.equal((await outsider.get(`/quan-tri/ho-so/${dossier.id}`)).statusCode, 403);
    const forged = await outsider.post(`/quan-tri/ho-so/${dossier.id}/tiep-nhan`, { key: randomUUID(), seq: String(before.lastSeq) });
    assert.equal(forged.statusCode, 403);
    assert.equal((await outsider.get(`/quan-tri/ho-so/${dossier.id}/phieu/kiem-soat`)).statusCode, 403);
    assert.doesNotMatch((await outsider.get('/quan-tri/ho-so/mot-cua')).body, new RegExp(dossier.code!));
    assert.deepEqual(await row(dossier.id), before);
  });

  test('the whole path through the pages: inboxes by role, assignment, approval, release, return; the control table judges each hand-over', async () => {
    const { dossier } = await filed();
    const desk = await as('desk');
    assert.equal((await act(desk, dossier.id, 'tiep-nhan')).statusCode, 303);

    const specialist = await as('specialist');
    const clerk = await as('clerk');
    assert.match((await specialist.get('/quan-tri/ho-so/xu-ly')).body, new RegExp(dossier.code!));
    assert.doesNotMatch((await clerk.get('/quan-tri/ho-so/xu-ly')).body, new RegExp(dossier.code!), 'not the clerk’s step');

    const leader = await as('leader');
    const board = await leader.get('/quan-tri/ho-so/phan-cong');
    assert.equal(board.statusCode, 200);
    assert.match(board.body, /Đặng Thị Xuân/);
    const assign = formOf(board.body, `/quan-tri/ho-so/${dossier.id}/phan-cong`);
    const assigned = await leader.post(`/quan-tri/ho-so/${dossier.id}/phan-cong`, { ...assign, assigneeId: people.specialist.id });
    assert.equal(assigned.statusCode, 303);
    assert.equal(assigned.headers.location, '/quan-tri/ho-so/phan-cong');
    assert.match((await specialist.get('/quan-tri/ho-so/xu-ly?xem=cua-toi')).body, new RegExp(dossier.code!));

    assert.equal((await act(specialist, dossier.id, 'chuyen-buoc', { note: 'Đủ điều kiện' })).statusCode, 303);
    const toLeader = await leader.get(`/quan-tri/ho-so/${dossier.id}`);
    assert.match(toLeader.body, />Phê duyệt</);
    const back = await act(leader, dossier.id, 'tra-lai-buoc', { note: '' });
    assert.equal(back.statusCode, 422, 'a return needs its reason');
    assert.equal((await act(leader, dossier.id, 'chuyen-buoc')).statusCode, 303);
    assert.equal((await act(clerk, dossier.id, 'chuyen-buoc')).statusCode, 303);
    assert.equal((await row(dossier.id)).state, 'processed');
    assert.match((await desk.get('/quan-tri/ho-so/mot-cua?muc=tra-ket-qua')).body, new RegExp(dossier.code!));
    assert.equal((await act(desk, dossier.id, 'tra-ket-qua')).statusCode, 303);
    assert.equal((await row(dossier.id)).state, 'returned');
    const done = await desk.get(`/quan-tri/ho-so/${dossier.id}`);
    const control = done.body.slice(done.body.indexOf('data-testid="control"'));
    assert.equal((control.match(/Trước hạn|Đúng hạn|Quá hạn/g) ?? []).length, 4, 'each step’s hand-over is judged');
    const slip = await desk.get(`/quan-tri/ho-so/${dossier.id}/phieu/kiem-soat`);
    assert.equal(slip.headers['content-type'], 'application/pdf');
    const log = await db().select({ type: dossierActions.type }).from(dossierActions).where(eq(dossierActions.dossierId, dossier.id)).orderBy(dossierActions.seq);
    assert.deepEqual(log.map((a) => a.type), ['submit', 'receive', 'assign', 'complete_step', 'approve', 'complete_step', 'return_result']);
  });

  test('a dossier entered in person is created, numbered and received in one go; missing paper documents are refused', async () => {
    const desk = await as('desk');
    const chooser = await desk.get('/quan-tri/ho-so/nhap');
    assert.equal(chooser.statusCode, 200);
    assert.match(chooser.body, /Cấp phiếu lý lịch tư pháp/);
    const form = await desk.get(`/quan-tri/ho-so/nhap?thu_tuc=${procedure.code}`);
    assert.match(form.body, /name="f_noi_dung"/);
    assert.match(form.body, /name="doc_TP1"/);
    const key = /name="key" value="([^"]+)"/.exec(form.body)![1]!;
    const fields = { key, applicantName: 'Nông Thị Hoa', applicantIdNumber: '004190012345', applicantPhone: '0912345678', f_noi_dung: 'Cấp phiếu số 1', f_so_ban: '1', delivery: 'counter' };
    const count = async () => (await db().select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.applicantName, 'Nông Thị Hoa'))).length;
    const missing = await desk.post(`/quan-tri/ho-so/nhap?thu_tuc=${procedure.code}`, fields);
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /Chưa nhận giấy tờ bắt buộc: Tờ khai theo mẫu/);
    assert.match(missing.body, /value="Nông Thị Hoa"/);
    assert.equal(await count(), 0);
    const ok = await desk.post(`/quan-tri/ho-so/nhap?thu_tuc=${procedure.code}`, { ...fields, doc_TP1: 'on' });
    assert.equal(ok.statusCode, 303, ok.body);
    const again = await desk.post(`/quan-tri/ho-so/nhap?thu_tuc=${procedure.code}`, { ...fields, doc_TP1: 'on' });
    assert.equal(again.headers.location, ok.headers.location, 'a second click finds the same dossier');
    assert.equal(await count(), 1);
    const id = String(ok.headers.location).split('/').pop()!;
    const d = await row(id);
    assert.equal(d.channel, 'in_person');
    assert.equal(d.state, 'received');
    assert.match(d.code!, /-\d{6}-\d{4}$/);
    // Received at 09:00 on Monday 2 March 2026, five working days: Monday 9 March 09:00 (02:00 UTC).
    assert.equal(d.dueAt?.toISOString(), '2026-03-09T02:00:00.000Z');
    const page = await desk.get(`/quan-tri/ho-so/${id}`);
    assert.match(page.body, /Tờ khai theo mẫu/, 'the paper documents are listed');
    assert.equal((await (await as('otherDesk')).get(`/quan-tri/ho-so/nhap?thu_tuc=${procedure.code}`)).statusCode, 404, 'not a procedure of that desk');
  });

  test('a supplement asked on the page is answered by the applicant on theirs: files first, then the answer', async () => {
    const { user, dossier } = await filed();
    const desk = await as('desk');
    await act(desk, dossier.id, 'tiep-nhan');
    const specialist = await as('specialist');
    const asked = await act(specialist, dossier.id, 'yeu-cau-bo-sung', { items: 'Bản sao giấy khai sinh\nGiấy ủy quyền' });
    assert.equal(asked.statusCode, 303);
    const citizen = await new TestClient(env).signInAs(user.id);
    const page = await citizen.get(`/dich-vu-cong/ho-so/${dossier.id}/bo-sung`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Bản sao giấy khai sinh/);
    const answer = formOf(page.body, `/dich-vu-cong/ho-so/${dossier.id}/bo-sung`);
    const early = await citizen.post(`/dich-vu-cong/ho-so/${dossier.id}/bo-sung`, answer);
    assert.equal(early.statusCode, 422);
    assert.match(early.body, /Tải lên ít nhất một giấy tờ bổ sung/);
    const body = multipart([{ name: '_csrf', value: citizen.csrf }, { name: 'documentCode', value: 'TP2' }, { name: 'file', filename: 'khai-sinh.pdf', type: 'application/pdf', data: PDF }]);
    const up = await env.app.inject({ method: 'POST', url: `/dich-vu-cong/ho-so/${dossier.id}/bo-sung/tep`, headers: { cookie: [...citizen.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': body.contentType }, payload: body.payload });
    assert.equal(up.statusCode, 303, up.body);
    const sent = await citizen.post(`/dich-vu-cong/ho-so/${dossier.id}/bo-sung`, answer);
    assert.equal(sent.statusCode, 303);
    assert.equal((await row(dossier.id)).state, 'received');
    assert.match((await specialist.get(`/quan-tri/ho-so/${dossier.id}`)).body, /khai-sinh\.pdf/);
  });

  test('a late dossier: the specialist drafts the apology, the leader approves it, the new date and the printed letter follow', async () => {
    const { dossier, user } = await filed();
    await receiveDossier(env.ctx(await actorFor(db(), people.desk)), deps(), dossier.id, { key: randomUUID() });
    assert.doesNotMatch((await (await as('specialist')).get(`/quan-tri/ho-so/${dossier.id}`)).body, /xin-loi"/, 'no apology before the due date nears');
    const ahead = 6 * 24 * 3_600_000 + 2 * 3_600_000;
    env.clock.advance(ahead);
    try {
      // Signed in after the clock moved: sessions end after days.
      const specialist = await as('specialist');
      const bad = await act(specialist, dossier.id, 'xin-loi', { reason: 'Chờ xác minh', newDueAt: '1/1/2020 8:00' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /Ngày hẹn mới phải sau ngày hẹn hiện tại/);
      const drafted = await act(specialist, dossier.id, 'xin-loi', { reason: 'Chờ kết quả xác minh', newDueAt: '12/03/2026 16:00' });
      assert.equal(drafted.statusCode, 303);
      const citizen = await new TestClient(env).signInAs(user.id);
      assert.doesNotMatch((await citizen.get(`/dich-vu-cong/ho-so/${dossier.id}`)).body, /Dự thảo thư xin lỗi/, 'the applicant does not see a draft');
      const leader = await as('leader');
      const approved = await act(leader, dossier.id, 'duyet-xin-loi');
      assert.equal(approved.statusCode, 303);
      assert.equal((await row(dossier.id)).dueAt!.toISOString(), '2026-03-12T09:00:00.000Z');
      const slip = await leader.get(`/quan-tri/ho-so/${dossier.id}/phieu/xin-loi`);
      assert.equal(slip.statusCode, 200);
      assert.equal(slip.headers['content-type'], 'application/pdf');
      assert.match((await citizen.get(`/dich-vu-cong/ho-so/${dossier.id}`)).body, /Xin lỗi và hẹn lại ngày trả kết quả/);
    } finally {
      env.clock.advance(-ahead);
    }
  });
});
