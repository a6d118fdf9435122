import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.js';
import type { Translate } from '../../platform/i18n/index.js';
import { addDays, vnToday } from '../../platform/dates.js';
import { articles, articleViews, siteVisitDays } from '../schema.js';
import type { VisitCounter } from './visit-counter.js';

export type SiteCounters = { online: number; today: number; week: number; month: number; year: number; total: number };

/** The counters in the order and with the labels people see them, in the footer and in the back office. */
export function counterRows(t: Translate, c: SiteCounters): [string, number][] {
  return [
    [t('stats.online'), c.online],
    [t('stats.today'), c.today],
    [t('stats.week'), c.week],
    [t('stats.month'), c.month],
    [t('stats.year'), c.year],
    [t('stats.total'), c.total],
  ];
}

/** Monday of the ISO week of a YYYY-MM-DD day. */
function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

type Period = 'today' | 'week' | 'month' | 'year' | 'total';
export type WrittenCounters = Record<Period, number> & { bounds: { today: string; week: string; month: string; year: string } };

/** The figures already written for a site, by period; one query whatever the period. */
export async function writtenCounters(db: Queryable, siteId: string, now: Date): Promise<WrittenCounters> {
  const today = vnToday(now);
  const bounds = { today, week: weekStart(today), month: `${today.slice(0, 7)}-01`, year: `${today.slice(0, 4)}-01-01` };
  const [row] = await db
    .select({
      today: sql<number>`coalesce(sum(${siteVisitDays.views}) filter (where ${siteVisitDays.day} = ${bounds.today}), 0)::float8`,
      week: sql<number>`coalesce(sum(${siteVisitDays.views}) filter (where ${siteVisitDays.day} >= ${bounds.week}), 0)::float8`,
      month: sql<number>`coalesce(sum(${siteVisitDays.views}) filter (where ${siteVisitDays.day} >= ${bounds.month}), 0)::float8`,
      year: sql<number>`coalesce(sum(${siteVisitDays.views}) filter (where ${siteVisitDays.day} >= ${bounds.year}), 0)::float8`,
      total: sql<number>`coalesce(sum(${siteVisitDays.views}), 0)::float8`,
    })
    .from(siteVisitDays)
    .where(eq(siteVisitDays.siteId, siteId));
  return { ...row!, bounds };
}

/** Written figures plus what this process has counted and not written yet, so a view shows at once. */
export function withPending(counter: VisitCounter, siteId: string, now: Date, w: WrittenCounters): SiteCounters {
  const c: SiteCounters = { online: counter.onlineNow(siteId, now), today: w.today, week: w.week, month: w.month, year: w.year, total: w.total };
  for (const p of counter.pendingFor(siteId)) {
    c.total += p.views;
    if (p.day >= w.bounds.year) c.year += p.views;
    if (p.day >= w.bounds.month) c.month += p.views;
    if (p.day >= w.bounds.week) c.week += p.views;
    if (p.day === w.bounds.today) c.today += p.views;
  }
  return c;
}

/** The footer counters, read fresh. */
export async function siteCounters(db: Queryable, counter: VisitCounter, siteId: string, now: Date): Promise<SiteCounters> {
  return withPending(counter, siteId, now, await writtenCounters(db, siteId, now));
}

export type DayFigure = { day: string; views: number; visitors: number };

/** Views and visitors per day over the last `days` days, every day present (zero when nobody came). */
export async function dailyVisits(db: Queryable, siteId: string, now: Date, days: number): Promise<DayFigure[]> {
  const last = vnToday(now);
  const first = addDays(last, -(days - 1));
  const rows = await db
    .select({ day: siteVisitDays.day, views: siteVisitDays.views, visitors: siteVisitDays.visitors })
    .from(siteVisitDays)
    .where(and(eq(siteVisitDays.siteId, siteId), gte(siteVisitDays.day, first)));
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(first, i);
    const r = byDay.get(day);
    return { day, views: Number(r?.views ?? 0), visitors: Number(r?.visitors ?? 0) };
  });
}

export type MonthFigure = { month: number; views: number; visitors: number };

/** Views per month of a year, all twelve months present. */
export async function monthlyVisits(db: Queryable, siteId: string, year: number): Promise<MonthFigure[]> {
  const rows = await db
    .select({
      month: sql<number>`extract(month from ${siteVisitDays.day})::int`,
      views: sql<number>`sum(${siteVisitDays.views})::float8`,
      visitors: sql<number>`sum(${siteVisitDays.visitors})::float8`,
    })
    .from(siteVisitDays)
    .where(and(eq(siteVisitDays.siteId, siteId), sql`${siteVisitDays.day} >= ${`${year}-01-01`}::date and ${siteVisitDays.day} < ${`${year + 1}-01-01`}::date`))
    .groupBy(sql`1`);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return Array.from({ length: 12 }, (_, i) => ({ month: i + 1, views: byMonth.get(i + 1)?.views ?? 0, visitors: byMonth.get(i + 1)?.visitors ?? 0 }));
}

/** The most read articles of a site, with their view counts. */
export async function topArticles(db: Queryable, siteId: string, limit = 10) {
  return db
    .select({ id: articles.id, title: articles.title, slug: articles.slug, kind: articles.kind, locale: articles.locale, views: articleViews.views })
    .from(articleViews)
    .innerJoin(articles, eq(articles.id, articleViews.articleId))
    .where(eq(articles.siteId, siteId))
    .orderBy(desc(articleViews.views))
    .limit(limit);
}
