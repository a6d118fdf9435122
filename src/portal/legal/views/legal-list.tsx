import { showDate } from '../../../platform/dates.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { type FormState, SelectField, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { Pagination } from '../../../org/views/shared.js';
import { LEGAL_DOC_TYPES, LEGAL_STATUSES } from '../legal-rules.js';
import type { LegalFilters, LegalListRow, SiteOption } from '../queries.js';
import { LEGAL, PublicationTag, legalHref, legalStatusKey } from './parts.js';

type Props = { page: PageCtx; sites: SiteOption[]; filters: LegalFilters; rows: LegalListRow[]; total: number; pages: number };

export function LegalListPage({ page, sites, filters, rows, total, pages }: Props) {
  const { t } = page;
  const params = { site: filters.siteId, loai: filters.docType, hieu_luc: filters.status, q: filters.q };
  const form: FormState = { values: params, errors: {} };
  const query = (n: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
    if (n > 1) p.set('trang', String(n));
    const s = p.toString();
    return s ? `${LEGAL}?${s}` : LEGAL;
  };
  return (
    <BackOfficeLayout page={page} title={t('legal.title')}>
      <h1 class="govuk-heading-l">{t('legal.title')}</h1>
      {sites.length === 0 ? (
        <p class="govuk-body">{t('legal.noSite')}</p>
      ) : (
        <a class="govuk-button" href={`${LEGAL}/moi`}>
          {t('legal.new')}
        </a>
      )}
      <form method="get" action={LEGAL} class="congso-filters">
        <SelectField name="site" label={t('legal.site')} form={form} t={t} blank={t('legal.allSites')} options={sites.map((s) => ({ value: s.id, label: s.name }))} />
        <SelectField name="loai" label={t('legal.docType')} form={form} t={t} blank={t('legal.allTypes')} options={LEGAL_DOC_TYPES.map((d) => ({ value: d, label: d }))} />
        <SelectField name="hieu_luc" label={t('legal.status')} form={form} t={t} blank={t('legal.allStatuses')} options={LEGAL_STATUSES.map((s) => ({ value: s, label: t(legalStatusKey(s)) }))} />
        <TextField name="q" label={t('legal.search')} form={form} t={t} width="20" />
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          {t('legal.filter')}
        </button>
      </form>
      <p class="govuk-body" data-testid="legal-count">
        {t('legal.count', { n: total })}
      </p>
      {rows.length === 0 ? (
        <p class="govuk-body">{t('legal.none')}</p>
      ) : (
        <TableWrap label={t('legal.title')}>
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('legal.number')}</th>
                <th scope="col" class="govuk-table__header">{t('legal.titleField')}</th>
                <th scope="col" class="govuk-table__header">{t('legal.site')}</th>
                <th scope="col" class="govuk-table__header">{t('legal.issuedOn')}</th>
                <th scope="col" class="govuk-table__header">{t('legal.status')}</th>
                <th scope="col" class="govuk-table__header">{t('legal.publication')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    {r.docType} {r.number}
                  </td>
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={legalHref(r.id)}>
                      {r.title}
                    </a>
                    {r.isDraft && <span class="govuk-body-s"> ({t('legal.isDraft')})</span>}
                  </td>
                  <td class="govuk-table__cell">{r.siteName}</td>
                  <td class="govuk-table__cell">{showDate(r.issuedOn)}</td>
                  <td class="govuk-table__cell">{t(legalStatusKey(r.status))}</td>
                  <td class="govuk-table__cell">
                    <PublicationTag page={page} published={r.published} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination page={page} current={filters.page} pages={pages} href={query} />
    </BackOfficeLayout>
  );
}
