import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { type CachedAnswerDeps, anonymousRead, answerFromCache, cacheKey, encodingFor, validatorHeaders, wasLookedUp, writeCachedPage } from './cached-answer.js';
import { PAGE_CACHE_CHANNEL, invalidationsSent, pageTags } from './invalidate-pages.js';
import { PageCache } from './page-cache.js';

declare module 'fastify' {
  interface FastifyInstance {
    pageCache: PageCache;
    /** Writes the kept page for a bare Node request and returns true, or returns false to let Fastify handle it. */
    answerFromCache(req: IncomingMessage, res: ServerResponse): boolean;
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

  const answerDeps: CachedAnswerDeps = {
    cache,
    trustProxy: app.deps.config.trustProxy,
    countView: (view, visitor) => app.countView(view, visitor),
    // The hit's log line holds only the request id, method, path (query values dropped by the serializer), status and
    // time, so it skips redaction, which costs three times the rest of writing the line.
    log: app.log.child({}, { redact: [] }),
  };
  // The server hands every request to this first (app.ts): a hit is written before Fastify builds a request for it.
  let closing = false;
  app.decorate('answerFromCache', (req: IncomingMessage, res: ServerResponse) => enabled && !closing && answerFromCache(answerDeps, req, res));
  app.addHook('preClose', async () => {
    closing = true;
  });

  // Requests that reach Fastify: misses (marked to be stored), and hits of requests that did not come through the
  // server (inject in tests), answered the same way. Registered before the security headers, cookies and session.
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') req.invalidationsBefore = invalidationsSent();
    if (!enabled || req.routeOptions.config.pageCache !== true || !anonymousRead(req.method, req.headers.cookie)) return;
    const key = cacheKey(req.hostname, req.headers.cookie, req.url);
    const hit = wasLookedUp(req.raw) ? null : cache.get(key);
    if (!hit) {
      req.pageCacheKey = key;
      req.pageCacheEpoch = cache.begin();
      return;
    }
    reply.hijack();
    // Fastify logs this one (app.ts), so the writer does not.
    writeCachedPage({ ...answerDeps, log: null }, req.raw, reply.raw, hit, req.id, performance.now());
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
    reply.headers(validatorHeaders(entry));
    const { encoding, body } = encodingFor(req.headers['accept-encoding'], entry);
    if (encoding) reply.header('content-encoding', encoding);
    return body;
  });
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

export default fp(pageCachePlugin, { name: 'congso-page-cache', dependencies: ['congso-visit-stats'] });
