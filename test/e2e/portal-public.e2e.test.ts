import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { inquiries, legalDocuments, siteMenuItems } from '../../src/portal/schema.js';
import { invalidateSiteChrome } from '../../src/portal/site/chrome.js';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { makeArticle, makeCategory, makeSite } from '../support/portal-factories.js';
import { WIDE, browserSkipReason, checkPage, launchBrowser, serve } from './browser.js';

const skip = browserSkipReason();

/** The public portal as a visitor sees it: home, a category, an article, a legal document and the Q&A list. */
describe('public portal pages in a browser', { skip: skip ?? false, timeout: 240_000 }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  let page: Page;
  let legalId: string;

  before(async () => {
    env = await makeTestEnv();
    env.clock.real = true;
    const db = env.database.db;
    const site = await makeSite(db, {
      isMain: true,
      slug: 'cong-tinh',
      name: 'Cổng thông tin điện tử tỉnh Thử',
      nameEn: 'Thu Province Portal',
      tagline: 'Thông tin chính thống của chính quyền tỉnh',
      address: '1 Đường Trần Phú, phường Thử',
      phone: '02333852000',
      email: 'ubnd@thu.gov.vn',
      footerText: 'Cơ quan chủ quản: Ủy ban nhân dân tỉnh Thử',
    });
    await makeSite(db, { slug: 'xa-an-binh', name: 'Xã An Bình' });
    await db.insert(siteMenuItems).values([
      { siteId: site.id, area: 'main', label: 'Giới thiệu', href: '/trang/gioi-thieu', position: 1 },
      { siteId: site.id, area: 'main', label: 'Văn bản', href: '/van-ban', position: 2 },
      { siteId: site.id, area: 'main', label: 'Hỏi đáp', href: '/hoi-dap', position: 3 },
      { siteId: site.id, area: 'links', label: 'Cổng thông tin điện tử Chính phủ', href: 'https://chinhphu.vn', position: 1 },
      { siteId: site.id, area: 'footer', label: 'Sơ đồ trang', href: '/sitemap.xml', position: 1 },
    ]);
    invalidateSiteChrome();
    const cat = await makeCategory(db, site.id, { name: 'Tin tức – Sự kiện', slug: 'tin-tuc-su-kien' });
    await makeArticle(db, {
      siteId: site.id,
      categoryId: cat.id,
      slug: 'khai-truong-cong-thong-tin',
      title: 'Khai trương Cổng thông tin điện tử tỉnh trên nền tảng mới',
      summary: 'Cổng thông tin mới giúp người dân tra cứu thông tin, văn bản và gửi câu hỏi dễ dàng hơn.',
      body: '<p>Sáng nay, tỉnh chính thức khai trương cổng thông tin điện tử trên nền tảng nguồn mở.</p><h2>Những điểm mới</h2><ul><li>Tra cứu văn bản theo số, ký hiệu</li><li>Hỏi đáp trực tuyến</li></ul>',
      featured: true,
      authorName: 'Ban biên tập',
      tags: ['chuyển đổi số'],
    });
    for (let i = 1; i <= 4; i++) await makeArticle(db, { siteId: site.id, categoryId: cat.id, title: `Hoạt động chuyển đổi số tại các xã, đợt ${i}` });
    const [doc] = await db
      .insert(legalDocuments)
      .values({ siteId: site.id, docType: 'Quyết định', number: '12/2025/QĐ-UBND', title: 'Ban hành Quy chế quản lý Cổng thông tin điện tử tỉnh', issuingBody: 'UBND tỉnh Thử', signer: 'Nguyễn Văn A', field: 'Thông tin và truyền thông', issuedOn: '2025-05-10', effectiveOn: '2025-05-20', published: true, publishedAt: new Date() })
      .returning();
    legalId = doc!.id;
    await db.insert(inquiries).values({ siteId: site.id, kind: 'question', code: 'HD-E2E-1', askerName: 'Lê Thị C', subject: 'Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ', body: 'Tôi cần chuẩn bị giấy tờ gì?', status: 'published', answer: 'Đơn đề nghị và bản vẽ thiết kế.', answeredAt: new Date(), publishedAt: new Date() });
    base = await serve(env);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  test('home, a category, an article, a legal document and the Q&A list pass axe at 1280 and 360 px', async () => {
    await page.goto(`${base}/`);
    assert.equal(await page.locator('h1').innerText(), 'Cổng thông tin điện tử tỉnh Thử');
    await checkPage(page, 'portal home');
    await page.getByRole('link', { name: 'Tin tức – Sự kiện' }).first().click();
    await page.waitForURL(/\/chuyen-muc\/tin-tuc-su-kien$/);
    await checkPage(page, 'category');
    await page.getByRole('link', { name: 'Khai trương Cổng thông tin điện tử tỉnh trên nền tảng mới' }).click();
    await page.waitForURL(/\/tin-tuc\/khai-truong-cong-thong-tin$/);
    assert.ok(await page.getByRole('button', { name: 'In trang' }).isVisible(), 'the print button appears with JavaScript');
    await checkPage(page, 'article');
    await page.goto(`${base}/van-ban/${legalId}`);
    assert.match(await page.locator('h1').innerText(), /Quy chế quản lý/);
    await checkPage(page, 'legal document');
    await page.goto(`${base}/van-ban`);
    await checkPage(page, 'legal documents');
    await page.goto(`${base}/hoi-dap`);
    assert.ok(await page.getByRole('link', { name: 'Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ' }).isVisible());
    await checkPage(page, 'Q&A list');
  });

  test('the skip link is the first stop of the keyboard and takes focus to the main content', async () => {
    await page.goto(`${base}/tin-tuc/khai-truong-cong-thong-tin`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Chuyển đến nội dung chính');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content');
  });

  test('printing hides the header, menus and footer', async () => {
    await page.goto(`${base}/tin-tuc/khai-truong-cong-thong-tin`);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.congso-site-header').isVisible(), false);
    assert.equal(await page.locator('.congso-site-footer').isVisible(), false);
    assert.ok(await page.locator('h1').isVisible());
    await page.emulateMedia({ media: 'screen' });
  });
});
