import type { FastifyInstance } from 'fastify';
import { Invalid } from '../errors.js';
import { formValues } from '../http/forms.js';
import { sendPage } from '../views/render.js';
import { agencyOptions } from './queries.js';
import { auditScope, searchAudit } from './search-audit.js';
import { showAuditEntry } from './show-audit-entry.js';
import { AuditEntryPage } from './views/audit-entry.js';
import { AuditListPage } from './views/audit-list.js';

/** The audit log search page in the back office. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get('/quan-tri/nhat-ky', async (req, reply) => {
    const values = formValues(req.query);
    try {
      const r = await searchAudit(req.ctx, req.query);
      return sendPage(reply, <AuditListPage page={req.page()} form={{ values, errors: {} }} agencies={r.agencies} result={r} />);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      const agencies = await agencyOptions(req.ctx.db, await auditScope(req.ctx));
      return sendPage(reply, <AuditListPage page={req.page()} form={{ values, errors: err.fields }} agencies={agencies} result={null} />, 422);
    }
  });

  app.get<{ Params: { seq: string } }>('/quan-tri/nhat-ky/:seq', async (req, reply) => {
    const { entry, agencyName } = await showAuditEntry(req.ctx, req.params.seq);
    return sendPage(reply, <AuditEntryPage page={req.page()} entry={entry} agencyName={agencyName} />);
  });
}
