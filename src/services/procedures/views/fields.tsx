import { BackLink, Problems, Tag } from '../../../org/views/shared.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, Csrf, type FormState, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import type { ProcedureField } from '../rules.js';
import { FIELDS, PROCS, fieldHref } from './parts.js';

export function FieldListPage({ page, fields, canManage }: { page: PageCtx; fields: (ProcedureField & { procedures: number })[]; canManage: boolean }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('proc.fields.title')}>
      <BackLink href={PROCS} page={page} />
      <h1 class="govuk-heading-l">{t('proc.fields.title')}</h1>
      {canManage && (
        <a class="govuk-button" href={`${FIELDS}/moi`}>
          {t('proc.fields.new')}
        </a>
      )}
      {fields.length === 0 ? (
        <p class="govuk-body">{t('proc.fields.none')}</p>
      ) : (
        <TableWrap label={t('proc.fields.title')}>
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('proc.fields.code')}</th>
                <th scope="col" class="govuk-table__header">{t('proc.fields.name')}</th>
                <th scope="col" class="govuk-table__header">{t('proc.fields.procedures')}</th>
                <th scope="col" class="govuk-table__header">{t('common.status')}</th>
                {canManage && <th scope="col" class="govuk-table__header">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {fields.map((f) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{f.code}</td>
                  <td class="govuk-table__cell">{f.name}</td>
                  <td class="govuk-table__cell">{f.procedures}</td>
                  <td class="govuk-table__cell">
                    <Tag colour={f.active ? 'green' : 'grey'}>{t(f.active ? 'common.active' : 'common.inactive')}</Tag>
                  </td>
                  {canManage && (
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={fieldHref(f.id, '/sua')}>
                        {t('common.edit')}
                        <span class="govuk-visually-hidden"> {f.name}</span>
                      </a>
                      <form method="post" action={fieldHref(f.id, f.active ? '/ngung' : '/ap-dung')} class="govuk-!-margin-top-2">
                        <Csrf token={page.csrf} />
                        <input type="hidden" name="version" value={String(f.version)} />
                        <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                          {t(f.active ? 'proc.fields.deactivate' : 'proc.fields.activate')}
                          <span class="govuk-visually-hidden"> {f.name}</span>
                        </button>
                      </form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </BackOfficeLayout>
  );
}

export function FieldFormPage({ page, form, field }: { page: PageCtx; form: FormState; field: ProcedureField | null }) {
  const { t } = page;
  const title = t(field ? 'proc.fields.edit' : 'proc.fields.new');
  const labels = { code: t('proc.fields.code'), name: t('proc.fields.name'), nameEn: t('proc.fields.nameEn') };
  return (
    <BackOfficeLayout page={page} title={title}>
      <BackLink href={FIELDS} page={page} />
      <Problems page={page} form={form} labels={labels} />
      <h1 class="govuk-heading-l">{title}</h1>
      <form method="post" action={field ? fieldHref(field.id, '/sua') : `${FIELDS}/moi`} novalidate>
        <Csrf token={page.csrf} />
        {field && <input type="hidden" name="version" value={form.values.version ?? String(field.version)} />}
        <TextField name="code" label={labels.code} form={form} t={t} width="10" spellcheck={false} />
        <TextField name="name" label={labels.name} form={form} t={t} />
        <TextField name="nameEn" label={labels.nameEn} form={form} t={t} />
        <Button>{t('common.save')}</Button>
      </form>
    </BackOfficeLayout>
  );
}
