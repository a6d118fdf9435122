import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { citizenSession } from '../../accounts/citizen/session.js';
import { type FieldErrors, Invalid } from '../../platform/errors.js';
import { setFlash } from '../../platform/http/cookies.js';
import { readMultipartForm } from '../../platform/storage/multipart-form.js';
import { sendPage } from '../../platform/views/render.js';
import { idOrNotFound } from '../../platform/validation.js';
import { supplementItems } from '../slips/supplement-request.js';
import { answerSupplement } from './answer-supplement.js';
import { attachDocument } from './attach-document.js';
import { ownDossier } from './filing-rules.js';
import { dossierView } from './queries.js';
import { dossierPath } from './views/filing.js';
import { SupplementPage } from './views/supplement.js';

type IdParams = { Params: { id: string } };

/** The applicant's answer to a supplement request: upload what was asked for, then send it. */
export async function citizenSupplementRoutes(app: FastifyInstance): Promise<void> {
  const maxUploadMb = Math.round(app.deps.config.maxUploadBytes / 1_048_576);

  async function page(req: FastifyRequest, reply: FastifyReply, id: string, errors: FieldErrors, form: { note?: string; key?: string } = {}, status = 200) {
    const view = await dossierView(req.ctx.db, await ownDossier(req.ctx, id));
    if (view.dossier.state !== 'supplement') return reply.redirect(dossierPath(id), 303);
    const request = view.actions.findLast((a) => a.type === 'request_supplement')!;
    return sendPage(
      reply,
      <SupplementPage page={req.page()} view={view} items={supplementItems(request)} requestSeq={request.seq} errors={errors} note={form.note ?? ''} answerKey={form.key ?? randomUUID()} maxUploadMb={maxUploadMb} />,
      status,
    );
  }

  app.get<IdParams>('/dich-vu-cong/ho-so/:id/bo-sung', async (req, reply) => {
    if (!citizenSession(req, reply)) return reply;
    return page(req, reply, idOrNotFound(req.params.id), {});
  });

  // Upload form: CSRF is checked by readMultipartForm before the file is read.
  app.post<IdParams>('/dich-vu-cong/ho-so/:id/bo-sung/tep', { config: { csrf: false, rateLimit: { max: 60, timeWindow: '10 minutes' } } }, async (req, reply) => {
    if (!citizenSession(req, reply)) return reply;
    const id = idOrNotFound(req.params.id);
    try {
      const form = await readMultipartForm(req, app.deps.config.maxUploadBytes);
      if (!form.file) throw new Invalid({ file: { key: 'dossier.error.fileRequired' } });
      await attachDocument(req.ctx, app.deps.storage, app.deps.config.maxUploadBytes, id, form.fields.documentCode ?? '', { name: form.file.name, content: form.file.content });
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      // attachDocument names the document's field; this page has one file input for all of them.
      return page(req, reply, id, Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.startsWith('doc_') ? 'file' : k, v])), {}, 422);
    }
    setFlash(req, reply, req.t('dossier.documents.uploaded'));
    return reply.redirect(dossierPath(id, '/bo-sung'), 303);
  });

  app.post<IdParams & { Body: Record<string, unknown> }>('/dich-vu-cong/ho-so/:id/bo-sung', async (req, reply) => {
    if (!citizenSession(req, reply)) return reply;
    const id = idOrNotFound(req.params.id);
    try {
      await answerSupplement(req.ctx, id, req.body ?? {});
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      const note = typeof req.body?.note === 'string' ? req.body.note : '';
      return page(req, reply, id, err.fields, { note }, 422);
    }
    setFlash(req, reply, req.t('dossier.supplement.done'));
    return reply.redirect(dossierPath(id), 303);
  });
}
