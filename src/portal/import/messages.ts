import { defineMessages } from '../../platform/i18n/define.js';

export const portalImportMessages = defineMessages({
  'portal.import.invalidJson': ['Dòng không phải JSON hợp lệ: {reason}', 'The line is not valid JSON: {reason}'],
  'portal.import.notObject': ['Dòng phải là một đối tượng JSON {…}', 'The line must be a JSON object {…}'],
  'portal.import.missing': ['Thiếu trường bắt buộc "{field}"', 'The required field "{field}" is missing'],
  'portal.import.notText': ['Trường "{field}" phải là chuỗi ký tự', 'The field "{field}" must be a string'],
  'portal.import.tooLong': ['Trường "{field}" dài quá {max} ký tự', 'The field "{field}" is longer than {max} characters'],
  'portal.import.badDate': [
    'Ngày đăng "{value}" không hợp lệ (cần dạng ISO 8601, ví dụ 2025-03-15T08:00:00+07:00)',
    'The publication date "{value}" is not valid (ISO 8601 expected, e.g. 2025-03-15T08:00:00+07:00)',
  ],
  'portal.import.unknownSite': ['Không có trang thông tin "{site}"', 'There is no site "{site}"'],
  'portal.import.unknownCategory': ['Trang "{site}" không có chuyên mục "{category}"', 'The site "{site}" has no category "{category}"'],
  'portal.import.noMainSite': [
    'Chưa có cổng thông tin chính của tỉnh (chạy congso db seed-demo hoặc chỉ rõ --site)',
    'There is no provincial main portal yet (run congso db seed-demo or name a --site)',
  ],
  'portal.import.siteForbidden': ['Không có quyền đăng bài trên trang "{site}"', 'Not allowed to publish on the site "{site}"'],
  'portal.import.duplicate': ['Trùng source_id "{sourceId}" với dòng {line}', 'Same source_id "{sourceId}" as line {line}'],
  'portal.import.emptyBody': ['Nội dung bài viết trống sau khi làm sạch HTML', 'The article body is empty once its HTML is cleaned'],
});
