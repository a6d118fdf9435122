import { defineMessages } from '../platform/i18n/define.js';

export const orgMessages = defineMessages({
  'agency.title': ['Cơ quan, đơn vị', 'Agencies'],
});
