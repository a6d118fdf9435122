import type { Tx } from '../../platform/db/client.js';
import type { MessageKey } from '../../platform/i18n/index.js';
import { translate } from '../../platform/i18n/index.js';
import { composeMail } from '../../platform/mail/compose.js';
import { enqueueMail } from '../../platform/mail/mail-job.js';
import type { Secrets } from '../../platform/secrets.js';
import { SMS_MAX_LENGTH, asciiFold } from '../../platform/sms/sms.js';
import { enqueueSms } from '../../platform/sms/sms-job.js';
import { formatVnDateTime } from '../../platform/dates.js';
import type { Dossier } from './append-action.js';

export type NotifyDeps = { baseUrl: string; secrets: Secrets };

/** What happened, as the applicant is told it; each has a subject and a paragraph in the catalogue. */
export type DossierEvent = 'submitted' | 'received' | 'supplement' | 'refused' | 'processed' | 'returned' | 'withdrawn' | 'apology' | 'financial' | 'stopped';

/**
 * Tells the applicant about a change of their dossier, by email and by text message to whichever they gave, as
 * sealed jobs in the transaction of the change: a rolled-back action sends nothing, and a committed one is sent
 * even if SMTP or the SMS gateway is down for a while. The message carries the code and the tracking link, never
 * the documents.
 */
export async function notifyApplicant(tx: { db: Tx }, deps: NotifyDeps, dossier: Dossier, event: DossierEvent, extra: { reason?: string | null } = {}): Promise<void> {
  if (!dossier.code) return;
  const subject = `dossier.mail.${event}.subject` as MessageKey;
  if (dossier.applicantPhone) await enqueueSms(tx, deps.secrets, dossier.applicantPhone, smsText(deps, subject, dossier.code));
  if (!dossier.applicantEmail) return;
  const body = `dossier.mail.${event}.body` as MessageKey;
  const url = dossier.applicantId
    ? `${deps.baseUrl}/dich-vu-cong/ho-so/${dossier.id}`
    : `${deps.baseUrl}/dich-vu-cong/tra-cuu?ma=${encodeURIComponent(dossier.code)}`;
  await enqueueMail(
    tx,
    deps.secrets,
    composeMail(dossier.applicantEmail, {
      subject,
      body: [{ text: 'dossier.mail.greeting' }, { text: body }, { link: 'dossier.mail.follow', url }],
      params: {
        name: dossier.applicantName,
        code: dossier.code,
        due: dossier.dueAt ? formatVnDateTime(dossier.dueAt) : '',
        reason: extra.reason ?? '',
      },
    }),
  );
}

/**
 * The mail's subject line, which already says what happened, and the public lookup (shorter than the dossier's own
 * address, and it works on a phone where the applicant is not signed in). The link goes if it would not fit.
 */
function smsText(deps: NotifyDeps, subject: MessageKey, code: string): string {
  const what = asciiFold(translate('vi', subject, { code }));
  const withLink = `${what}. ${asciiFold(translate('vi', 'sms.follow', { url: `${deps.baseUrl}/dich-vu-cong/tra-cuu` }))}`;
  return withLink.length <= SMS_MAX_LENGTH ? withLink : what;
}
