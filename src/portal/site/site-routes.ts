import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Queryable } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { sites } from '../schema.js';
import { RESERVED_SITE_SLUGS, siteBase } from '../urls.js';
import { type Site, type SiteChrome, loadSiteChrome, onSiteChromeInvalidated } from './chrome.js';
import { pageTags } from '../cache/invalidate-pages.js';
import { type SiteCounters, type WrittenCounters, withPending, writtenCounters } from '../stats/queries.js';
import { vnToday } from '../../platform/dates.js';

export type { Site, SiteChrome } from './chrome.js';

/**
 * The site a public request reached and how: `base` is the path prefix of its links ("" for the provincial portal
 * and for a site on its own host, "/{slug}" otherwise), `locale` comes from the path ("/en/…" is English).
 */
export type SiteScope = {
  site: Site;
  base: string;
  locale: 'vi' | 'en';
  chrome: SiteChrome;
  /**
   * The site's one preferred absolute address without trailing slash (its own host, else the portal's base URL
   * and slug), for canonical links, Open Graph, feeds and sitemaps; whatever way the visitor came by.
   */
  canonicalRoot?: string;
  /** The footer's visit counters, as of this render. */
  counters?: SiteCounters;
};

export type SiteRequest<P = Record<string, string>> = FastifyRequest<{ Params: P; Querystring: Record<string, string | undefined> }>;
export type SiteHandler<P = Record<string, string>> = (req: SiteRequest<P>, reply: FastifyReply, scope: SiteScope) => unknown;

type Options = {
  /** Answers "/" when no site is reached without a slug (no provincial portal yet); a 404 otherwise. */
  fallback?: (req: FastifyRequest, reply: FastifyReply) => unknown;
};

const slugShape = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The site on this host, else the provincial portal; one query. */
async function siteForHost(db: Queryable, hostname: string): Promise<Site | null> {
  const host = hostname.toLowerCase();
  const [row] = await db
    .select()
    .from(sites)
    .where(and(eq(sites.active, true), or(sql`lower(${sites.host}) = ${host}`, eq(sites.isMain, true))))
    // A site with its own host name wins over the portal, which every unknown host falls back to.
    .orderBy(sql`(lower(${sites.host}) = ${host}) desc nulls last`, asc(sites.isMain))
    .limit(1);
  return row ?? null;
}

async function siteForSlug(db: Queryable, slug: string): Promise<Site | null> {
  // A reserved word is never a site, and the portal is only ever at "/": one address per page.
  if (RESERVED_SITE_SLUGS.has(slug) || !slugShape.test(slug)) return null;
  const [row] = await db
    .select()
    .from(sites)
    .where(and(eq(sites.slug, slug), eq(sites.active, true), eq(sites.isMain, false)));
  return row ?? null;
}

type Resolver = { sites: Map<string, Site | null>; counters: Map<string, { at: number; flushes: number; value: WrittenCounters }> };
const resolvers = new WeakMap<object, Resolver>();

/** The written part of the footer counters is read at most this often (what is pending is added live). */
const COUNTERS_TTL_MS = 5_000;

/**
 * Sites by host or slug, and their footer counters, kept per app (one app, one database). A site rarely changes;
 * when one does, its writers invalidate the chrome tags (site-rules.ts), which reach every process through the page
 * cache's notifications, and the kept sites go with them.
 */
function resolverFor(app: FastifyInstance): Resolver {
  let r = resolvers.get(app.pageCache);
  if (!r) {
    const fresh: Resolver = { sites: new Map(), counters: new Map() };
    app.pageCache.onInvalidate((tags) => {
      if (tags === 'all' || tags.some((t) => t.startsWith('chrome:'))) fresh.sites.clear();
    });
    // A change made by this process is seen at once, before its notification comes back.
    onSiteChromeInvalidated(() => fresh.sites.clear());
    resolvers.set(app.pageCache, fresh);
    r = fresh;
  }
  return r;
}

async function resolveSite(app: FastifyInstance, db: Queryable, bySlug: boolean, key: string): Promise<Site | null> {
  const { sites: kept } = resolverFor(app);
  const cacheKey = `${bySlug ? 'slug' : 'host'}:${key}`;
  if (kept.has(cacheKey)) return kept.get(cacheKey)!;
  const site = bySlug ? await siteForSlug(db, key) : await siteForHost(db, key);
  // Unknown slugs are not kept: anyone can make up endless ones.
  if (site || !bySlug) kept.set(cacheKey, site);
  return site;
}

