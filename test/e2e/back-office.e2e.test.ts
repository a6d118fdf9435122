import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { users } from '../../src/accounts/schema.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed-demo.js';
import { agencies } from '../../src/org/schema.js';
import { makeTestEnv, type TestEnv } from '../support/app.js';
import { WIDE, browserSkipReason, checkPage, launchBrowser, nextTotpCode, serve } from './browser.js';

const skip = browserSkipReason();

const ADMIN = 'quantri';
const NEW_AGENCY = { code: '000.00.08.H13', name: 'Sở Giáo dục và Đào tạo' };
const OFFICIAL = { username: 'gd.lanhdao', fullName: 'Hà Thị Thu' };
const NEW_PASSWORD = 'Mùa-thu-Cao-Bằng-2026';

/**
 * The back office as people use it, in a real browser over HTTP, on the demo province: the administrator
 * builds an agency and an account, the new official is kept to their own agency, and the audit log tells
 * the story. Every page on the way is checked with axe at desktop width and at 360 px. The time limit makes
 * a hung browser call fail the run instead of stalling it.
 */
describe('the back office in a browser', { skip: skip ?? false, timeout: 300_000 }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  // Filled in as the story goes on: each test starts where the one before ended.
  let totpSecret = '';
  let temporaryPassword = '';
  let officialId = '';

  before(async () => {
    env = await makeTestEnv();
    // Real time: the browser, the session cookies and the authenticator codes all live on the wall clock.
    env.clock.real = true;
    await seedDemo(env.ctx());
    base = await serve(env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${base}/quan-tri/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  async function signOut(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await page.waitForURL(/\/quan-tri\/dang-nhap\?da-dang-xuat=1$/);
  }

  async function firstRow<T>(rows: Promise<T[]>): Promise<T> {
    const [row] = await rows;
    assert.ok(row, 'the demo row exists');
    return row;
  }

  test('the administrator signs in with two factors and creates an agency and an official', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/quan-tri`);
    assert.match(page.url(), /\/quan-tri\/dang-nhap/);
    await checkPage(page, 'sign-in');
    await signIn(page, ADMIN, DEMO_PASSWORD);
    await page.waitForURL(/\/quan-tri\/xac-thuc-2-buoc$/);
    await checkPage(page, 'two-factor enrolment');
    totpSecret = (await page.getByTestId('totp-secret').innerText()).trim();
    await page.getByLabel('Mã xác thực 6 chữ số').fill(await nextTotpCode(totpSecret, null));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.waitForURL(`${base}/quan-tri`);
    assert.match(await page.locator('h1').innerText(), /Xin chào, Nguyễn Văn Quản/);
    await checkPage(page, 'dashboard');

    await page.getByRole('link', { name: 'Cơ quan', exact: true }).click();
    await page.waitForURL(`${base}/quan-tri/co-quan`);
    await checkPage(page, 'agency list');
    await page.getByRole('link', { name: 'Ủy ban nhân dân tỉnh Cao Bằng' }).click();
    await page.waitForURL(/\/quan-tri\/co-quan\/[0-9a-f-]{36}$/);
    await checkPage(page, 'agency detail');
    await page.getByRole('link', { name: 'Thêm cơ quan, đơn vị trực thuộc' }).click();
    await page.waitForURL(/\/quan-tri\/co-quan\/moi\?cha=/);
    assert.equal(await page.locator('h1').innerText(), 'Thêm cơ quan, đơn vị trực thuộc Ủy ban nhân dân tỉnh Cao Bằng');
    await checkPage(page, 'agency form');

    // A wrong identifier first: the form comes back with the reason in Vietnamese, and nothing is saved.
    await page.getByLabel('Mã định danh').fill('000.00.08.H1O');
    await page.getByLabel('Tên cơ quan, đơn vị').fill(NEW_AGENCY.name);
    await page.getByLabel('Đơn vị hành chính').fill('04');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    const qcvn = 'Mã định danh theo QCVN 102:2016 có dạng 000.00.00.H41';
    assert.match(await page.locator('#f-code-error').innerText(), new RegExp(qcvn.replace(/[.()]/g, '\\$&')));
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Mã định danh: Mã định danh theo QCVN 102:2016/);
    assert.equal(await page.getByLabel('Tên cơ quan, đơn vị').inputValue(), NEW_AGENCY.name, 'what was typed is kept');
    assert.equal((await env.database.db.select().from(agencies).where(eq(agencies.name, NEW_AGENCY.name))).length, 0);
    await checkPage(page, 'agency form with an error');
    // The summary's link takes the keyboard to the field at fault.
    await page.locator('.govuk-error-summary a[href="#f-code"]').click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-code');

    await page.getByLabel('Mã định danh').fill(NEW_AGENCY.code);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/quan-tri\/co-quan\/[0-9a-f-]{36}$/);
    assert.equal(await page.locator('h1').innerText(), NEW_AGENCY.name);
    assert.match(await page.locator('.govuk-notification-banner--success').innerText(), /Đã thêm cơ quan, đơn vị/);
    assert.match(await page.locator('.govuk-summary-list').innerText(), /Ủy ban nhân dân tỉnh Cao Bằng/);
    await checkPage(page, 'new agency detail');

    await page.getByRole('link', { name: 'Cán bộ của cơ quan' }).click();
    await page.waitForURL(/\/quan-tri\/nguoi-dung\?co-quan=/);
    await checkPage(page, 'user list');
    await page.getByRole('link', { name: 'Thêm người dùng' }).click();
    await page.waitForURL(`${base}/quan-tri/nguoi-dung/moi`);
    await checkPage(page, 'user form');
    await page.getByLabel('Tên đăng nhập').fill(OFFICIAL.username);
    await page.getByLabel('Họ và tên').fill(OFFICIAL.fullName);
    await page.getByLabel('Cơ quan, đơn vị').selectOption({ label: `${NEW_AGENCY.name} (${NEW_AGENCY.code})` });
    await page.getByLabel('Chức vụ').fill('Phó Giám đốc');
    await page.getByRole('checkbox', { name: 'Lãnh đạo', exact: true }).check();
    await page.getByRole('button', { name: 'Thêm mới' }).click();
    await page.getByTestId('temporary-password').waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Đã tạo tài khoản');
    temporaryPassword = (await page.getByTestId('temporary-password').innerText()).trim();
    assert.ok(temporaryPassword.length >= 10, 'a usable temporary password is shown');
    await checkPage(page, 'account created');
    await page.getByRole('link', { name: `Xem tài khoản ${OFFICIAL.username}` }).click();
    await page.waitForURL(/\/quan-tri\/nguoi-dung\/[0-9a-f-]{36}$/);
    officialId = page.url().split('/').pop()!;
    const details = await page.locator('main').innerText();
    assert.match(details, new RegExp(NEW_AGENCY.name));
    assert.match(details, /Lãnh đạo/);
    assert.match(details, /Phải đổi mật khẩu ở lần đăng nhập tới/);
    await checkPage(page, 'user detail');

    await signOut(page);
    assert.match(await page.locator('main').innerText(), /Bạn đã đăng xuất/);
    await context.close();
  });

  test('the new official must change the temporary password and is refused another agency’s pages', async () => {
    assert.ok(temporaryPassword, 'the account was created');
    const { context, page } = await newPage();
    await signIn(page, OFFICIAL.username, temporaryPassword);
    await page.waitForURL(/\/quan-tri\/doi-mat-khau$/);
    assert.match(await page.locator('main').innerText(), /Bạn đang dùng mật khẩu tạm thời/);
    await checkPage(page, 'forced password change');
    // Until the password is changed, the back office sends the person back here.
    await page.goto(`${base}/quan-tri/nguoi-dung`);
    assert.match(page.url(), /\/quan-tri\/doi-mat-khau$/);
    await page.getByLabel('Mật khẩu hiện tại').fill(temporaryPassword);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(`${base}/quan-tri`);
    assert.match(await page.locator('.govuk-notification-banner--success').innerText(), /Đã đổi mật khẩu/);
    assert.match(await page.locator('h1').innerText(), new RegExp(OFFICIAL.fullName));

    // Their own agency is open to them, so the refusals below are about the other agency, not a broken account.
    await page.goto(`${base}/quan-tri/nguoi-dung`);
    assert.match(await page.locator('main').innerText(), new RegExp(OFFICIAL.username.replace('.', '\\.')));

    const skhcn = await firstRow(env.database.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, '000.00.12.H13')));
    const colleague = await firstRow(env.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'chuyenvien')));
    for (const [label, path] of [
      ['another agency’s official', `/quan-tri/nguoi-dung/${colleague.id}`],
      ['another agency’s edit form', `/quan-tri/co-quan/${skhcn.id}/sua`],
      ['the audit log', '/quan-tri/nhat-ky'],
    ] as const) {
      const res = await page.goto(`${base}${path}`);
      assert.equal(res?.status(), 403, `${label} is refused`);
      assert.equal(await page.locator('h1').innerText(), 'Không có quyền truy cập');
      assert.equal(await page.getByTestId('error-message').innerText(), 'Bạn không có quyền thực hiện thao tác này');
    }
    await checkPage(page, 'refusal page');
    await page.goto(`${base}/quan-tri`);
    await signOut(page);
    await context.close();
  });

  test('the administrator finds the official’s steps and the creations in the audit log', async () => {
    assert.ok(officialId, 'the account was created');
    const { context, page } = await newPage();
    await signIn(page, ADMIN, DEMO_PASSWORD);
    await page.waitForURL(/\/quan-tri\/xac-thuc-2-buoc$/);
    assert.equal(await page.getByTestId('totp-secret').count(), 0, 'no QR code once enrolled');
    await checkPage(page, 'two-factor code');
    const admin = await firstRow(env.database.db.select({ lastStep: users.totpLastStep }).from(users).where(eq(users.username, ADMIN)));
    await page.getByLabel('Mã xác thực 6 chữ số').fill(await nextTotpCode(totpSecret, admin.lastStep));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.waitForURL(`${base}/quan-tri`);

    await page.getByRole('link', { name: 'Nhật ký', exact: true }).click();
    await page.waitForURL(`${base}/quan-tri/nhat-ky`);
    await checkPage(page, 'audit log');
    await page.getByLabel('Người thực hiện').fill(OFFICIAL.username);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/nguoi=gd\.lanhdao/);
    const officialRows = await auditRows(page);
    assert.deepEqual(new Set(officialRows.map((r) => r.actor)), new Set([OFFICIAL.username]));
    const officialActions = officialRows.map((r) => r.action);
    for (const action of ['auth.password_verified', 'user.password_changed', 'auth.access_denied', 'auth.sign_out']) assert.ok(officialActions.includes(action), `${action} is logged: ${officialActions.join(', ')}`);
    assert.equal(officialActions.filter((a) => a === 'auth.access_denied').length, 3, 'each of the three refusals is logged');
    await checkPage(page, 'audit log filtered');

    await page.getByLabel('Người thực hiện').fill(ADMIN);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/nguoi=quantri/);
    const adminRows = await auditRows(page);
    const created = adminRows.find((r) => r.action === 'user.created');
    assert.ok(adminRows.some((r) => r.action === 'agency.created'), 'the agency creation is logged');
    assert.ok(created, 'the account creation is logged');
    assert.match(created.record, new RegExp(officialId));

    await page.getByRole('link', { name: created.seq, exact: true }).click();
    await page.waitForURL(new RegExp(`/quan-tri/nhat-ky/${created.seq}$`));
    assert.equal(await page.locator('h1').innerText(), `Mục nhật ký số ${created.seq}`);
    const diff = await page.getByTestId('audit-diff').innerText();
    assert.match(diff, new RegExp(OFFICIAL.username.replace('.', '\\.')));
    assert.match(diff, new RegExp(OFFICIAL.fullName));
    await checkPage(page, 'audit entry');

    // Everything about the new account in one list: the creation and the official's own steps.
    await page.getByRole('link', { name: 'Các mục khác của bản ghi này' }).click();
    await page.waitForURL(/ma-ban-ghi=/);
    const recordActions = (await auditRows(page)).map((r) => r.action);
    for (const action of ['user.created', 'auth.password_verified', 'user.password_changed']) assert.ok(recordActions.includes(action), `${action} is among the record's entries`);
    await context.close();
  });
});

type AuditRow = { seq: string; actor: string; action: string; record: string };

/** The rows of the audit table on the page: sequence number, person, action code and record. */
async function auditRows(page: Page): Promise<AuditRow[]> {
  await page.getByTestId('audit-table').waitFor();
  return page.locator('[data-testid="audit-table"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim());
      return { seq: cells[0]!, actor: cells[2]!, action: cells[3]!, record: cells[4]! };
    }),
  );
}
