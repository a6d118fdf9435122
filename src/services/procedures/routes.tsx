import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasSystemWideGrant, requirePermission } from '../../platform/auth/authorize.js';
import { Conflict, Invalid } from '../../platform/errors.js';
import { setFlash } from '../../platform/http/cookies.js';
import { formValues } from '../../platform/http/forms.js';
import type { MessageKey } from '../../platform/i18n/index.js';
import { readMultipartForm } from '../../platform/storage/multipart-form.js';
import type { FormState } from '../../platform/views/form.js';
import { sendPage } from '../../platform/views/render.js';
import { idOrNotFound, isUuid } from '../../platform/validation.js';
import { attachTemplate } from './attach-template.js';
import { changeProcedureStatus } from './change-procedure-status.js';
import { createProcedure } from './create-procedure.js';
import { definitionToValues, postedRowCounts, rowCounts } from './draft-form.js';
import { editDraft } from './edit-draft.js';
import { editProcedure } from './edit-procedure.js';
import { fieldRoutes } from './field-routes.js';
import { importProcedures } from './import-procedures.js';
import { publishDraft } from './publish-draft.js';
import * as q from './queries.js';
import { AGENCY_BLANK_ROWS, LEVELS, MAX_AGENCY_ROWS, type Procedure, agencyRowsOf, loadProcedure, loadVersion } from './rules.js';
import { startDraft } from './start-draft.js';
import { DraftEditorPage } from './views/draft-editor.js';
import { ImportPage } from './views/import-page.js';
import { type CatalogueChoices, ProcedureEditPage, ProcedureNewPage, ProcedurePage } from './views/procedure-form.js';
import { ProcedureListPage } from './views/procedure-list.js';
import { IMPORT, PROCS, procHref, versionHref } from './views/parts.js';
import { VersionPage, type VersionView } from './views/version.js';

type Body = Record<string, string | undefined>;
type IdParams = { Params: { id: string } };
type VersionParams = { Params: { id: string; vid: string } };

const noErrors: FormState = { values: {}, errors: {} };

async function choices(req: FastifyRequest): Promise<CatalogueChoices> {
  const all = await q.agencyOptions(req.ctx.db);
  return { fields: await q.listFields(req.ctx.db), owners: await q.ownerOptions(req.ctx, all), agencies: all };
}

/** Agency rows shown: what was posted (plus more on "add rows"), or the stored ones and a couple of blanks. */
function agencyRowCount(values: Body, stored = 0): number {
  const posted = Number.parseInt(values['rows.agency'] ?? '', 10);
  const base = Number.isFinite(posted) ? posted : stored + AGENCY_BLANK_ROWS;
  return Math.min(MAX_AGENCY_ROWS, base + (values._add === 'agency' ? 5 : 0));
}

async function catalogueValues(req: FastifyRequest, p: Procedure): Promise<Record<string, string>> {
  const rows = await agencyRowsOf(req.ctx.db, p.id);
  const v: Record<string, string> = {
    code: p.code,
    name: p.name,
    nameEn: p.nameEn ?? '',
    fieldId: p.fieldId,
    level: p.level,
    legacyLevel: p.legacyLevel ? String(p.legacyLevel) : '',
    tier: p.tier,
    ownerAgencyId: p.ownerAgencyId,
    version: String(p.version),
    'rows.agency': String(rows.length + AGENCY_BLANK_ROWS),
  };
  rows.forEach((r, i) => Object.assign(v, { [`agency.${i}`]: r.agencyId, [`desk.${i}`]: r.deskAgencyId }));
  return v;
}

async function versionView(req: FastifyRequest<VersionParams>): Promise<VersionView> {
  const procedure = await loadProcedure(req.ctx.db, req.params.id);
  await requirePermission(req.ctx, 'procedure.manage', procedure.ownerAgencyId);
  const version = await loadVersion(req.ctx.db, procedure.id, req.params.vid);
  const ids = version.definition.documents.flatMap((d) => (d.templateFileId ? [d.templateFileId] : []));
  return { procedure, version, templates: await q.templateFiles(req.ctx.db, ids) };
}

/** The draft editor; `form` overrides what is stored (what was typed, and what was wrong with it). */
async function sendDraft(req: FastifyRequest<VersionParams>, reply: FastifyReply, form: Partial<FormState> | null, status = 200) {
  const view = await versionView(req);
  if (view.version.status !== 'draft') return reply.redirect(versionHref(view.procedure.id, view.version.id), 303);
  const values = form?.values ?? { ...definitionToValues(view.version.definition), note: view.version.note ?? '', revision: String(view.version.revision) };
  const rows = form?.values ? postedRowCounts(form.values) : rowCounts(view.version.definition);
  // Templates linked by rows the person has typed but not saved are looked up too.
  const extra = Object.entries(values).flatMap(([k, v]) => (k.endsWith('.templateFileId') && v && isUuid(v) && !view.templates.has(v) ? [v] : []));
  if (extra.length) for (const [id, f] of await q.templateFiles(req.ctx.db, extra)) view.templates.set(id, f);
  return sendPage(reply, <DraftEditorPage page={req.page()} view={view} form={{ values, errors: form?.errors ?? {} }} rows={rows} />, status);
}

