import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../src/platform/http/cookies.js';
import { attachDocument } from '../../src/services/dossiers/attach-document.js';
import { receiveDossier } from '../../src/services/dossiers/receive-dossier.js';
import { dossiers } from '../../src/services/dossiers/schema.js';
import { startDossier } from '../../src/services/dossiers/start-dossier.js';
import { submitDossier } from '../../src/services/dossiers/submit-dossier.js';
import { TestClient, type TestEnv, makeTestEnv } from '../support/app.js';
import { actorFor, makeAgency, makeCitizen, makeOfficial } from '../support/factories.js';
import { confirmCalendarYears, makeProcedure } from '../support/service-factories.js';
import { WIDE, browserSkipReason, checkNarrow, checkPage, launchBrowser, serve } from './browser.js';

const skip = browserSkipReason();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * The steps beside the main path, in a browser: asking another agency and its answer, a financial obligation paid at
 * the desk, and a leader stopping a dossier. Each page is checked with axe, wide and at 360 px.
 */
describe('consultation, financial obligation and stop, in a browser', { skip: skip ?? false, timeout: 300_000 }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  let agencyId: string;
  let people: Record<'citizen' | 'desk' | 'specialist' | 'leader' | 'tax', Parameters<typeof actorFor>[1]>;

  before(async () => {
    env = await makeTestEnv();
    env.clock.real = true;
    const db = env.database.db;
    const year = new Date().getUTCFullYear();
    await confirmCalendarYears(db, [year, year + 1]);
    agencyId = (await makeAgency(db, { name: 'Sở Tài nguyên và Môi trường' })).id;
    const taxId = (await makeAgency(db, { name: 'Chi cục Thuế khu vực' })).id;
    people = {
      citizen: await makeCitizen(db, { fullName: 'Hoàng Thị Mơ' }),
      desk: await makeOfficial(db, { agencyId, roles: ['desk_officer'], fullName: 'Lê Văn Tiếp' }),
      specialist: await makeOfficial(db, { agencyId, roles: ['specialist'], fullName: 'Đặng Thị Xuân' }),
      leader: await makeOfficial(db, { agencyId, roles: ['leader'], fullName: 'Hoàng Văn Lãnh' }),
      tax: await makeOfficial(db, { agencyId: taxId, roles: ['specialist'], fullName: 'Nông Văn Thuế' }),
    };
    base = await serve(env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  /** A dossier filed by the citizen and received at the desk, waiting at the specialist's step. */
  async function received() {
    const db = env.database.db;
    const deps = { baseUrl: env.config.baseUrl, secrets: env.secrets };
    const citizen = env.ctx(await actorFor(db, people.citizen));
    const procedure = await makeProcedure(db, { ownerAgencyId: agencyId, name: 'Đăng ký biến động đất đai' });
    const draft = await startDossier(citizen, procedure.code, {});
    await attachDocument(citizen, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 'to-khai.pdf', content: PDF });
    const filed = await submitDossier(citizen, deps, draft.id, { applicantName: 'Hoàng Thị Mơ', applicantIdNumber: '004190012345', applicantEmail: 'mo@example.vn', f_noi_dung: 'Đăng ký biến động', f_so_ban: '1', submissionKey: randomUUID() });
    const desk = env.ctx(await actorFor(db, people.desk));
    return receiveDossier(desk, deps, filed.id, { key: randomUUID() });
  }

  async function as(who: keyof typeof people): Promise<{ context: BrowserContext; page: Page }> {
    const client = await new TestClient(env).signInAs(people[who].id);
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN' });
    await context.addCookies([{ name: SESSION_COOKIE, value: client.cookies.get(SESSION_COOKIE)!, url: base }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }
  const flash = (page: Page) => page.locator('.govuk-notification-banner--success').innerText();
  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
  const state = async (id: string) => (await env.database.db.select().from(dossiers).where(eq(dossiers.id, id)))[0]!.state;

  test('the specialist asks the tax office, which answers from its inbox; the answer shows on the dossier', async () => {
    const d = await received();
    const specialist = await as('specialist');
    await specialist.page.goto(`${base}/quan-tri/ho-so/${d.id}`);
    await specialist.page.getByRole('checkbox', { name: 'Chi cục Thuế khu vực' }).check();
    await specialist.page.locator('#f-xin-y-kien-question').fill('Đề nghị cho ý kiến về nghĩa vụ thuế của thửa đất');
    await button(specialist.page, 'Gửi xin ý kiến').click();
    await specialist.page.waitForURL(/\/quan-tri\/ho-so\/[0-9a-f-]{36}$/);
    assert.match(await flash(specialist.page), /xin ý kiến/i);
    await checkPage(specialist.page, 'dossier page with a consultation waiting');

    const tax = await as('tax');
    await tax.page.goto(`${base}/quan-tri/ho-so/xin-y-kien`);
    await checkPage(tax.page, 'consultation inbox');
    await tax.page.getByRole('link', { name: d.code! }).click();
    await tax.page.waitForURL(/\/quan-tri\/ho-so\/xin-y-kien\/[0-9a-f-]{36}$/);
    assert.match(await tax.page.locator('main').innerText(), /Đề nghị cho ý kiến về nghĩa vụ thuế/);
    assert.doesNotMatch(await tax.page.locator('main').innerText(), /004190012345/, 'the consulted agency does not see the ID number');
    await checkPage(tax.page, 'consultation page');
    await checkNarrow(tax.page, 'consultation page');
    await button(tax.page, 'Gửi ý kiến').click();
    assert.match(await tax.page.locator('.govuk-error-summary').innerText(), /.+/, 'an empty answer is refused with a message');
    await tax.page.locator('#f-tra-loi-answer').fill('Thửa đất thuộc diện miễn lệ phí trước bạ');
    await button(tax.page, 'Gửi ý kiến').click();
    await tax.page.waitForURL(/\/quan-tri\/ho-so\/xin-y-kien(\/[0-9a-f-]{36})?$/);
    assert.match(await flash(tax.page), /.+/);

    await specialist.page.reload();
    assert.match(await specialist.page.locator('main').innerText(), /Thửa đất thuộc diện miễn lệ phí trước bạ/);
    await Promise.all([specialist.context.close(), tax.context.close()]);
  });

  test('the step asks for a financial obligation, the citizen sees it, the desk records the receipt and the dossier resumes', async () => {
    const d = await received();
    const specialist = await as('specialist');
    await specialist.page.goto(`${base}/quan-tri/ho-so/${d.id}`);
    await specialist.page.locator('#f-nghia-vu-tai-chinh-items').fill('Lệ phí trước bạ: 1.500.000');
    await specialist.page.locator('#f-nghia-vu-tai-chinh-reason').fill('Luật Đất đai 2024, Nghị định 10/2022/NĐ-CP');
    await button(specialist.page, 'Yêu cầu thực hiện nghĩa vụ tài chính').click();
    assert.match(await flash(specialist.page), new RegExp(`nghĩa vụ tài chính cho hồ sơ ${d.code}`));
    assert.equal(await state(d.id), 'financial');

    const citizen = await as('citizen');
    await citizen.page.goto(`${base}/dich-vu-cong/ho-so/${d.id}`);
    const body = await citizen.page.locator('main').innerText();
    assert.match(body, /Nghĩa vụ tài chính/);
    assert.match(body, /1\.500\.000 đồng/);
    await checkPage(citizen.page, 'citizen dossier page with an obligation');
    await checkNarrow(citizen.page, 'citizen dossier page with an obligation');

    const desk = await as('desk');
    await desk.page.goto(`${base}/quan-tri/ho-so/mot-cua?muc=nghia-vu-tai-chinh`);
    await checkPage(desk.page, 'desk tab of obligations');
    await desk.page.getByRole('link', { name: d.code! }).click();
    await desk.page.locator('#f-ghi-nhan-nop-receiptNumber').fill('BL-0012');
    await desk.page.locator('#f-ghi-nhan-nop-amount').fill('15.000');
    await button(desk.page, 'Ghi nhận đã nộp nghĩa vụ tài chính').click();
    assert.match(await desk.page.locator('#f-ghi-nhan-nop-amount-error').innerText(), /1\.500\.000 đồng/);
    await checkPage(desk.page, 'dossier page with a refused receipt');
    await desk.page.locator('#f-ghi-nhan-nop-amount').fill('1.500.000');
    await button(desk.page, 'Ghi nhận đã nộp nghĩa vụ tài chính').click();
    await desk.page.waitForURL(/\/quan-tri\/ho-so\/[0-9a-f-]{36}$/);
    assert.equal(await state(d.id), 'received');
    await Promise.all([specialist.context.close(), citizen.context.close(), desk.context.close()]);
  });

  test('a leader stops a dossier with its legal ground and prints the notice; the citizen is told', async () => {
    const d = await received();
    const leader = await as('leader');
    await leader.page.goto(`${base}/quan-tri/ho-so/${d.id}`);
    await button(leader.page, 'Dừng xử lý hồ sơ').click();
    assert.match(await leader.page.locator('#f-dung-xu-ly-reason-error').innerText(), /Nêu lý do và căn cứ pháp lý/);
    await leader.page.locator('#f-dung-xu-ly-reason').fill('Theo văn bản số 12/CSĐT của Cơ quan Cảnh sát điều tra');
    await button(leader.page, 'Dừng xử lý hồ sơ').click();
    await leader.page.waitForURL(/\/quan-tri\/ho-so\/[0-9a-f-]{36}$/);
    assert.equal(await state(d.id), 'stopped');
    await checkPage(leader.page, 'stopped dossier');
    const notice = await leader.page.getByRole('link', { name: /Mẫu 05/ }).getAttribute('href');
    const pdf = await leader.context.request.get(`${base}${notice}`);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');

    const citizen = await as('citizen');
    await citizen.page.goto(`${base}/dich-vu-cong/ho-so/${d.id}`);
    assert.match(await citizen.page.locator('main').innerText(), /Dừng xử lý/);
    await checkPage(citizen.page, 'citizen page of a stopped dossier');
    await Promise.all([leader.context.close(), citizen.context.close()]);
  });
});
