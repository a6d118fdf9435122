import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MIN_FILL_MS } from '../../src/portal/inquiries/anti-spam.js';
import { inquiries, legalDocuments } from '../../src/portal/schema.js';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { makeArticle, makeCategory, makeSite } from '../support/portal-factories.js';
import { WIDE, browserSkipReason, checkNarrow, checkPage, launchBrowser, serve } from './browser.js';

const skip = browserSkipReason();
const SITE = '/so-thong-tin';
const QUESTION = 'Hồ sơ đăng ký hộ kinh doanh trực tuyến cần những giấy tờ gì?';

/**
 * The public pages of an agency's site and its forms, for everyone: axe finds nothing serious at 1280 and 360 px,
 * the forms work from the keyboard, and without JavaScript a question can be sent and followed by its code.
 */
describe('public pages and forms of a site, for keyboards and without JavaScript', { skip: skip ?? false, timeout: 300_000 }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  let pages: [string, string][] = [];

  before(async () => {
    env = await makeTestEnv();
    env.clock.real = true;
    const db = env.database.db;
    const site = await makeSite(db, { slug: 'so-thong-tin', name: 'Sở Thông tin và Truyền thông tỉnh Thử' });
    const cat = await makeCategory(db, site.id, { name: 'Hoạt động của Sở', slug: 'hoat-dong' });
    await makeArticle(db, {
      siteId: site.id,
      categoryId: cat.id,
      slug: 'hoi-nghi-chuyen-doi-so',
      title: 'Hội nghị tổng kết chuyển đổi số năm 2025',
      summary: 'Sở tổng kết một năm chuyển đổi số và đặt mục tiêu cho năm mới.',
      body: '<p>Hội nghị đánh giá kết quả triển khai dịch vụ công trực tuyến.</p><h2>Mục tiêu năm 2026</h2><ul><li>Mọi thủ tục đủ điều kiện được làm trực tuyến</li></ul>',
    });
    const [doc] = await db
      .insert(legalDocuments)
      .values({ siteId: site.id, docType: 'Quyết định', number: '15/2025/QĐ-STTTT', title: 'Ban hành Quy chế bảo đảm an toàn thông tin mạng', issuingBody: 'Sở Thông tin và Truyền thông', signer: 'Phạm Văn B', field: 'Thông tin và truyền thông', issuedOn: '2025-06-02', effectiveOn: '2025-06-15', published: true, publishedAt: new Date() })
      .returning();
    pages = [
      ['site home', `${SITE}`],
      ['category', `${SITE}/chuyen-muc/hoat-dong`],
      ['article', `${SITE}/tin-tuc/hoi-nghi-chuyen-doi-so`],
      ['legal document', `${SITE}/van-ban/${doc!.id}`],
      ['search results', `${SITE}/tim-kiem?q=chuyen+doi+so`],
      ['Q&A ask form', `${SITE}/hoi-dap/gui`],
      ['feedback form', `${SITE}/phan-anh/gui`],
      ['lookup by code', `${SITE}/hoi-dap/tra-cuu`],
    ];
    base = await serve(env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  async function open(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN', javaScriptEnabled });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  /**
   * Sends the form on the page and waits for the answer. The server refuses a form sent less than MIN_FILL_MS after
   * it was shown (a robot's speed); instead of waiting that long, the app's clock is moved past it for this post.
   */
  async function sendAfterMinimumTime(page: Page, send: () => Promise<void>): Promise<number> {
    env.clock.current = new Date(Date.now() + MIN_FILL_MS);
    env.clock.real = false;
    try {
      // The next load event is the answer's page (or, after a redirect, its target), not the form's.
      const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.waitForEvent('load'), send()]);
      return res.status();
    } finally {
      env.clock.real = true;
    }
  }

  test('every public page and form passes axe at 1280 and 360 px', async () => {
    const { context, page } = await open(true);
    for (const [label, path] of pages) {
      const res = await page.goto(`${base}${path}`);
      assert.equal(res?.status(), 200, `${label} answers`);
      await checkPage(page, `site ${label}`);
    }
    await context.close();
  });

  test('the search and the question form work from the keyboard; the honeypot field is never a stop', async () => {
    const { context, page } = await open(true);
    await page.goto(`${base}${SITE}`);
    await page.locator('#site-search-q').focus();
    await page.keyboard.type('chuyen doi so');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/so-thong-tin\/tim-kiem\?q=chuyen\+doi\+so/);
    assert.match(await page.getByTestId('result-count').innerText(), /^Tìm thấy 1 kết quả/);

    await page.goto(`${base}${SITE}/hoi-dap/gui`);
    await page.locator('#f-askerName').focus();
    await page.keyboard.press('Shift+Tab');
    assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'f-website', 'the robots’ field is skipped going back');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-askerName');
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    assert.deepEqual(order, ['f-askerEmail', 'f-askerPhone', 'f-askerAddress', 'f-subject', 'f-body', 'f-publicConsent']);
    await context.close();
  });

  test('sending the feedback form empty moves focus to the error summary, whose links lead to the fields', async () => {
    const { context, page } = await open(true);
    await page.goto(`${base}${SITE}/phan-anh/gui`);
    await page.getByRole('button', { name: 'Gửi', exact: true }).focus();
    const status = await sendAfterMinimumTime(page, () => page.keyboard.press('Enter'));
    assert.equal(status, 422);
    const summary = page.locator('.govuk-error-summary');
    assert.ok(await summary.isVisible(), 'the error summary is shown');
    assert.match(await summary.innerText(), /Họ và tên/);
    assert.ok(await page.evaluate(() => document.activeElement?.closest('.govuk-error-summary') !== null), 'the error summary has the focus');
    await checkPage(page, 'site feedback form with errors');

    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#f-askerName');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-askerName');
    await context.close();
  });

  test('without JavaScript the pages hold at 360 px and the feedback form reports what is missing', async () => {
    const { context, page } = await open(false);
    for (const [label, path] of pages) {
      await page.goto(`${base}${path}`);
      await checkNarrow(page, `site ${label} without JavaScript`);
    }
    await page.goto(`${base}${SITE}/phan-anh/gui`);
    const status = await sendAfterMinimumTime(page, () => page.getByRole('button', { name: 'Gửi', exact: true }).click());
    assert.equal(status, 422);
    assert.ok(await page.locator('.govuk-error-summary').isVisible());
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Tiêu đề/);
    await context.close();
  });

  test('without JavaScript a question is sent, its code shown, and looked up again by typing the code', async () => {
    const { context, page } = await open(false);
    await page.goto(`${base}${SITE}/hoi-dap/gui`);
    await page.getByLabel('Họ và tên').fill('Nguyễn Thị Hoa');
    await page.getByLabel('Thư điện tử').fill('hoa.nguyen@example.vn');
    await page.getByLabel('Tiêu đề').fill(QUESTION);
    await page.getByLabel('Nội dung').fill('Tôi muốn đăng ký hộ kinh doanh qua mạng.\n\nXin cho biết cần chuẩn bị những giấy tờ nào.');
    await page.getByLabel(/Tôi đồng ý để câu hỏi/).check();
    const status = await sendAfterMinimumTime(page, () => page.getByRole('button', { name: 'Gửi', exact: true }).click());
    assert.equal(status, 303);
    await page.waitForURL(/\/so-thong-tin\/hoi-dap\/tra-cuu\?ma=.+&moi=1$/);
    const [row] = await env.database.db.select().from(inquiries).where(eq(inquiries.subject, QUESTION));
    assert.ok(row, 'the question was stored');
    assert.equal(row.askerName, 'Nguyễn Thị Hoa');
    assert.match(await page.locator('.govuk-panel').innerText(), new RegExp(`Mã tra cứu của bạn là ${row.code}`));
    await checkNarrow(page, 'site question sent without JavaScript');

    await page.goto(`${base}${SITE}/hoi-dap/tra-cuu`);
    await page.getByLabel('Mã tra cứu').fill(row.code);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.waitForURL(new RegExp(`ma=${row.code}$`));
    assert.ok(await page.getByRole('heading', { level: 2, name: QUESTION }).isVisible(), 'the question is shown under its code');
    assert.match(await page.locator('main .govuk-summary-list').innerText(), new RegExp(row.code));
    assert.match(await page.locator('main').innerText(), /Đang được xử lý/);
    await context.close();
  });
});
