import { showDate } from '../../../platform/dates.js';
import type { MessageKey } from '../../../platform/i18n/index.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { filePath, sitePaths } from '../../urls.js';
import { type LegalDocument, type LegalFilter, legalStatuses } from '../public-queries.js';
import type { SiteScope } from '../site-routes.js';
import { Pagination, withQuery } from './parts.js';
import { SiteLayout, siteHref } from './site-layout.js';

type Facets = { types: string[]; fields: string[]; bodies: string[]; years: number[] };

const statusKey = (s: LegalDocument['status']) => `site.legal.status.${s}` as MessageKey;

function Select({ id, label, value, options, any }: { id: string; label: string; value: string | undefined; options: { value: string; label: string }[]; any: string }) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label" for={`f-${id}`}>
        {label}
      </label>
      <select class="govuk-select congso-full-width" id={`f-${id}`} name={id}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function LegalListPage(props: { page: PageCtx; scope: SiteScope; filter: LegalFilter; facets: Facets; rows: LegalDocument[]; total: number; pageNo: number; pageSize: number }) {
  const { page, scope, filter: f, facets, rows, total, pageNo, pageSize } = props;
  const { t } = page;
  const path = siteHref(scope, sitePaths.legalDocuments());
  const query = { q: f.q, loai: f.type, linh_vuc: f.field, co_quan: f.body, nam: f.year, hieu_luc: f.status };
  const opts = (xs: (string | number)[]) => xs.map((x) => ({ value: String(x), label: String(x) }));
  return (
    <SiteLayout page={page} scope={scope} title={t('site.legal.title')} breadcrumbs={[{ href: path, label: t('site.legal.title') }]}>
      <h1 class="govuk-heading-l">{t('site.legal.title')}</h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <form method="get" action={path} class="congso-no-print">
            <h2 class="govuk-heading-m">{t('site.legal.filter')}</h2>
            <div class="govuk-form-group">
              <label class="govuk-label" for="f-q">
                {t('site.legal.q')}
              </label>
              <input class="govuk-input" id="f-q" name="q" type="search" value={f.q ?? ''} maxLength={200} />
            </div>
            <Select id="loai" label={t('site.legal.type')} value={f.type} options={opts(facets.types)} any={t('site.legal.any')} />
            <Select id="linh_vuc" label={t('site.legal.field')} value={f.field} options={opts(facets.fields)} any={t('site.legal.any')} />
            <Select id="co_quan" label={t('site.legal.issuingBody')} value={f.body} options={opts(facets.bodies)} any={t('site.legal.any')} />
            <Select id="nam" label={t('site.legal.year')} value={f.year ? String(f.year) : undefined} options={opts(facets.years)} any={t('site.legal.any')} />
            <Select id="hieu_luc" label={t('site.legal.status')} value={f.status} options={legalStatuses.map((s) => ({ value: s, label: t(statusKey(s)) }))} any={t('site.legal.any')} />
            <button type="submit" class="govuk-button" data-module="govuk-button">
              {t('site.legal.apply')}
            </button>
          </form>
        </div>
        <div class="govuk-grid-column-two-thirds">
          <p class="govuk-body" role="status">
            {t('site.legal.count', { count: total })}
          </p>
          {rows.length === 0 ? (
            <p class="govuk-body">{t('site.legal.none')}</p>
          ) : (
            <TableWrap label={t('site.legal.title')}>
              <table class="govuk-table">
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">
                      {t('site.legal.number')}
                    </th>
                    <th scope="col" class="govuk-table__header">
                      {t('site.legal.issuedOn')}
                    </th>
                    <th scope="col" class="govuk-table__header">
                      {t('site.legal.docTitle')}
                    </th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  {rows.map((d) => (
                    <tr class="govuk-table__row">
                      <td class="govuk-table__cell">
                        <a class="govuk-link" href={siteHref(scope, sitePaths.legalDocument(d.id))}>
                          {d.number}
                        </a>
                      </td>
                      <td class="govuk-table__cell">{showDate(d.issuedOn)}</td>
                      <td class="govuk-table__cell">
                        {d.title}
                        <br />
                        <span class="govuk-body-s">{t(statusKey(d.status))}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <Pagination t={t} page={pageNo} total={total} pageSize={pageSize} href={(p) => withQuery(path, { ...query, trang: p })} />
        </div>
      </div>
    </SiteLayout>
  );
}

type LegalRow = { doc: LegalDocument; file: { id: string; name: string; size: number; contentType: string } | null };

export function LegalDetailPage({ page, scope, row }: { page: PageCtx; scope: SiteScope; row: LegalRow }) {
  const { t } = page;
  const d = row.doc;
  const list = siteHref(scope, sitePaths.legalDocuments());
  const entries: [string, string | null][] = [
    [t('site.legal.number'), d.number],
    [t('site.legal.type'), d.docType],
    [t('site.legal.issuingBody'), d.issuingBody],
    [t('site.legal.signer'), d.signer],
    [t('site.legal.field'), d.field],
    [t('site.legal.issuedOn'), showDate(d.issuedOn)],
    [t('site.legal.effectiveOn'), showDate(d.effectiveOn) || null],
    [t('site.legal.expiresOn'), showDate(d.expiresOn) || null],
    [t('site.legal.status'), t(statusKey(d.status))],
  ];
  return (
    <SiteLayout page={page} scope={scope} title={`${d.number} – ${d.title}`} description={d.summary ?? d.title} breadcrumbs={[{ href: list, label: t('site.legal.title') }]}>
      <span class="govuk-caption-l">{d.number}</span>
      <h1 class="govuk-heading-l">{d.title}</h1>
      {d.isDraft && d.commentUntil && <p class="govuk-inset-text">{t('site.legal.draft', { date: showDate(d.commentUntil) })}</p>}
      <dl class="govuk-summary-list">
        {entries
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">{k}</dt>
              <dd class="govuk-summary-list__value">{v}</dd>
            </div>
          ))}
      </dl>
      {d.summary && (
        <>
          <h2 class="govuk-heading-m">{t('site.legal.summary')}</h2>
          <p class="govuk-body">{d.summary}</p>
        </>
      )}
      {row.file && (
        <p class="govuk-body">
          <a class="govuk-link" href={filePath(row.file.id, row.file.name)}>
            {t('site.legal.file')} ({row.file.name})
          </a>
        </p>
      )}
    </SiteLayout>
  );
}
