import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { agencies } from '../../org/schema.js';
import { permittedAgencyIds } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { addDays, parseDate, vnToday } from '../../platform/dates.js';
import { Forbidden, Invalid, Unauthenticated } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { type AgencyFigures, type Indicators, agencyFigures, indicators, totalFigures } from './report.js';

const dateField = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? parseDate(v) : undefined), z.string({ error: 'field.date' }).optional());
const input = z.object({ tu: dateField, den: dateField });

/** The longest period a report covers: five years is plenty for comparisons and keeps one pass cheap. */
const MAX_DAYS = 5 * 366;

export type StatisticsView = {
  /** Inclusive days, YYYY-MM-DD. */
  fromDay: string;
  toDay: string;
  rows: (AgencyFigures & { agencyName: string; indicators: Indicators })[];
  total: Omit<AgencyFigures, 'agencyId'>;
  indicators: Indicators;
};

const dayStart = (iso: string) => new Date(`${iso}T00:00:00+07:00`);

/**
 * II.06a and the 766 indicators for the agencies whose statistics the person may read, over whole days in Vietnam
 * time (default: this month so far). The province line is the sum of the agency lines.
 */
export async function readDossierStatistics(ctx: Ctx, raw: unknown): Promise<StatisticsView> {
  if (!ctx.actor) throw new Unauthenticated();
  const scope = await permittedAgencyIds(ctx, 'dossier.stats.read');
  if (scope !== 'all' && scope.length === 0) throw new Forbidden();
  const data = parseInput(input, raw);
  const today = vnToday(ctx.now());
  const fromDay = data.tu ?? `${today.slice(0, 7)}-01`;
  const toDay = data.den ?? today;
  if (toDay < fromDay) throw new Invalid({ den: { key: 'dstats.error.order' } });
  if (dayStart(toDay).getTime() - dayStart(fromDay).getTime() > MAX_DAYS * 86_400_000) throw new Invalid({ den: { key: 'dstats.error.tooLong' } });
  const figures = await agencyFigures(ctx.db, { from: dayStart(fromDay), to: dayStart(addDays(toDay, 1)) }, ctx.now(), scope);
  const names = figures.length
    ? await ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, figures.map((f) => f.agencyId)))
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const collator = new Intl.Collator('vi');
  const rows = figures
    .map((f) => ({ ...f, agencyName: nameOf.get(f.agencyId) ?? '', indicators: indicators(f) }))
    .sort((a, b) => collator.compare(a.agencyName, b.agencyName));
  const total = totalFigures(figures);
  return { fromDay, toDay, rows, total, indicators: indicators(total) };
}
