import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, ErrorSummary, type FormState, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { maskEmail, maskPhone } from '../mask.js';
import type { CitizenListRow, Paged } from '../queries.js';
import type { CitizenRecord } from '../read-citizen.js';
import { formatVnDate } from '../../../platform/dates.js';
import { Pagination, SummaryRow, Tag } from './parts.js';
import { formatVnDateTime } from '../../../platform/dates.js';

export function CitizensListPage({ page, filters, list }: { page: PageCtx; filters: FormState; list: Paged<CitizenListRow> }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('citizens.title')}>
      <ErrorSummary form={filters} t={t} labels={{ q: t('citizens.search'), trang: t('users.page') }} />
      <a class="govuk-back-link" href="/quan-tri/nguoi-dung">
        {t('common.back')}
      </a>
      <h1 class="govuk-heading-l">{t('citizens.title')}</h1>
      <p class="govuk-body">{t('citizens.intro')}</p>
      <form method="get" action="/quan-tri/cong-dan" role="search" class="govuk-!-margin-bottom-6">
        <TextField name="q" label={t('citizens.search')} form={filters} t={t} spellcheck={false} width="30" />
        <Button secondary>{t('common.search')}</Button>
      </form>
      <p class="govuk-body" role="status">
        {t('citizens.count', { count: list.total })}
      </p>
      {list.rows.length === 0 ? (
        <p class="govuk-body">{t('citizens.none')}</p>
      ) : (
        <TableWrap label={t('citizens.title')}>
          <table class="govuk-table" data-testid="citizens-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('users.fullName')}</th>
                <th scope="col" class="govuk-table__header">{t('users.email')}</th>
                <th scope="col" class="govuk-table__header">{t('users.phone')}</th>
                <th scope="col" class="govuk-table__header">{t('users.status')}</th>
                <th scope="col" class="govuk-table__header">{t('citizens.createdAt')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {list.rows.map((c) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/quan-tri/cong-dan/${c.id}`}>
                      {c.fullName}
                    </a>
                  </td>
                  <td class="govuk-table__cell">{maskEmail(c.email) ?? t('common.none')}</td>
                  <td class="govuk-table__cell">{maskPhone(c.phone) ?? t('common.none')}</td>
                  <td class="govuk-table__cell">{c.active ? <Tag colour="green">{t('common.active')}</Tag> : <Tag colour="grey">{t('common.inactive')}</Tag>}</td>
                  <td class="govuk-table__cell">{formatVnDate(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination t={t} page={list.page} pages={list.pages} base="/quan-tri/cong-dan" query={{ q: filters.values.q }} />
    </BackOfficeLayout>
  );
}

export function CitizenDetailPage({ page, citizen }: { page: PageCtx; citizen: CitizenRecord }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={citizen.fullName}>
      <a class="govuk-back-link" href="/quan-tri/cong-dan">
        {t('common.back')}
      </a>
      <span class="govuk-caption-l">{t('citizens.title')}</span>
      <h1 class="govuk-heading-l">{citizen.fullName}</h1>
      <div class="govuk-inset-text">{t('citizens.readAudited')}</div>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('users.fullName')}>{citizen.fullName}</SummaryRow>
        <SummaryRow label={t('users.email')}>{citizen.email ?? t('common.none')}</SummaryRow>
        <SummaryRow label={t('citizens.emailVerified')}>{citizen.emailVerifiedAt ? formatVnDateTime(citizen.emailVerifiedAt) : t('common.no')}</SummaryRow>
        <SummaryRow label={t('users.phone')}>{citizen.phone ?? t('common.none')}</SummaryRow>
        <SummaryRow label={t('citizens.identities')}>{citizen.identityProviders.length ? citizen.identityProviders.join(', ') : t('common.none')}</SummaryRow>
        <SummaryRow label={t('users.status')}>{citizen.active ? <Tag colour="green">{t('common.active')}</Tag> : <Tag colour="grey">{t('common.inactive')}</Tag>}</SummaryRow>
        <SummaryRow label={t('citizens.createdAt')}>{formatVnDateTime(citizen.createdAt)}</SummaryRow>
        <SummaryRow label={t('users.lastLogin')}>{citizen.lastLoginAt ? formatVnDateTime(citizen.lastLoginAt) : t('users.never')}</SummaryRow>
      </dl>
    </BackOfficeLayout>
  );
}
