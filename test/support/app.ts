import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/platform/config.js';
import type { Ctx } from '../../src/platform/context.js';
import type { Database } from '../../src/platform/db/client.js';
import { buildApp } from '../../src/platform/http/app.js';
import { ANON_COOKIE, SESSION_COOKIE } from '../../src/platform/http/cookies.js';
import { createLogger } from '../../src/platform/logger.js';
import { makeSecrets, type Secrets } from '../../src/platform/secrets.js';
import { createSession } from '../../src/platform/auth/sessions.js';
import { openTestDatabase } from './db.js';

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
  clock: TestClock;
  ctx(actor?: Ctx['actor']): Ctx;
  close(): Promise<void>;
};

export async function makeTestEnv(overrides: Record<string, string> = {}): Promise<TestEnv> {
  const database = await openTestDatabase();
  const config = loadConfig({ CONGSO_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', CONGSO_DEMO: 'false', ...overrides });
  const secrets = makeSecrets(TEST_SECRET);
  const clock = new TestClock();
  const log = createLogger('silent');
  const app = await buildApp({ config, database, secrets, now: clock.now }, log);
  await app.ready();
  return {
    database,
    app,
    secrets,
    config,
    clock,
    ctx: (actor = null) => ({ db: database.db, actor, now: clock.now, ip: '127.0.0.1', requestId: 'test', locale: 'vi', log: log as never }),
    close: async () => {
      await app.close();
      await database.close();
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
