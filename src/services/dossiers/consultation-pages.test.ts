import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeAgency, makeCitizen, makeOfficial } from '../../../test/support/factories.js';
import { type Part, multipart } from '../../../test/support/multipart.js';
import { formOf } from '../../../test/support/page-forms.js';
import { confirmCalendarYears, makeProcedure } from '../../../test/support/service-factories.js';
import { attachDocument } from './attach-document.js';
import { consultationsOf } from './consultations.js';
import { receiveDossier } from './receive-dossier.js';
import { startDossier } from './start-dossier.js';
import { submitDossier } from './submit-dossier.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('consultation pages: asked from the dossier, answered from the consulted agency’s inbox', () => {
  let env: TestEnv;
  let agencyId: string;
  let taxId: string;
  let people: Record<'specialist' | 'tax' | 'land', Awaited<ReturnType<typeof makeOfficial>>>;
  before(async () => {
    env = await makeTestEnv();
    const db = env.database.db;
    await confirmCalendarYears(db);
    agencyId = (await makeAgency(db, { name: 'Sở Tư pháp' })).id;
    taxId = (await makeAgency(db, { name: 'Thuế tỉnh' })).id;
    const landId = (await makeAgency(db, { name: 'Văn phòng đăng ký đất đai' })).id;
    people = {
      specialist: await makeOfficial(db, { agencyId, roles: ['specialist'], fullName: 'Đặng Thị Xuân' }),
      tax: await makeOfficial(db, { agencyId: taxId, roles: ['specialist'], fullName: 'Nông Văn Thuế' }),
      land: await makeOfficial(db, { agencyId: landId, roles: ['specialist'] }),
    };
  });
  after(() => env.close());
  const db = () => env.database.db;
  const deps = () => ({ baseUrl: env.config.baseUrl, secrets: env.secrets });
  const as = (who: keyof typeof people) => new TestClient(env).signInAs(people[who].id);
  const upload = (client: TestClient, url: string, parts: Part[]) => {
    const body = multipart([{ name: '_csrf', value: client.csrf }, ...parts]);
    return env.app.inject({ method: 'POST', url, headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': body.contentType }, payload: body.payload });
  };
  const fields = (o: Record<string, string>): Part[] => Object.entries(o).map(([name, value]) => ({ name, value }));

  async function received() {
    const citizen = env.ctx(await actorFor(db(), await makeCitizen(db())));
    const procedure = await makeProcedure(db(), { ownerAgencyId: agencyId });
    const draft = await startDossier(citizen, procedure.code, {});
    await attachDocument(citizen, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 'to-khai.pdf', content: PDF });
    const filed = await submitDossier(citizen, deps(), draft.id, { applicantName: 'Phạm Văn Nam', applicantIdNumber: '079203001122', applicantEmail: 'nam@example.vn', f_noi_dung: 'Xin cấp', f_so_ban: '1', submissionKey: randomUUID() });
    const desk = env.ctx(await actorFor(db(), await makeOfficial(db(), { agencyId, roles: ['desk_officer'] })));
    return receiveDossier(desk, deps(), filed.id, { key: randomUUID() });
  }

  test('ask two ways wrong then right, the tax office answers with a file, the asker reads it and hands the step on', async () => {
    const d = await received();
    const specialist = await as('specialist');
    const href = `/quan-tri/ho-so/${d.id}`;
    let page = await specialist.get(href);
    assert.match(page.body, /Xin ý kiến cơ quan khác/);
    const hidden = formOf(page.body, `${href}/xin-y-kien`);
    const none = await upload(specialist, `${href}/xin-y-kien`, fields({ ...hidden, question: 'Đề nghị cho ý kiến', answerDays: '2' }));
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Chọn ít nhất một cơ quan/);
    const asked = await upload(specialist, `${href}/xin-y-kien`, [...fields({ ...hidden, [`agency_${taxId}`]: 'on', question: 'Đề nghị cho ý kiến về thuế', answerDays: '2' }), { name: 'file', filename: 'cong-van.pdf', type: 'application/pdf', data: PDF }]);
    assert.equal(asked.statusCode, 303, asked.body);
    page = await specialist.get(href);
    assert.match(page.body, /Đang chờ ý kiến/);
    const blocked = await specialist.post(`${href}/chuyen-buoc`, formOf(page.body, `${href}/chuyen-buoc`));
    assert.equal(blocked.statusCode, 409);
    assert.match(blocked.body, /Hồ sơ đang chờ ý kiến của cơ quan khác/);

    const tax = await as('tax');
    const inbox = await tax.get('/quan-tri/ho-so/xin-y-kien');
    assert.equal(inbox.statusCode, 200);
    assert.match(inbox.body, new RegExp(d.code!));
    const [c] = await consultationsOf(db(), d.id);
    const cHref = `/quan-tri/ho-so/xin-y-kien/${c!.id}`;
    const cPage = await tax.get(cHref);
    assert.equal(cPage.statusCode, 200);
    assert.match(cPage.body, /Đề nghị cho ý kiến về thuế/);
    assert.match(cPage.body, /to-khai\.pdf/, 'the documents the opinion needs');
    assert.doesNotMatch(cPage.body, /079203001122|nam@example\.vn/, 'not the applicant’s ID number or contacts');
    const question = /href="([^"]+\/tep\/[^"]+)">cong-van\.pdf/.exec(cPage.body)![1]!;
    assert.equal((await tax.get(question)).statusCode, 200);
    assert.equal((await tax.get(href)).statusCode, 403, 'the consulted agency does not open the whole dossier');
    assert.equal((await (await as('land')).get(cHref)).statusCode, 403, 'an agency not consulted reads nothing');

    const answerForm = formOf(cPage.body, `${cHref}/tra-loi`);
    const empty = await upload(tax, `${cHref}/tra-loi`, fields({ ...answerForm, answer: '' }));
    assert.equal(empty.statusCode, 422);
    const sent = await upload(tax, `${cHref}/tra-loi`, [...fields({ ...answerForm, answer: 'Thuộc diện miễn lệ phí' }), { name: 'file', filename: 'tra-loi.pdf', type: 'application/pdf', data: PDF }]);
    assert.equal(sent.statusCode, 303, sent.body);
    assert.doesNotMatch((await tax.get('/quan-tri/ho-so/xin-y-kien')).body, new RegExp(d.code!), 'answered: out of the inbox');

    page = await specialist.get(href);
    assert.match(page.body, /Thuộc diện miễn lệ phí/);
    assert.match(page.body, /tra-loi\.pdf/);
    assert.doesNotMatch(page.body, /Đang chờ ý kiến/);
    const moved = await specialist.post(`${href}/chuyen-buoc`, formOf(page.body, `${href}/chuyen-buoc`));
    assert.equal(moved.statusCode, 303);
  });

  test('the asker closes a consultation nobody answered, with a reason', async () => {
    const d = await received();
    const specialist = await as('specialist');
    const href = `/quan-tri/ho-so/${d.id}`;
    let page = await specialist.get(href);
    await upload(specialist, `${href}/xin-y-kien`, fields({ ...formOf(page.body, `${href}/xin-y-kien`), [`agency_${taxId}`]: 'on', question: 'Xin ý kiến', answerDays: '1' }));
    page = await specialist.get(href);
    const close = formOf(page.body, `${href}/dong-xin-y-kien`);
    assert.equal((await specialist.post(`${href}/dong-xin-y-kien`, { ...close, note: '' })).statusCode, 422);
    const closed = await specialist.post(`${href}/dong-xin-y-kien`, { ...close, note: 'Quá hạn, không chờ thêm' });
    assert.equal(closed.statusCode, 303);
    assert.ok((await consultationsOf(db(), d.id))[0]!.closedAt);
  });
});
