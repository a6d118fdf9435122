import { defineMessages } from '../../platform/i18n/define.js';

/** The e-form's words: hints the renderer adds and the validator's messages (validate-answers.ts). */
export const formMessages = defineMessages({
  'eform.optional': ['(không bắt buộc)', '(optional)'],
  'eform.choose': ['Chọn', 'Choose'],
  'eform.chooseAll': ['Chọn tất cả các mục phù hợp.', 'Select all that apply.'],
  'eform.dateHint': ['Ngày/tháng/năm, ví dụ 27/04/2026', 'Day/month/year, e.g. 27/04/2026'],
  'eform.phoneHint': ['Ví dụ 0912345678', 'For example 0912345678'],
  'eform.idNumberHint': ['Căn cước công dân 12 số hoặc chứng minh nhân dân 9 số', '12-digit citizen ID card or 9-digit ID card number'],
  'eform.maxLengthHint': ['Tối đa {max} ký tự.', 'At most {max} characters.'],
  'eform.rangeHint': ['Từ {min} đến {max}.', 'From {min} to {max}.'],
  'eform.minHint': ['Từ {min} trở lên.', '{min} or more.'],
  'eform.maxHint': ['Không quá {max}.', 'At most {max}.'],
  'eform.unknownField': ['Tờ khai không có trường “{name}”', 'The form has no field “{name}”'],
  'eform.tooShort': ['Tối thiểu {min} ký tự', 'At least {min} characters'],
  'eform.pattern': ['Giá trị chưa đúng định dạng', 'This value is not in the right format'],
  'eform.patternCustom': ['{message}', '{message}'],
  'eform.badCharacters': ['Có ký tự điều khiển không được phép', 'Contains control characters that are not allowed'],
  'eform.number': ['Nhập một số, ví dụ 12 hoặc 2,5', 'Enter a number, e.g. 12 or 2.5'],
  'eform.numberMin': ['Không được nhỏ hơn {min}', 'Must be {min} or more'],
  'eform.numberMax': ['Không được lớn hơn {max}', 'Must be {max} or less'],
  'eform.datePast': ['Ngày không được sau hôm nay', 'The date cannot be after today'],
  'eform.dateFuture': ['Ngày không được trước hôm nay', 'The date cannot be before today'],
  'eform.idNumber': ['Số định danh gồm 12 chữ số (căn cước) hoặc 9 chữ số (chứng minh nhân dân)', 'An ID number has 12 digits (citizen ID card) or 9 digits (old ID card)'],
  'eform.option': ['Hãy chọn một mục trong danh sách', 'Choose one of the options listed'],
  'eform.checkRequired': ['Hãy đánh dấu ô này để tiếp tục', 'Tick this box to continue'],
  'eform.chooseAtLeastOne': ['Hãy chọn ít nhất một mục', 'Choose at least one option'],
  'eform.previewNote': [
    'Đây là bản xem trước các thông tin sẽ được hỏi khi nộp hồ sơ trực tuyến; nội dung nhập ở đây không được gửi đi.',
    'This preview shows what you will be asked when filing online; nothing typed here is sent.',
  ],
});
