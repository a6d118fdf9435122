import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../src/platform/http/cookies.js';
import { TestClient, type TestEnv, makeTestEnv } from '../support/app.js';
import { makeCitizen } from '../support/factories.js';
import { makeFiledDossier } from '../support/payment-factories.js';
import { PaymentPeer } from '../support/payment-peer.js';
import { WIDE, browserSkipReason, checkNarrow, checkPage, launchBrowser, serve } from './browser.js';

const skip = browserSkipReason();

/** The applicant pays a dossier's fees through the (local) payment platform and rates a returned dossier. */
describe('paying fees and rating in a browser', { skip: skip ?? false, timeout: 240_000 }, () => {
  const peer = new PaymentPeer();
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  let userId: string;

  before(async () => {
    await peer.start();
    env = await makeTestEnv(peer.env());
    env.clock.real = true;
    userId = (await makeCitizen(env.database.db, { fullName: 'Lê Thị Mai' })).id;
    base = await serve(env);
    peer.returnOrigin = base;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await env?.close();
    await peer.close();
  });

  async function signedIn(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const client = await new TestClient(env).signInAs(userId);
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN', ...options });
    await context.addCookies([{ name: SESSION_COOKIE, value: client.cookies.get(SESSION_COOKIE)!, url: base }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  test('pay from the dossier page with the keyboard, on the platform’s page, and come back paid; axe at 1280 and 360 px', async () => {
    const { dossier } = await makeFiledDossier(env.database.db, { applicantId: userId, state: 'received', fees: 65_000 });
    const { context, page } = await signedIn();
    await page.goto(`${base}/dich-vu-cong/ho-so/${dossier.id}`);
    await checkPage(page, 'dossier page with fees to pay');
    const pay = page.getByRole('button', { name: 'Thanh toán trực tuyến', exact: true });
    await pay.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Thanh toán phí, lệ phí' }).waitFor();
    assert.match(await page.locator('main').innerText(), /65\.000 đồng/);
    await checkPage(page, 'continue to the payment platform');
    await page.getByRole('button', { name: 'Đến trang thanh toán' }).click();
    await page.waitForURL(new RegExp(`^${peer.url}/thanh-toan/`));
    await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();
    await page.waitForURL(new RegExp(`/dich-vu-cong/ho-so/${dossier.id}`));
    assert.match(await page.locator('.govuk-notification-banner--success').innerText(), /Đã thanh toán phí, lệ phí thành công/);
    assert.match(await page.locator('main').innerText(), /Đã thanh toán trực tuyến lúc/);
    await checkPage(page, 'dossier page after paying');
    await context.close();
  });

  test('rate a returned dossier without JavaScript: a missing level is named, then the rating is kept', async () => {
    const { dossier } = await makeFiledDossier(env.database.db, { applicantId: userId, state: 'returned', fees: 0 });
    const { context, page } = await signedIn({ javaScriptEnabled: false });
    await page.goto(`${base}/dich-vu-cong/ho-so/${dossier.id}`);
    await checkNarrow(page, 'rating form without scripts');
    await page.getByLabel('Góp ý (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Chọn mức độ hài lòng/);
    await page.getByLabel('Hài lòng', { exact: true }).check();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    assert.match(await page.locator('main').innerText(), /Bạn đã đánh giá: Hài lòng/);
    await context.close();
  });
});
