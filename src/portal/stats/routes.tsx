import type { FastifyInstance } from 'fastify';
import { Unauthenticated } from '../../platform/errors.js';
import { sendPage } from '../../platform/views/render.js';
import { readSiteStats, statsSites } from './read-site-stats.js';
import { StatsPage } from './views/stats-page.js';

export async function statsRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { site?: string } }>('/quan-tri/cong-thong-tin/thong-ke', async (req, reply) => {
    if (!req.ctx.actor) throw new Unauthenticated();
    const sites = await statsSites(req.ctx);
    const siteId = req.query.site ?? sites[0]?.id;
    const stats = siteId ? await readSiteStats(req.ctx, app.visitCounter, siteId) : null;
    return sendPage(reply, <StatsPage page={req.page()} sites={sites} stats={stats} />);
  });
}
