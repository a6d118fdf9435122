import { showDate } from '../../../platform/dates.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { ErrorSummary, type FormState, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { INDICATORS, REPORT_COLUMNS } from '../export-statistics.js';
import type { StatisticsView } from '../read-dossier-statistics.js';

export const STATS_PATH = '/quan-tri/thong-ke-ho-so';
const number = new Intl.NumberFormat('vi-VN');
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

type Preset = { label: string; from: string; to: string };

/** The usual reporting periods as links: month, last month, quarter, first half, year (to date). */
export function presets(page: PageCtx, today: string): Preset[] {
  const { t } = page;
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const iso = (yy: number, mm: number, dd: number) => `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
  const lastDay = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  const q = Math.floor((m - 1) / 3) * 3 + 1;
  return [
    { label: t('dstats.thisMonth'), from: iso(y, m, 1), to: today },
    { label: t('dstats.lastMonth'), from: iso(py, pm, 1), to: iso(py, pm, lastDay(py, pm)) },
    { label: t('dstats.thisQuarter'), from: iso(y, q, 1), to: today },
    { label: t('dstats.sixMonths'), from: iso(y, 1, 1), to: iso(y, 6, 30) },
    { label: t('dstats.thisYear'), from: iso(y, 1, 1), to: today },
  ];
}

const query = (from: string, to: string) => `tu=${showDate(from)}&den=${showDate(to)}`;

export function StatisticsPage({ page, view, form, today }: { page: PageCtx; view: StatisticsView | null; form: FormState; today: string }) {
  const { t } = page;
  const labels = { tu: t('dstats.from'), den: t('dstats.to') };
  return (
    <BackOfficeLayout page={page} title={t('dstats.title')}>
      <ErrorSummary t={t} form={form} labels={labels} />
      <h1 class="govuk-heading-l">{t('dstats.title')}</h1>
      <form method="get" action={STATS_PATH} class="congso-actions-inline" novalidate>
        <TextField name="tu" label={labels.tu} hint="dd/mm/yyyy" form={form} t={t} width="10" />
        <TextField name="den" label={labels.den} hint="dd/mm/yyyy" form={form} t={t} width="10" />
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          {t('dstats.show')}
        </button>
      </form>
      <nav aria-label={t('dstats.presets')}>
        <ul class="govuk-list congso-actions-inline">
          {presets(page, today).map((p) => (
            <li>
              <a class="govuk-link" href={`${STATS_PATH}?${query(p.from, p.to)}`}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {view && <Figures page={page} view={view} />}
      {view && <script type="module" src="/assets/charts.js"></script>}
    </BackOfficeLayout>
  );
}

function Figures({ page, view }: { page: PageCtx; view: StatisticsView }) {
  const { t } = page;
  const period = t('dstats.periodShown', { from: showDate(view.fromDay), to: showDate(view.toDay) });
  return (
    <>
      <h2 class="govuk-heading-m">{period}</h2>
      <p class="govuk-body">
        <a class="govuk-link" href={`${STATS_PATH}/bao-cao.xlsx?${query(view.fromDay, view.toDay)}`} download>
          {t('dstats.export')}
        </a>
      </p>
      {view.rows.length === 0 && <p class="govuk-body">{t('dstats.none')}</p>}
      <TableWrap label={t('dstats.report.caption')}>
        <table class="govuk-table congso-table--compact">
          <caption class="govuk-table__caption govuk-table__caption--m">{t('dstats.report.caption')}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t('dstats.agency')}
              </th>
              {REPORT_COLUMNS.map((c) => (
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                  {t(`dstats.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {[...view.rows.map((r) => ({ name: r.agencyName, f: r as StatisticsView['total'] })), { name: t('dstats.total'), f: view.total }].map((r) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {r.name}
                </th>
                {REPORT_COLUMNS.map((c) => (
                  <td class="govuk-table__cell govuk-table__cell--numeric">{number.format(r.f[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <TableWrap label={t('dstats.indicators.caption')}>
        <table class="govuk-table" data-congso-chart>
          <caption class="govuk-table__caption govuk-table__caption--m">{t('dstats.indicators.caption')}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t('dstats.agency')}
              </th>
              {INDICATORS.map((c) => (
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                  {t(`dstats.ind.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {[...view.rows.map((r) => ({ name: r.agencyName, i: r.indicators })), { name: t('dstats.total'), i: view.indicators }].map((r) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {r.name}
                </th>
                {INDICATORS.map((c) => (
                  <td class="govuk-table__cell govuk-table__cell--numeric" data-value={r.i[c] === null ? '0' : String(Math.round(r.i[c]! * 1000) / 10)}>
                    {r.i[c] === null ? t('dstats.notMeasured') : percent.format(r.i[c]!)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
