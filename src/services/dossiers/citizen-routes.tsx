import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { citizenSession } from '../../accounts/citizen/session.js';
import { type FieldErrors, Invalid, NotFound } from '../../platform/errors.js';
import { setFlash } from '../../platform/http/cookies.js';
import { formValues } from '../../platform/http/forms.js';
import { files } from '../../platform/schema.js';
import { readMultipartForm } from '../../platform/storage/multipart-form.js';
import { sendPrivateFile } from '../../platform/storage/send-file.js';
import { emptyForm } from '../../platform/views/form.js';
import { sendPage } from '../../platform/views/render.js';
import { idOrNotFound } from '../../platform/validation.js';
import { attachDocument } from './attach-document.js';
import { draftAsForm, ownDossier, procedureForFiling } from './filing-rules.js';
import { agencyChoices, dossierByCodeAndId, dossierView, myDossiers } from './queries.js';
import { removeDocument } from './remove-document.js';
import { saveDraft } from './save-draft.js';
import { paymentPanel } from '../payments/queries.js';
import { resultsVisible } from '../payments/views/sections.js';
import { dossierFiles } from './schema.js';
import { startDossier } from './start-dossier.js';
import { submitDossier } from './submit-dossier.js';
import { DetailsPage, DocumentsPage, StartPage, dossierPath } from './views/filing.js';
import { DossierPage, LookupPage, MyDossiersPage } from './views/tracking.js';

type Body = Record<string, unknown>;
type IdParams = { Params: { id: string } };

