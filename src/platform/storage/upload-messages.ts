import { defineMessages } from '../i18n/define.js';

export const uploadMessages = defineMessages({
  'upload.empty': ['Tệp tải lên rỗng', 'The uploaded file is empty'],
  'upload.type': [
    'Loại tệp không được chấp nhận (hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp)',
    'This type of file is not accepted (the content is checked, not the file name)',
  ],
  'upload.brokenImage': ['Không đọc được ảnh; tệp có thể bị hỏng', 'The image cannot be read; the file may be damaged'],
});
