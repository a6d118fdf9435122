import type { FastifyInstance } from 'fastify';
import { Invalid } from '../../platform/errors.js';
import type { FormState } from '../../platform/views/form.js';
import { sendPage } from '../../platform/views/render.js';
import { siteGet } from '../site/site-routes.js';
import { pageNumber } from '../site/views/parts.js';
import { searchApiRoutes } from './api-routes.js';
import { MAX_PAGE, SEARCH_TYPES, type SearchResult, search } from './search.js';
import { type SearchParams, SearchResultsPage } from './views/search-page.js';

const one = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The search page of every site ("/tim-kiem", "/{site}/tim-kiem", English under "/en") and the JSON API. */
export async function searchRoutes(app: FastifyInstance): Promise<void> {
  await app.register(searchApiRoutes);

  siteGet(app, '/tim-kiem', async (req, reply, scope) => {
    const q = req.query;
    const params: SearchParams = {
      q: one(q.q).normalize('NFC'),
      loai: one(q.loai),
      tu_ngay: one(q.tu_ngay).trim(),
      den_ngay: one(q.den_ngay).trim(),
      // The provincial portal searches the whole province unless asked otherwise; an agency's site, itself.
      pham_vi: q.pham_vi === 'site' || q.pham_vi === 'all' ? q.pham_vi : scope.site.isMain ? 'all' : 'site',
    };
    const pageNo = pageNumber(q.trang);
    let result: SearchResult | null = null;
    let form: FormState = { values: {}, errors: {} };
    try {
      result = await search(req.ctx, {
        q: params.q,
        siteId: params.pham_vi === 'site' ? scope.site.id : undefined,
        // An unknown type in a hand-edited address means no type filter, not an error page.
        type: SEARCH_TYPES.find((t) => t === params.loai),
        from: params.tu_ngay,
        to: params.den_ngay,
        locale: scope.locale,
        page: pageNo > MAX_PAGE ? 1 : pageNo,
      });
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      const names: Record<string, string> = { from: 'tu_ngay', to: 'den_ngay', type: 'loai' };
      form = { values: {}, errors: Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [names[k] ?? k, v])) };
    }
    // Result pages are endless and change daily: crawlers should follow the links, not index the page.
    reply.header('x-robots-tag', 'noindex, follow');
    return sendPage(reply, <SearchResultsPage page={req.page()} scope={scope} params={params} result={result} form={form} />, result ? 200 : 422);
  });
}
