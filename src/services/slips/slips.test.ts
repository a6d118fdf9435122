import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PDFName, PageSizes } from 'pdf-lib';
import { type ActionSpec, aDossierView, aFullLog, vn } from '../../../test/support/dossier-views.js';
import { plain, readPdf } from '../../../test/support/pdf-text.js';
import { aDefinition } from '../../../test/support/service-factories.js';
import { Conflict } from '../../platform/errors.js';
import { apologySlip, appointmentBefore } from './apology.js';
import { controlSlip } from './control-slip.js';
import type { SlipInput } from './form-layout.js';
import { qrRuns } from './qr.js';
import { lookupUrl, receiptSlip } from './receipt.js';
import { refusalSlip } from './refusal.js';
import { supplementItems, supplementRequestSlip } from './supplement-request.js';

const BASE = 'https://dichvucong.caobang.gov.vn';
const input = (view = aDossierView(), over: Partial<SlipInput> = {}): SlipInput => ({
  view,
  parentName: 'UBND phường Thục Phán',
  place: 'Cao Bằng',
  baseUrl: BASE,
  now: vn('2026-03-16 09:20'),
  officerName: 'Lê Văn Tiếp',
  ...over,
});
const received = aFullLog().slice(0, 2);
const withLog = (extra: ActionSpec[], over: Parameters<typeof aDossierView>[0] = {}) => aDossierView({ actions: [...received, ...extra], ...over });

async function assertA4(bytes: Uint8Array, pages = 1) {
  const pdf = await readPdf(bytes);
  assert.equal(pdf.doc.getPageCount(), pages);
  for (const page of pdf.doc.getPages()) {
    const { width, height } = page.getSize();
    assert.deepEqual([Math.round(width), Math.round(height)], PageSizes.A4.map(Math.round));
  }
  return pdf;
}

