import Holidays from 'date-holidays';
import { type DayKind, type Week, dayOfIso, isoOfDay, weekdayOfDay } from './working-time.js';

export type Suggestion = { day: string; kind: DayKind; name: string; source: 'date-holidays' | 'rule' };

let holidays: Holidays | null = null;

/**
 * date-holidays' public holidays of Vietnam (stack-spike §8: its lunar dates match the Vietnamese calendar) as
 * one entry per day. It gives Tết as one five-day block named after New Year's Eve, so a day of the block after
 * a single-day holiday (Tết Nguyên Đán itself) takes that holiday's name.
 */
function publicHolidays(year: number): Map<string, string> {
  holidays ??= new Holidays('VN', { languages: ['vi'], timezone: 'Asia/Ho_Chi_Minh' });
  const entries = holidays
    .getHolidays(year, 'vi')
    .filter((h) => h.type === 'public')
    .map((h) => ({ name: h.name, first: dayOfIso(h.date.slice(0, 10)), days: Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000)) }));
  const single = new Map(entries.filter((e) => e.days === 1).map((e) => [e.first, e.name]));
  const out = new Map<string, string>();
  for (const e of entries) {
    let name = e.name;
    for (let d = e.first; d < e.first + e.days; d++) {
      name = single.get(d) ?? name;
      const iso = isoOfDay(d);
      if (iso.startsWith(String(year)) && !out.has(iso)) out.set(iso, name);
    }
  }
  return out;
}

/**
 * The second National Day day (Labour Code 2019 art. 112: 2 September and one adjacent day, chosen each year
 * by the government). Recent notices took the day that joins a weekend: Monday 1 September 2025 with a Tuesday,
 * Tuesday 3 September 2024 with a Monday, Friday 1 September 2023 with a Saturday. Only a suggestion.
 */
function adjacentNationalDay(year: number): number {
  const sep2 = dayOfIso(`${year}-09-02`);
  const wd = weekdayOfDay(sep2);
  return wd === 1 || wd === 4 ? sep2 + 1 : sep2 - 1;
}

/**
 * What the year probably looks like: the public holidays, the second National Day day, and a compensatory
 * day off on the next regular working day for each holiday that falls on a day of rest (Labour Code 2019
 * art. 111.3). The government's annual notice is the authority; the operator confirms or corrects these.
 */
export function suggestYear(year: number, week: Week): Suggestion[] {
  const byDay = new Map<number, Suggestion>();
  for (const [iso, name] of publicHolidays(year)) byDay.set(dayOfIso(iso), { day: iso, kind: 'holiday', name, source: 'date-holidays' });
  const extra = adjacentNationalDay(year);
  if (!byDay.has(extra)) byDay.set(extra, { day: isoOfDay(extra), kind: 'holiday', name: 'Nghỉ Quốc khánh (ngày liền kề 02/9)', source: 'rule' });
  const works = (d: number) => (week[weekdayOfDay(d)] ?? []).length > 0;
  const holidaysInOrder = [...byDay.entries()].sort((a, b) => a[0] - b[0]);
  for (const [d, h] of holidaysInOrder) {
    if (works(d)) continue;
    let c = d + 1;
    while (!works(c) || byDay.has(c)) c++;
    byDay.set(c, { day: isoOfDay(c), kind: 'day_off', name: `Nghỉ bù ${h.name}`, source: 'rule' });
  }
  return [...byDay.values()].filter((s) => s.day.startsWith(String(year))).sort((a, b) => a.day.localeCompare(b.day));
}
