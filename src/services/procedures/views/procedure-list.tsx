import { Pagination, Tag } from '../../../org/views/shared.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { type FormState, SelectField, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import type { AgencyOption, ProcedureFilters, ProcedureListRow } from '../queries.js';
import { LEVELS, type ProcedureField } from '../rules.js';
import { FIELDS, IMPORT, PROCS, levelKey, procHref } from './parts.js';

type Props = { page: PageCtx; fields: ProcedureField[]; owners: AgencyOption[]; filters: ProcedureFilters; rows: ProcedureListRow[]; total: number; pages: number; systemWide: boolean };

export function ProcedureListPage({ page, fields, owners, filters, rows, total, pages, systemWide }: Props) {
  const { t } = page;
  const params = { linh_vuc: filters.fieldId, muc_do: filters.level, co_quan: filters.ownerAgencyId, q: filters.q };
  const form: FormState = { values: params, errors: {} };
  const query = (n: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
    if (n > 1) p.set('trang', String(n));
    const s = p.toString();
    return s ? `${PROCS}?${s}` : PROCS;
  };
  return (
    <BackOfficeLayout page={page} title={t('proc.title')}>
      <h1 class="govuk-heading-l">{t('proc.title')}</h1>
      {owners.length === 0 ? (
        <p class="govuk-body">{t('proc.noOwner')}</p>
      ) : (
        <div class="govuk-button-group">
          <a class="govuk-button" href={`${PROCS}/moi`}>
            {t('proc.new')}
          </a>
          <a class="govuk-link" href={IMPORT}>
            {t('proc.import.link')}
          </a>
          {systemWide && (
            <a class="govuk-link" href={FIELDS}>
              {t('proc.fields.title')}
            </a>
          )}
        </div>
      )}
      <form method="get" action={PROCS} class="congso-filters">
        <SelectField name="linh_vuc" label={t('proc.field')} form={form} t={t} blank={t('proc.allFields')} options={fields.map((f) => ({ value: f.id, label: f.name }))} />
        <SelectField name="muc_do" label={t('proc.level')} form={form} t={t} blank={t('proc.allLevels')} options={LEVELS.map((l) => ({ value: l, label: t(levelKey(l)) }))} />
        <SelectField name="co_quan" label={t('proc.owner')} form={form} t={t} blank={t('proc.allOwners')} options={owners.map((a) => ({ value: a.id, label: a.name }))} />
        <TextField name="q" label={t('proc.search')} form={form} t={t} width="20" />
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          {t('proc.filter')}
        </button>
      </form>
      <p class="govuk-body" data-testid="proc-count">
        {t('proc.count', { n: total })}
      </p>
      {rows.length === 0 ? (
        <p class="govuk-body">{t('proc.none')}</p>
      ) : (
        <TableWrap label={t('proc.title')}>
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('proc.code')}</th>
                <th scope="col" class="govuk-table__header">{t('proc.name')}</th>
                <th scope="col" class="govuk-table__header">{t('proc.field')}</th>
                <th scope="col" class="govuk-table__header">{t('proc.level')}</th>
                <th scope="col" class="govuk-table__header">{t('proc.owner')}</th>
                <th scope="col" class="govuk-table__header">{t('proc.current')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{r.code}</td>
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={procHref(r.id)}>
                      {r.name}
                    </a>
                    {!r.active && (
                      <>
                        {' '}
                        <Tag colour="grey">{t('common.inactive')}</Tag>
                      </>
                    )}
                  </td>
                  <td class="govuk-table__cell">{r.fieldName}</td>
                  <td class="govuk-table__cell">{t(levelKey(r.level))}</td>
                  <td class="govuk-table__cell">{r.ownerName}</td>
                  <td class="govuk-table__cell">
                    {r.currentNumber === null ? <Tag colour="grey">{t('proc.noCurrent')}</Tag> : t('proc.versionN', { n: r.currentNumber })}
                    {r.hasDraft && (
                      <>
                        {' '}
                        <Tag colour="yellow">{t('proc.hasDraft')}</Tag>
                      </>
                    )}
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
