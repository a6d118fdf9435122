import type { FastifyInstance, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { NotFound } from '../platform/errors.js';
import { setFlash } from '../platform/http/cookies.js';
import { submitForm } from '../platform/http/forms.js';
import { emptyForm, type FormState } from '../platform/views/form.js';
import { sendPage } from '../platform/views/render.js';
import { hasSystemWideGrant, requireSystemWide } from '../platform/auth/authorize.js';
import { idOrNotFound, isUuid } from '../platform/validation.js';
import { createUnit } from './create-unit.js';
import { showDate, vnToday } from '../platform/dates.js';
import { editUnit } from './edit-unit.js';
import { endUnitValidity } from './end-unit-validity.js';
import { moveUnit } from './move-unit.js';
import { listUnits, unitDetail } from './queries.js';
import { adminUnits } from './schema.js';
import { type Unit, type UnitLevel, unitLevels } from './unit-rules.js';
import { UnitDetailPage, UnitEndPage, UnitFormPage, UnitListPage, type UnitFilterView, UnitMovePage } from './views/units.js';

type Body = Record<string, string | undefined>;
type IdParams = { Params: { id: string } };
const PAGE_SIZE = 50;

async function loadUnit(req: FastifyRequest<IdParams>): Promise<Unit> {
  const [unit] = await req.ctx.db.select().from(adminUnits).where(eq(adminUnits.id, idOrNotFound(req.params.id)));
  if (!unit) throw new NotFound();
  return unit;
}

function unitValues(u: Unit): FormState {
  return { values: { code: u.code, name: u.name, kind: u.kind, validFrom: showDate(u.validFrom), version: String(u.version) }, errors: {} };
}

/** Administrative units in the back office: anyone signed in reads them, only system administrators change them. */
export async function unitRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: Record<string, string | undefined> }>('/quan-tri/don-vi-hanh-chinh', async (req, reply) => {
    const query = req.query;
    const level = unitLevels.includes(query.cap as UnitLevel) ? (query.cap as UnitLevel) : '';
    const parentId = query.cha && isUuid(query.cha) ? query.cha.toLowerCase() : null;
    const [parent] = parentId ? await req.ctx.db.select({ name: adminUnits.name }).from(adminUnits).where(eq(adminUnits.id, parentId)) : [];
    const filter: UnitFilterView = {
      q: (query.q ?? '').trim().slice(0, 100),
      level,
      includeEnded: query['het-hieu-luc'] === '1' || query['het-hieu-luc'] === 'on',
      parentId: parent ? parentId : null,
      parentName: parent?.name ?? null,
    };
    const today = vnToday(req.ctx.now());
    const requested = Math.max(1, Math.min(10_000, Number.parseInt(query.trang ?? '1', 10) || 1));
    const fetch = (pageNo: number) =>
      listUnits(req.ctx.db, {
        level: filter.level || undefined,
        q: filter.q || undefined,
        on: filter.includeEnded ? undefined : today,
        parentId: filter.parentId ?? undefined,
        limit: PAGE_SIZE,
        offset: (pageNo - 1) * PAGE_SIZE,
      });
    let { rows, total } = await fetch(requested);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const pageNo = Math.min(requested, pages);
    if (pageNo !== requested) ({ rows, total } = await fetch(pageNo));
    const canManage = hasSystemWideGrant(req.ctx.actor, 'unit.manage');
    return sendPage(reply, <UnitListPage page={req.page()} rows={rows} total={total} filter={filter} pageNo={pageNo} pages={pages} canManage={canManage} today={today} />);
  });

  app.get('/quan-tri/don-vi-hanh-chinh/moi', async (req, reply) => {
    requireSystemWide(req.ctx, 'unit.manage');
    return sendPage(reply, <UnitFormPage page={req.page()} form={{ values: { level: 'commune', kind: 'xã' }, errors: {} }} unit={null} />);
  });

  app.post<{ Body: Body }>('/quan-tri/don-vi-hanh-chinh/moi', async (req, reply) =>
    submitForm(
      reply,
      req.body,
      async () => {
        const unit = await createUnit(req.ctx, req.body);
        setFlash(req, reply, req.t('unit.created'));
        return reply.redirect(`/quan-tri/don-vi-hanh-chinh/${unit.id}`, 303);
      },
      (form) => <UnitFormPage page={req.page()} form={form} unit={null} />,
    ),
  );

  app.get<IdParams>('/quan-tri/don-vi-hanh-chinh/:id', async (req, reply) => {
    const d = await unitDetail(req.ctx.db, idOrNotFound(req.params.id));
    if (!d) throw new NotFound();
    return sendPage(reply, <UnitDetailPage page={req.page()} d={d} canManage={hasSystemWideGrant(req.ctx.actor, 'unit.manage')} today={vnToday(req.ctx.now())} />);
  });

  app.get<IdParams>('/quan-tri/don-vi-hanh-chinh/:id/sua', async (req, reply) => {
    const unit = await loadUnit(req);
    requireSystemWide(req.ctx, 'unit.manage');
    return sendPage(reply, <UnitFormPage page={req.page()} form={unitValues(unit)} unit={unit} />);
  });

  app.post<IdParams & { Body: Body }>('/quan-tri/don-vi-hanh-chinh/:id/sua', async (req, reply) => {
    const unit = await loadUnit(req);
    return submitForm(
      reply,
      req.body,
      async () => {
        await editUnit(req.ctx, unit.id, req.body);
        setFlash(req, reply, req.t('common.saved'));
        return reply.redirect(`/quan-tri/don-vi-hanh-chinh/${unit.id}`, 303);
      },
      (form) => <UnitFormPage page={req.page()} form={form} unit={unit} />,
    );
  });

  app.get<IdParams>('/quan-tri/don-vi-hanh-chinh/:id/ket-thuc', async (req, reply) => {
    const unit = await loadUnit(req);
    requireSystemWide(req.ctx, 'unit.manage');
    return sendPage(reply, <UnitEndPage page={req.page()} form={emptyForm} unit={unit} />);
  });

  app.post<IdParams & { Body: Body }>('/quan-tri/don-vi-hanh-chinh/:id/ket-thuc', async (req, reply) => {
    const unit = await loadUnit(req);
    return submitForm(
      reply,
      req.body,
      async () => {
        await endUnitValidity(req.ctx, unit.id, req.body);
        setFlash(req, reply, req.t('unit.ended'));
        return reply.redirect(`/quan-tri/don-vi-hanh-chinh/${unit.id}`, 303);
      },
      (form) => <UnitEndPage page={req.page()} form={form} unit={unit} />,
    );
  });

  app.get<IdParams>('/quan-tri/don-vi-hanh-chinh/:id/chuyen', async (req, reply) => {
    const unit = await loadUnit(req);
    requireSystemWide(req.ctx, 'unit.manage');
    const [parent] = unit.parentId ? await req.ctx.db.select().from(adminUnits).where(eq(adminUnits.id, unit.parentId)) : [];
    return sendPage(reply, <UnitMovePage page={req.page()} form={emptyForm} unit={unit} parent={parent ?? null} />);
  });

  app.post<IdParams & { Body: Body }>('/quan-tri/don-vi-hanh-chinh/:id/chuyen', async (req, reply) => {
    const unit = await loadUnit(req);
    const [parent] = unit.parentId ? await req.ctx.db.select().from(adminUnits).where(eq(adminUnits.id, unit.parentId)) : [];
    return submitForm(
      reply,
      req.body,
      async () => {
        await moveUnit(req.ctx, unit.id, req.body);
        setFlash(req, reply, req.t('unit.moved'));
        return reply.redirect(`/quan-tri/don-vi-hanh-chinh/${unit.id}`, 303);
      },
      (form) => <UnitMovePage page={req.page()} form={form} unit={unit} parent={parent ?? null} />,
    );
  });
}
