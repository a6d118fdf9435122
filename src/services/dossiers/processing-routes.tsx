import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission } from '../../platform/auth/authorize.js';
import { Conflict, Invalid, NotFound } from '../../platform/errors.js';
import { setFlash } from '../../platform/http/cookies.js';
import { formValues } from '../../platform/http/forms.js';
import type { MessageKey } from '../../platform/i18n/index.js';
import { files } from '../../platform/schema.js';
import { sendPrivateFile } from '../../platform/storage/send-file.js';
import { sendPage } from '../../platform/views/render.js';
import { idOrNotFound } from '../../platform/validation.js';
import type { Ctx } from '../../platform/context.js';
import type { Dossier } from './append-action.js';
import { assignDossier } from './assign-dossier.js';
import { completeStep } from './complete-step.js';
import { assignableOfficers, assignmentInbox, processingInbox, soonBound } from './inbox-queries.js';
import { officialDossierView, readDossier } from './read-dossier.js';
import { receiveDossier } from './receive-dossier.js';
import { refuseDossier } from './refuse-dossier.js';
import { requestSupplement } from './request-supplement.js';
import { returnResult } from './return-result.js';
import { returnStep } from './return-step.js';
import { dossierFiles, dossiers } from './schema.js';
import { ACTION_FORMS, type ActionForm, type Failed, OfficeDossierPage } from './views/office-dossier.js';
import { ASSIGN_INBOX, AssignmentPage, OFFICE, PROCESSING_INBOX, ProcessingInboxPage, officeHref } from './views/office-inbox.js';
import { attachResult } from './attach-result.js';
import { readMultipartForm } from '../../platform/storage/multipart-form.js';
import { approveApology, draftApology } from './apologise.js';
import { recordObligationPayment } from './record-obligation-payment.js';
import { requestFinancialObligation } from './request-financial-obligation.js';
import { stopDossier } from './stop-dossier.js';
import { consultableAgencies, consultationsOf } from './consultations.js';

type Body = Record<string, unknown>;
type Query = { Querystring: Record<string, string | undefined> };

export const pageNumber = (raw: string | undefined) => Math.max(1, Math.min(10_000, Number.parseInt(raw ?? '1', 10) || 1));

/** The official's dossier page; `failed` brings a refused action's form back with its errors. */
export async function sendDossierPage(req: FastifyRequest, reply: FastifyReply, id: string, failed: Failed | null = null, status = 200) {
  const dossier = await readDossier(req.ctx, id);
  const { view, actions } = await officialDossierView(req.ctx, dossier);
  const officers = await assignableOfficers(req.ctx.db, [dossier]);
  const consultations = { consultations: await consultationsOf(req.ctx.db, dossier.id), agencies: actions.consult ? await consultableAgencies(req.ctx.db, dossier) : [] };
  return sendPage(reply, <OfficeDossierPage page={req.page()} view={view} actions={actions} officers={officers} failed={failed} consultations={consultations} />, status);
}

