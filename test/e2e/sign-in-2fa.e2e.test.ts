import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generate } from 'otplib';
import type { Browser } from 'playwright-core';
import { makeTestEnv, type TestEnv } from '../support/app.js';
import { TEST_PASSWORD, makeOfficial } from '../support/factories.js';
import { browserSkipReason, expectAccessible, launchBrowser } from './browser.js';

const skip = browserSkipReason();

describe('an administrator signs in with two-factor authentication', { skip: skip ?? false }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  before(async () => {
    env = await makeTestEnv();
    // Real time in the browser: the TOTP code is computed from the wall clock.
    env.clock.real = true;
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = env.app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  test('enrols an authenticator at first sign-in, then needs the code on the next sign-in', async () => {
    const admin = await makeOfficial(env.database.db, { roles: ['system_admin'], username: 'qt.e2e', fullName: 'Quản Trị Thử' });
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/quan-tri`);
    assert.match(page.url(), /\/quan-tri\/dang-nhap/);
    await expectAccessible(page, 'sign-in page');
    await page.getByLabel('Tên đăng nhập').fill(admin.username!);
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/xac-thuc-2-buoc/);
    await expectAccessible(page, 'two-factor enrolment page');
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByLabel('Mã xác thực 6 chữ số').fill('000000');
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Mã xác thực không đúng/);
    await page.getByLabel('Mã xác thực 6 chữ số').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.waitForURL(`${base}/quan-tri`);
    assert.match(await page.locator('h1').innerText(), /Xin chào, Quản Trị Thử/);
    await expectAccessible(page, 'dashboard');

    await page.getByRole('button', { name: 'Đăng xuất' }).first().click();
    await page.waitForURL(/dang-nhap/);
    await page.getByLabel('Tên đăng nhập').fill(admin.username!);
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/xac-thuc-2-buoc/);
    assert.equal(await page.getByTestId('totp-secret').count(), 0, 'no QR code once enrolled');
    await context.close();
  });
});
