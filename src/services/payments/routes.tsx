import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { citizenSession } from '../../accounts/citizen/session.js';
import { Conflict, Invalid, NotFound } from '../../platform/errors.js';
import { setFlash } from '../../platform/http/cookies.js';
import { formValues } from '../../platform/http/forms.js';
import { files } from '../../platform/schema.js';
import { sendPrivateFile } from '../../platform/storage/send-file.js';
import { sendPage } from '../../platform/views/render.js';
import { idOrNotFound } from '../../platform/validation.js';
import { ownDossier } from '../dossiers/filing-rules.js';
import { dossierView } from '../dossiers/queries.js';
import { dossierPath } from '../dossiers/views/filing.js';
import { DossierPage } from '../dossiers/views/tracking.js';
import { paymentDeps } from './payment-rules.js';
import { paymentPanel } from './queries.js';
import { rateDossier } from './rate-dossier.js';
import { returnFromPlatform } from './return-from-platform.js';
import { dossierPayments } from './schema.js';
import { startPayment } from './start-payment.js';
import { ContinuePage } from './views/continue-page.js';

type Body = Record<string, unknown>;
type IdParams = { Params: { id: string } };

/** Paying a dossier's fees through the national payment platform, its receipt, and rating the dossier. */
export async function paymentRoutes(app: FastifyInstance): Promise<void> {
  const deps = paymentDeps(app.deps.config, app.deps.storage);

  app.post<IdParams & { Body: Body }>('/dich-vu-cong/ho-so/:id/thanh-toan', { config: { rateLimit: { max: 20, timeWindow: '10 minutes' } } }, async (req, reply) => {
    if (!citizenSession(req, reply)) return reply;
    const id = idOrNotFound(req.params.id);
    try {
      const { payment, paymentUrl } = await startPayment(req.ctx, deps, id, req.body);
      const d = await ownDossier(req.ctx, id);
      return sendPage(reply, <ContinuePage page={req.page()} payment={payment} paymentUrl={paymentUrl} dossierCode={d.code ?? ''} />);
    } catch (err) {
      // Said on the dossier page, where the person can pay at the desk instead or try again.
      if (!(err instanceof Conflict) && !(err instanceof Invalid)) throw err;
      setFlash(req, reply, req.t(err instanceof Conflict ? err.messageKey : 'payment.error.platform'));
      return reply.redirect(dossierPath(id), 303);
    }
  });

  app.get<{ Querystring: Record<string, unknown> }>('/dich-vu-cong/thanh-toan/ket-qua', { config: { rateLimit: { max: 30, timeWindow: '10 minutes' } } }, async (req, reply) => {
    if (!citizenSession(req, reply)) return reply;
    const { payment, checked } = await returnFromPlatform(req.ctx, deps, req.query);
    const said = payment.status === 'paid' ? 'payment.return.paid' : payment.status === 'pending' || !checked ? 'payment.return.pending' : 'payment.return.failed';
    setFlash(req, reply, req.t(said));
    return reply.redirect(`${dossierPath(payment.dossierId)}#fees-heading`, 303);
  });

  app.get<{ Params: { id: string; pid: string } }>('/dich-vu-cong/ho-so/:id/bien-lai/:pid', async (req, reply) => {
    if (!citizenSession(req, reply)) return reply;
    const dossier = await ownDossier(req.ctx, idOrNotFound(req.params.id));
    const [row] = await req.ctx.db
      .select({ file: files })
      .from(dossierPayments)
      .innerJoin(files, eq(files.id, dossierPayments.receiptFileId))
      .where(and(eq(dossierPayments.id, idOrNotFound(req.params.pid)), eq(dossierPayments.dossierId, dossier.id)));
    if (!row) throw new NotFound();
    return sendPrivateFile(app, req, reply, row.file);
  });

  app.post<IdParams & { Body: Body }>('/dich-vu-cong/ho-so/:id/danh-gia', async (req, reply) => {
    if (!citizenSession(req, reply)) return reply;
    const id = idOrNotFound(req.params.id);
    try {
      await rateDossier(req.ctx, id, req.body);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      const view = await dossierView(req.ctx.db, await ownDossier(req.ctx, id));
      const panel = await paymentPanel(req.ctx.db, view.dossier, deps.platform !== null);
      const form = { values: formValues(req.body), errors: err.fields };
      return sendPage(reply, <DossierPage page={req.page()} view={view} panel={panel} payKey={randomUUID()} ratingForm={form} />, 422);
    }
    setFlash(req, reply, req.t('rating.thanks'));
    return reply.redirect(`${dossierPath(id)}#rating-heading`, 303);
  });
}
