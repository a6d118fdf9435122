import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { Invalid } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { type FormDefinition, formDefinitionSchema } from './definition.js';
import { EForm, type EFormValues, formFieldLabels, formValuesFromAnswers } from './render-form.js';
import { validateAnswers } from './validate-answers.js';

const definition: FormDefinition = formDefinitionSchema.parse({
  sections: [
    {
      title: 'Thông tin người nộp',
      titleEn: 'About you',
      fields: [
        { name: 'ho_ten', type: 'text', label: 'Họ và tên', labelEn: 'Full name', required: true, maxLength: 100, autocomplete: 'name', help: 'Viết có dấu' },
        { name: 'ngay_sinh', type: 'date', label: 'Ngày sinh', required: true, dateRange: 'past', autocomplete: 'bday' },
        { name: 'cccd', type: 'id_number', label: 'Số định danh cá nhân', required: true },
        { name: 'dien_thoai', type: 'phone', label: 'Số điện thoại' },
        { name: 'thu', type: 'email', label: 'Thư điện tử' },
        { name: 'so_ban', type: 'number', label: 'Số bản', required: true, min: 1, max: 10 },
      ],
    },
    {
      title: 'Nội dung',
      fields: [
        { name: 'ly_do', type: 'textarea', label: 'Lý do', maxLength: 2000 },
        { name: 'gioi_tinh', type: 'radio', label: 'Giới tính', required: true, options: [{ value: 'nam', label: 'Nam', labelEn: 'Male' }, { value: 'nu', label: 'Nữ', labelEn: 'Female' }] },
        { name: 'noi_nhan', type: 'select', label: 'Nơi nhận kết quả', options: [{ value: 'mot_cua', label: 'Bộ phận một cửa' }, { value: 'buu_dien', label: 'Bưu điện' }] },
        { name: 'ban_sao', type: 'checkboxes', label: 'Giấy tờ kèm theo', options: [{ value: 'a', label: 'Bản sao A' }, { value: 'b', label: 'Bản sao B' }] },
        { name: 'cam_doan', type: 'checkbox', label: 'Tôi cam đoan thông tin trên là đúng', required: true },
      ],
    },
  ],
});

const render = (values: EFormValues, errors = {}, locale: 'vi' | 'en' = 'vi') => renderToString(<EForm definition={definition} values={values} errors={errors} t={translator(locale)} locale={locale} />);

