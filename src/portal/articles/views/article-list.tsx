import { formatVnDateTime } from '../../../platform/dates.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import type { FormState } from '../../../platform/views/form.js';
import { SelectField, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { Pagination } from '../../../org/views/shared.js';
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

export function ArticleListPage({ page, sites, categories, filters, rows, total, pages }: Props) {
  const { t } = page;
  const form: FormState = { values: { site: filters.siteId, status: filters.status, category: filters.categoryId, q: filters.q }, errors: {} };
  const query = (n: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ site: filters.siteId, status: filters.status, category: filters.categoryId, q: filters.q })) if (v) p.set(k, v);
    if (n > 1) p.set('trang', String(n));
    const s = p.toString();
    return s ? `${ARTICLES}?${s}` : ARTICLES;
  };
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
      <form method="get" action={ARTICLES} class="congso-filters">
        <SelectField name="site" label={t('article.site')} form={form} t={t} blank={t('article.allSites')} options={sites.map((s) => ({ value: s.id, label: s.name }))} />
        <SelectField name="status" label={t('article.status')} form={form} t={t} blank={t('article.allStatuses')} options={articleStatus.enumValues.map((s) => ({ value: s, label: t(statusKey(s)) }))} />
        <SelectField name="category" label={t('article.category')} form={form} t={t} blank={t('article.allCategories')} options={categories.map((c) => ({ value: c.id, label: c.name }))} />
        <TextField name="q" label={t('article.search')} form={form} t={t} width="20" />
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          {t('article.filter')}
        </button>
      </form>
      <p class="govuk-body" data-testid="article-count">
        {total}
      </p>
      {rows.length === 0 ? (
        <p class="govuk-body">{t('article.none')}</p>
      ) : (
        <TableWrap label={t('article.title')}>
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('article.titleField')}</th>
                <th scope="col" class="govuk-table__header">{t('article.site')}</th>
                <th scope="col" class="govuk-table__header">{t('article.category')}</th>
                <th scope="col" class="govuk-table__header">{t('article.status')}</th>
                <th scope="col" class="govuk-table__header">{t('article.updatedAt')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={articleHref(r.id)}>
                      {r.title}
                    </a>
                    {r.locale === 'en' && <span class="govuk-body-s"> (EN)</span>}
                  </td>
                  <td class="govuk-table__cell">{r.siteName}</td>
                  <td class="govuk-table__cell">{r.categoryName ?? '—'}</td>
                  <td class="govuk-table__cell">
                    <StatusTag page={page} status={r.status} />
                  </td>
                  <td class="govuk-table__cell">{formatVnDateTime(r.updatedAt)}</td>
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