async function countersFor(app: FastifyInstance, db: Queryable, siteId: string, now: Date): Promise<SiteCounters> {
  const { counters } = resolverFor(app);
  const hit = counters.get(siteId);
  // A flush moves counts from pending to written, so a copy taken before it would count them twice or not at all.
  const fresh = hit && hit.flushes === app.visitCounter.flushes && now.getTime() - hit.at < COUNTERS_TTL_MS && now.getTime() >= hit.at && hit.value.bounds.today === vnToday(now);
  const written = fresh ? hit.value : await writtenCounters(db, siteId, now);
  if (!fresh) counters.set(siteId, { at: now.getTime(), flushes: app.visitCounter.flushes, value: written });
  return withPending(app.visitCounter, siteId, now, written);
}

/** A site with a host name of its own is known by it; every other site lives under the portal's base URL. */
export function siteRoot(baseUrl: string, site: Pick<Site, 'host' | 'slug' | 'isMain'>): string {
  if (site.host) return `${new URL(baseUrl).protocol}//${site.host.toLowerCase()}`;
  return `${baseUrl}${siteBase(site)}`;
}

function withSuffix(prefix: string, path: string): string {
  if (path === '/') return prefix === '' ? '/' : prefix;
  return `${prefix}${path}`;
}

/**
 * Registers a public page of every site: `path` on the portal's host (the provincial portal, or the site whose own
 * host name the request came by), `/:site${path}` for other sites by slug, and the English `/en` variant of both.
 * The handler decides what English means for its page (usually the translation, else a 404). Static platform
 * routes win over `/:site/…` in the router, and reserved words are refused as slugs, so no platform page is
 * shadowed. The request's interface language follows the path's.
 */
export function siteGet<P extends Record<string, string> = Record<string, string>>(app: FastifyInstance, path: string, handler: SiteHandler<P>, opts: Options = {}): void {
  // Every site page is the same for every anonymous visitor, so the page cache may keep it; it is stored only once
  // the handler has named what it shows (tagPage), and every page shows the site's chrome.
  siteRoute(app, 'GET', path, handler, { ...opts, config: { pageCache: true } });
}

/**
 * A form a site's visitors send (a question, feedback), at the same addresses as siteGet's pages. Never cached;
 * CSRF is checked by the request context as for every form.
 */
export function sitePost<P extends Record<string, string> = Record<string, string>>(app: FastifyInstance, path: string, handler: SiteHandler<P>, config: FastifyContextConfig = {}): void {
  siteRoute(app, 'POST', path, handler, { config });
}

function siteRoute<P extends Record<string, string>>(app: FastifyInstance, method: 'GET' | 'POST', path: string, handler: SiteHandler<P>, opts: Options & { config: FastifyContextConfig }): void {
  const variants: { route: string; locale: 'vi' | 'en'; bySlug: boolean }[] = [
    { route: withSuffix('', path), locale: 'vi', bySlug: false },
    { route: withSuffix('/en', path), locale: 'en', bySlug: false },
    { route: withSuffix('/:site', path), locale: 'vi', bySlug: true },
    { route: withSuffix('/:site/en', path), locale: 'en', bySlug: true },
  ];
  for (const v of variants) {
    app.route({
      method,
      url: v.route,
      config: opts.config,
      handler: async (req, reply) => {
        const params = req.params as Record<string, string>;
        const db = req.ctx.db;
        const site = await resolveSite(app, db, v.bySlug, v.bySlug ? (params.site ?? '') : req.hostname.toLowerCase());
        if (!site) {
          if (!v.bySlug && path === '/' && v.locale === 'vi' && opts.fallback) return opts.fallback(req, reply);
          throw new NotFound();
        }
        if (v.locale !== req.locale) {
          req.locale = v.locale;
          req.t = translator(v.locale);
          req.ctx = { ...req.ctx, locale: v.locale };
        }
        const [chrome, counters] = await Promise.all([loadSiteChrome(db, site.id), countersFor(app, db, site.id, req.ctx.now())]);
        const scope: SiteScope = { site, base: v.bySlug ? `/${site.slug}` : '', locale: v.locale, chrome, canonicalRoot: siteRoot(app.deps.config.baseUrl, site), counters };
        req.portalView = method === 'GET' ? { siteId: site.id } : null;
        reply.pageCacheTags = null;
        return handler(req as SiteRequest<P>, reply, scope);
      },
    });
  }
}

/**
 * Lets the page cache keep this page, under the tags of what it shows besides the site's chrome (see
 * cache/invalidate-pages.ts for who invalidates which tag). A page never tagged is never cached.
 */
export function tagPage(reply: FastifyReply, scope: SiteScope, ...tags: (string | null | undefined)[]): void {
  reply.pageCacheTags = [pageTags.chrome(scope.site.id), pageTags.site(scope.site.id), ...tags.filter((t): t is string => !!t)];
}
