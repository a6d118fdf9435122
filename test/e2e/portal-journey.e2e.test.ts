import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { TEST_PASSWORD, makeOfficial } from '../support/factories.js';
import { makeCategory, makeSite } from '../support/portal-factories.js';
import { WIDE, browserSkipReason, checkPage, launchBrowser, serve } from './browser.js';

const skip = browserSkipReason();
const ARTICLES = '/quan-tri/cong-thong-tin/bai-viet';
const TITLE = 'Chuyển đổi số trong cải cách hành chính của tỉnh';
// Headless Chromium announces itself as HeadlessChrome, which the visit counter rightly treats as a robot.
const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/**
 * Polls until `check` holds or the bound passes: after a commit the page cache is emptied by a NOTIFY that
 * arrives a moment later, so a public page may show the old state briefly.
 */
async function eventually(label: string, check: () => Promise<boolean>, boundMs = 10_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, `${label} within ${boundMs} ms`);
    await delay(100);
  }
}

/**
 * The acceptance path in a real browser: an editor writes an article about "Chuyển đổi số" with a cover
 * image and submits it, an approver publishes it, a visitor finds it by searching without diacritics and reads it
 * (counted in the footer and the statistics), the feed lists it; once unpublished it is gone from the page, the
 * search and the feed. Only the people, the site and its category are made directly in the database.
 */
