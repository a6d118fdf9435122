import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Invalid } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/index.js';
import { type FormDefinition, type FormField, formDefinitionSchema } from './definition.js';
import { parseNumber, validateAnswers } from './validate-answers.js';

const NOW = new Date('2026-03-02T02:00:00Z'); // 09:00 on 02/03/2026 in Vietnam

function form(...fields: Partial<FormField>[]): FormDefinition {
  return formDefinitionSchema.parse({ sections: [{ title: 'Thông tin', fields: fields.map((f, i) => ({ name: `x${i}`, type: 'text', label: `Trường ${i}`, ...f })) }] });
}

/** The Vietnamese message each refused field gets, by HTML name. */
function errors(def: FormDefinition, body: unknown, opts: { partial?: boolean } = {}): Record<string, string> {
  try {
    validateAnswers(def, body, { now: NOW, ...opts });
  } catch (err) {
    assert.ok(err instanceof Invalid);
    return Object.fromEntries(Object.entries(err.fields).map(([k, e]) => [k, translate('vi', e.key, e.params)]));
  }
  assert.fail('expected Invalid');
}

const ok = (def: FormDefinition, body: unknown, opts: { partial?: boolean } = {}) => validateAnswers(def, body, { now: NOW, ...opts }).answers;

describe('validateAnswers', () => {
  test('text is NFC-normalised and trimmed, so NFD Vietnamese from a Mac keyboard is stored like any other', () => {
    const def = form({ name: 'ho_ten', required: true, maxLength: 14 });
    const nfd = '  Nguyễn Văn Đức '.normalize('NFD');
    assert.deepEqual(ok(def, { f_ho_ten: nfd }), { ho_ten: 'Nguyễn Văn Đức' });
    assert.equal((ok(def, { f_ho_ten: nfd }).ho_ten as string).length, 'Nguyễn Văn Đức'.normalize('NFC').length);
  });

  test('length bounds count letters with diacritics once, whatever their encoding', () => {
    const def = form({ name: 'x', minLength: 3, maxLength: 5 });
    assert.deepEqual(ok(def, { f_x: 'Đường'.normalize('NFD') }), { x: 'Đường' });
    assert.deepEqual(errors(def, { f_x: 'Đườngg' }), { f_x: 'Tối đa 5 ký tự' });
    assert.deepEqual(errors(def, { f_x: 'Đư' }), { f_x: 'Tối thiểu 3 ký tự' });
  });

  test('a required field left blank or as spaces is refused; an optional one is simply absent', () => {
    const def = form({ name: 'a', required: true }, { name: 'b' });
    assert.deepEqual(errors(def, { f_a: '   ', f_b: '' }), { f_a: 'Trường này là bắt buộc' });
    assert.deepEqual(ok(def, { f_a: 'có' }), { a: 'có' });
  });

  test('a draft (partial) skips "required" but still refuses a wrong format', () => {
    const def = form({ name: 'a', required: true }, { name: 'mail', type: 'email', required: true }, { name: 'dong_y', type: 'checkbox', required: true });
    assert.deepEqual(ok(def, {}, { partial: true }), { dong_y: false });
    assert.deepEqual(errors(def, { f_mail: 'khong-phai-thu' }, { partial: true }), { f_mail: 'Địa chỉ thư điện tử không hợp lệ' });
  });

  test('pattern must match the whole text, with the definition’s own message or the catalogue’s', () => {
    const def = form({ name: 'bien_so', pattern: '\\d{2}[A-Z]-\\d{5}', patternMessage: 'Biển số dạng 30A-12345' }, { name: 'ma', pattern: '[A-Z]{3}' });
    assert.deepEqual(ok(def, { f_bien_so: '30A-12345', f_ma: 'ABC' }), { bien_so: '30A-12345', ma: 'ABC' });
    assert.deepEqual(errors(def, { f_bien_so: 'xx30A-12345', f_ma: 'ABCD' }), { f_bien_so: 'Biển số dạng 30A-12345', f_ma: 'Giá trị chưa đúng định dạng' });
  });

  test('text without a maxLength is still capped, and control characters are refused', () => {
    const def = form({ name: 'a' }, { name: 'b', type: 'textarea' });
    assert.deepEqual(errors(def, { f_a: 'x'.repeat(501), f_b: 'x'.repeat(10_001) }), { f_a: 'Tối đa 500 ký tự', f_b: 'Tối đa 10000 ký tự' });
    assert.deepEqual(errors(def, { f_a: 'a\u0000b', f_b: 'dòng\u202eđảo' }), { f_a: 'Có ký tự điều khiển không được phép', f_b: 'Có ký tự điều khiển không được phép' });
  });

  test('a textarea keeps its lines, with Windows line ends made plain', () => {
    const def = form({ name: 'noi_dung', type: 'textarea' });
    assert.deepEqual(ok(def, { f_noi_dung: 'Dòng một\r\n\tDòng hai\r\n' }), { noi_dung: 'Dòng một\n\tDòng hai' });
  });

  test('numbers are read the Vietnamese way (1.500.000 and 2,5) and in English (2.5), within bounds', () => {
    assert.equal(parseNumber('1.500.000'), 1_500_000);
    assert.equal(parseNumber('2,5'), 2.5);
    assert.equal(parseNumber('2.5'), 2.5);
    assert.equal(parseNumber('-3'), -3);
    assert.equal(parseNumber('1e5'), null);
    assert.equal(parseNumber('0x10'), null);
    assert.equal(parseNumber('1.50.0'), null);
    const def = form({ name: 'so_ban', type: 'number', required: true, min: 1, max: 10 });
    assert.deepEqual(ok(def, { f_so_ban: ' 3 ' }), { so_ban: 3 });
    assert.deepEqual(errors(def, { f_so_ban: 'ba' }), { f_so_ban: 'Nhập một số, ví dụ 12 hoặc 2,5' });
    assert.deepEqual(errors(def, { f_so_ban: '0' }), { f_so_ban: 'Không được nhỏ hơn 1' });
    assert.deepEqual(errors(def, { f_so_ban: '10,5' }), { f_so_ban: 'Không được lớn hơn 10' });
  });

  test('dates are dd/MM/yyyy (or ISO), stored as yyyy-mm-dd, and past/future are judged on Vietnam’s today', () => {
    const def = form({ name: 'ngay_sinh', type: 'date', dateRange: 'past' }, { name: 'ngay_hen', type: 'date', dateRange: 'future' });
    assert.deepEqual(ok(def, { f_ngay_sinh: '5/1/1990', f_ngay_hen: '02/03/2026' }), { ngay_sinh: '1990-01-05', ngay_hen: '2026-03-02' });
    assert.deepEqual(ok(def, { f_ngay_sinh: '2026-03-02' }), { ngay_sinh: '2026-03-02' });
    assert.deepEqual(errors(def, { f_ngay_sinh: '03/03/2026', f_ngay_hen: '01/03/2026' }), { f_ngay_sinh: 'Ngày không được sau hôm nay', f_ngay_hen: 'Ngày không được trước hôm nay' });
    assert.deepEqual(errors(def, { f_ngay_sinh: '31/02/2020', f_ngay_hen: 'mai' }), { f_ngay_sinh: 'Ngày không hợp lệ (dd/MM/yyyy)', f_ngay_hen: 'Ngày không hợp lệ (dd/MM/yyyy)' });
  });

  test('emails are lower-cased; phones become 0xxxxxxxxx; ID numbers are 12 (CCCD) or 9 (CMND) digits', () => {
    const def = form({ name: 'mail', type: 'email' }, { name: 'dt', type: 'phone' }, { name: 'cccd', type: 'id_number' }, { name: 'cmnd', type: 'id_number' });
    assert.deepEqual(ok(def, { f_mail: ' An.Nguyen@Example.VN ', f_dt: '+84 912 345 678', f_cccd: '001 099 012 345', f_cmnd: '012345678' }), {
      mail: 'an.nguyen@example.vn',
      dt: '0912345678',
      cccd: '001099012345',
      cmnd: '012345678',
    });
    assert.deepEqual(ok(def, { f_dt: '(024) 3825.1234' }), { dt: '02438251234' });
    assert.deepEqual(errors(def, { f_mail: 'a@', f_dt: '12345', f_cccd: '0010990123', f_cmnd: '01234567X' }), {
      f_mail: 'Địa chỉ thư điện tử không hợp lệ',
      f_dt: 'Số điện thoại không hợp lệ (ví dụ 0912345678)',
      f_cccd: 'Số định danh gồm 12 chữ số (căn cước) hoặc 9 chữ số (chứng minh nhân dân)',
      f_cmnd: 'Số định danh gồm 12 chữ số (căn cước) hoặc 9 chữ số (chứng minh nhân dân)',
    });
  });

  const options = [
    { value: 'nam', label: 'Nam' },
    { value: 'nu', label: 'Nữ' },
    { value: 'khac', label: 'Khác' },
  ];

  test('select and radio accept only an offered option', () => {
    const def = form({ name: 'gioi_tinh', type: 'radio', required: true, options }, { name: 'tinh', type: 'select', options });
    assert.deepEqual(ok(def, { f_gioi_tinh: 'nu', f_tinh: '' }), { gioi_tinh: 'nu' });
    assert.deepEqual(errors(def, { f_gioi_tinh: 'robot', f_tinh: 'Nam' }), { f_gioi_tinh: 'Hãy chọn một mục trong danh sách', f_tinh: 'Hãy chọn một mục trong danh sách' });
    assert.deepEqual(errors(def, {}), { f_gioi_tinh: 'Trường này là bắt buộc' });
  });

  test('checkboxes keep the form’s order, drop repeats, and refuse an option not offered', () => {
    const def = form({ name: 'nhan', type: 'checkboxes', required: true, options });
    assert.deepEqual(ok(def, { f_nhan: ['khac', 'nam', 'khac'] }), { nhan: ['nam', 'khac'] });
    assert.deepEqual(ok(def, { f_nhan: 'nu' }), { nhan: ['nu'] });
    assert.deepEqual(errors(def, { f_nhan: ['nam', 'gia-mao'] }), { f_nhan: 'Hãy chọn một mục trong danh sách' });
    assert.deepEqual(errors(def, {}), { f_nhan: 'Hãy chọn ít nhất một mục' });
  });

  test('a single checkbox is true when ticked, false when not, and must be ticked when required', () => {
    const def = form({ name: 'cam_doan', type: 'checkbox', required: true }, { name: 'nhan_tin', type: 'checkbox' });
    assert.deepEqual(ok(def, { f_cam_doan: 'on' }), { cam_doan: true, nhan_tin: false });
    assert.deepEqual(errors(def, {}), { f_cam_doan: 'Hãy đánh dấu ô này để tiếp tục' });
    assert.deepEqual(errors(def, { f_cam_doan: 'on', f_nhan_tin: 'yes please' }), { f_nhan_tin: 'Giá trị không hợp lệ' });
  });

  test('forged input: an unknown f_ field, a single field sent twice, an object instead of text', () => {
    const def = form({ name: 'ho_ten', required: true }, { name: 'so', type: 'number' });
    assert.deepEqual(errors(def, { f_ho_ten: 'An', f_la: 'x' }), { _form: 'Tờ khai không có trường “la”' });
    assert.deepEqual(errors(def, { f_ho_ten: ['An', 'Bình'], f_so: { $gt: 1 } }), { f_ho_ten: 'Giá trị không hợp lệ', f_so: 'Giá trị không hợp lệ' });
  });

  test('the page’s own fields (without the f_ prefix) are left alone', () => {
    const def = form({ name: 'ho_ten' });
    assert.deepEqual(ok(def, { _csrf: 'token', ho_ten: 'ignored', procedureId: 'x', f_ho_ten: 'An' }), { ho_ten: 'An' });
    assert.deepEqual(ok(def, null), {});
  });

  test('every refused field gets its own message at once, in English too', () => {
    const def = form({ name: 'a', required: true }, { name: 'b', type: 'number', max: 5 });
    try {
      validateAnswers(def, { f_b: '6' }, { now: NOW });
      assert.fail('expected Invalid');
    } catch (err) {
      assert.ok(err instanceof Invalid);
      assert.deepEqual(Object.keys(err.fields).sort(), ['f_a', 'f_b']);
      assert.equal(translate('en', err.fields.f_b!.key, err.fields.f_b!.params), 'Must be 5 or less');
    }
  });
});
