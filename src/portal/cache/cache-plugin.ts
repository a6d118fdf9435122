import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { FLASH_COOKIE, LANG_COOKIE, SESSION_COOKIE } from '../../platform/http/cookies.js';
import { PAGE_CACHE_CHANNEL, invalidationsSent, pageTags } from './invalidate-pages.js';
import { type CachedPage, PageCache } from './page-cache.js';

declare module 'fastify' {
  interface FastifyInstance {
    pageCache: PageCache;
  }
  interface FastifyRequest {
    /** Set when this request may be answered from, and stored in, the page cache: the epoch it began at. */
    pageCacheEpoch: number | null;
    /** The cache key, computed once on arrival (a page may switch the language later). */
    pageCacheKey: string | null;
    /** invalidationsSent() when a write request arrived. */
    invalidationsBefore: number;
  }
  interface FastifyReply {
    /** Marks the page cacheable under these tags; pages not marked are never cached. */
    pageCacheTags: string[] | null;
  }
  interface FastifyContextConfig {
    /** The route serves public pages that are the same for every anonymous visitor. */
    pageCache?: boolean;
  }
}

/** Caches are invalidated by tags; this bound only makes sure counters and dates in the chrome move. */
const MAX_AGE_MS = 5 * 60_000;

/** How long a write waits for its own invalidations to come back before answering anyway. */
const SETTLE_TIMEOUT_MS = 2000;
const BARRIER = 'barrier:';

/**
 * The full-page cache for anonymous visitors. Routes opt in with `config: { pageCache: true }` and tag what they
 * show (`reply.pageCacheTags = [...]`). Signed-in people, and anyone with a one-shot message pending, always get a
 * fresh page. Invalidations arrive by NOTIFY from whichever process committed the change (see invalidate-pages.ts).
 */
async function pageCachePlugin(app: FastifyInstance, opts: { maxBytes: number }): Promise<void> {
  const cache = new PageCache({ maxBytes: opts.maxBytes, maxAgeMs: MAX_AGE_MS });
  app.decorate('pageCache', cache);
  app.decorateRequest('pageCacheEpoch', null);
  app.decorateRequest('pageCacheKey', null);
  app.decorateRequest('invalidationsBefore', 0);
  const barriers = new Map<string, () => void>();
  app.decorateReply('pageCacheTags', null);

  // Menus and sites are kept in memory whether or not pages are (site-routes.ts), and follow the same invalidations,
  // so this process listens even with the page cache off. Without a listener a kept page could outlive a change, so
  // no listener means no page cache (the app still serves).
  let listening = false;
  try {
    const unlisten = await app.deps.database.listen(
      PAGE_CACHE_CHANNEL,
      (payload) => {
        try {
          const tags = JSON.parse(payload) as unknown;
          if (!Array.isArray(tags)) return;
          const list = tags.filter((t): t is string => typeof t === 'string');
          if (list.length === 1 && list[0]!.startsWith(BARRIER)) barriers.get(list[0]!)?.();
          else cache.invalidate(list);
        } catch {
          cache.clear();
        }
      },
      () => cache.clear(),
    );
    listening = true;
    // Stopping to listen on a database that has already gone is nothing to report.
    app.addHook('onClose', async () => unlisten().catch(() => {}));
  } catch (err) {
    app.log.warn({ err }, 'page cache off: cannot listen for invalidations');
  }
  const enabled = listening && opts.maxBytes > 0;

  /**
   * Notifications reach a listener in commit order, so once a marker sent after the change comes back, this process
   * has dropped every page and menu the change touched: whoever made it sees it on the next page they open.
   */
  async function settle(): Promise<void> {
    const marker = `${BARRIER}${randomUUID()}`;
    let timer: NodeJS.Timeout | undefined;
    const back = new Promise<void>((resolve) => {
      barriers.set(marker, resolve);
      timer = setTimeout(resolve, SETTLE_TIMEOUT_MS);
    });
    try {
      await app.deps.database.db.execute(sql`select pg_notify(${PAGE_CACHE_CHANNEL}, ${JSON.stringify([marker])})`);
      await back;
    } finally {
      clearTimeout(timer);
      barriers.delete(marker);
    }
  }

  // Registered before the security headers, cookies and session (app.ts): a hit is answered here with the headers
  // the page was first sent with, and costs no session lookup, cookie or form token.
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') req.invalidationsBefore = invalidationsSent();
    if (!enabled || !cacheable(req)) return;
    const key = cacheKey(req);
    const hit = cache.get(key);
    if (!hit) {
      req.pageCacheKey = key;
      req.pageCacheEpoch = cache.begin();
      return;
    }
    req.portalView = hit.contentType.startsWith('text/html') ? hit.view : null;
    return sendCached(req, reply, hit);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (listening && req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 400 && invalidationsSent() !== req.invalidationsBefore) {
      await settle();
      return payload;
    }
    if (req.pageCacheEpoch === null || req.pageCacheKey === null || reply.statusCode !== 200 || !reply.pageCacheTags || typeof payload !== 'string') return payload;
    // A page that started a visitor's session or form token is theirs alone.
    if (reply.hasHeader('set-cookie') || req.session) return payload;
    const contentType = String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8');
    const entry = cache.store(req.pageCacheKey, req.pageCacheEpoch, {
      contentType,
      headers: sharedHeaders(reply),
      body: payload,
      tags: [...reply.pageCacheTags, pageTags.allChromes()],
      view: req.portalView,
    });
    if (!entry) return payload;
    return encodeFor(req, reply, entry);
  });
}

