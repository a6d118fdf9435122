import type { Ctx } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/client.js';
import { composeMail } from '../../platform/mail/compose.js';
import type { MailMessage } from '../../platform/mail/mailer.js';
import type { Secrets } from '../../platform/secrets.js';
import { issueUserToken, userTokensThrottled } from './one-time-tokens.js';

export const VERIFY_EMAIL_HOURS = 24;

/**
 * What the citizen use cases need to send mail: the key that seals a message in the job queue (the `mail.send`
 * job delivers it) and the values links and texts are built from.
 */
export type MailDeps = { secrets: Secrets; baseUrl: string; provinceName: string };

/** A new one-time verification link for the account. */
export function issueEmailVerification(tx: Ctx & { db: Tx }, userId: string): Promise<string> {
  return issueUserToken(tx, userId, 'verify_email', VERIFY_EMAIL_HOURS);
}

export function verificationThrottled(db: Queryable, userId: string, now: Date): Promise<boolean> {
  return userTokensThrottled(db, userId, 'verify_email', now);
}

function verifyUrl(deps: MailDeps, token: string): string {
  return `${deps.baseUrl}/xac-minh-email?token=${encodeURIComponent(token)}`;
}

export function verificationMail(deps: MailDeps, to: string, name: string, token: string): MailMessage {
  return composeMail(to, {
    subject: 'citizen.mail.verifySubject',
    params: { name, province: deps.provinceName },
    body: [
      { text: 'citizen.mail.greeting' },
      { text: 'citizen.mail.verifyText' },
      { link: 'citizen.mail.verifyAction', url: verifyUrl(deps, token) },
      { text: 'citizen.mail.ignore' },
      { text: 'citizen.mail.signature' },
    ],
  });
}

/** Sent instead of a second account, so the registration page never tells a stranger that an address is taken. */
export function alreadyRegisteredMail(deps: MailDeps, to: string, name: string, token: string | null): MailMessage {
  return composeMail(to, {
    subject: 'citizen.mail.existsSubject',
    params: { name, province: deps.provinceName },
    body: [
      { text: 'citizen.mail.greeting' },
      { text: 'citizen.mail.existsText' },
      ...(token
        ? [
            { text: 'citizen.mail.existsUnverified' as const },
            { link: 'citizen.mail.verifyAction' as const, url: verifyUrl(deps, token) },
            { text: 'citizen.mail.ignore' as const },
          ]
        : [{ link: 'citizen.mail.existsSignIn' as const, url: `${deps.baseUrl}/dang-nhap` }]),
      { text: 'citizen.mail.signature' },
    ],
  });
}