describe('receipt and appointment slip (Mẫu 01)', () => {
  test('is one A4 page titled with the dossier code, in Vietnamese, with the form blocks and the dossier’s facts', async () => {
    const view = aDossierView({
      actions: received,
      definition: aDefinition({ fees: [{ name: 'Lệ phí cấp bản sao', amount: 8000 }, { name: 'Phí thẩm định', amount: 1_250_000 }] }),
      dossier: { feeTotal: 1_258_000, paidAt: vn('2026-03-15 08:00') },
    });
    const pdf = await assertA4(await receiptSlip(input(view)));
    assert.equal(pdf.doc.getTitle(), 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả – H56-260316-0007');
    assert.equal(pdf.doc.getSubject(), 'Cấp bản sao trích lục hộ tịch');
    assert.equal(pdf.doc.catalog.lookup(PDFName.of('Lang'))?.toString(), '(vi-VN)');
    const text = plain(pdf.pages);
    for (const expected of [
      'UBND PHƯỜNG THỤC PHÁN',
      'BỘ PHẬN MỘT CỬA PHƯỜNG THỤC PHÁN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Cao Bằng, ngày 16 tháng 3 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: H56-260316-0007',
      'Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung',
      '1.1. Tờ khai theo mẫu (bản chính: 1; bản sao: 0)',
      '3. Thời gian giải quyết hồ sơ theo quy định: 5 ngày làm việc',
      '4. Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 16/03/2026',
      '5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 15 phút, ngày 23/03/2026',
      'Lệ phí cấp bản sao: 8.000 đồng; Phí thẩm định: 1.250.000 đồng (tổng cộng 1.258.000 đồng, đã nộp)',
      'Vào Sổ theo dõi hồ sơ, Quyển số',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Lê Văn Tiếp',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
    // The optional document came without a file, so it is not listed as received.
    assert.ok(!text.includes('Bản sao giấy tờ chứng minh'));
    assert.ok(!text.includes('\uFFFD'), 'every glyph maps back to a character');
  });

  test('embeds its three fonts as small subsets, not the half-megabyte files', async () => {
    const pdf = await readPdf(await receiptSlip(input(withLog([]))));
    assert.deepEqual(pdf.fonts.map((f) => f.baseFont.replace(/-\d+$/, '')).sort(), ['NotoSerif-Bold', 'NotoSerif-Italic', 'NotoSerif-Regular']);
    for (const font of pdf.fonts) {
      assert.ok(font.embedded, `${font.baseFont} embedded`);
      assert.ok(font.fileBytes > 1000 && font.fileBytes < 60_000, `${font.baseFont} is ${font.fileBytes} bytes`);
    }
  });

  test('draws a QR code of the lookup address, and prints the address and the code', async () => {
    const url = lookupUrl(BASE, 'H56-260316-0007');
    assert.equal(url, 'https://dichvucong.caobang.gov.vn/dich-vu-cong/tra-cuu?ma=H56-260316-0007');
    assert.equal(lookupUrl(`${BASE}/`, 'A B/1'), `${BASE}/dich-vu-cong/tra-cuu?ma=A%20B%2F1`);
    const pdf = await readPdf(await receiptSlip(input(withLog([]))));
    // The symbol is the only thing drawn with rectangles: one per run of dark modules of this URL's symbol.
    const rectangles = pdf.pages[0]!.content.match(/ re\n/g)?.length ?? 0;
    assert.equal(rectangles, qrRuns(url).runs.length);
    assert.ok(rectangles > 100);
    const text = plain(pdf.pages).replace(/ /g, '');
    assert.ok(text.includes(url), 'the address is printed (it may wrap)');
  });

  test('names the delivery the applicant chose', async () => {
    const post = plain((await readPdf(await receiptSlip(input(withLog([], { dossier: { delivery: 'post' } }))))).pages);
    assert.ok(post.includes('dịch vụ bưu chính công ích tại địa chỉ: Số 12 phố Vườn Cam'));
    const counter = plain((await readPdf(await receiptSlip(input(withLog([]))))).pages);
    assert.ok(counter.includes('Nhận kết quả tại: Bộ phận Một cửa phường Thục Phán, Số 1 đường Hoàng Đình Giong'));
  });

  test('prints decomposed Vietnamese (as some keyboards type it) as the composed letters', async () => {
    const name = 'Nguyễn Thị Hồng Nhung'.normalize('NFD');
    const pdf = await readPdf(await receiptSlip(input(withLog([], { dossier: { applicantName: name } }))));
    assert.ok(plain(pdf.pages).includes('Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung'.normalize('NFC')));
  });

  test('is refused for a dossier the desk has not received', async () => {
    await assert.rejects(receiptSlip(input(aDossierView({ dossier: { receivedAt: null, dueAt: null, state: 'submitted' } }))), Conflict);
  });

  test('can be printed in English for a foreign applicant', async () => {
    const pdf = await readPdf(await receiptSlip(input(withLog([]), { locale: 'en' })));
    assert.equal(pdf.doc.getTitle(), 'Receipt and appointment slip – H56-260316-0007');
    const text = plain(pdf.pages);
    assert.ok(text.includes('SOCIALIST REPUBLIC OF VIET NAM'));
    assert.ok(text.includes('Cao Bằng, 16/03/2026'));
  });
});

describe('supplement request (Mẫu 02)', () => {
  const request: ActionSpec = {
    type: 'request_supplement',
    at: vn('2026-03-18 16:00'),
    toState: 'supplement',
    note: 'Bản sao Giấy khai sinh có chứng thực\nTờ khai ghi thiếu ngày cấp căn cước',
    data: { items: ['Bản sao Giấy khai sinh có chứng thực', 'Tờ khai ghi thiếu ngày cấp căn cước'] },
  };

  test('lists everything asked at once, numbered, and says the clock is paused', async () => {
    const pdf = await assertA4(await supplementRequestSlip(input(withLog([request]))));
    assert.equal(pdf.doc.getTitle(), 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ – H56-260316-0007');
    const text = plain(pdf.pages);
    for (const expected of [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Hồ sơ của: Nguyễn Thị Hồng Nhung',
      '1. Bản sao Giấy khai sinh có chứng thực',
      '2. Tờ khai ghi thiếu ngày cấp căn cước',
      'tạm dừng từ 16 giờ 00 phút, ngày 18/03/2026',
      'NGƯỜI HƯỚNG DẪN',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
  });

  test('takes the items from the note when the action logged none', () => {
    assert.deepEqual(supplementItems({ data: {}, note: ' Giấy khai sinh \n\n Sổ hộ khẩu ' }), ['Giấy khai sinh', 'Sổ hộ khẩu']);
    assert.deepEqual(supplementItems({ data: { items: 'not a list' }, note: 'Một' }), ['Một']);
  });

  test('a long list runs onto a second A4 page, numbered, without losing an item', async () => {
    const items = Array.from({ length: 45 }, (_, i) => `Giấy tờ thứ ${i + 1}: bản sao có chứng thực, ghi đầy đủ họ tên, ngày tháng năm sinh, nơi cư trú của người được cấp`);
    const pdf = await assertA4(await supplementRequestSlip(input(withLog([{ ...request, data: { items } }]))), 3);
    const text = plain(pdf.pages);
    for (let i = 1; i <= 45; i++) assert.ok(text.includes(`${i}. Giấy tờ thứ ${i}:`), `item ${i}`);
    assert.ok(plain([pdf.pages[0]!]).includes('H56-260316-0007 – Trang 1/3'));
    assert.ok(plain([pdf.pages[2]!]).includes('H56-260316-0007 – Trang 3/3'));
  });

  test('is refused when no supplement was requested', async () => {
    await assert.rejects(supplementRequestSlip(input(withLog([]))), Conflict);
  });
});

describe('refusal slip', () => {
  test('states the reason the desk gave', async () => {
    const refuse: ActionSpec = { type: 'refuse', at: vn('2026-03-15 10:00'), toState: 'refused', note: 'Yêu cầu không thuộc thẩm quyền giải quyết của phường' };
    const pdf = await assertA4(await refusalSlip(input(aDossierView({ actions: [aFullLog()[0]!, refuse], dossier: { receivedAt: null, dueAt: null } }))));
    const text = plain(pdf.pages);
    for (const expected of ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'thông báo không tiếp nhận, giải quyết hồ sơ này', 'Yêu cầu không thuộc thẩm quyền giải quyết của phường', 'Thời gian nộp hồ sơ: 15/03/2026 08:00']) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
  });
});

describe('apology and new appointment', () => {
  const apology = (newDue: string, seq = 0): ActionSpec => ({
    type: 'apology',
    at: vn('2026-03-23 08:00'),
    toState: 'processing',
    key: `apology-${seq}`,
    data: { newDueAt: vn(newDue).toISOString(), reason: 'Cần xác minh thông tin hộ tịch tại nơi đăng ký trước đây' },
  });

  test('comes from the competent agency, with the old and the new appointment and the reason', async () => {
    const pdf = await assertA4(await apologySlip(input(withLog([apology('2026-03-26 16:00')]), { parentName: 'UBND phường Thục Phán', officerName: 'Hoàng Văn Lãnh' })));
    const text = plain(pdf.pages);
    for (const expected of [
      'PHÒNG TƯ PHÁP PHƯỜNG THỤC PHÁN',
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung',
      'Thời gian hẹn trả kết quả giải quyết hồ sơ: 09 giờ 15 phút, ngày 23/03/2026',
      'Lý do: Cần xác minh thông tin hộ tịch tại nơi đăng ký trước đây',
      'vào: 16 giờ 00 phút, ngày 26/03/2026',
      'THỦ TRƯỞNG CƠ QUAN',
      'Hoàng Văn Lãnh',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
  });

  test('a second apology moves the appointment the first one set', () => {
    const view = withLog([apology('2026-03-26 16:00', 1), apology('2026-03-30 16:00', 2)]);
    const [first, second] = view.actions.filter((a) => a.type === 'apology');
    assert.equal(appointmentBefore(view.actions, first!)?.getTime(), vn('2026-03-23 09:15').getTime());
    assert.equal(appointmentBefore(view.actions, second!)?.getTime(), vn('2026-03-26 16:00').getTime());
  });

  test('is refused without an apology carrying a new date', async () => {
    await assert.rejects(apologySlip(input(withLog([]))), Conflict);
    await assert.rejects(apologySlip(input(withLog([{ ...apology('2026-03-26 16:00'), data: { reason: 'x' } }]))), Conflict);
  });
});

describe('control slip', () => {
  test('has a row per hand-over with its judgement', async () => {
    const pdf = await readPdf(await controlSlip(input(aDossierView({ actions: aFullLog() }))));
    const text = plain(pdf.pages);
    for (const expected of [
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      'Cơ quan giải quyết hồ sơ: Phòng Tư pháp phường Thục Phán',
      'Bên giao',
      'Thẩm định, xử lý hồ sơ (Chuyên viên) Đặng Thị Xuân',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Người nộp hồ sơ Nguyễn Thị Hồng Nhung',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
  });

  test('a long history continues the table on the next page under the header again', async () => {
    const log = aFullLog();
    const loops: ActionSpec[] = Array.from({ length: 12 }, (_, i) => [
      { type: 'complete_step', at: vn(`2026-03-18 ${String(8 + (i % 8)).padStart(2, '0')}:00`), stepCode: 'PD', dueAt: vn('2026-03-20 16:00'), actorName: 'Đặng Thị Xuân', data: { from: 'XL', to: 'PD' } },
      { type: 'return_step', at: vn(`2026-03-18 ${String(9 + (i % 8)).padStart(2, '0')}:00`), stepCode: 'XL', dueAt: vn('2026-03-19 10:00'), actorName: 'Hoàng Văn Lãnh', note: `Bổ sung ý kiến thẩm định lần ${i + 1}`, data: { from: 'PD', to: 'XL' } },
    ]).flat();
    const pdf = await readPdf(await controlSlip(input(aDossierView({ actions: [...log.slice(0, 3), ...loops, ...log.slice(3)] }))));
    assert.ok(pdf.doc.getPageCount() >= 2);
    for (const page of pdf.pages.slice(0, 2)) assert.ok(plain([page]).includes('STT Bên giao Bên nhận'), 'header on every page of the table');
    assert.ok(plain(pdf.pages).includes('Trả lại bước trước: Bổ sung ý kiến thẩm định lần 12'));
  });

  test('says so when nothing has been handed over yet', async () => {
    const text = plain((await readPdf(await controlSlip(input(aDossierView())))).pages);
    assert.ok(text.includes('Hồ sơ chưa được chuyển giao lần nào.'));
  });
});