describe('an article from writing to unpublishing, in a browser', { skip: skip ?? false, timeout: 300_000 }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  let editor: { context: BrowserContext; page: Page };
  let approver: { context: BrowserContext; page: Page };
  let visitor: { context: BrowserContext; page: Page };
  // Filled in as the story goes on: each test starts where the one before ended.
  let articleUrl = '';
  let publicPath = '';

  before(async () => {
    env = await makeTestEnv();
    // Real time: the browser, the session cookies and the visit counter's days all live on the wall clock.
    env.clock.real = true;
    const db = env.database.db;
    const site = await makeSite(db, { isMain: true, slug: 'cong-tinh', name: 'Cổng thông tin điện tử tỉnh Thử' });
    await makeCategory(db, site.id, { name: 'Tin tức – Sự kiện', slug: 'tin-tuc-su-kien' });
    await makeOfficial(db, { agencyId: site.agencyId, roles: ['editor'], username: 'bientap.e2e', fullName: 'Trần Biên Tập' });
    await makeOfficial(db, { agencyId: site.agencyId, roles: ['approver'], username: 'pheduyet.e2e', fullName: 'Lê Phê Duyệt' });
    base = await serve(env);
    browser = await launchBrowser();
    editor = await signedIn('bientap.e2e');
    approver = await signedIn('pheduyet.e2e');
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN', userAgent: DESKTOP_UA });
    visitor = { context, page: await context.newPage() };
    visitor.page.setDefaultTimeout(15_000);
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/quan-tri/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/quan-tri') && !url.pathname.startsWith('/quan-tri/dang-nhap'));
    return { context, page };
  }

  /**
   * Waits for the one-shot message a back-office step ends with. The step redirects back to the same address, so
   * the address alone cannot tell the new page from the old one.
   */
  async function expectFlash(page: Page, message: string): Promise<void> {
    await page.locator('.govuk-notification-banner--success', { hasText: message }).waitFor();
  }

  /** What the footer says today's visits are, on the page as rendered. */
  async function footerToday(page: Page): Promise<number> {
    const text = await page.locator('.congso-visits__item', { hasText: 'Hôm nay' }).locator('dd').innerText();
    return Number(text.replace(/\D/g, ''));
  }

  async function feedLists(title: string): Promise<boolean> {
    const res = await fetch(`${base}/rss.xml`);
    assert.equal(res.status, 200);
    return (await res.text()).includes(title);
  }

  /** Results mark the matched words inside titles, so a result is recognised by its link's address. */
  async function searchLinks(path: string): Promise<boolean> {
    const res = await fetch(`${base}/tim-kiem?q=chuyen+doi+so`);
    assert.equal(res.status, 200);
    return (await res.text()).includes(`href="${path}"`);
  }

  test('the editor writes the article, gives it a cover image and submits it', async () => {
    const { page } = editor;
    await page.goto(`${base}${ARTICLES}/moi`);
    await page.getByLabel('Chuyên mục').selectOption({ label: 'Tin tức – Sự kiện' });
    await page.getByLabel('Tiêu đề').fill(TITLE);
    await page.getByLabel('Tóm tắt').fill('Tỉnh đẩy mạnh chuyển đổi số để người dân làm thủ tục nhanh hơn.');
    const body = page.locator('trix-editor');
    await body.click();
    await page.keyboard.type('Năm nay các sở, ngành và xã đưa thêm dịch vụ công trực tuyến lên cổng.');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL(/\/bai-viet\/[0-9a-f-]{36}$/);
    articleUrl = page.url();

    // A real picture, so the server's decoding, re-encoding and resized variants are all exercised.
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 20, g: 110, b: 160 } } }).png().toBuffer();
    const upload = page.locator('form[action$="/anh-dai-dien"]');
    await upload.locator('#f-cover').setInputFiles({ name: 'chuyen-doi-so.png', mimeType: 'image/png', buffer: png });
    await upload.getByLabel('Mô tả ảnh (cho người khiếm thị)').fill('Người dân làm thủ tục trực tuyến tại bộ phận một cửa');
    await upload.getByRole('button', { name: 'Ảnh đại diện' }).click();
    await expectFlash(page, 'Đã cập nhật ảnh đại diện');
    // The preview has no size until its bytes arrive, so it is waited for rather than checked at once.
    await page.locator('img.congso-cover-preview').waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok(await page.locator('img.congso-cover-preview').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the cover shows on the edit page');

    await page.getByRole('button', { name: 'Gửi duyệt' }).click();
    await expectFlash(page, 'Đã gửi duyệt');
    // The editor is not shown the approval step for their own article.
    assert.equal(await page.getByRole('button', { name: 'Duyệt và đăng ngay' }).count(), 0);
  });

  test('the approver publishes it', async () => {
    const { page } = approver;
    await page.goto(articleUrl);
    await page.getByRole('button', { name: 'Duyệt và đăng ngay' }).click();
    await expectFlash(page, 'Đã đăng bài viết');
    assert.ok(await page.getByRole('button', { name: 'Gỡ bài' }).isVisible());
  });

  test('a visitor finds it by searching without diacritics, reads it with its cover, and is counted', async () => {
    const { page } = visitor;
    await page.goto(`${base}/`);
    await checkPage(page, 'journey: portal home');
    const todayBefore = await footerToday(page);

    await page.locator('#site-search-q').fill('chuyen doi so');
    await page.locator('#site-search-q').press('Enter');
    await page.waitForURL(/\/tim-kiem\?q=chuyen\+doi\+so/);
    const results = page.getByTestId('results');
    assert.equal(await results.getByRole('link', { name: TITLE }).count(), 1, 'the new article is among the results');
    await checkPage(page, 'journey: search results');

    await results.getByRole('link', { name: TITLE }).click();
    await page.waitForURL(/\/tin-tuc\/[a-z0-9-]+$/);
    publicPath = new URL(page.url()).pathname;
    assert.equal(await page.locator('h1').innerText(), TITLE);
    const cover = page.locator('.congso-article__cover img');
    assert.equal(await cover.getAttribute('alt'), 'Người dân làm thủ tục trực tuyến tại bộ phận một cửa');
    // The cover is lazy-loaded: bring it into view and wait until the browser has decoded it.
    await cover.scrollIntoViewIfNeeded();
    await page.waitForFunction((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0, await cover.elementHandle());
    await checkPage(page, 'journey: article');

    // The article page was rendered after the home page and the search were counted.
    assert.ok((await footerToday(page)) >= todayBefore + 2, 'the footer counts today’s visits');
    const stats = editor.page;
    await stats.goto(`${base}/quan-tri/cong-thong-tin/thong-ke`);
    const statsToday = Number((await stats.locator('.govuk-summary-list__row', { hasText: 'Hôm nay' }).locator('dd').innerText()).replace(/\D/g, ''));
    assert.ok(statsToday >= todayBefore + 3, `the statistics page counts the visitor’s three pages (shows ${statsToday})`);

    assert.ok(await feedLists(TITLE), 'the site feed lists the article');
    assert.ok(await searchLinks(publicPath), 'the search page links to the article');
  });

  test('once the approver unpublishes it, the page, the search and the feed no longer show it', async () => {
    await approver.page.goto(articleUrl);
    await approver.page.getByRole('button', { name: 'Gỡ bài' }).click();
    await expectFlash(approver.page, 'Đã gỡ bài viết khỏi cổng');

    await eventually('the article page answers 404', async () => (await fetch(`${base}${publicPath}`)).status === 404);
    const { page } = visitor;
    const res = await page.goto(`${base}${publicPath}`);
    assert.equal(res?.status(), 404);
    await checkPage(page, 'journey: unpublished article');

    await eventually('the search no longer finds it', async () => !(await searchLinks(publicPath)));
    await page.goto(`${base}/`);
    await page.locator('#site-search-q').fill('chuyen doi so');
    await page.locator('#site-search-q').press('Enter');
    await page.waitForURL(/\/tim-kiem\?q=chuyen\+doi\+so/);
    assert.ok(await page.getByTestId('no-results').isVisible(), 'nothing else matches, so the search finds nothing');
    await checkPage(page, 'journey: search after unpublishing');

    await eventually('the feed no longer lists it', async () => !(await feedLists(TITLE)));
  });
});
