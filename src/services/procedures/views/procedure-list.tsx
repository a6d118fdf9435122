import { Tag } from '../../../org/views/shared.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { type FormState, SelectField, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { type Column, FilterForm, ListResults, listHref } from '../../../platform/views/filtered-list.js';
import type { AgencyOption, ProcedureFilters, ProcedureListRow } from '../queries.js';
import { LEVELS, type ProcedureField } from '../rules.js';
import { FIELDS, IMPORT, PROCS, levelKey, procHref } from './parts.js';

type Props = { page: PageCtx; fields: ProcedureField[]; owners: AgencyOption[]; filters: ProcedureFilters; rows: ProcedureListRow[]; total: number; pages: number; systemWide: boolean };

function columns(page: PageCtx): Column<ProcedureListRow>[] {
  const { t } = page;
  return [
    { header: t('proc.code'), cell: (r) => r.code },
    {
      header: t('proc.name'),
      cell: (r) => (
        <>
          <a class="govuk-link" href={procHref(r.id)}>
            {r.name}
          </a>
          {!r.active && (
            <>
              {' '}
              <Tag colour="grey">{t('common.inactive')}</Tag>
            </>
          )}
        </>
      ),
    },
    { header: t('proc.field'), cell: (r) => r.fieldName },
    { header: t('proc.level'), cell: (r) => t(levelKey(r.level)) },
    { header: t('proc.owner'), cell: (r) => r.ownerName },
    {
      header: t('proc.current'),
      cell: (r) => (
        <>
          {r.currentNumber === null ? <Tag colour="grey">{t('proc.noCurrent')}</Tag> : t('proc.versionN', { n: r.currentNumber })}
          {r.hasDraft && (
            <>
              {' '}
              <Tag colour="yellow">{t('proc.hasDraft')}</Tag>
            </>
          )}
        </>
      ),
    },
  ];
}

export function ProcedureListPage({ page, fields, owners, filters, rows, total, pages, systemWide }: Props) {
  const { t } = page;
  const params = { linh_vuc: filters.fieldId, muc_do: filters.level, co_quan: filters.ownerAgencyId, q: filters.q };
  const form: FormState = { values: params, errors: {} };
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
      <FilterForm action={PROCS} submit={t('proc.filter')}>
        <SelectField name="linh_vuc" label={t('proc.field')} form={form} t={t} blank={t('proc.allFields')} options={fields.map((f) => ({ value: f.id, label: f.name }))} />
        <SelectField name="muc_do" label={t('proc.level')} form={form} t={t} blank={t('proc.allLevels')} options={LEVELS.map((l) => ({ value: l, label: t(levelKey(l)) }))} />
        <SelectField name="co_quan" label={t('proc.owner')} form={form} t={t} blank={t('proc.allOwners')} options={owners.map((a) => ({ value: a.id, label: a.name }))} />
        <TextField name="q" label={t('proc.search')} form={form} t={t} width="20" />
      </FilterForm>
      <ListResults page={page} label={t('proc.title')} count={t('proc.count', { n: total })} countTestId="proc-count" none={t('proc.none')} columns={columns(page)} rows={rows} current={filters.page} pages={pages} href={(n) => listHref(PROCS, params, n)} />
    </BackOfficeLayout>
  );
}
