import { defineMessages } from '../i18n/define.js';

/** Text messages are read on any handset: the Vietnamese is folded to ASCII when sent (sms.ts). */
export const smsMessages = defineMessages({
  'sms.follow': ['Tra cứu: {url}', 'Track: {url}'],
});
