import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type Queryable, queryRows } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import { articles, categories, sites } from '../schema.js';
import { sitePaths } from '../urls.js';
import { categoryBySlug } from './public-queries.js';
import { type SiteScope, siteGet, siteRoot, tagPage } from './site-routes.js';
import { pageTags } from '../cache/invalidate-pages.js';
import { siteName } from './views/site-layout.js';

export const FEED_SIZE = 50;
/** The sitemap protocol's limit of addresses per file. */
export const SITEMAP_MAX_URLS = 50_000;

// XML 1.0 forbids most control characters even escaped; imported text sometimes carries them.
const invalidXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(s: string): string {
  return s.replace(invalidXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

type FeedItem = { title: string; slug: string; summary: string | null; publishedAt: Date | null; categoryName: string | null };

export function rss(channel: { title: string; link: string; self: string; description: string; language: 'vi' | 'en' }, items: FeedItem[], itemLink: (slug: string) => string): string {
  const e = xmlEscape;
  const newest = items[0]?.publishedAt;
  const body = items
    .map((i) => {
      const link = itemLink(i.slug);
      return [
        '<item>',
        `<title>${e(i.title)}</title>`,
        `<link>${e(link)}</link>`,
        `<guid isPermaLink="true">${e(link)}</guid>`,
        i.publishedAt ? `<pubDate>${i.publishedAt.toUTCString()}</pubDate>` : '',
        i.summary ? `<description>${e(i.summary)}</description>` : '',
        i.categoryName ? `<category>${e(i.categoryName)}</category>` : '',
        '</item>',
      ].join('');
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${e(channel.title)}</title>
<link>${e(channel.link)}</link>
<description>${e(channel.description)}</description>
<language>${channel.language}</language>
<atom:link href="${e(channel.self)}" rel="self" type="application/rss+xml"/>
${newest ? `<lastBuildDate>${newest.toUTCString()}</lastBuildDate>\n` : ''}${body}
</channel>
</rss>
`;
}

async function latestNews(db: Queryable, scope: SiteScope, categoryId?: string): Promise<FeedItem[]> {
  return db
    .select({ title: articles.title, slug: articles.slug, summary: articles.summary, publishedAt: articles.publishedAt, categoryName: categories.name })
    .from(articles)
    .leftJoin(categories, eq(categories.id, articles.categoryId))
    .where(
      and(
        eq(articles.siteId, scope.site.id),
        eq(articles.status, 'published'),
        eq(articles.kind, 'news'),
        eq(articles.locale, scope.locale),
        categoryId ? eq(articles.categoryId, categoryId) : undefined,
      ),
    )
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(FEED_SIZE);
}

const sendXml = (reply: FastifyReply, type: string, body: string) => reply.type(`${type}; charset=utf-8`).header('cache-control', 'public, max-age=300').send(body);

type SiteRow = Pick<typeof sites.$inferSelect, 'id' | 'slug' | 'host' | 'isMain'>;

/** How many addresses each active site's sitemap holds, in one query, to split them into files of 50,000. */
async function sitemapSizes(db: Queryable): Promise<(SiteRow & { n: number })[]> {
  const rows = await queryRows<{ id: string; slug: string; host: string | null; is_main: boolean; n: number }>(
    db,
    sql`select s.id, s.slug, s.host, s.is_main,
          1 + (select count(*) from categories c where c.site_id = s.id and c.active)
            + (select count(*) from articles a where a.site_id = s.id and a.status = 'published')
            + (select count(*) from legal_documents d where d.site_id = s.id and d.published) as n
        from sites s where s.active order by s.is_main desc, s.slug`,
  );
  return rows.map((r) => ({ id: r.id, slug: r.slug, host: r.host, isMain: r.is_main, n: Number(r.n) }));
}

/** One part of a site's sitemap: its home, categories, published articles and pages, and legal documents. */
async function sitemapUrls(db: Queryable, root: string, siteId: string, part: number): Promise<{ loc: string; lastmod?: Date }[]> {
  const rows = await queryRows<{ kind: string; locale: string; slug: string; id: string; lastmod: Date | string | null }>(
    db,
    sql`select * from (
          select 'home' as kind, 'vi' as locale, '' as slug, ${siteId}::uuid as id, null::timestamptz as lastmod, 0 as k, ''::text as o
          union all
          select 'category', 'vi', c.slug, c.id, c.updated_at, 1, c.slug from categories c where c.site_id = ${siteId} and c.active
          union all
          select a.kind::text, a.locale, a.slug, a.id, a.updated_at, 2, a.id::text from articles a where a.site_id = ${siteId} and a.status = 'published'
          union all
          select 'legal', 'vi', '', d.id, d.updated_at, 3, d.id::text from legal_documents d where d.site_id = ${siteId} and d.published
        ) u order by k, o limit ${SITEMAP_MAX_URLS} offset ${(part - 1) * SITEMAP_MAX_URLS}`,
  );
  return rows.map((r) => {
    const lastmod = r.lastmod ? new Date(r.lastmod) : undefined;
    const locale = r.locale === 'en' ? 'en' : 'vi';
    const path =
      r.kind === 'home'
        ? '/'
        : r.kind === 'category'
          ? sitePaths.category(r.slug)
          : r.kind === 'page'
            ? sitePaths.page(r.slug, locale)
            : r.kind === 'news'
              ? sitePaths.article(r.slug, locale)
              : sitePaths.legalDocument(r.id);
    return { loc: `${root}${path}`, lastmod };
  });
}

/** RSS feeds of every site and category, the sitemap index and per-site sitemaps, robots.txt. */
export async function feedRoutes(app: FastifyInstance): Promise<void> {
  const { baseUrl } = app.deps.config;

  siteGet(app, '/rss.xml', async (req, reply, scope) => {
    const root = scope.canonicalRoot ?? baseUrl;
    const prefix = scope.locale === 'en' ? '/en' : '';
    const name = siteName(scope);
    const items = await latestNews(req.ctx.db, scope);
    tagPage(reply, scope, pageTags.siteLists(scope.site.id));
    const xml = rss(
      { title: name, link: `${root}${prefix || '/'}`, self: `${root}${prefix}/rss.xml`, description: scope.site.tagline ?? name, language: scope.locale },
      items,
      (slug) => `${root}${sitePaths.article(slug, scope.locale)}`,
    );
    return sendXml(reply, 'application/rss+xml', xml);
  });

  siteGet<{ slug: string }>(app, '/chuyen-muc/:slug/rss.xml', async (req, reply, scope) => {
    const category = await categoryBySlug(req.ctx.db, scope.site.id, req.params.slug);
    if (!category) throw new NotFound();
    const root = scope.canonicalRoot ?? baseUrl;
    const prefix = scope.locale === 'en' ? '/en' : '';
    const name = scope.locale === 'en' && category.nameEn ? category.nameEn : category.name;
    const items = await latestNews(req.ctx.db, scope, category.id);
    tagPage(reply, scope, pageTags.category(category.id));
    const xml = rss(
      {
        title: `${name} – ${siteName(scope)}`,
        link: `${root}${prefix}${sitePaths.category(category.slug)}`,
        self: `${root}${prefix}${sitePaths.categoryRss(category.slug)}`,
        description: category.description ?? name,
        language: scope.locale,
      },
      items,
      (slug) => `${root}${sitePaths.article(slug, scope.locale)}`,
    );
    return sendXml(reply, 'application/rss+xml', xml);
  });

  // Without "?trang-web=" the index of every site's sitemap; with it, one part of that site's sitemap.
  app.get<{ Querystring: { 'trang-web'?: string; phan?: string } }>('/sitemap.xml', async (req, reply) => {
    const db = req.ctx.db;
    const slug = req.query['trang-web'];
    if (slug === undefined) {
      const sizes = await sitemapSizes(db);
      const entries = sizes.flatMap((s) => Array.from({ length: Math.ceil(s.n / SITEMAP_MAX_URLS) }, (_, i) => `${baseUrl}/sitemap.xml?trang-web=${encodeURIComponent(s.slug)}${i > 0 ? `&phan=${i + 1}` : ''}`));
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.map((loc) => `<sitemap><loc>${xmlEscape(loc)}</loc></sitemap>`).join('\n')}\n</sitemapindex>\n`;
      return sendXml(reply, 'application/xml', xml);
    }
    const part = Number(req.query.phan ?? '1');
    if (!Number.isInteger(part) || part < 1 || part > 1000) throw new NotFound();
    const [site] = await db
      .select({ id: sites.id, slug: sites.slug, host: sites.host, isMain: sites.isMain })
      .from(sites)
      .where(and(eq(sites.slug, slug), eq(sites.active, true)))
      .orderBy(asc(sites.slug));
    if (!site) throw new NotFound();
    const urls = await sitemapUrls(db, siteRoot(baseUrl, site), site.id, part);
    if (urls.length === 0) throw new NotFound();
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
      .map((u) => `<url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.toISOString()}</lastmod>` : ''}</url>`)
      .join('\n')}\n</urlset>\n`;
    return sendXml(reply, 'application/xml', xml);
  });

  app.get('/robots.txt', async (_req, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(`User-agent: *\nDisallow: /quan-tri/\nDisallow: /api/\nDisallow: /tai-khoan/\nSitemap: ${baseUrl}/sitemap.xml\n`),
  );
}
