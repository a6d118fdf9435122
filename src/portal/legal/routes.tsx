import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission } from '../../platform/auth/authorize.js';
import { vnToday } from '../../platform/dates.js';
import { Conflict, Invalid } from '../../platform/errors.js';
import { setFlash } from '../../platform/http/cookies.js';
import { formValues } from '../../platform/http/forms.js';
import type { MessageKey } from '../../platform/i18n/index.js';
import { readMultipartForm } from '../../platform/storage/multipart-form.js';
import { emptyForm, type FormState } from '../../platform/views/form.js';
import { sendPage } from '../../platform/views/render.js';
import { idOrNotFound, isUuid } from '../../platform/validation.js';
import { attachLegalPdf } from './attach-legal-pdf.js';
import { createLegalDocument } from './create-legal-document.js';
import { editLegalDocument } from './edit-legal-document.js';
import { LEGAL_DOC_TYPES, LEGAL_STATUSES, type LegalStatus, documentFormValues, loadLegal, suggestStatus } from './legal-rules.js';
import { publishLegalDocument } from './publish-legal-document.js';
import * as q from './queries.js';
import { unpublishLegalDocument } from './unpublish-legal-document.js';
import { type LegalDetail, LegalEditPage, LegalNewPage } from './views/legal-form.js';
import { LegalListPage } from './views/legal-list.js';
import { LEGAL, legalHref } from './views/parts.js';

type Body = Record<string, string | undefined>;
type IdParams = { Params: { id: string } };

async function detailOf(req: FastifyRequest, id: string): Promise<LegalDetail> {
  const { doc, site } = await loadLegal(req.ctx.db, id);
  await requirePermission(req.ctx, 'legal.manage', site.agencyId);
  return {
    doc,
    site: { id: site.id, name: site.name, agencyId: site.agencyId, slug: site.slug, isMain: site.isMain },
    pdf: await q.pdfFile(req.ctx.db, doc.fileId),
    suggested: suggestStatus(doc, vnToday(req.ctx.now())),
  };
}

/** The edit page; `form` overrides what is stored (what was typed, and what was wrong with it). */
async function sendEdit(req: FastifyRequest, reply: FastifyReply, id: string, form: Partial<FormState> | null, status = 200) {
  const detail = await detailOf(req, id);
  const shown: FormState = { values: { ...documentFormValues(detail.doc), ...form?.values }, errors: form?.errors ?? {} };
  return sendPage(reply, <LegalEditPage page={req.page()} form={shown} detail={detail} />, status);
}

/** Refusals a person can act on come back on the same page; anything else goes to the central error pages. */
async function onFormError(req: FastifyRequest, reply: FastifyReply, id: string, err: unknown, typed: Record<string, string>) {
  if (err instanceof Invalid) return sendEdit(req, reply, id, { values: typed, errors: err.fields }, 422);
  if (err instanceof Conflict) {
    // Their words stay in the form; the version moves on so that saving again, after a look, goes through.
    const values = err.messageKey === 'legal.editConflict' ? { ...typed, version: String(err.params?.version ?? '') } : {};
    return sendEdit(req, reply, id, { values, errors: { _form: { key: err.messageKey, params: err.params } } }, 409);
  }
  throw err;
}

/** Legal documents of the sites the person manages (legal.manage on the site's agency). */
export async function legalRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: Record<string, string | undefined> }>(LEGAL, async (req, reply) => {
    const sites = await q.managedSites(req.ctx);
    if (sites.length === 0) await requirePermission(req.ctx, 'legal.manage', null);
    const query = req.query;
    const clean = (v: string | undefined) => (v ?? '').normalize('NFC').trim().slice(0, 100) || undefined;
    const filters: q.LegalFilters = {
      siteId: query.site && isUuid(query.site) ? query.site.toLowerCase() : undefined,
      docType: LEGAL_DOC_TYPES.find((d) => d === clean(query.loai)),
      status: LEGAL_STATUSES.find((s) => s === query.hieu_luc) as LegalStatus | undefined,
      q: clean(query.q),
      page: Math.max(1, Math.min(10_000, Number.parseInt(query.trang ?? '1', 10) || 1)),
    };
    const { rows, total } = await q.listLegal(req.ctx, sites, filters);
    const pages = Math.max(1, Math.ceil(total / q.PAGE_SIZE));
    return sendPage(reply, <LegalListPage page={req.page()} sites={sites} filters={filters} rows={rows} total={total} pages={pages} />);
  });

  async function newPage(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
    const sites = await q.managedSites(req.ctx);
    if (sites.length === 0) await requirePermission(req.ctx, 'legal.manage', null);
    return sendPage(reply, <LegalNewPage page={req.page()} form={form} sites={sites} />, status);
  }

  app.get(`${LEGAL}/moi`, async (req, reply) => newPage(req, reply, emptyForm));

  app.post<{ Body: Body }>(`${LEGAL}/moi`, async (req, reply) => {
    try {
      const doc = await createLegalDocument(req.ctx, req.body);
      setFlash(req, reply, req.t('legal.created'));
      return reply.redirect(legalHref(doc.id), 303);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      return newPage(req, reply, { values: formValues(req.body), errors: err.fields }, 422);
    }
  });

  app.get<IdParams>(`${LEGAL}/:id`, async (req, reply) => sendEdit(req, reply, idOrNotFound(req.params.id), null));

  const posts: [string, (req: FastifyRequest<IdParams & { Body: Body }>, id: string) => Promise<unknown>, MessageKey][] = [
    ['', (req, id) => editLegalDocument(req.ctx, id, req.body), 'legal.saved'],
    ['/dang', (req, id) => publishLegalDocument(req.ctx, id, req.body), 'legal.publishedDone'],
    ['/go', (req, id) => unpublishLegalDocument(req.ctx, id, req.body), 'legal.unpublishedDone'],
  ];
  for (const [path, work, done] of posts) {
    app.post<IdParams & { Body: Body }>(`${LEGAL}/:id${path}`, async (req, reply) => {
      const id = idOrNotFound(req.params.id);
      try {
        await work(req, id);
      } catch (err) {
        // Only the main form's words are shown again; the buttons beside it carry nothing but the version.
        return onFormError(req, reply, id, err, path === '' ? formValues(req.body) : {});
      }
      setFlash(req, reply, req.t(done));
      return reply.redirect(legalHref(id), 303);
    });
  }

  // Upload form: CSRF is checked by readMultipartForm before the file is read.
  app.post<IdParams>(`${LEGAL}/:id/tep`, { config: { csrf: false } }, async (req, reply) => {
    const id = idOrNotFound(req.params.id);
    const form = await readMultipartForm(req, app.deps.config.maxUploadBytes);
    try {
      await attachLegalPdf(req.ctx, { storage: app.deps.storage, maxBytes: app.deps.config.maxUploadBytes }, id, form.file, form.fields);
    } catch (err) {
      return onFormError(req, reply, id, err, {});
    }
    setFlash(req, reply, req.t('legal.pdfSaved'));
    return reply.redirect(legalHref(id), 303);
  });
}