/** The processing side: inboxes by role and person, the leader's assignments, the dossier page and its actions. */
export async function dossierProcessingRoutes(app: FastifyInstance): Promise<void> {
  const deps = { baseUrl: app.deps.config.baseUrl, secrets: app.deps.secrets };
  const work: Record<ActionForm, [(ctx: Ctx, id: string, body: Body) => Promise<Dossier>, MessageKey]> = {
    'tiep-nhan': [(ctx, id, b) => receiveDossier(ctx, deps, id, b), 'office.done.receive'],
    'xin-loi': [(ctx, id, b) => draftApology(ctx, id, b), 'office.done.draft_apology'],
    'duyet-xin-loi': [(ctx, id, b) => approveApology(ctx, deps, id, b), 'office.done.apology'],
    'yeu-cau-bo-sung': [(ctx, id, b) => requestSupplement(ctx, deps, id, b), 'office.done.request_supplement'],
    'tu-choi': [(ctx, id, b) => refuseDossier(ctx, deps, id, b), 'office.done.refuse'],
    'chuyen-buoc': [(ctx, id, b) => completeStep(ctx, deps, id, b), 'office.done.complete_step'],
    'tra-lai-buoc': [(ctx, id, b) => returnStep(ctx, id, b), 'office.done.return_step'],
    'phan-cong': [(ctx, id, b) => assignDossier(ctx, id, b), 'office.done.assign'],
    'tra-ket-qua': [(ctx, id, b) => returnResult(ctx, deps, id, b), 'office.done.return_result'],
    'nghia-vu-tai-chinh': [(ctx, id, b) => requestFinancialObligation(ctx, deps, id, b), 'office.done.request_financial'],
    'ghi-nhan-nop': [(ctx, id, b) => recordObligationPayment(ctx, id, b), 'office.done.pay_obligation'],
    'dung-xu-ly': [(ctx, id, b) => stopDossier(ctx, deps, id, b), 'office.done.stop'],
  };

  const clock = async (req: FastifyRequest) => {
    const now = req.ctx.now();
    return { now, soon: await soonBound(req.ctx.db, now) };
  };

  app.get<Query>(PROCESSING_INBOX, async (req, reply) => {
    await requirePermission(req.ctx, 'dossier.process', null);
    const view = req.query.xem === 'cua-toi' ? 'mine' : 'role';
    const inbox = await processingInbox(req.ctx, view, pageNumber(req.query.trang));
    return sendPage(reply, <ProcessingInboxPage page={req.page()} view={view} inbox={inbox} clock={await clock(req)} />);
  });

  app.get<Query>(ASSIGN_INBOX, async (req, reply) => {
    await requirePermission(req.ctx, 'dossier.assign', null);
    const inbox = await assignmentInbox(req.ctx, pageNumber(req.query.trang));
    const officers = await assignableOfficers(req.ctx.db, inbox.rows);
    return sendPage(reply, <AssignmentPage page={req.page()} inbox={inbox} officers={officers} clock={await clock(req)} />);
  });

  app.get<{ Params: { id: string } }>(`${OFFICE}/:id`, async (req, reply) => sendDossierPage(req, reply, idOrNotFound(req.params.id)));

  // Upload form: CSRF is checked by readMultipartForm before the file is read.
  app.post<{ Params: { id: string } }>(`${OFFICE}/:id/ket-qua`, { config: { csrf: false } }, async (req, reply) => {
    const id = idOrNotFound(req.params.id);
    let fields: Record<string, string> = {};
    try {
      const form = await readMultipartForm(req, app.deps.config.maxUploadBytes);
      fields = form.fields;
      if (!form.file) throw new Invalid({ file: { key: 'dossier.error.fileRequired' } });
      await attachResult(req.ctx, app.deps.storage, app.deps.config.maxUploadBytes, id, { name: form.file.name, content: form.file.content }, fields);
    } catch (err) {
      if (err instanceof Invalid) return sendDossierPage(req, reply, id, { form: 'ket-qua', values: {}, errors: err.fields }, 422);
      if (err instanceof Conflict) return sendDossierPage(req, reply, id, { form: 'ket-qua', values: {}, errors: { file: { key: err.messageKey, params: err.params } } }, 409);
      throw err;
    }
    const [d] = await req.ctx.db.select({ code: dossiers.code }).from(dossiers).where(eq(dossiers.id, id));
    setFlash(req, reply, req.t('office.done.attach_result', { code: d?.code ?? '' }));
    return reply.redirect(officeHref(id), 303);
  });

  app.post<{ Params: { id: string; action: string }; Body: Body }>(`${OFFICE}/:id/:action`, async (req, reply) => {
    const id = idOrNotFound(req.params.id);
    const form = ACTION_FORMS.find((a) => a === req.params.action);
    if (!form) throw new NotFound();
    const [run, done] = work[form];
    try {
      const dossier = await run(req.ctx, id, req.body ?? {});
      setFlash(req, reply, req.t(done, { code: dossier.code ?? '' }));
    } catch (err) {
      // The same page, fresh: what the person typed stays in the form they used, with what was wrong with it.
      if (err instanceof Invalid) return sendDossierPage(req, reply, id, { form, values: formValues(req.body), errors: err.fields }, 422);
      if (err instanceof Conflict) return sendDossierPage(req, reply, id, { form, values: formValues(req.body), errors: { _form: { key: err.messageKey, params: err.params } } }, 409);
      throw err;
    }
    return reply.redirect(req.body?.back === 'phan-cong' ? ASSIGN_INBOX : officeHref(id), 303);
  });

  app.get<{ Params: { id: string; fid: string } }>(`${OFFICE}/:id/tep/:fid`, async (req, reply) => {
    const dossier = await readDossier(req.ctx, idOrNotFound(req.params.id));
    const [row] = await req.ctx.db
      .select({ file: files })
      .from(dossierFiles)
      .innerJoin(files, eq(files.id, dossierFiles.fileId))
      .where(and(eq(dossierFiles.id, idOrNotFound(req.params.fid)), eq(dossierFiles.dossierId, dossier.id)));
    if (!row) throw new NotFound();
    return sendPrivateFile(app, req, reply, row.file);
  });
}