/** Back office of the procedure catalogue: procedures, their versions and process, fields, import. */
export async function procedureAdminRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fieldRoutes);

  app.get<{ Querystring: Record<string, string | undefined> }>(PROCS, async (req, reply) => {
    await requirePermission(req.ctx, 'procedure.manage', null);
    const query = req.query;
    const all = await q.agencyOptions(req.ctx.db);
    const owners = await q.ownerOptions(req.ctx, all);
    const filters: q.ProcedureFilters = {
      fieldId: query.linh_vuc && isUuid(query.linh_vuc) ? query.linh_vuc.toLowerCase() : undefined,
      level: LEVELS.find((l) => l === query.muc_do),
      ownerAgencyId: query.co_quan && isUuid(query.co_quan) ? query.co_quan.toLowerCase() : undefined,
      q: (query.q ?? '').normalize('NFC').trim().slice(0, 100) || undefined,
      page: Math.max(1, Math.min(10_000, Number.parseInt(query.trang ?? '1', 10) || 1)),
    };
    const { rows, total } = await q.listProcedures(req.ctx, filters);
    const pages = Math.max(1, Math.ceil(total / q.PAGE_SIZE));
    const page = <ProcedureListPage page={req.page()} fields={await q.listFields(req.ctx.db)} owners={owners} filters={filters} rows={rows} total={total} pages={pages} systemWide={hasSystemWideGrant(req.ctx.actor, 'procedure.manage')} />;
    return sendPage(reply, page);
  });

  app.get(`${PROCS}/moi`, async (req, reply) => {
    await requirePermission(req.ctx, 'procedure.manage', null);
    return sendPage(reply, <ProcedureNewPage page={req.page()} form={noErrors} choices={await choices(req)} rows={agencyRowCount({})} />);
  });

  app.post<{ Body: Body }>(`${PROCS}/moi`, async (req, reply) => {
    await requirePermission(req.ctx, 'procedure.manage', null);
    const values = formValues(req.body);
    const rows = agencyRowCount(values);
    if (values._add) return sendPage(reply, <ProcedureNewPage page={req.page()} form={{ values: { ...values, 'rows.agency': String(rows) }, errors: {} }} choices={await choices(req)} rows={rows} />);
    try {
      const p = await createProcedure(req.ctx, req.body);
      setFlash(req, reply, req.t('proc.created'));
      return reply.redirect(procHref(p.id), 303);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      return sendPage(reply, <ProcedureNewPage page={req.page()} form={{ values, errors: err.fields }} choices={await choices(req)} rows={rows} />, 422);
    }
  });

  async function sendProcedure(req: FastifyRequest<IdParams>, reply: FastifyReply, form: FormState = noErrors, status = 200) {
    const p = await loadProcedure(req.ctx.db, req.params.id);
    await requirePermission(req.ctx, 'procedure.manage', p.ownerAgencyId);
    return sendPage(reply, <ProcedurePage page={req.page()} detail={await q.procedureDetail(req.ctx.db, p)} form={form} />, status);
  }

  app.get<IdParams>(`${PROCS}/:id`, async (req, reply) => sendProcedure(req, reply));

  async function sendEdit(req: FastifyRequest<IdParams>, reply: FastifyReply, form: FormState | null, status = 200) {
    const p = await loadProcedure(req.ctx.db, req.params.id);
    await requirePermission(req.ctx, 'procedure.manage', p.ownerAgencyId);
    const values = form?.values ?? (await catalogueValues(req, p));
    const rows = agencyRowCount(values as Body);
    const shown = { values: { ...values, 'rows.agency': String(rows) }, errors: form?.errors ?? {} };
    return sendPage(reply, <ProcedureEditPage page={req.page()} form={shown} choices={await choices(req)} rows={rows} detail={await q.procedureDetail(req.ctx.db, p)} />, status);
  }

  app.get<IdParams>(`${PROCS}/:id/sua`, async (req, reply) => sendEdit(req, reply, null));

  app.post<IdParams & { Body: Body }>(`${PROCS}/:id/sua`, async (req, reply) => {
    const id = idOrNotFound(req.params.id);
    const values = formValues(req.body);
    if (values._add) return sendEdit(req, reply, { values, errors: {} });
    try {
      await editProcedure(req.ctx, id, req.body);
    } catch (err) {
      if (err instanceof Invalid) return sendEdit(req, reply, { values, errors: err.fields }, 422);
      // Their words stay; the version moves on so that saving again, after a look, goes through.
      if (err instanceof Conflict) return sendEdit(req, reply, { values: { ...values, version: String(err.params?.version ?? '') }, errors: { _form: { key: err.messageKey, params: err.params } } }, 409);
      throw err;
    }
    setFlash(req, reply, req.t('proc.saved'));
    return reply.redirect(procHref(id), 303);
  });

  const actions: [string, (req: FastifyRequest<IdParams & { Body: Body }>, id: string) => Promise<unknown>, MessageKey][] = [
    ['/ap-dung', (req, id) => changeProcedureStatus(req.ctx, id, true, req.body), 'proc.activated'],
    ['/ngung', (req, id) => changeProcedureStatus(req.ctx, id, false, req.body), 'proc.deactivated'],
    ['/ban-nhap', (req, id) => startDraft(req.ctx, id), 'proc.draftStarted'],
  ];
  for (const [path, work, done] of actions) {
    app.post<IdParams & { Body: Body }>(`${PROCS}/:id${path}`, async (req, reply) => {
      const id = idOrNotFound(req.params.id);
      let result: unknown;
      try {
        result = await work(req, id);
      } catch (err) {
        if (err instanceof Conflict) return sendProcedure(req, reply, { values: {}, errors: { _form: { key: err.messageKey, params: err.params } } }, 409);
        throw err;
      }
      setFlash(req, reply, req.t(done));
      const draft = path === '/ban-nhap' ? (result as { id: string }) : null;
      return reply.redirect(draft ? versionHref(id, draft.id, '/sua') : procHref(id), 303);
    });
  }

  app.get<VersionParams>(`${PROCS}/:id/phien-ban/:vid`, async (req, reply) => sendPage(reply, <VersionPage page={req.page()} view={await versionView(req)} form={noErrors} />));

  app.get<VersionParams>(`${PROCS}/:id/phien-ban/:vid/sua`, async (req, reply) => sendDraft(req, reply, null));

  app.post<VersionParams & { Body: Body }>(`${PROCS}/:id/phien-ban/:vid/sua`, async (req, reply) => {
    const values = formValues(req.body);
    if (values._add) return sendDraft(req, reply, { values, errors: {} });
    try {
      await editDraft(req.ctx, req.params.id, req.params.vid, req.body);
    } catch (err) {
      if (err instanceof Invalid) return sendDraft(req, reply, { values, errors: err.fields }, 422);
      if (err instanceof Conflict) {
        const keep = err.messageKey === 'proc.draftConflict' ? { ...values, revision: String(err.params?.revision ?? '') } : values;
        return sendDraft(req, reply, { values: keep, errors: { _form: { key: err.messageKey, params: err.params } } }, 409);
      }
      throw err;
    }
    setFlash(req, reply, req.t('proc.draftSaved'));
    return reply.redirect(versionHref(idOrNotFound(req.params.id), idOrNotFound(req.params.vid), '/sua'), 303);
  });

  app.post<VersionParams & { Body: Body }>(`${PROCS}/:id/phien-ban/:vid/cong-bo`, async (req, reply) => {
    try {
      await publishDraft(req.ctx, req.params.id, req.params.vid, req.body);
    } catch (err) {
      if (err instanceof Conflict) return sendDraft(req, reply, { errors: { _form: { key: err.messageKey, params: err.params } } }, 409);
      throw err;
    }
    setFlash(req, reply, req.t('proc.publishedDone'));
    return reply.redirect(procHref(idOrNotFound(req.params.id)), 303);
  });

  // Upload forms: CSRF is checked by readMultipartForm before the file is read.
  app.post<VersionParams>(`${PROCS}/:id/phien-ban/:vid/mau`, { config: { csrf: false } }, async (req, reply) => {
    const form = await readMultipartForm(req, app.deps.config.maxUploadBytes);
    try {
      await attachTemplate(req.ctx, { storage: app.deps.storage, maxBytes: app.deps.config.maxUploadBytes }, req.params.id, req.params.vid, form.file, form.fields);
    } catch (err) {
      if (err instanceof Invalid) return sendDraft(req, reply, { errors: err.fields }, 422);
      if (err instanceof Conflict) return sendDraft(req, reply, { errors: { _form: { key: err.messageKey, params: err.params } } }, 409);
      throw err;
    }
    setFlash(req, reply, req.t('proc.templateSaved'));
    return reply.redirect(versionHref(idOrNotFound(req.params.id), idOrNotFound(req.params.vid), '/sua'), 303);
  });

  app.get(IMPORT, async (req, reply) => {
    await requirePermission(req.ctx, 'procedure.manage', null);
    return sendPage(reply, <ImportPage page={req.page()} form={noErrors} summary={null} />);
  });

  app.post(IMPORT, { config: { csrf: false } }, async (req, reply) => {
    await requirePermission(req.ctx, 'procedure.manage', null);
    const form = await readMultipartForm(req, app.deps.config.maxUploadBytes);
    if (!form.file) return sendPage(reply, <ImportPage page={req.page()} form={{ values: {}, errors: { file: { key: 'proc.import.fileRequired' } } }} summary={null} />, 422);
    const summary = await importProcedures(req.ctx, form.file.content, { fileName: form.file.name });
    return sendPage(reply, <ImportPage page={req.page()} form={noErrors} summary={summary} />, summary.rejected.length ? 422 : 200);
  });
}
