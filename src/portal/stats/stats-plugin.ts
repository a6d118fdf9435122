import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isbot } from 'isbot';
import type { ViewTarget } from '../cache/page-cache.js';
import { DEFAULT_FLUSH_MS, VisitCounter } from './visit-counter.js';
import { visitSharingOfThisProcess } from './visit-relay.js';

declare module 'fastify' {
  interface FastifyInstance {
    visitCounter: VisitCounter;
    /** Counts a view of a site's page by a browser (crawlers are not counted). */
    countView(view: ViewTarget, visitor: { ip: string; userAgent: string }): void;
  }
  interface FastifyRequest {
    /** What this page view counts towards in the visitor statistics, when it is a view of a site's page. */
    portalView: ViewTarget | null;
  }
}


/** isbot's pattern is long and the same few browsers ask again and again, so its answers are kept (bounded). */
const botVerdicts = new Map<string, boolean>();
function isCrawler(userAgent: string): boolean {
  let verdict = botVerdicts.get(userAgent);
  if (verdict === undefined) {
    verdict = isbot(userAgent);
    if (botVerdicts.size >= 5_000) botVerdicts.clear();
    botVerdicts.set(userAgent, verdict);
  }
  return verdict;
}

/**
 * Counts views of site pages (rendered or from the page cache) after they are answered, and writes the counts every
 * few seconds and on shutdown. Crawlers and clients without a browser signature are not counted.
 */
async function visitStatsPlugin(app: FastifyInstance, opts: { flushMs?: number }): Promise<void> {
  // A web process started by a primary shares its visitor-hash secret and reports to it (visit-relay.ts).
  const sharing = visitSharingOfThisProcess();
  const counter = new VisitCounter(sharing?.secret, sharing?.relay ?? null);
  const unlisten = sharing?.listen(counter);
  const now = app.deps.now ?? (() => new Date());
  app.decorate('visitCounter', counter);
  app.decorate('countView', (view: ViewTarget, visitor: { ip: string; userAgent: string }) => {
    if (!visitor.userAgent || isCrawler(visitor.userAgent)) return;
    counter.record(view, visitor, now());
  });
  app.decorateRequest('portalView', null);

  app.addHook('onResponse', async (req, reply) => {
    const view = req.portalView;
    if (!view || req.method !== 'GET' || (reply.statusCode !== 200 && reply.statusCode !== 304)) return;
    // Pages only: a site's feeds, sitemap and theme file are fetched by programs, not read by people.
    if (reply.statusCode === 200 && !String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return;
    app.countView(view, { ip: req.ip ?? '', userAgent: req.headers['user-agent'] ?? '' });
  });

  const flush = async () => {
    try {
      await counter.flush(app.deps.database.db);
    } catch (err) {
      app.log.warn({ err }, 'visit counts not written yet; kept for the next flush');
    }
  };
  const timer = setInterval(() => void flush(), opts.flushMs ?? DEFAULT_FLUSH_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    unlisten?.();
    await sharing?.relay.stop();
    // The last counts are written before the database closes (the server closes the app first).
    await counter.flush(app.deps.database.db);
  });
}

export default fp(visitStatsPlugin, { name: 'congso-visit-stats' });
