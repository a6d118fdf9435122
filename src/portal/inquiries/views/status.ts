import type { MessageKey } from '../../../platform/i18n/index.js';
import type { InquiryStatus } from '../rules.js';

export function statusKey(s: InquiryStatus): MessageKey {
  return `inquiry.status.${s}` as MessageKey;
}
