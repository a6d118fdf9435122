import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../src/platform/http/cookies.js';
import { articles } from '../../src/portal/schema.js';
import { TestClient, makeTestEnv, type TestEnv } from '../support/app.js';
import { makeOfficial } from '../support/factories.js';
import { makeSite } from '../support/portal-factories.js';
import { WIDE, browserSkipReason, checkPage, launchBrowser, serve } from './browser.js';

const skip = browserSkipReason();
const BASE = '/quan-tri/cong-thong-tin/bai-viet';

/** An editor writes with the rich-text editor under the strict CSP, and without JavaScript with the plain textarea. */
describe('editorial pages in a browser', { skip: skip ?? false, timeout: 240_000 }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  let sessionToken: string;
  let siteId: string;

  before(async () => {
    env = await makeTestEnv();
    env.clock.real = true;
    const site = await makeSite(env.database.db, { name: 'Cổng Sở Thử Trình Duyệt' });
    siteId = site.id;
    const editor = await makeOfficial(env.database.db, { agencyId: site.agencyId, roles: ['editor'], fullName: 'Biên Tập Trình Duyệt' });
    sessionToken = (await new TestClient(env).signInAs(editor.id)).cookies.get(SESSION_COOKIE)!;
    base = await serve(env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  async function open(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page; cspErrors: string[] }> {
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN', javaScriptEnabled });
    await context.addCookies([{ name: SESSION_COOKIE, value: sessionToken, url: base }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    return { context, page, cspErrors };
  }

  test('the rich-text editor replaces the textarea and saves formatted HTML under the strict CSP', async () => {
    const { context, page, cspErrors } = await open(true);
    await page.goto(`${base}${BASE}/moi`);
    await page.getByLabel('Tiêu đề').fill('Bài viết bằng trình soạn thảo');
    const editor = page.locator('trix-editor');
    await editor.waitFor();
    assert.equal(await page.locator('textarea[name="body"]').count(), 0, 'the textarea gave its name to the editor');
    assert.equal(await editor.evaluate((el) => getComputedStyle(el).display), 'block');
    await editor.click();
    await page.keyboard.type('Đoạn văn có chữ ');
    // The toolbar's bold button, then its pressed state before typing on: a shortcut pressed while the editor is
    // still taking in the typed text can be lost on a loaded machine.
    await page.locator('trix-toolbar [data-trix-attribute="bold"]').click();
    await page.locator('trix-toolbar [data-trix-attribute="bold"].trix-active').waitFor();
    await page.keyboard.type('đậm');
    await checkPage(page, 'new article with the editor');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/bai-viet\/[0-9a-f-]{36}$/);
    const [row] = await env.database.db.select().from(articles).where(eq(articles.title, 'Bài viết bằng trình soạn thảo'));
    assert.match(row!.body, /Đoạn văn có chữ/);
    assert.match(row!.body, /<strong>đậm<\/strong>/);
    // Trix also tries to inject its default element styles as <style> tags, which the CSP refuses; those rules are
    // served from our own article-editor.css instead, so only those refusals may appear, and no script is refused.
    assert.deepEqual(cspErrors.filter((e) => !/Applying inline style/.test(e)), []);
    await context.close();
  });

  test('without JavaScript the textarea is the editor', async () => {
    const { context, page } = await open(false);
    await page.goto(`${base}${BASE}/moi`);
    await page.getByLabel('Trang thông tin').selectOption(siteId);
    await page.getByLabel('Tiêu đề').fill('Bài viết không dùng JavaScript');
    await page.getByLabel('Nội dung').fill('<p>Viết tay <em>HTML</em></p>');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/bai-viet\/[0-9a-f-]{36}$/);
    assert.equal(await page.locator('h1').innerText(), 'Bài viết không dùng JavaScript');
    const [row] = await env.database.db.select().from(articles).where(eq(articles.title, 'Bài viết không dùng JavaScript'));
    assert.equal(row!.body, '<p>Viết tay <em>HTML</em></p>');
    await context.close();
  });
});
