import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasSystemWideGrant, requireSystemWide } from '../../platform/auth/authorize.js';
import { idOrNotFound } from '../../platform/validation.js';
import { vnToday } from '../../platform/dates.js';
import { NotFound } from '../../platform/errors.js';
import { setFlash } from '../../platform/http/cookies.js';
import { submitForm } from '../../platform/http/forms.js';
import { emptyForm } from '../../platform/views/form.js';
import { sendPage } from '../../platform/views/render.js';
import { addCalendarDay } from './add-calendar-day.js';
import { confirmCalendarYear } from './confirm-calendar-year.js';
import { editCalendarDay } from './edit-calendar-day.js';
import { editWorkingHours } from './edit-working-hours.js';
import { calendarDayById, loadWeek, yearView } from './queries.js';
import { removeCalendarDay } from './remove-calendar-day.js';
import { formatPeriods, isCalendarYear, weekdays, yearOf } from './rules.js';
import { seedCalendarYear } from './seed-calendar-year.js';
import { ConfirmYearPage, DayFormPage, HoursFormPage, RemoveDayPage } from './views/forms.js';
import { YearPage } from './views/year.js';

type Body = Record<string, string | undefined>;
type IdParams = { Params: { id: string } };
type YearParams = { Params: { year: string } };

/** A year in a URL: anything but a year the calendar may hold names nothing, so it is a 404. */
function yearOrNotFound(raw: string | undefined): number {
  const n = raw !== undefined && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  if (!isCalendarYear(n)) throw new NotFound();
  return n;
}

const thisYear = (req: FastifyRequest) => yearOf(vnToday(req.ctx.now()));
const yearPage = (year: number) => `/quan-tri/lich-lam-viec?nam=${year}`;

/**
 * The province's working calendar in the back office. Every official may read it, since it decides their
 * deadlines; changes need calendar.manage held system-wide.
 */
export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { nam?: string } }>('/quan-tri/lich-lam-viec', async (req, reply) => {
    const year = req.query.nam === undefined ? thisYear(req) : yearOrNotFound(req.query.nam);
    const v = await yearView(req.ctx.db, year);
    return sendPage(reply, <YearPage page={req.page()} v={v} canManage={hasSystemWideGrant(req.ctx.actor, 'calendar.manage')} />);
  });

  app.get<{ Querystring: { nam?: string } }>('/quan-tri/lich-lam-viec/ngay/moi', async (req, reply) => {
    requireSystemWide(req.ctx, 'calendar.manage');
    const year = req.query.nam === undefined ? thisYear(req) : yearOrNotFound(req.query.nam);
    return sendPage(reply, <DayFormPage page={req.page()} form={emptyForm} day={null} year={year} />);
  });

  app.post<{ Body: Body }>('/quan-tri/lich-lam-viec/ngay/moi', async (req, reply) => {
    requireSystemWide(req.ctx, 'calendar.manage');
    return submitForm(
      reply,
      req.body,
      async () => {
        const d = await addCalendarDay(req.ctx, req.body);
        setFlash(req, reply, req.t('calendar.dayAdded'));
        return reply.redirect(yearPage(yearOf(d.day)), 303);
      },
      (form) => <DayFormPage page={req.page()} form={form} day={null} year={thisYear(req)} />,
    );
  });

  async function loadDay(req: FastifyRequest<IdParams>) {
    requireSystemWide(req.ctx, 'calendar.manage');
    const d = await calendarDayById(req.ctx.db, idOrNotFound(req.params.id));
    if (!d) throw new NotFound();
    return d;
  }

  app.get<IdParams>('/quan-tri/lich-lam-viec/ngay/:id/sua', async (req, reply) => {
    const d = await loadDay(req);
    const form = { values: { day: d.day.split('-').reverse().join('/'), kind: d.kind, name: d.name, version: String(d.version) }, errors: {} };
    return sendPage(reply, <DayFormPage page={req.page()} form={form} day={d} year={yearOf(d.day)} />);
  });

  app.post<IdParams & { Body: Body }>('/quan-tri/lich-lam-viec/ngay/:id/sua', async (req, reply) => {
    const d = await loadDay(req);
    return submitForm(
      reply,
      req.body,
      async () => {
        const after = await editCalendarDay(req.ctx, d.id, req.body);
        setFlash(req, reply, req.t('common.saved'));
        return reply.redirect(yearPage(yearOf(after.day)), 303);
      },
      (form) => <DayFormPage page={req.page()} form={form} day={d} year={yearOf(d.day)} />,
    );
  });

  app.get<IdParams>('/quan-tri/lich-lam-viec/ngay/:id/xoa', async (req, reply) => sendPage(reply, <RemoveDayPage page={req.page()} day={await loadDay(req)} />));

  app.post<IdParams & { Body: Body }>('/quan-tri/lich-lam-viec/ngay/:id/xoa', async (req, reply) => {
    const removed = await removeCalendarDay(req.ctx, req.params.id, req.body);
    setFlash(req, reply, req.t('calendar.dayRemoved'));
    return reply.redirect(yearPage(yearOf(removed.day)), 303);
  });

  app.post<YearParams>('/quan-tri/lich-lam-viec/:year/goi-y', async (req, reply) => {
    const year = yearOrNotFound(req.params.year);
    const count = await seedCalendarYear(req.ctx, { year });
    setFlash(req, reply, req.t('calendar.seeded', { count }));
    return reply.redirect(yearPage(year), 303);
  });

  app.get<YearParams>('/quan-tri/lich-lam-viec/:year/xac-nhan', async (req, reply) => {
    requireSystemWide(req.ctx, 'calendar.manage');
    const year = yearOrNotFound(req.params.year);
    const v = await yearView(req.ctx.db, year);
    return sendPage(reply, <ConfirmYearPage page={req.page()} form={{ values: { notice: v.confirmation?.notice ?? '' }, errors: {} }} year={year} />);
  });

  app.post<YearParams & { Body: Body }>('/quan-tri/lich-lam-viec/:year/xac-nhan', async (req, reply) => {
    requireSystemWide(req.ctx, 'calendar.manage');
    const year = yearOrNotFound(req.params.year);
    return submitForm(
      reply,
      req.body,
      async () => {
        await confirmCalendarYear(req.ctx, { notice: req.body?.notice, year });
        setFlash(req, reply, req.t('calendar.yearConfirmed', { year }));
        return reply.redirect(yearPage(year), 303);
      },
      (form) => <ConfirmYearPage page={req.page()} form={form} year={year} />,
    );
  });

  app.get('/quan-tri/lich-lam-viec/gio-lam-viec', async (req, reply) => {
    requireSystemWide(req.ctx, 'calendar.manage');
    const { week, version } = await loadWeek(req.ctx.db);
    const values: Record<string, string> = { version: String(version) };
    for (const wd of weekdays) values[`d${wd}`] = formatPeriods(week[wd] ?? []);
    return sendPage(reply, <HoursFormPage page={req.page()} form={{ values, errors: {} }} year={thisYear(req)} />);
  });

  app.post<{ Body: Body }>('/quan-tri/lich-lam-viec/gio-lam-viec', async (req, reply) => {
    requireSystemWide(req.ctx, 'calendar.manage');
    return submitForm(
      reply,
      req.body,
      async () => {
        await editWorkingHours(req.ctx, req.body);
        setFlash(req, reply, req.t('calendar.hoursSaved'));
        return reply.redirect(yearPage(thisYear(req)), 303);
      },
      (form) => <HoursFormPage page={req.page()} form={form} year={thisYear(req)} />,
    );
  });
}
