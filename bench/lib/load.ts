import autocannon, { type Request } from 'autocannon';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { round } from './stats.js';
import type { Metric } from './types.js';

export type LoadResult = {
  /** Mean of autocannon's per-second samples. */
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  completed: number;
  /** Responses by status code, e.g. { '303': 812 }. */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Responses with a status other than the expected one. */
  unexpected: number;
};

export type LoadOptions = {
  url: string;
  connections: number;
  durationSeconds: number;
  /** The status every response must have; anything else is counted as unexpected. */
  expectStatus: number;
  request: Request;
};

/** Drives a fixed-duration load at 127.0.0.1 with autocannon, in this process. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const target = new URL(opts.url);
  if (target.hostname !== '127.0.0.1') throw new Error(`load is only generated against 127.0.0.1, not ${target.hostname}`);
  const r = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.durationSeconds,
    timeout: 30,
    requests: [opts.request],
  });
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count]));
  const completed = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    reqPerSec: round(r.requests.average, 1),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    completed,
    statuses,
    errors: r.errors,
    timeouts: r.timeouts,
    unexpected: completed - (statuses[String(opts.expectStatus)] ?? 0),
  };
}

export function loadMetrics(r: LoadResult): Metric[] {
  return [
    { label: 'throughput', value: r.reqPerSec, unit: 'req/s' },
    { label: 'latency p50', value: r.p50Ms, unit: 'ms' },
    { label: 'latency p99', value: r.p99Ms, unit: 'ms' },
    { label: 'latency max', value: r.maxMs, unit: 'ms' },
    { label: 'responses', value: r.completed, unit: 'count' },
    { label: 'unexpected responses', value: r.unexpected, unit: 'count' },
    { label: 'socket errors + timeouts', value: r.errors + r.timeouts, unit: 'count' },
  ];
}

/** A load result that is not all-expected is still reported, with a note saying what came back. */
export function loadNote(r: LoadResult, expectStatus: number): string | undefined {
  if (r.unexpected === 0 && r.errors === 0 && r.timeouts === 0) return undefined;
  const codes = Object.entries(r.statuses)
    .filter(([code]) => code !== String(expectStatus))
    .map(([code, n]) => `${n}×${code}`)
    .join(', ');
  return `expected only ${expectStatus}; got ${codes || 'none other'}, ${r.errors} errors, ${r.timeouts} timeouts`;
}

export const SIGN_IN_PATH = '/quan-tri/dang-nhap';
/** An editor: no second factor and no forced password change, so a right password ends in a full session. */
export const DEMO_LOGIN = { username: 'bientap', password: DEMO_PASSWORD } as const;

/** The anonymous CSRF pair a browser gets with the sign-in page: the congso_anon cookie and the form's _csrf. */
export async function fetchSignInForm(baseUrl: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${baseUrl}${SIGN_IN_PATH}`);
  const html = await res.text();
  if (res.status !== 200) throw new Error(`GET ${SIGN_IN_PATH} answered ${res.status}`);
  const anon = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('congso_anon='));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!anon || !csrf) throw new Error('the sign-in page gave no anonymous cookie or no _csrf field');
  return { cookie: anon, csrf };
}

/**
 * Sign-in is rate-limited per client address (20 a minute). A real province's officials sign in from many
 * addresses behind the reverse proxy, so the server runs with CONGSO_TRUST_PROXY=1 and every request carries
 * its own X-Forwarded-For: the figure is the cost of signing in, not of the limiter refusing.
 */
let clientCounter = 0;
export function nextClientAddress(): string {
  const n = ++clientCounter;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export const signInServerEnv = { CONGSO_TRUST_PROXY: '1' } as const;

export function signInBody(csrf: string, login: { username: string; password: string } = DEMO_LOGIN): string {
  return new URLSearchParams({ _csrf: csrf, username: login.username, password: login.password, next: '/quan-tri' }).toString();
}

/**
 * One real sign-in before the load, so a 303 in the load is known to mean "signed in" (a refused sign-in
 * re-renders the form with 422) and the session cookie is really issued.
 */
export async function checkSignIn(baseUrl: string, form: { cookie: string; csrf: string }): Promise<void> {
  const res = await fetch(`${baseUrl}${SIGN_IN_PATH}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie, 'x-forwarded-for': nextClientAddress() },
    body: signInBody(form.csrf),
  });
  await res.arrayBuffer();
  const location = res.headers.get('location');
  const session = res.headers.getSetCookie().some((c) => c.startsWith('congso_sid='));
  if (res.status !== 303 || location !== '/quan-tri' || !session) {
    throw new Error(`demo sign-in failed: ${res.status} → ${location ?? '(no location)'}, session cookie ${session ? 'set' : 'missing'}`);
  }
}

/** Official password sign-ins at a fixed concurrency and duration; each success is a 303 to /quan-tri. */
export async function signInLoad(baseUrl: string, opts: { connections: number; durationSeconds: number }): Promise<LoadResult> {
  const form = await fetchSignInForm(baseUrl);
  await checkSignIn(baseUrl, form);
  return runLoad({
    url: baseUrl,
    connections: opts.connections,
    durationSeconds: opts.durationSeconds,
    expectStatus: 303,
    request: {
      method: 'POST',
      path: SIGN_IN_PATH,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
      body: signInBody(form.csrf),
      setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': nextClientAddress() } }),
    },
  });
}

/** GET of the sign-in page as a first-time visitor (no cookies): a cheap server-rendered page. */
export function signInPageLoad(baseUrl: string, opts: { connections: number; durationSeconds: number }): Promise<LoadResult> {
  return runLoad({
    url: baseUrl,
    connections: opts.connections,
    durationSeconds: opts.durationSeconds,
    expectStatus: 200,
    request: { method: 'GET', path: SIGN_IN_PATH },
  });
}
