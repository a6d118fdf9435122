import { inheritableRoles, permissions, roleGrants, roles, rolesRequiringMfa } from '../../../platform/auth/permissions.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { permissionLabel, roleLabel } from './parts.js';

/** The catalogue as the code defines it, so the page can never disagree with what is enforced. */
export function RolesPage({ page }: { page: PageCtx }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('roles.title')}>
      <h1 class="govuk-heading-l">{t('roles.title')}</h1>
      <p class="govuk-body">{t('roles.intro')}</p>
      <TableWrap label={t('roles.title')}>
        <table class="govuk-table" data-testid="roles-catalogue">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('roles.role')}</th>
              <th scope="col" class="govuk-table__header">{t('roles.permissions')}</th>
              <th scope="col" class="govuk-table__header">{t('roles.inheritable')}</th>
              <th scope="col" class="govuk-table__header">{t('roles.requiresMfa')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {roles.map((role) => (
              <tr class="govuk-table__row" id={`vai-tro-${role}`}>
                <th scope="row" class="govuk-table__header">
                  {roleLabel(t, role)}
                  <span class="govuk-body-s govuk-!-display-block">
                    <code class="congso-mono">{role}</code>
                  </span>
                </th>
                <td class="govuk-table__cell">
                  <ul class="govuk-list govuk-list--bullet govuk-body-s">
                    {permissions
                      .filter((p) => roleGrants(role, p))
                      .map((p) => (
                        <li>
                          {permissionLabel(t, p)} <code class="congso-mono">{p}</code>
                        </li>
                      ))}
                  </ul>
                </td>
                <td class="govuk-table__cell">{role !== 'system_admin' && inheritableRoles.includes(role) ? t('common.yes') : t('common.no')}</td>
                <td class="govuk-table__cell">{rolesRequiringMfa.includes(role) ? t('common.yes') : t('common.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </BackOfficeLayout>
  );
}
