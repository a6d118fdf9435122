import { formatVnDateTime } from '../../../platform/dates.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import type { FormState } from '../../../platform/views/form.js';
import { SelectField, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { type Column, FilterForm, ListResults, listHref } from '../../../platform/views/filtered-list.js';
import { articleStatus } from '../../schema.js';
import type { ArticleFilters, ArticleListRow, SiteOption } from '../queries.js';
import { ARTICLES, articleHref, StatusTag, statusKey } from './parts.js';

type Props = {
  page: PageCtx;
  sites: SiteOption[];
  categories: { id: string; name: string }[];
  filters: ArticleFilters;
  rows: ArticleListRow[];
  total: number;
  pages: number;
};

function columns(page: PageCtx): Column<ArticleListRow>[] {
  const { t } = page;
  return [
    {
      header: t('article.titleField'),
      cell: (r) => (
        <>
          <a class="govuk-link" href={articleHref(r.id)}>
            {r.title}
          </a>
          {r.locale === 'en' && <span class="govuk-body-s"> (EN)</span>}
        </>
      ),
    },
    { header: t('article.site'), cell: (r) => r.siteName },
    { header: t('article.category'), cell: (r) => r.categoryName ?? '—' },
    { header: t('article.status'), cell: (r) => <StatusTag page={page} status={r.status} /> },
    { header: t('article.updatedAt'), cell: (r) => formatVnDateTime(r.updatedAt) },
  ];
}

export function ArticleListPage({ page, sites, categories, filters, rows, total, pages }: Props) {
  const { t } = page;
  const params = { site: filters.siteId, status: filters.status, category: filters.categoryId, q: filters.q };
  const form: FormState = { values: params, errors: {} };
  return (
    <BackOfficeLayout page={page} title={t('article.title')}>
      <h1 class="govuk-heading-l">{t('article.title')}</h1>
      {sites.length === 0 ? (
        <p class="govuk-body">{t('article.noSite')}</p>
      ) : (
        <a class="govuk-button" href={`${ARTICLES}/moi`}>
          {t('article.new')}
        </a>
      )}
      <FilterForm action={ARTICLES} submit={t('article.filter')}>
        <SelectField name="site" label={t('article.site')} form={form} t={t} blank={t('article.allSites')} options={sites.map((s) => ({ value: s.id, label: s.name }))} />
        <SelectField name="status" label={t('article.status')} form={form} t={t} blank={t('article.allStatuses')} options={articleStatus.enumValues.map((s) => ({ value: s, label: t(statusKey(s)) }))} />
        <SelectField name="category" label={t('article.category')} form={form} t={t} blank={t('article.allCategories')} options={categories.map((c) => ({ value: c.id, label: c.name }))} />
        <TextField name="q" label={t('article.search')} form={form} t={t} width="20" />
      </FilterForm>
      <ListResults page={page} label={t('article.title')} count={total} countTestId="article-count" none={t('article.none')} columns={columns(page)} rows={rows} current={filters.page} pages={pages} href={(n) => listHref(ARTICLES, params, n)} />
    </BackOfficeLayout>
  );
}
