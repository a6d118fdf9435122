import { defineMessages } from '../i18n/define.js';

export const auditMessages = defineMessages({
  'audit.title': ['Nhật ký hệ thống', 'Audit log'],
});
