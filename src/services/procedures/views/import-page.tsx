import { BackLink, Problems } from '../../../org/views/shared.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, Csrf, type FormState } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import type { ProcedureImportSummary } from '../import-procedures.js';
import { IMPORT, PROCS } from './parts.js';

export function ImportPage({ page, form, summary }: { page: PageCtx; form: FormState; summary: ProcedureImportSummary | null }) {
  const { t } = page;
  const err = form.errors.file;
  return (
    <BackOfficeLayout page={page} title={t('proc.import.title')}>
      <BackLink href={PROCS} page={page} />
      <Problems page={page} form={form} labels={{ file: t('proc.import.file') }} />
      <h1 class="govuk-heading-l">{t('proc.import.title')}</h1>
      {summary && (
        <div class="govuk-notification-banner" role="region" aria-labelledby="import-result" data-module="govuk-notification-banner">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="import-result">
              {t('proc.import.title')}
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-body" data-testid="import-result">
              {t('proc.import.result', { total: summary.total, created: summary.created, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected.length })}
            </p>
          </div>
        </div>
      )}
      {summary && summary.rejected.length > 0 && (
        <TableWrap label={t('proc.import.problem')}>
          <table class="govuk-table" data-testid="import-rejected">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('proc.import.row')}</th>
                <th scope="col" class="govuk-table__header">{t('proc.import.where')}</th>
                <th scope="col" class="govuk-table__header">{t('proc.import.problem')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {summary.rejected.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{r.row || ''}</td>
                  <td class="govuk-table__cell">{r.where}</td>
                  <td class="govuk-table__cell">{t(r.key, r.params)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p class="govuk-body">{t('proc.import.intro')}</p>
      {/* The token comes first: the server checks it before it reads the file (see readMultipartForm). */}
      <form method="post" action={IMPORT} enctype="multipart/form-data">
        <Csrf token={page.csrf} />
        <div class={`govuk-form-group${err ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="f-file">
            {t('proc.import.file')}
          </label>
          {err && (
            <p id="f-file-error" class="govuk-error-message">
              {t(err.key, err.params)}
            </p>
          )}
          <input class={`govuk-file-upload${err ? ' govuk-file-upload--error' : ''}`} id="f-file" name="file" type="file" accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby={err ? 'f-file-error' : undefined} />
        </div>
        <Button>{t('proc.import.submit')}</Button>
      </form>
    </BackOfficeLayout>
  );
}
