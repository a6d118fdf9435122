import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { FLASH_COOKIE, LANG_COOKIE, SESSION_COOKIE } from '../../platform/http/cookies.js';
import type { CachedPage, PageCache, ViewTarget } from './page-cache.js';

/** What answering from the cache needs from the app: the cache, whether to believe proxy headers, and where a view and a log line go. */
export type CachedAnswerDeps = {
  cache: PageCache;
  trustProxy: boolean;
  countView(view: ViewTarget, visitor: { ip: string; userAgent: string }): void;
  /** Where the request's log line goes; null when the caller logs the request itself. */
  log: FastifyBaseLogger | null;
};

const sessionCookie = new RegExp(`(?:^|;\\s*)(?:${SESSION_COOKIE}|${FLASH_COOKIE})=`);
const langCookie = new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=(vi|en)(?:;|$)`);
const givenRequestId = /^[\w.-]{8,64}$/;

/** The request id a caller (a proxy, a test) gave, or a new one; the same rule as the app's genReqId. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && givenRequestId.test(given) ? given : randomUUID();
}

/** Whether a request of this method and these cookies may be answered from, and stored in, the cache. */
export function anonymousRead(method: string | undefined, cookie: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && !sessionCookie.test(cookie ?? '');
}

/** The language is part of the key because the chrome's labels follow the visitor's language choice. */
export function cacheKey(hostname: string, cookie: string | undefined, url: string): string {
  const lang = langCookie.exec(cookie ?? '')?.[1] ?? 'vi';
  return `${hostname.toLowerCase()}|${lang}|${url}`;
}

const lastEntry = (v: string) => v.slice(v.lastIndexOf(',') + 1).trim();

/** Host name as Fastify's request.hostname gives it (proxy header when trusted, port and IPv6 brackets handled alike). */
export function hostnameOf(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-host'];
  const host = trustProxy && typeof forwarded === 'string' && forwarded ? lastEntry(forwarded) : (req.headers.host ?? '');
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':', 1)[0]!;
}

/** Client address as Fastify's request.ip gives it: with every proxy trusted, the first X-Forwarded-For entry. */
export function clientIpOf(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string' && forwarded.trim()) return forwarded.split(',', 1)[0]!.trim();
  return req.socket?.remoteAddress ?? '';
}

/** The stored variant this client takes: brotli, then gzip, else the plain bytes. */
export function encodingFor(acceptEncoding: string | string[] | undefined, entry: CachedPage): { encoding: 'br' | 'gzip' | null; body: Buffer } {
  const accepted = acceptedEncodings(acceptEncoding);
  if (accepted.has('br')) return { encoding: 'br', body: entry.br };
  if (accepted.has('gzip')) return { encoding: 'gzip', body: entry.gzip };
  return { encoding: null, body: entry.raw };
}

function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) out.add(name);
  }
  return out;
}

/** Validators and caching rules: browsers and proxies may keep the page but must ask again, so a change shows at once. */
export function validatorHeaders(entry: CachedPage): Record<string, string> {
  return { etag: entry.etag, 'last-modified': entry.lastModified.toUTCString(), 'cache-control': 'public, no-cache', vary: 'Accept-Encoding' };
}

function notModified(req: IncomingMessage, entry: CachedPage): boolean {
  const inm = req.headers['if-none-match'];
  if (inm) return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === entry.etag);
  const ims = req.headers['if-modified-since'];
  if (ims) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && entry.lastModified.getTime() <= since;
  }
  return false;
}

type Variant = { headers: string[]; body: Buffer };
/** Each kept page's answers, headers flattened once: a hit then only adds its request id. */
type Prepared = { br: Variant; gzip: Variant; raw: Variant; notModified: string[] };
const prepared = new WeakMap<CachedPage, Prepared>();

function flatten(headers: Record<string, string | number>): string[] {
  return Object.entries(headers).flatMap(([k, v]) => [k, String(v)]);
}

function prepare(entry: CachedPage): Prepared {
  let p = prepared.get(entry);
  if (!p) {
    const common = { ...entry.headers, ...validatorHeaders(entry) };
    const variant = (encoding: string | null, body: Buffer): Variant => ({
      headers: flatten({ ...common, 'content-type': entry.contentType, ...(encoding ? { 'content-encoding': encoding } : {}), 'content-length': body.length }),
      body,
    });
    p = { br: variant('br', entry.br), gzip: variant('gzip', entry.gzip), raw: variant(null, entry.raw), notModified: flatten(common) };
    prepared.set(entry, p);
  }
  return p;
}

/**
 * Writes a kept page to the bare Node response, counts the view and logs the request. It runs before Fastify builds
 * its request, routes it or runs a hook: a hit costs little more than writing the bytes, which is what lets one
 * process keep up with a static file server. The page carries the security headers it was first sent with.
 */
export function writeCachedPage(deps: CachedAnswerDeps, req: IncomingMessage, res: ServerResponse, entry: CachedPage, requestId: string, started: number): void {
  const p = prepare(entry);
  const fresh = notModified(req, entry);
  const status = fresh ? 304 : 200;
  if (fresh) {
    res.writeHead(304, [...p.notModified, 'x-request-id', requestId]);
    res.end();
  } else {
    const v = p[encodingFor(req.headers['accept-encoding'], entry).encoding ?? 'raw'];
    res.writeHead(200, [...v.headers, 'x-request-id', requestId]);
    res.end(req.method === 'HEAD' ? undefined : v.body);
  }
  if (entry.view && req.method === 'GET') {
    const userAgent = req.headers['user-agent'] ?? '';
    if (userAgent) deps.countView(entry.view, { ip: clientIpOf(req, deps.trustProxy), userAgent });
  }
  deps.log?.info({ reqId: requestId, req: { id: requestId, method: req.method, url: req.url }, res: { statusCode: status }, responseTime: performance.now() - started, cache: 'hit' }, 'request completed');
}

/**
 * Answers a request from the page cache if it can, before the app sees it; false leaves it to the app (which then
 * knows the cache was already asked, see lookedUp).
 */
export function answerFromCache(deps: CachedAnswerDeps, req: IncomingMessage, res: ServerResponse): boolean {
  const started = performance.now();
  if (!anonymousRead(req.method, req.headers.cookie)) return false;
  const url = req.url ?? '/';
  const entry = deps.cache.get(cacheKey(hostnameOf(req, deps.trustProxy), req.headers.cookie, url));
  if (!entry) {
    markLookedUp(req);
    return false;
  }
  writeCachedPage(deps, req, res, entry, requestIdOf(req), started);
  return true;
}

const lookedUp = new WeakSet<IncomingMessage>();
function markLookedUp(req: IncomingMessage): void {
  lookedUp.add(req);
}
/** The cache was asked for this request before the app got it, and had nothing: asking again would count a second miss. */
export function wasLookedUp(req: IncomingMessage): boolean {
  return lookedUp.has(req);
}
