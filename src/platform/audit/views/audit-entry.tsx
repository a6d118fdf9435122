import type { ComponentChildren } from 'preact';
import { BackOfficeLayout } from '../../views/back-office.js';
import type { PageCtx } from '../../views/page.js';
import { TableWrap } from '../../views/table-wrap.js';
import type { AuditRow } from '../record-audit.js';
import { formatVnDateTime } from '../../dates.js';
import { diffFields } from './diff.js';

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

function Diff({ page, entry }: { page: PageCtx; entry: AuditRow }) {
  const { t } = page;
  const rows = diffFields(entry.before, entry.after);
  if (rows.length === 0) return <p class="govuk-body">{t('audit.diff.none')}</p>;
  const absent = <span class="govuk-hint govuk-!-margin-0">{t('audit.diff.absent')}</span>;
  return (
    <TableWrap label={t('audit.diff.title')}>
      <table class="govuk-table" data-testid="audit-diff">
        <caption class="govuk-table__caption govuk-table__caption--m">{t('audit.diff.title')}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">{t('audit.diff.field')}</th>
            <th scope="col" class="govuk-table__header">{t('audit.diff.before')}</th>
            <th scope="col" class="govuk-table__header">{t('audit.diff.after')}</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((r) => (
            <tr class="govuk-table__row" data-field={r.field} data-changed={r.changed ? 'true' : 'false'}>
              <th scope="row" class="govuk-table__header">
                <code class="congso-mono">{r.field}</code>
                {r.changed && (
                  <>
                    {' '}
                    <strong class="govuk-tag govuk-tag--yellow">{t('audit.diff.changed')}</strong>
                  </>
                )}
              </th>
              <td class="govuk-table__cell congso-mono">{r.before ?? absent}</td>
              <td class="govuk-table__cell congso-mono">{r.after ?? absent}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function AuditEntryPage({ page, entry, agencyName }: { page: PageCtx; entry: AuditRow; agencyName: string | null }) {
  const { t } = page;
  const title = t('audit.entry.title', { seq: entry.seq });
  const sameRecord =
    entry.entityType && entry.entityId
      ? `/quan-tri/nhat-ky?${new URLSearchParams({ 'loai-ban-ghi': entry.entityType, 'ma-ban-ghi': entry.entityId }).toString()}`
      : null;
  return (
    <BackOfficeLayout page={page} title={title}>
      <a class="govuk-back-link" href="/quan-tri/nhat-ky">
        {t('audit.entry.backToList')}
      </a>
      <h1 class="govuk-heading-l">{title}</h1>
      <dl class="govuk-summary-list">
        <Row label={t('audit.col.at')}>{formatVnDateTime(entry.at, { seconds: true })}</Row>
        <Row label={t('audit.col.actor')}>{entry.actorLabel}</Row>
        <Row label={t('audit.entry.actorId')}>{entry.actorId ?? t('common.none')}</Row>
        <Row label={t('audit.col.action')}>
          <code class="congso-mono">{entry.action}</code>
        </Row>
        <Row label={t('audit.col.record')}>
          {entry.entityType ? `${entry.entityType}${entry.entityId ? ` ${entry.entityId}` : ''}` : t('common.none')}
          {sameRecord && (
            <>
              {' – '}
              <a class="govuk-link" href={sameRecord}>
                {t('audit.entry.sameRecord')}
              </a>
            </>
          )}
        </Row>
        <Row label={t('audit.col.agency')}>{agencyName ?? entry.agencyId ?? t('common.none')}</Row>
        <Row label={t('audit.col.ip')}>{entry.ip ?? t('common.none')}</Row>
        <Row label={t('audit.entry.requestId')}>{entry.requestId ?? t('common.none')}</Row>
        <Row label={t('audit.entry.prevHash')}>
          <code class="congso-mono">{entry.prevHash}</code>
        </Row>
        <Row label={t('audit.entry.hash')}>
          <code class="congso-mono">{entry.hash}</code>
        </Row>
      </dl>
      <Diff page={page} entry={entry} />
    </BackOfficeLayout>
  );
}