/** Filing and following a dossier online, for signed-in citizens and businesses; and the public lookup. */
export async function citizenDossierRoutes(app: FastifyInstance): Promise<void> {
  const notifyDeps = { baseUrl: app.deps.config.baseUrl, secrets: app.deps.secrets };
  const maxUploadMb = Math.round(app.deps.config.maxUploadBytes / 1_048_576);

  async function mine(req: FastifyRequest, reply: FastifyReply, id: string) {
    if (!citizenSession(req, reply)) return null;
    const dossier = await ownDossier(req.ctx, idOrNotFound(id));
    return dossierView(req.ctx.db, dossier);
  }

  async function documentsPage(req: FastifyRequest, reply: FastifyReply, id: string, errors: FieldErrors, submissionKey: string, status = 200) {
    const view = await dossierView(req.ctx.db, await ownDossier(req.ctx, id));
    if (view.dossier.state !== 'draft') return reply.redirect(dossierPath(id), 303);
    return sendPage(reply, <DocumentsPage page={req.page()} view={view} errors={errors} submissionKey={submissionKey} maxUploadMb={maxUploadMb} />, status);
  }

  app.get<{ Params: { code: string } }>('/dich-vu-cong/nop/:code', async (req, reply) => {
    if (!citizenSession(req, reply)) return reply;
    const { procedure } = await procedureForFiling(req.ctx.db, req.params.code);
    return sendPage(reply, <StartPage page={req.page()} procedure={procedure} agencies={await agencyChoices(req.ctx.db, procedure.id)} form={emptyForm} />);
  });

  app.post<{ Params: { code: string }; Body: Body }>('/dich-vu-cong/nop/:code', { config: { rateLimit: { max: 30, timeWindow: '10 minutes' } } }, async (req, reply) => {
    if (!citizenSession(req, reply)) return reply;
    try {
      const draft = await startDossier(req.ctx, req.params.code, req.body);
      return reply.redirect(dossierPath(draft.id, '/thong-tin'), 303);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      const { procedure } = await procedureForFiling(req.ctx.db, req.params.code);
      const form = { values: formValues(req.body), errors: err.fields };
      return sendPage(reply, <StartPage page={req.page()} procedure={procedure} agencies={await agencyChoices(req.ctx.db, procedure.id)} form={form} />, 422);
    }
  });

  app.get('/dich-vu-cong/ho-so-cua-toi', async (req, reply) => {
    const s = citizenSession(req, reply);
    if (!s) return reply;
    return sendPage(reply, <MyDossiersPage page={req.page()} rows={await myDossiers(req.ctx.db, s.user.id)} />);
  });

  app.get<IdParams>('/dich-vu-cong/ho-so/:id', async (req, reply) => {
    const view = await mine(req, reply, req.params.id);
    if (!view) return reply;
    if (view.dossier.state === 'draft') return reply.redirect(dossierPath(view.dossier.id, '/thong-tin'), 303);
    const panel = await paymentPanel(req.ctx.db, view.dossier, app.deps.config.payment !== undefined);
    return sendPage(reply, <DossierPage page={req.page()} view={view} panel={panel} payKey={randomUUID()} />);
  });

  app.get<IdParams>('/dich-vu-cong/ho-so/:id/thong-tin', async (req, reply) => {
    const view = await mine(req, reply, req.params.id);
    if (!view) return reply;
    if (view.dossier.state !== 'draft') return reply.redirect(dossierPath(view.dossier.id), 303);
    return sendPage(reply, <DetailsPage page={req.page()} view={view} values={draftAsForm(view.dossier, view.definition)} errors={{}} />);
  });

  app.post<IdParams & { Body: Body }>('/dich-vu-cong/ho-so/:id/thong-tin', async (req, reply) => {
    const view = await mine(req, reply, req.params.id);
    if (!view) return reply;
    try {
      await saveDraft(req.ctx, view.dossier.id, req.body);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      return sendPage(reply, <DetailsPage page={req.page()} view={view} values={req.body} errors={err.fields} />, 422);
    }
    return reply.redirect(dossierPath(view.dossier.id, '/giay-to'), 303);
  });

  app.get<IdParams>('/dich-vu-cong/ho-so/:id/giay-to', async (req, reply) => {
    if (!citizenSession(req, reply)) return reply;
    return documentsPage(req, reply, idOrNotFound(req.params.id), {}, randomUUID());
  });

  // Upload form: CSRF is checked by readMultipartForm before the file is read.
  app.post<IdParams>('/dich-vu-cong/ho-so/:id/giay-to', { config: { csrf: false, rateLimit: { max: 60, timeWindow: '10 minutes' } } }, async (req, reply) => {
    if (!citizenSession(req, reply)) return reply;
    const id = idOrNotFound(req.params.id);
    let code = '';
    try {
      const form = await readMultipartForm(req, app.deps.config.maxUploadBytes);
      code = form.fields.documentCode ?? '';
      if (!form.file) throw new Invalid({ [`doc_${code}`]: { key: 'dossier.error.fileRequired' } });
      await attachDocument(req.ctx, app.deps.storage, app.deps.config.maxUploadBytes, id, code, { name: form.file.name, content: form.file.content });
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      // The size check happens while reading, before the use case names the field: it belongs to this document.
      const errors = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k === 'file' ? `doc_${code}` : k, v]));
      return documentsPage(req, reply, id, errors, randomUUID(), 422);
    }
    setFlash(req, reply, req.t('dossier.documents.uploaded'));
    return reply.redirect(`${dossierPath(id, '/giay-to')}#doc_${encodeURIComponent(code)}-heading`, 303);
  });

  app.post<{ Params: { id: string; fid: string } }>('/dich-vu-cong/ho-so/:id/giay-to/:fid/xoa', async (req, reply) => {
    if (!citizenSession(req, reply)) return reply;
    const id = idOrNotFound(req.params.id);
    await removeDocument(req.ctx, id, req.params.fid);
    setFlash(req, reply, req.t('dossier.documents.removed'));
    return reply.redirect(dossierPath(id, '/giay-to'), 303);
  });

  app.post<IdParams & { Body: Body }>('/dich-vu-cong/ho-so/:id/nop', { config: { rateLimit: { max: 30, timeWindow: '10 minutes' } } }, async (req, reply) => {
    if (!citizenSession(req, reply)) return reply;
    const id = idOrNotFound(req.params.id);
    try {
      const filed = await submitDossier(req.ctx, notifyDeps, id, { submissionKey: req.body.submissionKey, delivery: req.body.delivery });
      setFlash(req, reply, req.t('dossier.submitted', { code: filed.code ?? '' }));
      return reply.redirect(dossierPath(filed.id), 303);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      const key = typeof req.body.submissionKey === 'string' ? req.body.submissionKey : randomUUID();
      return documentsPage(req, reply, id, err.fields, key, 422);
    }
  });

  app.get<{ Params: { id: string; fid: string } }>('/dich-vu-cong/ho-so/:id/tep/:fid', async (req, reply) => {
    if (!citizenSession(req, reply)) return reply;
    const dossier = await ownDossier(req.ctx, idOrNotFound(req.params.id));
    const [row] = await req.ctx.db
      .select({ file: files, purpose: dossierFiles.purpose })
      .from(dossierFiles)
      .innerJoin(files, eq(files.id, dossierFiles.fileId))
      .where(and(eq(dossierFiles.id, idOrNotFound(req.params.fid)), eq(dossierFiles.dossierId, dossier.id)));
    // A result is the applicant's once the dossier is processed; until then it may still change.
    if (!row || (row.purpose === 'result' && !resultsVisible(dossier))) throw new NotFound();
    return sendPrivateFile(app, req, reply, row.file);
  });

  app.get('/dich-vu-cong/tra-cuu', async (req, reply) => sendPage(reply, <LookupPage page={req.page()} form={emptyForm} found={null} />));

  // A POST, so the ID number never lands in an address bar, a proxy log or the browser history.
  app.post<{ Body: Body }>('/dich-vu-cong/tra-cuu', { config: { rateLimit: { max: 20, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const code = typeof req.body.ma === 'string' ? req.body.ma.normalize('NFC').trim().toUpperCase() : '';
    const idNumber = typeof req.body.so === 'string' ? req.body.so.replace(/[\s.]/g, '') : '';
    const errors: FieldErrors = {};
    if (!code) errors.ma = { key: 'field.required' };
    if (!idNumber) errors.so = { key: 'field.required' };
    const found = Object.keys(errors).length === 0 ? await dossierByCodeAndId(req.ctx.db, code, idNumber) : null;
    if (!found && Object.keys(errors).length === 0) errors.ma = { key: 'dossier.lookup.notFound' };
    const form = { values: { ma: code }, errors };
    if (!found) return sendPage(reply, <LookupPage page={req.page()} form={form} found={null} />, 422);
    return sendPage(reply, <LookupPage page={req.page()} form={form} found={await dossierView(req.ctx.db, found)} />);
  });
}
