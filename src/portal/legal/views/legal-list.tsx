import { showDate } from '../../../platform/dates.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { type FormState, SelectField, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { type Column, FilterForm, ListResults, listHref } from '../../../platform/views/filtered-list.js';
import { LEGAL_DOC_TYPES, LEGAL_STATUSES } from '../legal-rules.js';
import type { LegalFilters, LegalListRow, SiteOption } from '../queries.js';
import { LEGAL, PublicationTag, legalHref, legalStatusKey } from './parts.js';

type Props = { page: PageCtx; sites: SiteOption[]; filters: LegalFilters; rows: LegalListRow[]; total: number; pages: number };

function columns(page: PageCtx): Column<LegalListRow>[] {
  const { t } = page;
  return [
    { header: t('legal.number'), cell: (r) => `${r.docType} ${r.number}` },
    {
      header: t('legal.titleField'),
      cell: (r) => (
        <>
          <a class="govuk-link" href={legalHref(r.id)}>
            {r.title}
          </a>
          {r.isDraft && <span class="govuk-body-s"> ({t('legal.isDraft')})</span>}
        </>
      ),
    },
    { header: t('legal.site'), cell: (r) => r.siteName },
    { header: t('legal.issuedOn'), cell: (r) => showDate(r.issuedOn) },
    { header: t('legal.status'), cell: (r) => t(legalStatusKey(r.status)) },
    { header: t('legal.publication'), cell: (r) => <PublicationTag page={page} published={r.published} /> },
  ];
}

export function LegalListPage({ page, sites, filters, rows, total, pages }: Props) {
  const { t } = page;
  const params = { site: filters.siteId, loai: filters.docType, hieu_luc: filters.status, q: filters.q };
  const form: FormState = { values: params, errors: {} };
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
      <FilterForm action={LEGAL} submit={t('legal.filter')}>
        <SelectField name="site" label={t('legal.site')} form={form} t={t} blank={t('legal.allSites')} options={sites.map((s) => ({ value: s.id, label: s.name }))} />
        <SelectField name="loai" label={t('legal.docType')} form={form} t={t} blank={t('legal.allTypes')} options={LEGAL_DOC_TYPES.map((d) => ({ value: d, label: d }))} />
        <SelectField name="hieu_luc" label={t('legal.status')} form={form} t={t} blank={t('legal.allStatuses')} options={LEGAL_STATUSES.map((s) => ({ value: s, label: t(legalStatusKey(s)) }))} />
        <TextField name="q" label={t('legal.search')} form={form} t={t} width="20" />
      </FilterForm>
      <ListResults page={page} label={t('legal.title')} count={t('legal.count', { n: total })} countTestId="legal-count" none={t('legal.none')} columns={columns(page)} rows={rows} current={filters.page} pages={pages} href={(n) => listHref(LEGAL, params, n)} />
    </BackOfficeLayout>
  );
}
