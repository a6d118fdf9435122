import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { generateSecret } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { users } from '../../src/accounts/schema.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { agencies } from '../../src/org/schema.js';
import { SESSION_COOKIE } from '../../src/platform/http/cookies.js';
import { TestClient, makeTestEnv, type TestEnv } from '../support/app.js';
import { TEST_PASSWORD, makeOfficial } from '../support/factories.js';
import { WIDE, browserSkipReason, checkNarrow, checkPage, launchBrowser, nextTotpCode, serve } from './browser.js';

const skip = browserSkipReason();

/**
 * The back-office pages the main story does not pass through, a visit with JavaScript turned off, and a
 * sign-in with the keyboard alone, on the demo province. The time limit makes a hung browser call fail the
 * run instead of stalling it.
 */
describe('back-office pages, without JavaScript and by keyboard', { skip: skip ?? false, timeout: 240_000 }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;

  before(async () => {
    env = await makeTestEnv();
    // Real time: the browser's cookies and the authenticator codes follow the wall clock.
    env.clock.real = true;
    await seedDemo(env.ctx());
    base = await serve(env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN', ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  test('the roles, administrative units, citizens and working-calendar pages pass axe and fit a 360 px screen', async () => {
    const { context, page } = await newPage();
    // A session made directly: signing in through the pages is what the other browser tests do.
    const [admin] = await env.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'quantri'));
    const client = await new TestClient(env).signInAs(admin!.id);
    await context.addCookies([{ name: SESSION_COOKIE, value: client.cookies.get(SESSION_COOKIE)!, url: base }]);

    await page.goto(`${base}/quan-tri/vai-tro`);
    assert.equal(await page.locator('h1').innerText(), 'Vai trò và quyền');
    await checkPage(page, 'roles');
    await page.goto(`${base}/quan-tri/don-vi-hanh-chinh`);
    assert.equal(await page.locator('h1').innerText(), 'Đơn vị hành chính');
    await checkPage(page, 'unit list');
    await page.getByRole('link', { name: 'Phường Thục Phán' }).first().click();
    await page.waitForURL(/\/quan-tri\/don-vi-hanh-chinh\/[0-9a-f-]{36}$/);
    assert.equal(await page.locator('h1').innerText(), 'Phường Thục Phán');
    await checkPage(page, 'unit detail');
    await page.goto(`${base}/quan-tri/cong-dan`);
    assert.equal(await page.locator('h1').innerText(), 'Tài khoản công dân');
    await checkPage(page, 'citizen list');
    await page.goto(`${base}/quan-tri/lich-lam-viec`);
    assert.equal(await page.locator('h1').count(), 1);
    await checkPage(page, 'working calendar');
    await context.close();
  });

  test('without JavaScript an administrator signs in, adds an agency and switches to English and back', async () => {
    const secret = generateSecret();
    const admin = await makeOfficial(env.database.db, { roles: ['system_admin'], username: 'qt.khong-js', fullName: 'Lò Văn Khánh' });
    await env.database.db.update(users).set({ totpSecret: env.secrets.encrypt(secret), totpEnabledAt: new Date() }).where(eq(users.id, admin.id));
    const { context, page } = await newPage({ javaScriptEnabled: false });

    await page.goto(`${base}/quan-tri/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill(admin.username!);
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/quan-tri\/xac-thuc-2-buoc$/);
    await page.getByLabel('Mã xác thực 6 chữ số').fill(await nextTotpCode(secret, null));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.waitForURL(`${base}/quan-tri`);
    assert.equal(await page.locator('body.js-enabled').count(), 0, 'the page scripts did not run');

    await page.getByRole('link', { name: 'Cơ quan', exact: true }).click();
    await page.getByRole('link', { name: 'Thêm cơ quan, đơn vị', exact: true }).click();
    await page.waitForURL(`${base}/quan-tri/co-quan/moi`);
    await page.getByLabel('Mã định danh').fill('000.00.30.h13');
    await page.getByLabel('Tên cơ quan, đơn vị').fill('Ban Quản lý Khu kinh tế tỉnh');
    await page.getByLabel('Loại cơ quan').selectOption({ label: 'Khác' });
    await page.getByLabel('Đơn vị hành chính').fill('04');
    await page.getByLabel('Có bộ phận một cửa').check();
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/quan-tri\/co-quan\/[0-9a-f-]{36}$/);
    assert.match(await page.locator('.govuk-notification-banner--success').innerText(), /Đã thêm cơ quan, đơn vị/);
    const [saved] = await env.database.db.select().from(agencies).where(eq(agencies.code, '000.00.30.H13'));
    assert.equal(saved?.name, 'Ban Quản lý Khu kinh tế tỉnh');
    assert.equal(saved?.type, 'other');
    assert.equal(saved?.hasOneStopDesk, true);
    assert.equal(saved?.parentId, null);
    await checkNarrow(page, 'agency detail without JavaScript');

    await page.getByRole('link', { name: 'Switch to English' }).click();
    await page.waitForURL(new RegExp(`/quan-tri/co-quan/${saved!.id}$`));
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('h1').innerText(), 'Ban Quản lý Khu kinh tế tỉnh');
    assert.match(await page.locator('.govuk-summary-list').innerText(), /Identifier\s+000\.00\.30\.H13/);
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.waitForURL(/\/sua$/);
    assert.equal(await page.locator('h1').innerText(), 'Edit agency');
    assert.equal(await page.getByLabel('Identifier').inputValue(), '000.00.30.H13');
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Ban Quản lý Khu kinh tế tỉnh');
    assert.equal(await page.getByLabel('Has a one-stop desk').isChecked(), true);
    assert.equal(await page.getByRole('button', { name: 'Save' }).count(), 1);
    await checkNarrow(page, 'agency form in English without JavaScript');

    await page.getByRole('link', { name: 'Chuyển sang tiếng Việt' }).click();
    await page.waitForURL(/\/sua$/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    assert.equal(await page.locator('h1').innerText(), 'Sửa thông tin cơ quan, đơn vị');
    assert.equal(await page.getByLabel('Mã định danh').inputValue(), '000.00.30.H13');
    await context.close();
  });

  test('by keyboard the skip link is the first stop, and the sign-in form is filled and sent without a mouse', async () => {
    const clerk = await makeOfficial(env.database.db, { roles: ['clerk'], username: 'vt.banphim', fullName: 'Nông Thị Bàn' });
    const { context, page } = await newPage();
    await page.goto(`${base}/quan-tri/dang-nhap`);
    const focused = () => page.evaluate(() => ({ id: document.activeElement?.id ?? '', tag: document.activeElement?.tagName ?? '', text: (document.activeElement?.textContent ?? '').trim() }));

    await page.keyboard.press('Tab');
    assert.deepEqual(await focused(), { id: '', tag: 'A', text: 'Chuyển đến nội dung chính' });
    assert.ok(await page.locator('.govuk-skip-link').isVisible(), 'the skip link shows when it has focus');
    await page.keyboard.press('Enter');
    assert.equal((await focused()).id, 'main-content');

    // From the main content the next stop is the form's first field, past the header and menu.
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'f-username');
    await page.keyboard.type(clerk.username!);
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'f-password');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Tab');
    assert.deepEqual(await focused(), { id: '', tag: 'BUTTON', text: 'Đăng nhập' });
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/quan-tri`);
    assert.match(await page.locator('h1').innerText(), /Nông Thị Bàn/);
    await context.close();
  });
});
