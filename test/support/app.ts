import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/platform/config.js';
import type { Ctx } from '../../src/platform/context.js';
import { type Database, queryRows } from '../../src/platform/db/client.js';
import { buildApp } from '../../src/platform/http/app.js';
import { ANON_COOKIE, SESSION_COOKIE } from '../../src/platform/http/cookies.js';
import { platformJobs } from '../../src/platform/jobs/platform-jobs.js';
import { articleJobs } from '../../src/portal/articles/publish-scheduled.js';
import { type Worker, startWorker } from '../../src/platform/jobs/worker.js';
import { createLogger } from '../../src/platform/logger.js';
import { MAIL_JOB_NAME, mailJob } from '../../src/platform/mail/mail-job.js';
import { createMailer } from '../../src/platform/mail/mailer.js';
import { SMS_JOB_NAME, smsJob } from '../../src/platform/sms/sms-job.js';
import { createSmsSender } from '../../src/platform/sms/sms.js';
import { paymentDeps } from '../../src/services/payments/payment-rules.js';
import { paymentJobs } from '../../src/services/payments/poll-pending-payments.js';
import { makeSecrets, type Secrets } from '../../src/platform/secrets.js';
import { createSession } from '../../src/platform/auth/sessions.js';
import { openTestDatabase } from './db.js';
import { LocalFileStorage } from '../../src/platform/storage/local-storage.js';
import type { FileStorage } from '../../src/platform/storage/storage.js';
import { dossierJobs } from '../../src/services/dossiers/deadline-jobs.js';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** A clock tests can move: sessions, lockouts and deadlines read it through ctx.now. */
export class TestClock {
  /** Browser tests use the wall clock: the browser and an authenticator app live in real time. */
  real = false;
  constructor(public current = new Date('2026-03-02T02:00:00.000Z')) {}
  now = (): Date => (this.real ? new Date() : new Date(this.current.getTime()));
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export type TestEnv = {
  database: Database;
  app: FastifyInstance;
  secrets: Secrets;
  config: Config;
  /** The app's file storage, in the env's private data directory. */
  storage: FileStorage;
  clock: TestClock;
  /** Runs the jobs the app files (mail among them) on the test database, as the server's worker does. */
  worker: Worker;
  /**
   * How many `mail.send` jobs were ever filed in this database. A test that expects no mail checks this did not
   * grow: no job, no message, with nothing to wait for.
   */
  mailJobsFiled(): Promise<number>;
  /** How many `sms.send` jobs were ever filed in this database. */
  smsJobsFiled(): Promise<number>;
  ctx(actor?: Ctx['actor']): Ctx;
  close(): Promise<void>;
};

/** An idle worker looks for due jobs this often, so mail reaches a test's SMTP sink soon after the page answers. */
const TEST_POLL_MS = 100;

export async function makeTestEnv(overrides: Record<string, string> = {}): Promise<TestEnv> {
  const database = await openTestDatabase();
  // A private data directory, so an outbox written without SMTP_URL never lands in the working tree.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congso-env-'));
  const config = loadConfig({ CONGSO_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', CONGSO_DEMO: 'false', CONGSO_DATA_DIR: dataDir, ...overrides });
  const secrets = makeSecrets(TEST_SECRET);
  const clock = new TestClock();
  const storage = new LocalFileStorage({ root: config.filesDir, maxBytes: config.maxUploadBytes });
  const log = createLogger('silent');
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir }, log);
  const sms = createSmsSender({ gateway: config.sms, dataDir: config.dataDir }, log);
  // The polling job is listed but not scheduled: tests run it when they mean to.
  const payments = paymentJobs(paymentDeps(config, storage));
  const worker = await startWorker({ database, log, handlers: [...platformJobs, ...articleJobs, mailJob({ secrets, mailer }), smsJob({ secrets, sender: sms }), ...payments.jobs, ...dossierJobs({ baseUrl: config.baseUrl, secrets })], pollMs: TEST_POLL_MS, now: clock.now });
  let app: FastifyInstance;
  try {
    app = await buildApp({ config, database, secrets, storage, now: clock.now }, log);
    await app.ready();
  } catch (err) {
    await worker.stop();
    await database.close();
    throw err;
  }
  return {
    database,
    app,
    secrets,
    storage,
    config,
    clock,
    worker,
    mailJobsFiled: async () => {
      const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pgboss.job where name = ${MAIL_JOB_NAME}`);
      return row!.n;
    },
    smsJobsFiled: async () => {
      const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pgboss.job where name = ${SMS_JOB_NAME}`);
      return row!.n;
    },
    ctx: (actor = null) => ({ db: database.db, actor, now: clock.now, ip: '127.0.0.1', requestId: 'test', locale: 'vi', log: log as never }),
    close: async () => {
      await app.close();
      await worker.stop();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Form = Record<string, string | string[]>;

/**
 * A browser-like client over inject(): keeps cookies and knows its CSRF token, so tests read like a person
 * using the site.
 */
export class TestClient {
  cookies = new Map<string, string>();
  sessionId: string | null = null;
  constructor(private env: TestEnv) {
    this.cookies.set(ANON_COOKIE, 'test-anon-cookie-value-123');
  }

  get csrf(): string {
    return this.env.secrets.csrfToken(this.sessionId ? `sid:${this.sessionId}` : `anon:${this.cookies.get(ANON_COOKIE)}`);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() <= Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.keep(await this.env.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  /** Submits a form with the right CSRF token unless the test gives its own. */
  async post(url: string, form: Form = {}, opts: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token !== null) body.append('_csrf', token);
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.keep(
      await this.env.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }

  async json(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.env.app.inject({
        method,
        url,
        headers: { cookie: this.cookieHeader(), 'x-csrf-token': this.csrf, accept: 'application/json', ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
      }),
    );
  }

  /** Signs in without the form: a full session for the user, as after password and second factor. */
  async signInAs(userId: string): Promise<this> {
    const s = await createSession(this.env.database.db, {
      userId,
      stage: 'active',
      mfaVerified: true,
      ip: '127.0.0.1',
      userAgent: 'test',
      now: this.env.clock.now(),
      policy: { idleMinutes: this.env.config.sessionIdleMinutes, maxHours: this.env.config.sessionMaxHours },
    });
    this.cookies.set(SESSION_COOKIE, s.token);
    this.sessionId = s.id;
    return this;
  }

  /** Follows the session the server set (after a sign-in through the form). */
  async adoptSessionFromCookie(): Promise<void> {
    const token = this.cookies.get(SESSION_COOKIE);
    if (!token) {
      this.sessionId = null;
      return;
    }
    const { sha256 } = await import('../../src/platform/secrets.js');
    const { sessions } = await import('../../src/platform/schema.js');
    const { eq } = await import('drizzle-orm');
    const [row] = await this.env.database.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.tokenHash, sha256(token)));
    this.sessionId = row?.id ?? null;
  }
}