const sessionCookie = new RegExp(`(?:^|;\\s*)(?:${SESSION_COOKIE}|${FLASH_COOKIE})=`);
const langCookie = new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=(vi|en)(?:;|$)`);

/** Read from the raw header: cookies are parsed later, and only for requests the cache does not answer. */
function cacheable(req: FastifyRequest): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && req.routeOptions.config.pageCache === true && !sessionCookie.test(req.headers.cookie ?? '');
}

/** The language is part of the key because the chrome's labels follow the visitor's language choice. */
function cacheKey(req: FastifyRequest): string {
  const lang = langCookie.exec(req.headers.cookie ?? '')?.[1] ?? 'vi';
  return `${req.hostname.toLowerCase()}|${lang}|${req.url}`;
}

/** Headers every answer carries whatever the page (the security policy and its kin), kept to send with hits. */
const perResponse = new Set(['content-type', 'content-length', 'set-cookie', 'etag', 'last-modified', 'cache-control', 'vary', 'content-encoding', 'x-request-id', 'date', 'connection', 'keep-alive', 'transfer-encoding']);
function sharedHeaders(reply: FastifyReply): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (!perResponse.has(name.toLowerCase()) && value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function sendCached(req: FastifyRequest, reply: FastifyReply, entry: CachedPage): FastifyReply {
  if (notModified(req, entry)) {
    reply.headers(entry.headers);
    setValidators(reply, entry);
    return reply.code(304).send();
  }
  // onSend will not store it again: the epoch stays null on a hit.
  reply.headers(entry.headers);
  reply.type(entry.contentType);
  return reply.send(encodeFor(req, reply, entry));
}

function notModified(req: FastifyRequest, entry: CachedPage): boolean {
  const inm = req.headers['if-none-match'];
  if (inm) return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === entry.etag);
  const ims = req.headers['if-modified-since'];
  if (ims) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && entry.lastModified.getTime() <= since;
  }
  return false;
}

function setValidators(reply: FastifyReply, entry: CachedPage): void {
  reply.header('etag', entry.etag);
  reply.header('last-modified', entry.lastModified.toUTCString());
  // Browsers and proxies may keep it but must ask again, so a published change shows at once.
  reply.header('cache-control', 'public, no-cache');
  reply.header('vary', 'Accept-Encoding');
}

function encodeFor(req: FastifyRequest, reply: FastifyReply, entry: CachedPage): Buffer {
  setValidators(reply, entry);
  const accepted = acceptedEncodings(req.headers['accept-encoding']);
  if (accepted.has('br')) {
    reply.header('content-encoding', 'br');
    return entry.br;
  }
  if (accepted.has('gzip')) {
    reply.header('content-encoding', 'gzip');
    return entry.gzip;
  }
  return entry.raw;
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

export default fp(pageCachePlugin, { name: 'congso-page-cache', dependencies: ['congso-visit-stats'] });
