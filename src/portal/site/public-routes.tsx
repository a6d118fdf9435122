import type { FastifyInstance } from 'fastify';
import { NotFound } from '../../platform/errors.js';
import { sendPage, renderPage } from '../../platform/views/render.js';
import { isUuid } from '../../platform/validation.js';
import {
  PAGE_SIZE,
  type LegalFilter,
  categoryArticles,
  categoryBySlug,
  homeData,
  legalFacets,
  legalList,
  legalStatuses,
  publishedArticle,
  publishedLegal,
} from './public-queries.js';
import { invalidateSiteChrome } from './chrome.js';
import { feedRoutes } from './feeds.js';
import { type SiteHandler, siteGet, tagPage } from './site-routes.js';
import { pageTags } from '../cache/invalidate-pages.js';
import { pageNumber } from './views/parts.js';
import { ArticlePage, CategoryPage, SavedArticle, SiteHomePage } from './views/public-articles.js';
import { LegalDetailPage, LegalListPage } from './views/public-legal.js';

const hex = /^#[0-9a-f]{6}$/i;

/** The site's colours as custom properties the stylesheet uses; CSP forbids inline styles, so it is a file. */
export function themeCss(primary: string, accent: string): string {
  const p = hex.test(primary) ? primary : '#0f4c81';
  const a = hex.test(accent) ? accent : '#b7312c';
  return `:root{--congso-site-primary:${p};--congso-site-accent:${a}}\n`;
}

// Progressive enhancement for the print button; without it the browser's own print command does the same.
const SITE_JS = `for (const b of document.querySelectorAll('[data-congso-print]')) { b.hidden = false; b.addEventListener('click', () => window.print()); }\n`;

/** The public site home; "/" also answers here, with the fallback when the province has no portal yet. */
export const siteHome: SiteHandler = async (req, reply, scope) => {
  const data = await homeData(req.ctx.db, scope.site.id, scope.locale);
  tagPage(reply, scope, pageTags.siteLists(scope.site.id), pageTags.legal(scope.site.id), pageTags.questions(scope.site.id));
  return sendPage(reply, <SiteHomePage page={req.page()} scope={scope} data={data} />);
};

const articleHandler =
  (kind: 'news' | 'page'): SiteHandler<{ slug: string }> =>
  async (req, reply, scope) => {
    const view = await publishedArticle(req.ctx.db, scope.site.id, kind, scope.locale, req.params.slug);
    if (!view) throw new NotFound();
    req.portalView = { siteId: scope.site.id, articleId: view.article.id };
    if (req.query.luu === 'html') {
      const name = `${view.article.slug}.html`;
      return reply
        .type('text/html; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(renderPage(<SavedArticle scope={scope} view={view} />));
    }
    // Related articles come from its category; the language switch from its translation, whose publishing also
    // invalidates the original's tag (article-rules.ts).
    tagPage(reply, scope, pageTags.article(view.article.id), view.article.translationOfId && pageTags.article(view.article.translationOfId), view.article.categoryId && pageTags.category(view.article.categoryId));
    return sendPage(reply, <ArticlePage page={req.page()} scope={scope} view={view} />);
  };

function legalFilter(q: Record<string, string | undefined>): LegalFilter {
  const clean = (v: string | undefined) => (v ?? '').normalize('NFC').trim().slice(0, 200) || undefined;
  const year = Number(q.nam);
  const status = legalStatuses.find((s) => s === q.hieu_luc);
  return { q: clean(q.q), type: clean(q.loai), field: clean(q.linh_vuc), body: clean(q.co_quan), year: Number.isInteger(year) && year > 1900 && year < 3000 ? year : undefined, status };
}

/** The public pages of every site: home is registered by the home module (it owns "/"). */
export async function sitePublicRoutes(app: FastifyInstance): Promise<void> {
  // A menu or site changed by another process arrives as a page invalidation: drop the chrome kept in memory too.
  app.pageCache.onInvalidate((tags) => {
    if (tags === 'all' || tags.includes(pageTags.allChromes())) return invalidateSiteChrome();
    for (const tag of tags) if (tag.startsWith('chrome:')) invalidateSiteChrome(tag.slice('chrome:'.length));
  });
  app.get('/cong-thong-tin.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SITE_JS));

  siteGet(app, '/theme.css', async (_req, reply, { site }) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(themeCss(site.primaryColor, site.accentColor)),
  );

  siteGet<{ slug: string }>(app, '/chuyen-muc/:slug', async (req, reply, scope) => {
    const category = await categoryBySlug(req.ctx.db, scope.site.id, req.params.slug);
    if (!category) throw new NotFound();
    const pageNo = pageNumber(req.query.trang);
    const data = await categoryArticles(req.ctx.db, scope.site.id, category.id, scope.locale, pageNo);
    if (pageNo > 1 && data.articles.length === 0) throw new NotFound();
    tagPage(reply, scope, pageTags.category(category.id));
    return sendPage(reply, <CategoryPage page={req.page()} scope={scope} category={category} data={data} pageNo={pageNo} pageSize={PAGE_SIZE} />);
  });

  siteGet(app, '/tin-tuc/:slug', articleHandler('news'));
  siteGet(app, '/trang/:slug', articleHandler('page'));

  siteGet(app, '/van-ban', async (req, reply, scope) => {
    const filter = legalFilter(req.query);
    const pageNo = pageNumber(req.query.trang);
    const [facets, list] = await Promise.all([legalFacets(req.ctx.db, scope.site.id), legalList(req.ctx.db, scope.site.id, filter, pageNo)]);
    tagPage(reply, scope, pageTags.legal(scope.site.id));
    return sendPage(reply, <LegalListPage page={req.page()} scope={scope} filter={filter} facets={facets} rows={list.rows} total={list.total} pageNo={pageNo} pageSize={PAGE_SIZE} />);
  });

  siteGet<{ id: string }>(app, '/van-ban/:id', async (req, reply, scope) => {
    if (!isUuid(req.params.id)) throw new NotFound();
    const row = await publishedLegal(req.ctx.db, scope.site.id, req.params.id.toLowerCase());
    if (!row) throw new NotFound();
    tagPage(reply, scope, pageTags.legal(scope.site.id));
    return sendPage(reply, <LegalDetailPage page={req.page()} scope={scope} row={row} />);
  });

  await feedRoutes(app);
}
