import { formatVnDate, showDate } from '../../../platform/dates.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, Csrf } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import type { YearView } from '../queries.js';
import { type CalendarDay, type Weekday, MAX_YEAR, MIN_YEAR, formatPeriods, weekdays } from '../rules.js';
import { type DayKind, dayOfIso, weekdayOfDay } from '../working-time.js';

const tagColour: Record<DayKind, string> = { holiday: 'red', day_off: 'orange', working_day: 'green' };

function KindTag({ page, d }: { page: PageCtx; d: { kind: DayKind; confirmed: boolean } }) {
  return <strong class={`govuk-tag govuk-tag--${d.confirmed ? tagColour[d.kind] : 'grey'}`}>{page.t(`calendar.kind.${d.kind}`)}</strong>;
}

/**
 * One month as a Monday-first grid. A special day shows as a coloured tag with its name for screen readers; the
 * list below the grids says the same in words, so colour is never the only signal.
 */
function MonthGrid({ page, year, month, byDay }: { page: PageCtx; year: number; month: number; byDay: Map<string, CalendarDay> }) {
  const { t } = page;
  const first = dayOfIso(`${year}-${String(month).padStart(2, '0')}-01`);
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = weekdayOfDay(first) - 1;
  const cells: (number | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const rows = Array.from({ length: cells.length / 7 }, (_, r) => cells.slice(r * 7, r * 7 + 7));
  const caption = t('calendar.month', { month, year });
  return (
    <div class="govuk-grid-column-one-half">
      <TableWrap label={caption}>
        <table class="govuk-table" data-testid={`month-${month}`}>
          <caption class="govuk-table__caption govuk-table__caption--s">{caption}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              {weekdays.map((wd) => (
                <th scope="col" class="govuk-table__header">
                  <abbr title={t(`calendar.weekday.${wd}`)}>{t(`calendar.weekdayShort.${wd}`)}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {rows.map((row) => (
              <tr class="govuk-table__row">
                {row.map((n) => {
                  if (n === null) return <td class="govuk-table__cell" />;
                  const special = byDay.get(`${year}-${String(month).padStart(2, '0')}-${String(n).padStart(2, '0')}`);
                  if (!special) return <td class="govuk-table__cell">{n}</td>;
                  return (
                    <td class="govuk-table__cell">
                      <strong class={`govuk-tag govuk-tag--${special.confirmed ? tagColour[special.kind] : 'grey'}`} title={special.name}>
                        {n}
                      </strong>
                      <span class="govuk-visually-hidden">
                        {' '}
                        {t(`calendar.kind.${special.kind}`)}: {special.name}
                        {special.confirmed ? '' : ` (${t('calendar.suggested')})`}
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}

function DaysTable({ page, v, canManage }: { page: PageCtx; v: YearView; canManage: boolean }) {
  const { t } = page;
  if (v.days.length === 0) return <p class="govuk-body">{t('calendar.noDays')}</p>;
  return (
    <TableWrap label={t('calendar.days')}>
      <table class="govuk-table" data-testid="calendar-days">
        <caption class="govuk-table__caption govuk-table__caption--m">{t('calendar.days')}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">{t('calendar.day')}</th>
            <th scope="col" class="govuk-table__header">{t('calendar.kind')}</th>
            <th scope="col" class="govuk-table__header">{t('calendar.name')}</th>
            <th scope="col" class="govuk-table__header">{t('calendar.source')}</th>
            {canManage && <th scope="col" class="govuk-table__header">{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {v.days.map((d) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                {t(`calendar.weekday.${weekdayOfDay(dayOfIso(d.day)) as Weekday}`)}, {showDate(d.day)}
              </td>
              <td class="govuk-table__cell">
                <KindTag page={page} d={d} />
              </td>
              <td class="govuk-table__cell">{d.name}</td>
              <td class="govuk-table__cell">
                {t(`calendar.source.${d.source}`)}
                <br />
                {d.confirmed ? t('calendar.confirmed') : <strong>{t('calendar.suggested')}</strong>}
              </td>
              {canManage && (
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/quan-tri/lich-lam-viec/ngay/${d.id}/sua`}>
                    {t('common.edit')}
                    <span class="govuk-visually-hidden"> {showDate(d.day)}</span>
                  </a>{' '}
                  <a class="govuk-link" href={`/quan-tri/lich-lam-viec/ngay/${d.id}/xoa`}>
                    {t('calendar.remove')}
                    <span class="govuk-visually-hidden"> {showDate(d.day)}</span>
                  </a>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function HoursList({ page, v, canManage }: { page: PageCtx; v: YearView; canManage: boolean }) {
  const { t } = page;
  return (
    <>
      <h2 class="govuk-heading-m">{t('calendar.hours')}</h2>
      <dl class="govuk-summary-list" data-testid="calendar-hours">
        {weekdays.map((wd) => (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t(`calendar.weekday.${wd}`)}</dt>
            <dd class="govuk-summary-list__value">{v.week[wd]?.length ? formatPeriods(v.week[wd]!) : t('calendar.restDay')}</dd>
          </div>
        ))}
      </dl>
      {canManage && (
        <p class="govuk-body">
          <a class="govuk-link" href="/quan-tri/lich-lam-viec/gio-lam-viec">
            {t('calendar.hoursEdit')}
          </a>
        </p>
      )}
    </>
  );
}

export function YearPage({ page, v, canManage }: { page: PageCtx; v: YearView; canManage: boolean }) {
  const { t } = page;
  const { year } = v;
  const pending = v.days.filter((d) => !d.confirmed).length;
  const byDay = new Map(v.days.map((d) => [d.day, d]));
  return (
    <BackOfficeLayout page={page} title={t('calendar.yearTitle', { year })}>
      <h1 class="govuk-heading-l">{t('calendar.yearTitle', { year })}</h1>
      <nav aria-label={t('calendar.yearNav')}>
        <ul class="govuk-list govuk-list--inline">
          {year > MIN_YEAR && (
            <li>
              <a class="govuk-link" href={`/quan-tri/lich-lam-viec?nam=${year - 1}`}>
                ← {t('calendar.previousYear', { year: year - 1 })}
              </a>
            </li>
          )}
          {year < MAX_YEAR && (
            <li>
              <a class="govuk-link" href={`/quan-tri/lich-lam-viec?nam=${year + 1}`}>
                {t('calendar.nextYear', { year: year + 1 })} →
              </a>
            </li>
          )}
        </ul>
      </nav>
      <p class="govuk-body">{t('calendar.intro')}</p>
      {v.confirmation ? (
        <p class="govuk-body" data-testid="year-status">
          <strong class="govuk-tag govuk-tag--green">{t('calendar.confirmed')}</strong> {t('calendar.confirmedOn', { date: formatVnDate(v.confirmation.confirmedAt) })}
          {v.confirmation.notice ? ` — ${v.confirmation.notice}` : ''}
        </p>
      ) : (
        <div class="govuk-warning-text" data-testid="year-status">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">{t('calendar.notConfirmed', { year })}</strong>
        </div>
      )}
      {pending > 0 && (
        <div class="govuk-inset-text" data-testid="pending">
          {t('calendar.pendingSuggestions', { count: pending })}
        </div>
      )}
      {canManage && (
        <div class="govuk-button-group">
          <a class="govuk-button" href={`/quan-tri/lich-lam-viec/ngay/moi?nam=${year}`}>
            {t('calendar.addDay')}
          </a>
          <a class="govuk-button govuk-button--secondary" href={`/quan-tri/lich-lam-viec/${year}/xac-nhan`}>
            {t('calendar.confirmYear', { year })}
          </a>
        </div>
      )}
      {canManage && (
        <form method="post" action={`/quan-tri/lich-lam-viec/${year}/goi-y`}>
          <Csrf token={page.csrf} />
          <p class="govuk-hint">{t('calendar.seedHint')}</p>
          <Button secondary>{t('calendar.seed', { year })}</Button>
        </form>
      )}
      <DaysTable page={page} v={v} canManage={canManage} />
      <HoursList page={page} v={v} canManage={canManage} />
      <h2 class="govuk-heading-m">{t('calendar.legend')}</h2>
      <p class="govuk-body">
        <KindTag page={page} d={{ kind: 'holiday', confirmed: true }} /> <KindTag page={page} d={{ kind: 'day_off', confirmed: true }} />{' '}
        <KindTag page={page} d={{ kind: 'working_day', confirmed: true }} /> <strong class="govuk-tag govuk-tag--grey">{t('calendar.suggested')}</strong>
      </p>
      <div class="govuk-grid-row">
        {Array.from({ length: 12 }, (_, i) => (
          <MonthGrid page={page} year={year} month={i + 1} byDay={byDay} />
        ))}
      </div>
    </BackOfficeLayout>
  );
}
