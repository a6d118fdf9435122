import { roles } from '../../../platform/auth/permissions.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, ErrorSummary, type FormState, SelectField, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import type { AgencyOption, OfficialListRow, Paged } from '../queries.js';
import { Pagination, Tag, roleLabel } from './parts.js';
import { formatVnDateTime } from '../../../platform/dates.js';

type Props = {
  page: PageCtx;
  filters: FormState;
  list: Paged<OfficialListRow>;
  agencies: AgencyOption[];
  canCreate: boolean;
  canSeeCitizens: boolean;
  now: Date;
};

export function UsersListPage({ page, filters, list, agencies, canCreate, canSeeCitizens, now }: Props) {
  const { t } = page;
  const v = filters.values;
  return (
    <BackOfficeLayout page={page} title={t('users.title')}>
      <ErrorSummary form={filters} t={t} labels={{ q: t('users.search'), 'co-quan': t('users.agency'), 'vai-tro': t('roles.role'), 'trang-thai': t('users.status'), trang: t('users.page') }} />
      <h1 class="govuk-heading-l">{t('users.officials')}</h1>
      <div class="congso-actions-inline govuk-!-margin-bottom-4">
        {canCreate && (
          <a class="govuk-button govuk-!-margin-bottom-0" href="/quan-tri/nguoi-dung/moi">
            {t('users.create')}
          </a>
        )}
        {canSeeCitizens && (
          <a class="govuk-link" href="/quan-tri/cong-dan">
            {t('users.citizensLink')}
          </a>
        )}
      </div>
      <form method="get" action="/quan-tri/nguoi-dung" class="govuk-!-margin-bottom-6" role="search">
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <TextField name="q" label={t('users.search')} form={filters} t={t} spellcheck={false} />
          </div>
          <div class="govuk-grid-column-one-half">
            <SelectField name="co-quan" label={t('users.agency')} form={filters} t={t} blank={t('users.anyAgency')} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
          </div>
        </div>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <SelectField name="vai-tro" label={t('roles.role')} form={filters} t={t} blank={t('users.anyRole')} options={roles.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
          </div>
          <div class="govuk-grid-column-one-half">
            <SelectField
              name="trang-thai"
              label={t('users.status')}
              form={filters}
              t={t}
              blank={t('users.statusAll')}
              options={[
                { value: 'hoat-dong', label: t('common.active') },
                { value: 'ngung', label: t('common.inactive') },
              ]}
            />
          </div>
        </div>
        <Button secondary>{t('users.filter')}</Button>
      </form>
      <p class="govuk-body" role="status">
        {t('users.count', { count: list.total })}
      </p>
      {list.rows.length === 0 ? (
        <p class="govuk-body">{t('users.none')}</p>
      ) : (
        <TableWrap label={t('users.officials')}>
          <table class="govuk-table" data-testid="users-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('users.fullName')}</th>
                <th scope="col" class="govuk-table__header">{t('users.username')}</th>
                <th scope="col" class="govuk-table__header">{t('users.agency')}</th>
                <th scope="col" class="govuk-table__header">{t('users.roles')}</th>
                <th scope="col" class="govuk-table__header">{t('users.status')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {list.rows.map((u) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/quan-tri/nguoi-dung/${u.id}`}>
                      {u.fullName}
                    </a>
                    {u.title && <span class="govuk-body-s govuk-!-display-block">{u.title}</span>}
                  </td>
                  <td class="govuk-table__cell">{u.username}</td>
                  <td class="govuk-table__cell">{u.agencyName ?? t('common.none')}</td>
                  <td class="govuk-table__cell">
                    {u.roles.length === 0 ? (
                      t('common.none')
                    ) : (
                      <ul class="govuk-list govuk-body-s govuk-!-margin-0">
                        {u.roles.map((r) => (
                          <li>
                            {roleLabel(t, r.role)}
                            {r.agencyName ? ` – ${r.agencyName}` : ''}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td class="govuk-table__cell">
                    {u.active ? <Tag colour="green">{t('common.active')}</Tag> : <Tag colour="grey">{t('common.inactive')}</Tag>}
                    {u.lockedUntil && u.lockedUntil > now && (
                      <span class="govuk-body-s govuk-!-display-block">{t('users.locked', { until: formatVnDateTime(u.lockedUntil) })}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination t={t} page={list.page} pages={list.pages} base="/quan-tri/nguoi-dung" query={{ q: v.q, 'co-quan': v['co-quan'], 'vai-tro': v['vai-tro'], 'trang-thai': v['trang-thai'] }} />
    </BackOfficeLayout>
  );
}
