import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { projectRoot } from '../../src/platform/paths.js';
import { adminUrl } from '../support/template.js';

/** Generous on purpose: a loaded 2-core machine compiles TypeScript and runs initdb before the first line. */
export const START_TIMEOUT = 120_000;

/**
 * The skip reason in the PostgreSQL run for a test that runs the embedded engine, or no database at all, whatever
 * DATABASE_URL says: the embedded run has already run it as it is, so running it again only costs CI time.
 */
export const EMBEDDED_RUN_ONLY: string | false = process.env.DATABASE_URL ? 'covered by the embedded run: this test does not use DATABASE_URL' : false;

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

/**
 * A congso process started the way an operator starts it, with its output collected line by line so a test
 * can wait for a line instead of sleeping.
 */
export class CongsoProcess {
  readonly child: ChildProcess;
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<Exit>;
  private waiters: { re: RegExp; resolve: (line: string) => void }[] = [];
  private exit: Exit | null = null;

  /** Runs the production bundle (`npm test` builds it first), as `npm start` does. */
  constructor(entry: 'dist/main.js' | 'dist/cli.js', args: string[], env: Record<string, string>) {
    // The test runner's own settings (DATABASE_URL, NODE_ENV) must not leak in: each test says what it wants.
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|CONGSO_|PORT$|HOST$|LOG_LEVEL$|NODE_ENV$|NODE_TEST)/.test(k)));
    this.child = spawn(process.execPath, ['--enable-source-maps', entry, ...args], {
      cwd: projectRoot,
      env: { ...base, CONGSO_SECRET: 'ops-test-secret-ops-test-secret-0123456789', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.collect(this.child.stdout!, this.stdout);
    this.collect(this.child.stderr!, this.stderr);
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  private collect(stream: NodeJS.ReadableStream, into: string[]) {
    createInterface({ input: stream }).on('line', (line) => {
      into.push(line);
      this.waiters = this.waiters.filter((w) => {
        if (!w.re.test(line)) return true;
        w.resolve(line);
        return false;
      });
    });
  }

  /** The first line of stdout or stderr matching re, already printed or still to come. */
  waitForLine(re: RegExp, timeoutMs = START_TIMEOUT): Promise<string> {
    const seen = [...this.stdout, ...this.stderr].find((l) => re.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${timeoutMs} ms; output:\n${this.output()}`)), timeoutMs);
      const waiter = {
        re,
        resolve: (line: string) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      this.waiters.push(waiter);
      void this.exited.then(() => {
        // Give readline the chance to deliver the last lines before giving up on the process.
        setImmediate(() => {
          if (!this.waiters.includes(waiter)) return;
          clearTimeout(timer);
          reject(new Error(`process exited (${JSON.stringify(this.exit)}) before a line matching ${re}; output:\n${this.output()}`));
        });
      });
    });
  }

  /** The exit code once the process has ended. */
  exitCode(): number | null {
    return this.exit?.code ?? null;
  }

  /** The base URL the server printed, e.g. http://127.0.0.1:41234. */
  async url(): Promise<string> {
    const line = await this.waitForLine(/congso đang chạy tại http:\/\//);
    return /(http:\/\/[^\s]+)/.exec(line)![1]!;
  }

  output(): string {
    return `--- stdout\n${this.stdout.join('\n')}\n--- stderr\n${this.stderr.join('\n')}`;
  }

  /** Ends the process if it still runs, and waits for it; safe to call from after hooks more than once. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
    if (this.exit) return this.exit;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    const e = await this.exited;
    clearTimeout(timer);
    return e;
  }
}

export function startCongso(env: Record<string, string>): CongsoProcess {
  return new CongsoProcess('dist/main.js', [], { PORT: '0', HOST: '127.0.0.1', ...env });
}

export function runCli(args: string[], env: Record<string, string>): CongsoProcess {
  return new CongsoProcess('dist/cli.js', args, env);
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'congso-ops-'));
}

/** A plain HTTP request outside any test harness, as a browser or a probe sends it. */
export function request(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Polls until the probe returns true; for readiness, never for correctness of the thing under test. */
export async function until(probe: () => Promise<boolean>, timeoutMs = START_TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A fresh, empty PostgreSQL database next to the one DATABASE_URL names; drop() removes it. */
export async function freshPostgres(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `congso_ops_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: adminUrl(url, name),
    drop: async () => {
      const a = new pg.Client({ connectionString: adminUrl(url) });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Cookies from Set-Cookie headers, as a browser would keep them for the next request. */
export function cookiesFrom(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of headers['set-cookie'] ?? []) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    out[pair!.slice(0, i)] = pair!.slice(i + 1);
  }
  return out;
}

export function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}

/** Opens the official sign-in page as a browser does: the anonymous cookie and the form's CSRF token. */
export async function openSignInForm(base: string): Promise<{ cookies: Record<string, string>; csrf: string }> {
  const page = await request(`${base}/quan-tri/dang-nhap`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error(`no CSRF token on the sign-in page (status ${page.status})`);
  return { cookies: cookiesFrom(page.headers), csrf };
}