describe('EForm', () => {
  test('every field has a label tied to its input, and HTML names carry the f_ prefix', () => {
    const html = render({});
    for (const name of ['ho_ten', 'ngay_sinh', 'cccd', 'dien_thoai', 'thu', 'so_ban', 'ly_do', 'noi_nhan']) {
      assert.match(html, new RegExp(`<label class="govuk-label govuk-label--s" for="f-f_${name}">`), name);
      assert.match(html, new RegExp(`id="f-f_${name}" name="f_${name}"`), name);
    }
    assert.match(html, /<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Giới tính<\/legend>/);
    assert.match(html, /<label class="govuk-label govuk-checkboxes__label" for="f-f_cam_doan">Tôi cam đoan/);
    assert.doesNotMatch(html, /name="ho_ten"/);
  });

  test('optional fields say so; hints explain the format, bounds and the definition’s help', () => {
    const html = render({});
    assert.match(html, /Số điện thoại \(không bắt buộc\)/);
    assert.doesNotMatch(html, /Họ và tên \(không bắt buộc\)/);
    assert.match(html, /id="f-f_ho_ten-hint" class="govuk-hint">Viết có dấu Tối đa 100 ký tự\./);
    assert.match(html, /id="f-f_ngay_sinh-hint" class="govuk-hint">Ngày\/tháng\/năm, ví dụ 27\/04\/2026/);
    assert.match(html, /id="f-f_so_ban-hint" class="govuk-hint">Từ 1 đến 10\./);
    assert.match(html, /aria-describedby="f-f_ho_ten-hint"/);
  });

  test('inputs get the keyboard and autofill that fit: numeric ID, decimal number, tel, email, name, birthday', () => {
    const html = render({});
    assert.match(html, /id="f-f_cccd" name="f_cccd" type="text" value inputmode="numeric"/);
    assert.match(html, /id="f-f_so_ban" name="f_so_ban" type="text" value inputmode="decimal"/);
    assert.match(html, /name="f_dien_thoai" type="tel" value autocomplete="tel"/);
    assert.match(html, /name="f_thu" type="email" value autocomplete="email"/);
    assert.match(html, /name="f_ho_ten" type="text" value autocomplete="name"/);
    assert.match(html, /name="f_ngay_sinh" type="text" value autocomplete="bday"/);
  });

  test('errors from validateAnswers are shown beside their fields and described to screen readers', () => {
    let fields = {};
    try {
      validateAnswers(definition, { f_so_ban: '11', f_gioi_tinh: 'robot' });
    } catch (err) {
      assert.ok(err instanceof Invalid);
      fields = err.fields;
    }
    const html = render({ f_so_ban: '11', f_ho_ten: 'Lê Thị <Hoa>' }, fields);
    assert.match(html, /<p id="f-f_so_ban-error" class="govuk-error-message"><span class="govuk-visually-hidden">Số bản: <\/span>Không được lớn hơn 10<\/p>/);
    assert.match(html, /aria-describedby="f-f_so_ban-hint f-f_so_ban-error"/);
    assert.match(html, /govuk-input--error" id="f-f_so_ban"/);
    assert.match(html, /<fieldset class="govuk-fieldset" aria-describedby="f-f_gioi_tinh-error">/);
    assert.match(html, /Hãy chọn một mục trong danh sách/);
    assert.match(html, /Hãy đánh dấu ô này để tiếp tục/);
    assert.match(html, /value="Lê Thị &lt;Hoa>"/, 'what was typed comes back, escaped');
  });

  test('saved answers come back as people typed them: dates dd/MM/yyyy, decimal comma, ticks and choices', () => {
    const values = formValuesFromAnswers(definition, { ngay_sinh: '1990-01-05', so_ban: 2.5, gioi_tinh: 'nu', noi_nhan: 'buu_dien', ban_sao: ['b'], cam_doan: true });
    assert.deepEqual(values, { f_ngay_sinh: '05/01/1990', f_so_ban: '2,5', f_gioi_tinh: 'nu', f_noi_nhan: 'buu_dien', f_ban_sao: ['b'], f_cam_doan: 'on' });
    const html = render(values);
    assert.match(html, /value="05\/01\/1990"/);
    assert.match(html, /id="f-f_gioi_tinh-2" name="f_gioi_tinh" type="radio" value="nu" checked/);
    assert.match(html, /<option value="buu_dien" selected>/);
    assert.match(html, /id="f-f_ban_sao-2" name="f_ban_sao" type="checkbox" value="b" checked/);
    assert.match(html, /id="f-f_cam_doan" name="f_cam_doan" type="checkbox" value="on" checked/);
    // And what the form shows is what the validator reads back.
    assert.equal(validateAnswers(definition, { ...values, f_ho_ten: 'An', f_cccd: '001099012345' }).answers.so_ban, 2.5);
  });

  test('English uses labelEn and titleEn where given, the Vietnamese otherwise', () => {
    const html = render({}, {}, 'en');
    assert.match(html, /About you/);
    assert.match(html, /Full name/);
    assert.match(html, /Nội dung/);
    assert.match(html, />Female</);
    assert.match(html, /Số điện thoại \(optional\)/);
    assert.deepEqual(Object.entries(formFieldLabels(definition, 'en')).slice(0, 2), [
      ['f_ho_ten', 'Full name'],
      ['f_ngay_sinh', 'Ngày sinh'],
    ]);
  });
});
