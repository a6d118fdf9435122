import { type Role, inheritableRoles } from '../../../platform/auth/permissions.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, CheckboxField, Csrf, ErrorSummary, type FormState, SelectField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import type { AgencyOption, OfficialDetail } from '../queries.js';
import { SummaryRow, Tag, roleLabel } from './parts.js';
import { formatVnDateTime } from '../../../platform/dates.js';

export type DetailAccess = {
  canManage: boolean;
  canAssign: boolean;
  /** Assignments this actor may take away. */
  removable: ReadonlySet<string>;
};

type Props = {
  page: PageCtx;
  user: OfficialDetail;
  now: Date;
  access: DetailAccess;
  roleForm: FormState;
  roleChoices: readonly Role[];
  roleAgencies: AgencyOption[];
};

function ActionForm({ action, csrf, label, hint, warning }: { action: string; csrf: string; label: string; hint: string; warning?: boolean }) {
  return (
    <form method="post" action={action} class="govuk-!-margin-bottom-4">
      <Csrf token={csrf} />
      <p class="govuk-body-s govuk-!-margin-bottom-2">{hint}</p>
      <Button secondary={!warning} warning={warning}>
        {label}
      </Button>
    </form>
  );
}

function RolesTable({ t, user, access, csrf }: { t: Translate; user: OfficialDetail; access: DetailAccess; csrf: string }) {
  if (user.assignments.length === 0) return <p class="govuk-body">{t('users.noRoles')}</p>;
  return (
    <TableWrap label={t('users.roles')}>
      <table class="govuk-table" data-testid="roles-table">
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">{t('roles.role')}</th>
            <th scope="col" class="govuk-table__header">{t('roles.scope')}</th>
            <th scope="col" class="govuk-table__header">{t('roles.includeDescendants')}</th>
            <th scope="col" class="govuk-table__header">
              <span class="govuk-visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {user.assignments.map((a) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{roleLabel(t, a.role)}</td>
              <td class="govuk-table__cell">{a.agencyId ? a.agencyName : t('roles.systemWide')}</td>
              <td class="govuk-table__cell">{a.includeDescendants ? t('common.yes') : t('common.no')}</td>
              <td class="govuk-table__cell">
                {access.removable.has(a.id) && (
                  <form method="post" action={`/quan-tri/nguoi-dung/${user.id}/vai-tro/${a.id}/xoa`}>
                    <Csrf token={csrf} />
                    <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-0" data-module="govuk-button">
                      {t('roles.remove')}
                      <span class="govuk-visually-hidden"> {roleLabel(t, a.role)}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function UserDetailPage({ page, user, now, access, roleForm, roleChoices, roleAgencies }: Props) {
  const { t } = page;
  const locked = user.lockedUntil !== null && user.lockedUntil > now;
  const base = `/quan-tri/nguoi-dung/${user.id}`;
  return (
    <BackOfficeLayout page={page} title={user.fullName}>
      <ErrorSummary form={roleForm} t={t} labels={{ role: t('roles.role'), agencyId: t('users.agency'), includeDescendants: t('roles.includeDescendants') }} />
      <a class="govuk-back-link" href="/quan-tri/nguoi-dung">
        {t('common.back')}
      </a>
      <span class="govuk-caption-l">{user.username}</span>
      <h1 class="govuk-heading-l">{user.fullName}</h1>
      <h2 class="govuk-heading-m">{t('users.details')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('users.username')}>{user.username}</SummaryRow>
        <SummaryRow label={t('users.fullName')}>{user.fullName}</SummaryRow>
        <SummaryRow label={t('users.agency')}>{user.agencyName ?? t('common.none')}</SummaryRow>
        <SummaryRow label={t('users.jobTitle')}>{user.title ?? t('common.none')}</SummaryRow>
        <SummaryRow label={t('users.email')}>{user.email ?? t('common.none')}</SummaryRow>
        <SummaryRow label={t('users.phone')}>{user.phone ?? t('common.none')}</SummaryRow>
        <SummaryRow label={t('users.status')}>
          {user.active ? <Tag colour="green">{t('common.active')}</Tag> : <Tag colour="grey">{t('common.inactive')}</Tag>}
          {locked && <span class="govuk-!-display-block govuk-!-margin-top-1">{t('users.locked', { until: formatVnDateTime(user.lockedUntil!) })}</span>}
          {user.mustChangePassword && <span class="govuk-!-display-block govuk-!-margin-top-1">{t('users.mustChangePassword')}</span>}
        </SummaryRow>
        <SummaryRow label={t('users.twoFactor')}>{user.totpEnabledAt ? t('users.twoFactorOn') : t('users.twoFactorOff')}</SummaryRow>
        <SummaryRow label={t('users.lastLogin')}>{user.lastLoginAt ? formatVnDateTime(user.lastLoginAt) : t('users.never')}</SummaryRow>
      </dl>
      {access.canManage && (
        <>
          <p class="govuk-body">
            <a class="govuk-button govuk-button--secondary" href={`${base}/sua`}>
              {t('common.edit')}
            </a>
          </p>
          <h2 class="govuk-heading-m">{t('users.accountActions')}</h2>
          {locked && <ActionForm action={`${base}/mo-khoa`} csrf={page.csrf} label={t('users.unlock')} hint={t('users.unlockHint')} />}
          <ActionForm action={`${base}/dat-lai-mat-khau`} csrf={page.csrf} label={t('users.resetPassword')} hint={t('users.resetPasswordHint')} warning />
          {(user.totpEnabledAt || user.totpSecret) && (
            <ActionForm action={`${base}/dat-lai-xac-thuc`} csrf={page.csrf} label={t('users.resetTwoFactor')} hint={t('users.resetTwoFactorHint')} warning />
          )}
        </>
      )}
      <h2 class="govuk-heading-m" id="vai-tro">
        {t('users.roles')}
      </h2>
      <RolesTable t={t} user={user} access={access} csrf={page.csrf} />
      {access.canAssign && (
        <form method="post" action={`${base}/vai-tro`} novalidate class="govuk-!-margin-top-4">
          <Csrf token={page.csrf} />
          <h3 class="govuk-heading-s">{t('roles.add')}</h3>
          <SelectField name="role" label={t('roles.role')} form={roleForm} t={t} blank={t('roles.chooseRole')} options={roleChoices.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
          <SelectField name="agencyId" label={t('users.agency')} form={roleForm} t={t} blank={t('roles.agencyBlank')} options={roleAgencies.map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }))} />
          <CheckboxField
            name="includeDescendants"
            label={t('roles.includeDescendants')}
            hint={t('roles.includeDescendantsHint', { roles: inheritableRoles.filter((r) => r !== 'system_admin').map((r) => roleLabel(t, r)).join(', ') })}
            form={roleForm}
            t={t}
          />
          <Button>{t('roles.add')}</Button>
        </form>
      )}
    </BackOfficeLayout>
  );
}
