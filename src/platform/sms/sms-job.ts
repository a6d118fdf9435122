import { z } from 'zod';
import type { Tx } from '../db/client.js';
import { type JobDefinition, type JobOptions, type JobRef, defineJob } from '../jobs/define-job.js';
import { enqueue } from '../jobs/enqueue.js';
import type { Secrets } from '../secrets.js';
import { SMS_MAX_LENGTH, type SmsMessage, type SmsSender, asciiFold } from './sms.js';

export const SMS_JOB_NAME = 'sms.send';

/** Sealed like mail: a phone number and what happened to someone's dossier are personal data the jobs table keeps for days. */
const payloadSchema = z.object({ sealed: z.string().startsWith('v1.') });

const messageSchema = z.object({ to: z.string().regex(/^\+?\d{9,15}$/), text: z.string().min(1).max(SMS_MAX_LENGTH) });

/** A gateway down for a while delays the text instead of losing it; after a few hours it is stale news anyway. */
export const SMS_JOB_OPTIONS = { retryLimit: 6, retryDelaySeconds: 30, retryDelayMaxSeconds: 3600, timeoutSeconds: 120 } as const satisfies JobOptions;

const smsJobRef: JobRef<typeof payloadSchema> = { name: SMS_JOB_NAME, schema: payloadSchema, options: { dedupe: false } };

/** The `sms.send` job with the sender its runs use; list it in the worker's handlers. */
export function smsJob(deps: { secrets: Secrets; sender: SmsSender }, overrides: Pick<JobOptions, 'retryLimit' | 'retryDelaySeconds'> = {}): JobDefinition<typeof payloadSchema> {
  return defineJob(
    SMS_JOB_NAME,
    payloadSchema,
    async ({ sealed }) => {
      let message: SmsMessage;
      try {
        message = messageSchema.parse(JSON.parse(deps.secrets.decrypt(sealed)));
      } catch {
        throw new Error('The sealed text message cannot be opened with this instance secret');
      }
      await deps.sender.send(message.to, message.text);
    },
    { ...SMS_JOB_OPTIONS, ...overrides },
  );
}

/**
 * Files a text message inside the caller's transaction: folded to ASCII and cut to one SMS, so what the job sends
 * is exactly what was checked here.
 */
export async function enqueueSms(tx: { db: Tx }, secrets: Secrets, to: string, text: string): Promise<string> {
  const folded = asciiFold(text);
  const message = messageSchema.parse({ to, text: folded.length > SMS_MAX_LENGTH ? `${folded.slice(0, SMS_MAX_LENGTH - 3).trimEnd()}...` : folded });
  const id = await enqueue(tx, smsJobRef, { sealed: secrets.encrypt(JSON.stringify(message)) });
  if (!id) throw new Error('The job queue did not file the text message');
  return id;
}
