import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatVnDateTime } from '../../src/platform/dates.js';
import { SESSION_COOKIE } from '../../src/platform/http/cookies.js';
import { dossiers } from '../../src/services/dossiers/schema.js';
import { TestClient, type TestEnv, makeTestEnv } from '../support/app.js';
import { actorFor, makeAgency, makeCitizen, makeOfficial } from '../support/factories.js';
import { confirmCalendarYears, makeProcedure } from '../support/service-factories.js';
import { WIDE, browserSkipReason, checkNarrow, checkPage, launchBrowser, serve } from './browser.js';
import { attachDocument } from '../../src/services/dossiers/attach-document.js';
import { receiveDossier } from '../../src/services/dossiers/receive-dossier.js';
import { startDossier } from '../../src/services/dossiers/start-dossier.js';
import { submitDossier } from '../../src/services/dossiers/submit-dossier.js';

const skip = browserSkipReason();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const DAY = 86_400_000;

/**
 * A dossier's life in a browser: filed online by a citizen, received at the one-stop desk, processed, approved,
 * released and returned; and a supplement asked and answered. Each person has their own browser context (their
 * own session). Further steps (rating, the result download, statistics) are appended to these paths.
 */
describe('a dossier from filing to result, in a browser', { skip: skip ?? false, timeout: 300_000 }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  let code: string;
  let people: Record<'citizen' | 'desk' | 'specialist' | 'leader' | 'clerk', { id: string }>;

  before(async () => {
    env = await makeTestEnv();
    env.clock.real = true;
    const db = env.database.db;
    const year = new Date().getUTCFullYear();
    await confirmCalendarYears(db, [year, year + 1]);
    const agency = await makeAgency(db, { name: 'Sở Tư pháp' });
    const desk = await makeAgency(db, { name: 'Trung tâm Phục vụ hành chính công', hasOneStopDesk: true });
    code = (await makeProcedure(db, { name: 'Cấp phiếu lý lịch tư pháp', ownerAgencyId: agency.id, deskAgencyId: desk.id })).code;
    people = {
      citizen: await makeCitizen(db, { fullName: 'Lê Thị Mai' }),
      desk: await makeOfficial(db, { agencyId: desk.id, roles: ['desk_officer'], fullName: 'Lê Văn Tiếp' }),
      specialist: await makeOfficial(db, { agencyId: agency.id, roles: ['specialist'], fullName: 'Đặng Thị Xuân' }),
      leader: await makeOfficial(db, { agencyId: agency.id, roles: ['leader'], fullName: 'Hoàng Văn Lãnh' }),
      clerk: await makeOfficial(db, { agencyId: agency.id, roles: ['clerk'], fullName: 'Vi Thị Văn' }),
    };
    base = await serve(env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  /** A browser context signed in as the person (a session made directly; other tests go through the sign-in). */
  async function as(who: keyof typeof people, options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const client = await new TestClient(env).signInAs(people[who].id);
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN', ...options });
    await context.addCookies([{ name: SESSION_COOKIE, value: client.cookies.get(SESSION_COOKIE)!, url: base }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  const flash = (page: Page) => page.locator('.govuk-notification-banner--success').innerText();
  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

  async function openFromInbox(page: Page, inbox: string, dossierCode: string, label: string) {
    await page.goto(`${base}${inbox}`);
    await checkPage(page, label);
    await page.getByRole('link', { name: dossierCode }).click();
    await page.waitForURL(/\/quan-tri\/ho-so\/[0-9a-f-]{36}$/);
  }

  test('filed online with an attachment, received at the desk with its slip, processed, approved, released, returned; the citizen sees it', async () => {
    // The citizen files.
    const citizen = await as('citizen');
    await citizen.page.goto(`${base}/dich-vu-cong/nop/${code}`);
    await button(citizen.page, 'Bắt đầu').click();
    await citizen.page.waitForURL(/\/thong-tin$/);
    await citizen.page.getByLabel('Số định danh cá nhân (CCCD) hoặc mã số thuế').fill('001190012345');
    await citizen.page.getByLabel('Nội dung đề nghị').fill('Đề nghị cấp phiếu lý lịch tư pháp số 1');
    await citizen.page.getByLabel('Số bản đề nghị cấp').fill('2');
    await button(citizen.page, 'Lưu và tiếp tục').click();
    await citizen.page.waitForURL(/\/giay-to$/);
    await citizen.page.locator('#f-doc_TP1').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
    await citizen.page.locator('section[aria-labelledby="doc_TP1-heading"] button', { hasText: 'Tải lên' }).click();
    await citizen.page.waitForURL(/\/giay-to#doc_TP1-heading$/);
    await button(citizen.page, 'Nộp hồ sơ').click();
    await citizen.page.waitForURL(/\/dich-vu-cong\/ho-so\/[0-9a-f-]{36}$/);
    const id = citizen.page.url().split('/').pop()!;
    const [filed] = await env.database.db.select().from(dossiers).where(eq(dossiers.id, id));
    const dossierCode = filed!.code!;

    // The desk finds it in its inbox and receives it with the keyboard alone.
    const desk = await as('desk');
    await openFromInbox(desk.page, '/quan-tri/ho-so/mot-cua', dossierCode, 'desk inbox');
    assert.match(await desk.page.getByTestId('files').innerText(), /to-khai\.pdf/);
    await checkPage(desk.page, 'dossier page at the desk');
    const focusedId = () => desk.page.evaluate(() => document.activeElement?.id ?? '');
    for (let i = 0; i < 80 && (await focusedId()) !== 'f-tiep-nhan-note'; i++) await desk.page.keyboard.press('Tab');
    assert.equal(await focusedId(), 'f-tiep-nhan-note');
    await desk.page.keyboard.type('Hồ sơ đầy đủ');
    await desk.page.keyboard.press('Tab');
    await desk.page.keyboard.press('Enter');
    await desk.page.waitForURL(/\/quan-tri\/ho-so\/[0-9a-f-]{36}$/);
    assert.match(await flash(desk.page), new RegExp(`Đã tiếp nhận hồ sơ ${dossierCode}`));
    const receipt = await desk.page.getByRole('link', { name: 'Giấy tiếp nhận và hẹn trả kết quả' }).getAttribute('href');
    const pdf = await desk.context.request.get(`${base}${receipt}`);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

    // The specialist hands it on.
    const specialist = await as('specialist');
    await openFromInbox(specialist.page, '/quan-tri/ho-so/xu-ly', dossierCode, 'processing inbox');
    await specialist.page.locator('#f-chuyen-buoc-note').fill('Đủ điều kiện cấp');
    await button(specialist.page, 'Chuyển bước tiếp theo').click();
    assert.match(await flash(specialist.page), /sang bước tiếp theo/);

    // The leader approves, from the assignment board.
    const leader = await as('leader');
    await openFromInbox(leader.page, '/quan-tri/ho-so/phan-cong', dossierCode, 'assignment board');
    await button(leader.page, 'Phê duyệt').click();
    assert.match(await flash(leader.page), /sang bước tiếp theo/);

    // The clerk releases the result with scripts turned off.
    const clerk = await as('clerk', { javaScriptEnabled: false });
    await clerk.page.goto(`${base}/quan-tri/ho-so/${id}`);
    await clerk.page.locator('#f-ket-qua-file').setInputFiles({ name: 'Phiếu lý lịch tư pháp.pdf', mimeType: 'application/pdf', buffer: PDF });
    await button(clerk.page, 'Đính kèm kết quả giải quyết (PDF)').click();
    await clerk.page.waitForURL(/\/quan-tri\/ho-so\/[0-9a-f-]{36}$/);
    assert.match(await flash(clerk.page), /Đã đính kèm kết quả/);
    await button(clerk.page, 'Chuyển bước tiếp theo').click();
    await clerk.page.waitForURL(/\/quan-tri\/ho-so\/[0-9a-f-]{36}$/);
    assert.match(await flash(clerk.page), /sang bước tiếp theo/);
    await checkNarrow(clerk.page, 'dossier page without JavaScript');

    // The desk returns the result.
    await openFromInbox(desk.page, '/quan-tri/ho-so/mot-cua?muc=tra-ket-qua', dossierCode, 'desk inbox, results to return');
    await button(desk.page, 'Trả kết quả cho người nộp').click();
    assert.match(await flash(desk.page), /Đã trả kết quả/);
    assert.equal(await desk.page.getByTestId('control').locator('tbody tr').count(), 5);
    await checkPage(desk.page, 'returned dossier with its control table');

    // The citizen sees it, downloads the result and rates the service.
    await citizen.page.goto(`${base}/dich-vu-cong/ho-so/${id}`);
    assert.match(await citizen.page.locator('main').innerText(), /Đã trả kết quả/);
    const result = citizen.page.getByRole('link', { name: 'Phiếu lý lịch tư pháp.pdf' });
    const download = await citizen.page.request.get(new URL((await result.getAttribute('href'))!, base).toString());
    assert.equal(download.status(), 200);
    assert.equal(Buffer.from(await download.body()).toString(), PDF.toString());
    await citizen.page.getByLabel('Rất hài lòng').check();
    await citizen.page.getByLabel('Góp ý (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình.');
    await button(citizen.page, 'Gửi đánh giá').click();
    assert.match(await citizen.page.locator('main').innerText(), /Bạn đã đánh giá: Rất hài lòng/);
    await checkPage(citizen.page, 'returned and rated dossier');

    // The statistics count it as resolved on time or early, and its rating as satisfied.
    const [row] = await env.database.db.select().from(dossiers).where(eq(dossiers.id, id));
    assert.ok(row!.finishedAt! <= row!.dueAt!, 'resolved before its due date');
    const admin = await new TestClient(env).signInAs((await makeOfficial(env.database.db, { roles: ['system_admin'] })).id);
    const stats = await admin.get('/quan-tri/thong-ke-ho-so');
    assert.equal(stats.statusCode, 200);
    const total = /<th scope="row" class="govuk-table__header">Toàn tỉnh<\/th>(.*?)<\/tr>/s.exec(stats.body)![1]!;
    const cells = [...total.matchAll(/>([\d.]+)<\/td>/g)].map((m) => Number(m[1]!.replace(/\./g, '')));
    // Columns: carried, received, online, in person, post, early, on time, late, …
    assert.equal(cells[5]! + cells[6]!, 1, 'counted as resolved early or on time');
    assert.equal(cells[7], 0, 'not late');
    for (const c of [citizen, desk, specialist, leader, clerk]) await c.context.close();
  });

  test('a supplement: the specialist asks, the citizen uploads and answers a week later, and the due date moves', async () => {
    const db = env.database.db;
    const citizenCtx = env.ctx(await actorFor(db, { ...(people.citizen as Awaited<ReturnType<typeof makeCitizen>>) }));
    const draft = await startDossier(citizenCtx, code, {});
    await attachDocument(citizenCtx, env.storage, env.config.maxUploadBytes, draft.id, 'TP1', { name: 'to-khai.pdf', content: PDF });
    const filed = await submitDossier(citizenCtx, { baseUrl: env.config.baseUrl, secrets: env.secrets }, draft.id, { applicantName: 'Lê Thị Mai', applicantIdNumber: '001190012345', applicantEmail: 'mai@example.vn', f_noi_dung: 'Xin cấp', f_so_ban: '1', submissionKey: randomUUID() });
    const received = await receiveDossier(env.ctx(await actorFor(db, people.desk as Awaited<ReturnType<typeof makeOfficial>>)), { baseUrl: env.config.baseUrl, secrets: env.secrets }, filed.id, { key: randomUUID() });

    const specialist = await as('specialist');
    await specialist.page.goto(`${base}/quan-tri/ho-so/${filed.id}`);
    const dueBefore = await specialist.page.getByTestId('due-at').innerText();
    assert.equal(dueBefore, formatVnDateTime(received.dueAt!));
    await specialist.page.getByLabel('Nội dung cần bổ sung, hoàn thiện').fill('Bản sao giấy khai sinh\nGiấy ủy quyền có chứng thực');
    await button(specialist.page, 'Yêu cầu bổ sung hồ sơ').click();
    assert.match(await flash(specialist.page), /Đã gửi yêu cầu bổ sung/);
    await specialist.context.close();

    // A week later (the clock stopped all that time), the citizen answers.
    env.clock.real = false;
    env.clock.current = new Date(Date.now() + 7 * DAY);
    try {
      const citizen = await as('citizen');
      await citizen.page.goto(`${base}/dich-vu-cong/ho-so/${filed.id}`);
      await citizen.page.getByRole('link', { name: 'Bổ sung hồ sơ' }).click();
      await citizen.page.waitForURL(/\/bo-sung$/);
      assert.match(await citizen.page.getByTestId('supplement-items').innerText(), /Giấy ủy quyền có chứng thực/);
      await checkPage(citizen.page, 'supplement page');
      await citizen.page.getByLabel('Giấy tờ bổ sung cho').selectOption('TP2');
      await citizen.page.locator('#f-file').setInputFiles({ name: 'khai-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
      await button(citizen.page, 'Tải lên').click();
      await citizen.page.waitForURL(/\/bo-sung$/);
      await button(citizen.page, 'Gửi bổ sung').click();
      await citizen.page.waitForURL(/\/dich-vu-cong\/ho-so\/[0-9a-f-]{36}$/);
      const [after] = await db.select().from(dossiers).where(eq(dossiers.id, filed.id));
      assert.equal(after!.state, 'received');
      assert.ok(after!.dueAt!.getTime() > received.dueAt!.getTime(), 'the due date moved by the paused time');
      assert.match(await citizen.page.locator('main').innerText(), new RegExp(formatVnDateTime(after!.dueAt!)));
      await citizen.context.close();
    } finally {
      env.clock.real = true;
    }
  });
});
