import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; raw: string; subject: string; text: string; html: string };

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?...?= / =?UTF-8?B?...?=) in a header value. */
function decodeHeader(value: string): string {
  return value.replace(/\s*=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, enc: string, body: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(body, 'base64').toString('utf8') : decodeQp(body.replace(/_/g, ' ')),
  );
}

function decodeQp(body: string): string {
  const bytes: number[] = [];
  const s = body.replace(/=\r?\n/g, '');
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function headers(block: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) map.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return map;
}

/** Splits a message into its leaf parts (multipart/alternative and friends), decoded to text. */
function parts(raw: string): { type: string; body: string }[] {
  const split = raw.search(/\r?\n\r?\n/);
  const head = headers(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const type = head.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((p) => !p.startsWith('--'))
      .flatMap((p) => parts(p.replace(/^\r?\n/, '')));
  }
  const encoding = (head.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const decoded = encoding === 'quoted-printable' ? decodeQp(body) : encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  return [{ type: type.split(';')[0]!.toLowerCase(), body: decoded }];
}

/**
 * A real SMTP server on 127.0.0.1 (random port) that keeps what it receives, so tests read the exact message a
 * person would get.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer;
  private refusals = 0;
  private waiters = new Set<() => void>();
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const split = raw.search(/\r?\n\r?\n/);
          const all = parts(raw);
          const mail: ReceivedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            subject: decodeHeader(headers(raw.slice(0, split)).get('subject') ?? ''),
            text: all.find((p) => p.type === 'text/plain')?.body ?? '',
            html: all.find((p) => p.type === 'text/html')?.body ?? '',
          };
          if (this.refusals > 0) {
            this.refusals--;
            callback(Object.assign(new Error(`4.3.0 Mailbox for ${mail.to.join(', ')} is busy, try again later`), { responseCode: 451 }));
            return;
          }
          // Stored before the 250 reply, so the sender's await returns only once the message is readable here.
          this.received.push(mail);
          for (const wake of this.waiters) wake();
          callback();
        });
      },
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Answers the next `count` messages with a temporary failure (451), as a busy server would. */
  refuse(count: number): void {
    this.refusals = count;
  }

  /**
   * The messages to an address once there are at least `count` of them. Mail leaves through the job queue after
   * the page has answered, so a test waits for it here; the timeout turns a message that never comes into a
   * readable failure instead of a hung test.
   */
  async waitFor(address: string, count = 1, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    if (this.to(address).length >= count) return this.to(address);
    let wake!: () => void;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        wake = () => {
          if (this.to(address).length >= count) resolve();
        };
        this.waiters.add(wake);
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} message(s) to ${address}; ${this.to(address).length} arrived`)), timeoutMs);
      });
    } finally {
      this.waiters.delete(wake);
      clearTimeout(timer);
    }
    return this.to(address);
  }

  /** All messages sent to an address so far. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
