import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { makeArticle, makeSite } from '../support/portal-factories.js';
import { WIDE, browserSkipReason, checkNarrow, checkPage, launchBrowser, serve } from './browser.js';

const skip = browserSkipReason();

/** A visitor searches from the header box, narrows by type, follows "did you mean", with and without JavaScript. */
describe('portal search in a browser', { skip: skip ?? false, timeout: 240_000 }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;

  before(async () => {
    env = await makeTestEnv();
    env.clock.real = true;
    const db = env.database.db;
    const site = await makeSite(db, { isMain: true, slug: 'cong-tinh', name: 'Cổng thông tin điện tử tỉnh Thử' });
    for (let i = 1; i <= 12; i++) {
      await makeArticle(db, { siteId: site.id, title: `Chuyển đổi số cấp xã: kết quả tháng ${i}`, summary: `Các xã đẩy mạnh chuyển đổi số trong tháng ${i}.` });
    }
    base = await serve(env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  test('search without diacritics from the header, see marked results, go to page 2, pass axe at both widths', async () => {
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/`);
    await page.locator('#site-search-q').fill('chuyen doi so');
    await page.locator('#site-search-q').press('Enter');
    await page.waitForURL(/\/tim-kiem\?q=chuyen\+doi\+so/);
    assert.equal(await page.getByTestId('result-count').innerText(), 'Tìm thấy 12 kết quả — trang 1/2');
    assert.equal(await page.locator('[data-testid="results"] mark').first().innerText(), 'Chuyển đổi số');
    await checkPage(page, 'search results');
    await page.getByRole('link', { name: 'Trang sau' }).click();
    await page.waitForURL(/trang=2/);
    assert.equal(await page.locator('[data-testid="results"] > li').count(), 2);

    await page.locator('#f-q').fill('chuyne dio so');
    await page.getByRole('button', { name: 'Tìm kiếm', exact: true }).click();
    await page.getByTestId('did-you-mean').getByRole('link').click();
    await page.waitForURL(/q=chuy%E1%BB%83n/);
    assert.match(await page.getByTestId('result-count').innerText(), /^Tìm thấy 12 kết quả/);
    await context.close();
  });

  test('without JavaScript the filters still work and a bad date is reported on the page', async () => {
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN', javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/tim-kiem?q=chuyen+doi+so`);
    await page.locator('summary', { hasText: 'Lọc kết quả' }).click();
    await page.locator('#f-loai').selectOption('legal');
    await page.locator('#f-tu_ngay').fill('31/02/2026');
    await page.getByRole('button', { name: 'Tìm kiếm', exact: true }).click();
    await page.waitForURL(/loai=legal/);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Ngày không hợp lệ/);
    await page.locator('#f-tu_ngay').fill('');
    await page.getByRole('button', { name: 'Tìm kiếm', exact: true }).click();
    assert.match(await page.getByTestId('no-results').innerText(), /Bỏ bớt bộ lọc/);
    await checkNarrow(page, 'search without JavaScript');
    await context.close();
  });
});
