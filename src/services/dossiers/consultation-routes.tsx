import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission } from '../../platform/auth/authorize.js';
import { Conflict, Invalid } from '../../platform/errors.js';
import { setFlash } from '../../platform/http/cookies.js';
import { formValues } from '../../platform/http/forms.js';
import { readMultipartForm } from '../../platform/storage/multipart-form.js';
import { sendPrivateFile } from '../../platform/storage/send-file.js';
import { idOrNotFound } from '../../platform/validation.js';
import { sendPage } from '../../platform/views/render.js';
import { answerConsultation } from './answer-consultation.js';
import { closeConsultation } from './close-consultation.js';
import { consultAgencies } from './consult-agencies.js';
import { consultationInbox } from './consultations.js';
import { soonBound } from './inbox-queries.js';
import { pageNumber, sendDossierPage } from './processing-routes.js';
import { consultationFile, readConsultation } from './read-consultation.js';
import { CONSULT_INBOX, type ConsultFailed, ConsultationInboxPage, ConsultationPage } from './views/consultation.js';
import { OFFICE, officeHref } from './views/office-inbox.js';

type Query = { Querystring: Record<string, string | undefined> };

/** A refused form's errors: field errors as they are, a conflict as the form's own message. */
function failure(form: string, values: Record<string, string>, err: unknown): { failed: ConsultFailed; status: number } | null {
  if (err instanceof Invalid) return { failed: { form, values, errors: err.fields }, status: 422 };
  if (err instanceof Conflict) return { failed: { form, values, errors: { _form: { key: err.messageKey, params: err.params } } }, status: 409 };
  return null;
}

/** Consulting other agencies: the asker's forms on the dossier page, the consulted agencies' inbox and answer page. */
export async function consultationRoutes(app: FastifyInstance): Promise<void> {
  const { storage, config } = app.deps;

  async function sendConsultation(req: FastifyRequest, reply: FastifyReply, id: string, failed: ConsultFailed | null = null, status = 200) {
    return sendPage(reply, <ConsultationPage page={req.page()} read={await readConsultation(req.ctx, id)} failed={failed} />, status);
  }

  app.get<Query>(CONSULT_INBOX, async (req, reply) => {
    await requirePermission(req.ctx, 'dossier.process', null);
    const inbox = await consultationInbox(req.ctx, pageNumber(req.query.trang));
    const now = req.ctx.now();
    return sendPage(reply, <ConsultationInboxPage page={req.page()} inbox={inbox} clock={{ now, soon: await soonBound(req.ctx.db, now) }} />);
  });

  app.get<{ Params: { cid: string } }>(`${CONSULT_INBOX}/:cid`, async (req, reply) => sendConsultation(req, reply, idOrNotFound(req.params.cid)));

  app.get<{ Params: { cid: string; fid: string } }>(`${CONSULT_INBOX}/:cid/tep/:fid`, async (req, reply) => {
    const file = await consultationFile(req.ctx, idOrNotFound(req.params.cid), idOrNotFound(req.params.fid));
    return sendPrivateFile(app, req, reply, file);
  });

  // Upload forms: CSRF is checked by readMultipartForm before the file is read.
  app.post<{ Params: { cid: string } }>(`${CONSULT_INBOX}/:cid/tra-loi`, { config: { csrf: false } }, async (req, reply) => {
    const id = idOrNotFound(req.params.cid);
    let fields: Record<string, string> = {};
    try {
      const form = await readMultipartForm(req, config.maxUploadBytes);
      fields = form.fields;
      await answerConsultation(req.ctx, storage, config.maxUploadBytes, id, fields, form.file);
    } catch (err) {
      const f = failure('tra-loi', fields, err);
      if (f) return sendConsultation(req, reply, id, f.failed, f.status);
      throw err;
    }
    const { view } = await readConsultation(req.ctx, id);
    setFlash(req, reply, req.t('consultation.done.answer', { code: view.dossier.code ?? '' }));
    return reply.redirect(CONSULT_INBOX, 303);
  });

  app.post<{ Params: { id: string } }>(`${OFFICE}/:id/xin-y-kien`, { config: { csrf: false } }, async (req, reply) => {
    const id = idOrNotFound(req.params.id);
    let fields: Record<string, string> = {};
    try {
      const form = await readMultipartForm(req, config.maxUploadBytes);
      fields = form.fields;
      // One checkbox per agency (agency_<id>): a multipart form keeps one value per name.
      const agencyIds = Object.keys(fields).filter((k) => k.startsWith('agency_') && fields[k] === 'on').map((k) => k.slice('agency_'.length));
      const dossier = await consultAgencies(req.ctx, storage, config.maxUploadBytes, id, { ...fields, agencyIds }, form.file);
      setFlash(req, reply, req.t('office.done.consult', { code: dossier.code ?? '' }));
    } catch (err) {
      const f = failure('xin-y-kien', fields, err);
      if (f) return sendDossierPage(req, reply, id, f.failed as Parameters<typeof sendDossierPage>[3], f.status);
      throw err;
    }
    return reply.redirect(officeHref(id), 303);
  });

  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(`${OFFICE}/:id/dong-xin-y-kien`, async (req, reply) => {
    const id = idOrNotFound(req.params.id);
    try {
      const dossier = await closeConsultation(req.ctx, id, req.body ?? {});
      setFlash(req, reply, req.t('office.done.close_consultation', { code: dossier.code ?? '' }));
    } catch (err) {
      const f = failure('dong-xin-y-kien', formValues(req.body), err);
      if (f) return sendDossierPage(req, reply, id, f.failed as Parameters<typeof sendDossierPage>[3], f.status);
      throw err;
    }
    return reply.redirect(officeHref(id), 303);
  });
}
