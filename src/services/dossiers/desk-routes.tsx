import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { users } from '../../accounts/schema.js';
import { agencies } from '../../org/schema.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import { type FieldErrors, Invalid, NotFound } from '../../platform/errors.js';
import { setFlash } from '../../platform/http/cookies.js';
import { emptyForm } from '../../platform/views/form.js';
import { sendPage } from '../../platform/views/render.js';
import { idOrNotFound } from '../../platform/validation.js';
import { apologySlip } from '../slips/apology.js';
import { controlSlip } from '../slips/control-slip.js';
import type { SlipInput } from '../slips/form-layout.js';
import { receiptSlip } from '../slips/receipt.js';
import { refusalSlip } from '../slips/refusal.js';
import { stopNoticeSlip } from '../slips/stop-notice.js';
import { supplementRequestSlip } from '../slips/supplement-request.js';
import { deskChoices, enterDossier, procedureForDesk } from './enter-dossier.js';
import { deskInbox, deskProcedures, soonBound } from './inbox-queries.js';
import { pageNumber } from './processing-routes.js';
import { dossierView } from './queries.js';
import { readDossier } from './read-dossier.js';
import { ChooseProcedurePage, EntryPage } from './views/desk-entry.js';
import type { SlipKind } from './views/office-dossier.js';
import { DESK_INBOX, DeskInboxPage, ENTRY, OFFICE, officeHref } from './views/office-inbox.js';

type Query = { Querystring: Record<string, string | undefined> };

const SLIPS: Record<SlipKind, (input: SlipInput) => Promise<Uint8Array>> = {
  'tiep-nhan': receiptSlip,
  'bo-sung': supplementRequestSlip,
  'tu-choi': refusalSlip,
  'kiem-soat': controlSlip,
  'xin-loi': apologySlip,
  dung: stopNoticeSlip,
};

/** The one-stop desk: its inbox, dossiers entered in person, and the printed slips. */
export async function dossierDeskRoutes(app: FastifyInstance): Promise<void> {
  const deps = { baseUrl: app.deps.config.baseUrl, secrets: app.deps.secrets };

  app.get<Query>(DESK_INBOX, async (req, reply) => {
    await requirePermission(req.ctx, 'dossier.receive', null);
    const tab = req.query.muc === 'tra-ket-qua' ? 'return' : req.query.muc === 'nghia-vu-tai-chinh' ? 'financial' : 'new';
    const inbox = await deskInbox(req.ctx, tab, pageNumber(req.query.trang));
    const now = req.ctx.now();
    return sendPage(reply, <DeskInboxPage page={req.page()} tab={tab} inbox={inbox} clock={{ now, soon: await soonBound(req.ctx.db, now) }} />);
  });

  async function entryPage(req: FastifyRequest<Query>, reply: FastifyReply, values: Record<string, unknown>, errors: FieldErrors, status = 200) {
    await requirePermission(req.ctx, 'dossier.receive', null);
    const code = req.query.thu_tuc?.trim();
    if (!code) return sendPage(reply, <ChooseProcedurePage page={req.page()} procedures={await deskProcedures(req.ctx)} form={emptyForm} />, status);
    const { procedure, version } = await procedureForDesk(req.ctx, code);
    const choices = await deskChoices(req.ctx, procedure.id);
    if (choices.length === 0) throw new NotFound();
    const key = typeof values.key === 'string' ? values.key : randomUUID();
    return sendPage(
      reply,
      <EntryPage page={req.page()} procedure={procedure} definition={version.definition} agencies={choices.map((c) => ({ id: c.agencyId, name: c.name }))} values={values} errors={errors} entryKey={key} />,
      status,
    );
  }

  app.get<Query>(ENTRY, async (req, reply) => entryPage(req, reply, {}, {}));

  app.post<Query & { Body: Record<string, unknown> }>(ENTRY, async (req, reply) => {
    const code = req.query.thu_tuc?.trim() ?? '';
    try {
      const dossier = await enterDossier(req.ctx, deps, code, req.body ?? {});
      setFlash(req, reply, req.t('office.done.entered', { code: dossier.code ?? '' }));
      return reply.redirect(officeHref(dossier.id), 303);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      const { _csrf: _, ...values } = req.body ?? {};
      return entryPage(req, reply, values, err.fields, 422);
    }
  });

  app.get<{ Params: { id: string; kind: string } }>(`${OFFICE}/:id/phieu/:kind`, async (req, reply) => {
    const kind = (Object.keys(SLIPS) as SlipKind[]).find((k) => k === req.params.kind);
    if (!kind) throw new NotFound();
    const view = await dossierView(req.ctx.db, await readDossier(req.ctx, idOrNotFound(req.params.id)));
    const [desk] = await req.ctx.db.select({ parentId: agencies.parentId }).from(agencies).where(eq(agencies.id, view.dossier.deskAgencyId));
    const [parent] = desk?.parentId ? await req.ctx.db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, desk.parentId)) : [];
    const [me] = await req.ctx.db.select({ fullName: users.fullName }).from(users).where(eq(users.id, req.ctx.actor!.userId));
    const pdf = await SLIPS[kind]({
      view,
      parentName: parent?.name ?? null,
      place: app.deps.config.provinceName.replace(/^tỉnh\s+/i, ''),
      baseUrl: app.deps.config.baseUrl,
      now: req.ctx.now(),
      officerName: me?.fullName ?? req.ctx.actor!.label,
    });
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', `inline; filename="${kind}-${view.dossier.code ?? view.dossier.id}.pdf"`)
      .send(Buffer.from(pdf));
  });
}
