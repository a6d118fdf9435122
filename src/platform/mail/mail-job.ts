import { z } from 'zod';
import type { Tx } from '../db/client.js';
import { type JobDefinition, type JobOptions, type JobRef, defineJob } from '../jobs/define-job.js';
import { enqueue } from '../jobs/enqueue.js';
import type { Secrets } from '../secrets.js';
import type { MailMessage, Mailer } from './mailer.js';

export const MAIL_JOB_NAME = 'mail.send';

/**
 * The whole message travels sealed. Its links are one-time tokens as good as a password, its address and greeting
 * are personal data, and the queue keeps finished jobs for days: a copy of the jobs table must show none of it.
 */
const payloadSchema = z.object({ sealed: z.string().startsWith('v1.') });

const messageSchema = z.object({ to: z.string().min(3).max(320), subject: z.string(), text: z.string(), html: z.string() });

/**
 * A mail server that is down for a while delays the message instead of losing it: retries after about 30 s,
 * 1, 2, 4, 8, 16 and 32 minutes, then hourly, roughly three hours in all. A run stuck longer than five minutes
 * (a server that stopped answering mid-message) is retried too.
 */
export const MAIL_JOB_OPTIONS = { retryLimit: 8, retryDelaySeconds: 30, retryDelayMaxSeconds: 3600, timeoutSeconds: 300 } as const satisfies JobOptions;

export type MailJobDeps = { secrets: Secrets; mailer: Mailer };

/** What enqueueing needs: a web process files mail without holding the mailer. */
const mailJobRef: JobRef<typeof payloadSchema> = { name: MAIL_JOB_NAME, schema: payloadSchema, options: { dedupe: false } };

/**
 * The SMTP failure as the job row and the log keep it: the error code, the SMTP reply code and the command
 * refused. Never the server's reply text, which usually quotes the recipient's address.
 */
export class MailDeliveryError extends Error {
  readonly code: string | undefined;
  readonly responseCode: number | undefined;
  constructor(cause: unknown) {
    const e = (cause ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
    const code = typeof e.code === 'string' ? e.code : undefined;
    const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
    const command = typeof e.command === 'string' && /^[A-Z ]{2,12}$/.test(e.command) ? e.command : undefined;
    super(`SMTP delivery failed (code ${code ?? 'unknown'}, reply ${responseCode ?? 'none'}${command ? `, at ${command}` : ''})`);
    this.name = 'MailDeliveryError';
    this.code = code;
    this.responseCode = responseCode;
  }
}

/**
 * The `mail.send` job with what its runs need; list it in the worker's handlers. `overrides` exists so a test can
 * retry within a second instead of half a minute.
 */
export function mailJob(deps: MailJobDeps, overrides: Pick<JobOptions, 'retryLimit' | 'retryDelaySeconds'> = {}): JobDefinition<typeof payloadSchema> {
  return defineJob(
    MAIL_JOB_NAME,
    payloadSchema,
    async ({ sealed }) => {
      let message: MailMessage;
      try {
        message = messageSchema.parse(JSON.parse(deps.secrets.decrypt(sealed)));
      } catch {
        // Not chained to the cause: a JSON error message quotes the text it could not read.
        throw new Error('The sealed message cannot be opened with this instance secret');
      }
      try {
        await deps.mailer.send(message);
      } catch (err) {
        throw new MailDeliveryError(err);
      }
    },
    { ...MAIL_JOB_OPTIONS, ...overrides },
  );
}

/**
 * Files a message for delivery inside the caller's transaction and returns the job's id: a change that rolls back
 * sends nothing, and the caller's answer never waits on the mail server.
 */
export async function enqueueMail(tx: { db: Tx }, secrets: Secrets, message: MailMessage): Promise<string> {
  const sealed = secrets.encrypt(JSON.stringify(messageSchema.parse(message)));
  const id = await enqueue(tx, mailJobRef, { sealed });
  if (!id) throw new Error('The job queue did not file the message');
  return id;
}
