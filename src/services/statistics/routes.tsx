import type { FastifyInstance } from 'fastify';
import { vnToday } from '../../platform/dates.js';
import { Invalid } from '../../platform/errors.js';
import { formValues } from '../../platform/http/forms.js';
import { sendPage } from '../../platform/views/render.js';
import { statisticsWorkbook } from './export-statistics.js';
import { readDossierStatistics } from './read-dossier-statistics.js';
import { STATS_PATH, StatisticsPage } from './views/statistics-page.js';

type Query = { Querystring: Record<string, string | undefined> };

/** The dossier report for leaders and administrators, on screen and as a workbook. */
export async function statisticsRoutes(app: FastifyInstance): Promise<void> {
  app.get<Query>(STATS_PATH, async (req, reply) => {
    const today = vnToday(req.ctx.now());
    try {
      const view = await readDossierStatistics(req.ctx, req.query);
      return sendPage(reply, <StatisticsPage page={req.page()} view={view} form={{ values: formValues(req.query), errors: {} }} today={today} />);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      return sendPage(reply, <StatisticsPage page={req.page()} view={null} form={{ values: formValues(req.query), errors: err.fields }} today={today} />, 422);
    }
  });

  app.get<Query>(`${STATS_PATH}/bao-cao.xlsx`, async (req, reply) => {
    const view = await readDossierStatistics(req.ctx, req.query);
    const body = await statisticsWorkbook(view, req.t);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="bao-cao-ho-so-${view.fromDay}-${view.toDay}.xlsx"`)
      .header('cache-control', 'private, no-store')
      .send(body);
  });
}
