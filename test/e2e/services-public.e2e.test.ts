import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { makeAgency } from '../support/factories.js';
import { aDefinition, makeField, makeProcedure } from '../support/service-factories.js';
import type { FormDefinition } from '../../src/services/forms/definition.js';
import { WIDE, browserSkipReason, checkNarrow, checkPage, launchBrowser, serve } from './browser.js';

const skip = browserSkipReason();

/** An e-form with every field type, so the preview on the procedure page is the accessibility fixture of the renderer. */
const everyType: FormDefinition = {
  sections: [
    {
      title: 'Thông tin người yêu cầu',
      fields: [
        { name: 'ho_ten', type: 'text', label: 'Họ, chữ đệm, tên', required: true, maxLength: 100, autocomplete: 'name' },
        { name: 'ngay_sinh', type: 'date', label: 'Ngày, tháng, năm sinh', required: true, dateRange: 'past', autocomplete: 'bday' },
        { name: 'cccd', type: 'id_number', label: 'Số định danh cá nhân', required: true },
        { name: 'dien_thoai', type: 'phone', label: 'Số điện thoại', required: false },
        { name: 'thu', type: 'email', label: 'Thư điện tử', required: false },
        { name: 'gioi_tinh', type: 'radio', label: 'Giới tính', required: true, options: [{ value: 'nam', label: 'Nam' }, { value: 'nu', label: 'Nữ' }] },
      ],
    },
    {
      title: 'Nội dung yêu cầu',
      fields: [
        { name: 'muc_dich', type: 'select', label: 'Mục đích sử dụng', required: true, options: [{ value: 'ket_hon', label: 'Đăng ký kết hôn' }, { value: 'khac', label: 'Mục đích khác' }] },
        { name: 'so_ban', type: 'number', label: 'Số bản đề nghị cấp', required: true, min: 1, max: 10 },
        { name: 'ghi_chu', type: 'textarea', label: 'Ghi chú', required: false, maxLength: 1000, help: 'Thông tin thêm cho cán bộ tiếp nhận' },
        { name: 'nhan_qua', type: 'checkboxes', label: 'Nhận thông báo qua', required: false, options: [{ value: 'sms', label: 'Tin nhắn' }, { value: 'email', label: 'Thư điện tử' }] },
        { name: 'cam_doan', type: 'checkbox', label: 'Tôi cam đoan những nội dung khai trên là đúng sự thật', required: true },
      ],
    },
  ],
};

