import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { LogFn } from 'pino';

export type SmsMessage = { to: string; text: string };

/** Where text messages go: a gateway over HTTP, or files under the data directory for demos without one. */
export type SmsSender = {
  readonly mode: 'http' | 'outbox';
  send(to: string, text: string): Promise<void>;
};

/** The single-part limit of the GSM 7-bit alphabet; longer texts cost several messages and often arrive split. */
export const SMS_MAX_LENGTH = 160;

/**
 * Vietnamese without its diacritics, printable ASCII only: a text with one accented letter is sent as UCS-2, which
 * cuts a message to 70 characters, and many handsets and gateways still mangle it.
 */
export function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A gateway's refusal as the job row and the log keep it: the HTTP status, never the reply body (it may quote the number). */
export class SmsDeliveryError extends Error {
  constructor(readonly status: number | null, reason: string) {
    super(`SMS delivery failed (${status === null ? reason : `HTTP ${status}`})`);
    this.name = 'SmsDeliveryError';
  }
}

type SmsOptions = { gateway: { url: string; token: string | undefined } | undefined; dataDir: string; timeoutMs?: number };

/**
 * With a gateway URL, each message is POSTed to it as JSON `{ "to": "0912345678", "text": "..." }` with the token as
 * a bearer credential; any 2xx is success. Providers differ in everything else, so a province puts a small adapter
 * of its own in front when its provider wants another shape. Without a URL, each message becomes a file in
 * <data>/sms-outbox. Only the file's path is logged: the number and the text are personal data.
 */
export function createSmsSender(opts: SmsOptions, log: { info: LogFn }): SmsSender {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  if (opts.gateway) {
    const { url, token } = opts.gateway;
    return {
      mode: 'http',
      async send(to, text) {
        let res: Response;
        try {
          res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify({ to, text }),
            signal: AbortSignal.timeout(timeoutMs),
          });
        } catch (err) {
          throw new SmsDeliveryError(null, (err as Error).name === 'TimeoutError' ? 'timeout' : 'no connection');
        }
        await res.arrayBuffer().catch(() => undefined);
        if (!res.ok) throw new SmsDeliveryError(res.status, '');
      },
    };
  }
  const outbox = path.join(opts.dataDir, 'sms-outbox');
  return {
    mode: 'outbox',
    async send(to, text) {
      await fs.mkdir(outbox, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(outbox, `${stamp}-${randomBytes(4).toString('hex')}.json`);
      await fs.writeFile(file, `${JSON.stringify({ to, text })}\n`, { mode: 0o600 });
      log.info({ outboxFile: file }, 'text message written to outbox (CONGSO_SMS_URL not set)');
    },
  };
}
