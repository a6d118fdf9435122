import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import type { LogFn } from 'pino';

export type MailMessage = { to: string; subject: string; text: string; html: string };

export type Mailer = {
  /** Where messages go: a real SMTP server, or files under the data directory for demos without one. */
  readonly mode: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<void>;
};

type MailerOptions = { smtpUrl: string | undefined; from: string; dataDir: string };

/**
 * With SMTP_URL, a real SMTP transport. Without it every message becomes an .eml file in <data>/outbox, so a
 * demo shows the exact message (links included) with no mail server. Only the file's path is logged: the
 * address and the body are personal data or secrets.
 */
export function createMailer(opts: MailerOptions, log: { info: LogFn }): Mailer {
  if (opts.smtpUrl) {
    const transport = createTransport(opts.smtpUrl, { from: opts.from });
    return {
      mode: 'smtp',
      async send(m) {
        await transport.sendMail({ to: m.to, subject: m.subject, text: m.text, html: m.html });
      },
    };
  }
  const outbox = path.join(opts.dataDir, 'outbox');
  const stream = createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { from: opts.from });
  return {
    mode: 'outbox',
    async send(m) {
      const info = await stream.sendMail({ to: m.to, subject: m.subject, text: m.text, html: m.html });
      await fs.mkdir(outbox, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(outbox, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
      // Verification links in the file are as good as passwords until used.
      await fs.writeFile(file, info.message as Buffer, { mode: 0o600 });
      log.info({ outboxFile: file }, 'mail written to outbox (SMTP_URL not set)');
    },
  };
}