/** A visitor browses the catalogue by field, searches without diacritics and opens a procedure, with and without scripts. */
describe('public procedure pages in a browser', { skip: skip ?? false, timeout: 240_000 }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;

  before(async () => {
    env = await makeTestEnv();
    env.clock.real = true;
    const db = env.database.db;
    const field = await makeField(db, { code: 'HT', name: 'Hộ tịch' });
    const other = await makeField(db, { code: 'DD', name: 'Đất đai' });
    const dept = await makeAgency(db, { name: 'Sở Tư pháp' });
    await makeProcedure(db, {
      code: '1.000656',
      name: 'Cấp giấy xác nhận tình trạng hôn nhân',
      fieldId: field.id,
      agencyIds: [dept.id],
      definition: aDefinition({ form: everyType, fees: [{ name: 'Lệ phí', amount: 15_000 }] }),
    });
    await makeProcedure(db, { code: '1.001193', name: 'Đăng ký khai sinh', fieldId: field.id, level: 'partial', agencyIds: [dept.id] });
    await makeProcedure(db, { code: '2.000001', name: 'Đăng ký đất đai lần đầu', fieldId: other.id, level: 'offline' });
    base = await serve(env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  test('browse by field, open a procedure and its e-form preview; axe finds nothing at 1280 and 360 px', async () => {
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/dich-vu-cong`);
    await checkPage(page, 'services home');
    await page.getByTestId('by-field').getByRole('link', { name: 'Hộ tịch' }).click();
    await page.waitForURL(/linh_vuc=HT/);
    assert.equal(await page.getByTestId('result-count').innerText(), 'Tìm thấy 2 thủ tục');
    await checkPage(page, 'procedure list by field');
    await page.getByRole('link', { name: 'Cấp giấy xác nhận tình trạng hôn nhân' }).click();
    await page.waitForURL(/\/dich-vu-cong\/thu-tuc\/1\.000656$/);
    assert.match(await page.getByTestId('fees').innerText(), /15\.000 đồng/);
    await page.locator('summary', { hasText: 'Xem trước tờ khai' }).click();
    assert.ok(await page.getByLabel('Họ, chữ đệm, tên').isVisible());
    assert.ok(await page.getByRole('group', { name: 'Giới tính' }).isVisible(), 'radios are a named group');
    await checkPage(page, 'procedure page with e-form preview');
    assert.equal(await page.getByTestId('apply').getAttribute('href'), '/dich-vu-cong/nop/1.000656');
    await context.close();
  });

  test('search without diacritics from the services home, and a filter by level', async () => {
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/dich-vu-cong`);
    await page.getByLabel('Tìm thủ tục hành chính').fill('dang ky khai sinh');
    await page.getByLabel('Tìm thủ tục hành chính').press('Enter');
    await page.waitForURL(/q=dang\+ky\+khai\+sinh/);
    assert.equal(await page.getByTestId('result-count').innerText(), 'Tìm thấy 1 thủ tục');
    assert.equal(await page.getByTestId('results').getByRole('link').innerText(), 'Đăng ký khai sinh');
    await page.locator('#f-q').fill('dang ky');
    await page.locator('#f-muc_do').selectOption('cung-cap-thong-tin');
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await page.waitForURL(/muc_do=cung-cap-thong-tin/);
    assert.equal(await page.getByTestId('results').getByRole('link').innerText(), 'Đăng ký đất đai lần đầu');
    await checkPage(page, 'procedure search results');
    await context.close();
  });

  test('by keyboard: skip link, search, open a procedure and reach the form preview’s first field', async () => {
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const focused = () => page.evaluate(() => ({ id: document.activeElement?.id ?? '', tag: document.activeElement?.tagName ?? '', text: (document.activeElement?.textContent ?? '').trim() }));
    await page.goto(`${base}/dich-vu-cong`);
    await page.keyboard.press('Tab');
    assert.deepEqual(await focused(), { id: '', tag: 'A', text: 'Chuyển đến nội dung chính' });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'dvc-q');
    await page.keyboard.type('xac nhan hon nhan');
    await page.keyboard.press('Enter');
    await page.waitForURL(/thu-tuc\?q=/);
    // Past the filters to the first result.
    for (let i = 0; i < 10 && (await focused()).text !== 'Cấp giấy xác nhận tình trạng hôn nhân'; i++) await page.keyboard.press('Tab');
    assert.equal((await focused()).text, 'Cấp giấy xác nhận tình trạng hôn nhân');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/thu-tuc\/1\.000656$/);
    for (let i = 0; i < 30 && (await focused()).tag !== 'SUMMARY'; i++) await page.keyboard.press('Tab');
    assert.equal((await focused()).tag, 'SUMMARY');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'f-f_ho_ten');
    await page.keyboard.type('Nguyễn Văn An');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'f-f_ngay_sinh');
    await context.close();
  });

  test('without JavaScript the filters, the pages and the preview still work', async () => {
    const context = await browser.newContext({ viewport: WIDE, locale: 'vi-VN', javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/dich-vu-cong/thu-tuc`);
    assert.equal(await page.getByTestId('result-count').innerText(), 'Tìm thấy 3 thủ tục');
    await page.locator('#f-linh_vuc').selectOption('DD');
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await page.waitForURL(/linh_vuc=DD/);
    assert.equal(await page.getByTestId('result-count').innerText(), 'Tìm thấy 1 thủ tục');
    await checkNarrow(page, 'procedure list without JavaScript');
    await page.goto(`${base}/dich-vu-cong/thu-tuc/1.000656`);
    await page.locator('summary', { hasText: 'Xem trước tờ khai' }).click();
    assert.ok(await page.getByLabel('Số bản đề nghị cấp').isVisible());
    await checkNarrow(page, 'procedure page without JavaScript');
    await context.close();
  });
});
