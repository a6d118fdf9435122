import type { Tx } from '../../platform/db/client.js';
import type { MessageKey } from '../../platform/i18n/index.js';
import { composeMail } from '../../platform/mail/compose.js';
import { enqueueMail } from '../../platform/mail/mail-job.js';
import type { Secrets } from '../../platform/secrets.js';
import { formatVnDateTime } from '../../platform/dates.js';
import type { Dossier } from './append-action.js';

export type NotifyDeps = { baseUrl: string; secrets: Secrets };

/** What happened, as the applicant is told it; each has a subject and a paragraph in the catalogue. */
export type DossierEvent = 'submitted' | 'received' | 'supplement' | 'refused' | 'processed' | 'returned' | 'withdrawn' | 'apology' | 'financial';

/**
 * Tells the applicant about a change of their dossier, by email when they gave one, as a sealed job in the
 * transaction of the change: a rolled-back action sends nothing, and a committed one is sent even if SMTP is down
 * for a while. The message carries the code and the tracking link, never the documents.
 */
export async function notifyApplicant(tx: { db: Tx }, deps: NotifyDeps, dossier: Dossier, event: DossierEvent, extra: { reason?: string | null } = {}): Promise<void> {
  if (!dossier.applicantEmail || !dossier.code) return;
  const subject = `dossier.mail.${event}.subject` as MessageKey;
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
