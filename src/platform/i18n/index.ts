import { platformMessages } from './platform-messages.js';
import { orgMessages } from '../../org/messages.js';
import { accountsMessages } from '../../accounts/messages.js';
import { auditMessages } from '../audit/messages.js';
import { homeMessages } from '../../home/messages.js';
import { usersMessages } from '../../accounts/users/messages.js';
import { citizenMessages } from '../../accounts/citizen/messages.js';
import { calendarMessages } from '../../services/calendar/messages.js';
import { portalSiteMessages } from '../../portal/site/messages.js';
import { portalImportMessages } from '../../portal/import/messages.js';
import { portalSearchMessages } from '../../portal/search/messages.js';
import { articleMessages } from '../../portal/articles/messages.js';
import { uploadMessages } from '../storage/upload-messages.js';
import { portalStatsMessages } from '../../portal/stats/messages.js';
import { inquiryMessages } from '../../portal/inquiries/messages.js';
import { legalMessages } from '../../portal/legal/messages.js';
import { dossierMessages } from '../../services/dossiers/messages.js';
import { formMessages } from '../../services/forms/messages.js';
import { procedurePublicMessages } from '../../services/procedures/public-messages.js';
import { procedureMessages } from '../../services/procedures/messages.js';
import { slipMessages } from '../../services/slips/messages.js';
import { dossierOfficeMessages } from '../../services/dossiers/office-messages.js';
import { workflowMessages } from '../../services/dossiers/workflow-messages.js';
import { smsMessages } from '../sms/messages.js';
import { paymentMessages } from '../../services/payments/messages.js';
import { statisticsMessages } from '../../services/statistics/messages.js';
import type { Locale } from './define.js';

export { type Locale, locales } from './define.js';

export const messages = { ...platformMessages, ...orgMessages, ...accountsMessages, ...auditMessages, ...homeMessages, ...citizenMessages, ...usersMessages, ...calendarMessages, ...portalSiteMessages, ...articleMessages, ...uploadMessages, ...portalSearchMessages, ...portalImportMessages, ...portalStatsMessages, ...inquiryMessages, ...legalMessages, ...procedureMessages, ...dossierMessages, ...formMessages, ...procedurePublicMessages, ...slipMessages, ...dossierOfficeMessages, ...workflowMessages, ...smsMessages, ...paymentMessages, ...statisticsMessages };
export type MessageKey = keyof typeof messages & string;
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const entry = messages[key];
  const text = entry[locale === 'en' ? 1 : 0];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m: string, name: string) => (name in params ? String(params[name]) : m));
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}
