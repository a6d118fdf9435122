import { showDate } from '../../../platform/dates.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { counterRows } from '../queries.js';
import type { SiteStats } from '../read-site-stats.js';

type SiteOption = { id: string; name: string };

const number = new Intl.NumberFormat('vi-VN');

/**
 * The figures are tables first (readable by everyone, with or without scripts); charts.js draws a chart from each
 * table marked data-congso-chart when scripts run.
 */
export function StatsPage({ page, sites, stats }: { page: PageCtx; sites: SiteOption[]; stats: SiteStats | null }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('stats.title')}>
      <h1 class="govuk-heading-l">{t('stats.title')}</h1>
      {sites.length === 0 ? (
        <p class="govuk-body">{t('stats.noSites')}</p>
      ) : (
        <form method="get" action="/quan-tri/cong-thong-tin/thong-ke" class="congso-actions-inline">
          <div class="govuk-form-group">
            <label class="govuk-label" for="site">
              {t('stats.site')}
            </label>
            <select class="govuk-select" id="site" name="site">
              {sites.map((s) => (
                <option value={s.id} selected={stats?.site.id === s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="govuk-button govuk-button--secondary">
            {t('stats.show')}
          </button>
        </form>
      )}
      {stats && <SiteFigures page={page} stats={stats} />}
      <p class="govuk-body-s">{t('stats.note')}</p>
      {stats && <script type="module" src="/assets/charts.js"></script>}
    </BackOfficeLayout>
  );
}

function SiteFigures({ page, stats }: { page: PageCtx; stats: SiteStats }) {
  const { t } = page;
  const summary = counterRows(t, stats.counters);
  return (
    <>
      <h2 class="govuk-heading-m">{stats.site.name}</h2>
      <dl class="govuk-summary-list" aria-label={t('stats.counters')}>
        {summary.map(([label, value]) => (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{label}</dt>
            <dd class="govuk-summary-list__value" data-counter>
              {number.format(value)}
            </dd>
          </div>
        ))}
      </dl>
      <FigureTable
        caption={t('stats.daily')}
        head={[t('stats.day'), t('stats.views'), t('stats.visitors')]}
        rows={stats.daily.map((d) => [showDate(d.day), d.views, d.visitors])}
      />
      <FigureTable
        caption={t('stats.monthly', { year: stats.year })}
        head={[t('stats.monthCol'), t('stats.views'), t('stats.visitors')]}
        rows={stats.monthly.map((m) => [`${String(m.month).padStart(2, '0')}/${stats.year}`, m.views, m.visitors])}
      />
      <h2 class="govuk-heading-m">{t('stats.top')}</h2>
      {stats.top.length === 0 ? (
        <p class="govuk-body">{t('stats.noArticles')}</p>
      ) : (
        <TableWrap label={t('stats.top')}>
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  {t('stats.article')}
                </th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                  {t('stats.views')}
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {stats.top.map((a) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{a.title}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{number.format(a.views)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

function FigureTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <TableWrap label={caption}>
      <table class="govuk-table" data-congso-chart="bar">
        <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {head.map((h, i) => (
              <th scope="col" class={`govuk-table__header${i > 0 ? ' govuk-table__header--numeric' : ''}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((r) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {r[0]}
              </th>
              {r.slice(1).map((v) => (
                <td class="govuk-table__cell govuk-table__cell--numeric" data-value={String(v)}>
                  {typeof v === 'number' ? number.format(v) : v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
