import { BackLink, Problems, SummaryRow, Tag } from '../../../org/views/shared.js';
import { formatVnDateTime } from '../../../platform/dates.js';
import type { MessageKey } from '../../../platform/i18n/index.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import type { FormState } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { filePath } from '../../../portal/urls.js';
import type { Procedure, ProcedureVersion } from '../rules.js';
import { formatDong, procHref, statusKey, versionHref } from './parts.js';

export type VersionView = { procedure: Procedure; version: ProcedureVersion; templates: Map<string, { id: string; name: string }> };

const days = (n: number) => String(n).replace('.', ',');

/** A version as it stands: what every dossier filed under it is held to. */
export function VersionPage({ page, view, form }: { page: PageCtx; view: VersionView; form: FormState }) {
  const { t } = page;
  const { procedure: p, version: v } = view;
  const d = v.definition;
  const title = t('proc.versionN', { n: v.number });
  const unit = t(`proc.unit.${d.timeLimit.unit}` as MessageKey);
  return (
    <BackOfficeLayout page={page} title={`${title} — ${p.name}`}>
      <BackLink href={procHref(p.id)} page={page} />
      <Problems page={page} form={form} labels={{}} />
      <span class="govuk-caption-l">
        {p.code} · {p.name}
      </span>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">
        <Tag colour={v.status === 'published' ? 'green' : v.status === 'draft' ? 'yellow' : 'grey'}>{t(statusKey(v.status))}</Tag>
        {v.publishedAt && <span class="govuk-body-s"> {formatVnDateTime(v.publishedAt)}</span>}
      </p>
      {v.status === 'draft' ? (
        <a class="govuk-button" href={versionHref(p.id, v.id, '/sua')}>
          {t('proc.editDraft')}
        </a>
      ) : (
        <p class="govuk-inset-text">{t('proc.frozenNote')}</p>
      )}
      <dl class="govuk-summary-list">
        <SummaryRow label={t('proc.timeLimit')}>
          {t('proc.daysShown', { days: days(d.timeLimit.days), unit })}
          {d.timeLimit.onlineDays !== undefined && ` · ${t('proc.onlineDays')}: ${days(d.timeLimit.onlineDays)}`}
        </SummaryRow>
        <SummaryRow label={t('proc.result')}>{d.result}</SummaryRow>
        <SummaryRow label={t('proc.legalBasis')}>{d.legalBasis}</SummaryRow>
        <SummaryRow label={t('proc.applicants')}>{d.applicants.map((a) => t(`proc.applicant.${a}` as MessageKey)).join(', ')}</SummaryRow>
        <SummaryRow label={t('proc.deliveries')}>{d.deliveries.map((x) => t(`proc.delivery.${x}` as MessageKey)).join(', ')}</SummaryRow>
        <SummaryRow label={t('proc.fees')}>{d.fees.length === 0 ? t('proc.free') : d.fees.map((f) => `${f.name}: ${formatDong(f.amount)}`).join('; ')}</SummaryRow>
        {v.note && <SummaryRow label={t('proc.note')}>{v.note}</SummaryRow>}
      </dl>
      <h2 class="govuk-heading-m">{t('proc.documents')}</h2>
      <TableWrap label={t('proc.documents')}>
        <table class="govuk-table">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('proc.doc.code')}</th>
              <th scope="col" class="govuk-table__header">{t('proc.doc.name')}</th>
              <th scope="col" class="govuk-table__header">{t('proc.doc.originals')}</th>
              <th scope="col" class="govuk-table__header">{t('proc.doc.copies')}</th>
              <th scope="col" class="govuk-table__header">{t('proc.doc.required')}</th>
              <th scope="col" class="govuk-table__header">{t('proc.doc.template')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {d.documents.map((doc) => {
              const file = doc.templateFileId ? view.templates.get(doc.templateFileId) : undefined;
              return (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{doc.code}</td>
                  <td class="govuk-table__cell">{doc.name}</td>
                  <td class="govuk-table__cell">{doc.originals}</td>
                  <td class="govuk-table__cell">{doc.copies}</td>
                  <td class="govuk-table__cell">{t(doc.required ? 'common.yes' : 'common.no')}</td>
                  <td class="govuk-table__cell">
                    {file && (
                      <a class="govuk-link" href={filePath(file.id, file.name)}>
                        {file.name}
                      </a>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <h2 class="govuk-heading-m">{t('proc.steps')}</h2>
      <ol class="govuk-list govuk-list--number">
        {d.steps.map((s) => (
          <li>
            {s.name} — {t(`proc.role.${s.role}` as MessageKey)}, {days(s.share)}%
          </li>
        ))}
      </ol>
      <h2 class="govuk-heading-m">{t('proc.formFields')}</h2>
      {d.form.sections.length === 0 ? (
        <p class="govuk-body">{t('proc.noFormFields')}</p>
      ) : (
        d.form.sections.map((s) => (
          <>
            <h3 class="govuk-heading-s">{s.title}</h3>
            <ul class="govuk-list govuk-list--bullet">
              {s.fields.map((f) => (
                <li>
                  {f.label} ({f.name}, {t(`proc.type.${f.type}` as MessageKey)}
                  {f.required ? `, ${t('proc.ff.required').toLowerCase()}` : ''})
                </li>
              ))}
            </ul>
          </>
        ))
      )}
    </BackOfficeLayout>
  );
}
