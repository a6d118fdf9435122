import type { FastifyInstance } from 'fastify';
import { NotFound } from '../../platform/errors.js';
import { sendPage } from '../../platform/views/render.js';
import { pageNumber } from '../../portal/site/views/parts.js';
import { normaliseQuery } from '../../portal/text/search-text.js';
import { procedureApiRoutes } from './public-api-routes.js';
import { PUBLIC_PAGE_SIZE, listPublicProcedures, publicFacets, publicProcedure } from './public-queries.js';
import { ServicesHomePage } from './views/public-home.js';
import { type ListParams, ProcedureListPage } from './views/public-list.js';
import { levelOfSlug } from './views/public-parts.js';
import { ProcedurePage } from './views/public-procedure.js';

/** As sent: a parameter given twice is an array, which means nothing here. */
const one = (v: unknown): string => (typeof v === 'string' ? v.normalize('NFC').trim().slice(0, 200) : '');

/**
 * The public catalogue of procedures under /dich-vu-cong and its JSON twin. Read-only and open to everyone; the
 * filing, lookup and "my dossiers" pages it links to are the dossier module's.
 */
export async function procedurePublicRoutes(app: FastifyInstance): Promise<void> {
  await app.register(procedureApiRoutes);

  app.get('/dich-vu-cong', async (req, reply) => {
    const facets = await publicFacets(req.ctx.db);
    return sendPage(reply, <ServicesHomePage page={req.page()} facets={facets} />);
  });

  app.get<{ Querystring: Record<string, unknown> }>('/dich-vu-cong/thu-tuc', async (req, reply) => {
    const q = req.query;
    // An unknown level or code in a hand-edited address filters nothing away or finds nothing; never an error page.
    const params: ListParams = { q: normaliseQuery(q.q), field: one(q.linh_vuc), agency: one(q.co_quan), level: levelOfSlug(one(q.muc_do)) };
    const pageNo = pageNumber(one(q.trang));
    const [facets, list] = await Promise.all([
      publicFacets(req.ctx.db),
      listPublicProcedures(req.ctx.db, { q: params.q, field: params.field || undefined, agency: params.agency || undefined, level: params.level, page: pageNo }),
    ]);
    // Result pages are endless combinations: crawlers should follow the links to procedures, not index the lists.
    if (params.q) reply.header('x-robots-tag', 'noindex, follow');
    return sendPage(reply, <ProcedureListPage page={req.page()} params={params} facets={facets} rows={list.rows} total={list.total} pageNo={pageNo} pageSize={PUBLIC_PAGE_SIZE} />);
  });

  app.get<{ Params: { code: string } }>('/dich-vu-cong/thu-tuc/:code', async (req, reply) => {
    const p = await publicProcedure(req.ctx.db, req.params.code.slice(0, 60));
    if (!p) throw new NotFound();
    return sendPage(reply, <ProcedurePage page={req.page()} p={p} />);
  });
}
