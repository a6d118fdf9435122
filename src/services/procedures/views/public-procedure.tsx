import type { ComponentChildren } from 'preact';
import { formatVnDate } from '../../../platform/dates.js';
import type { Locale, MessageKey, Translate } from '../../../platform/i18n/index.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { withQuery } from '../../../portal/site/views/parts.js';
import { filePath } from '../../../portal/urls.js';
import { EForm } from '../../forms/render-form.js';
import type { TimeLimit } from '../definition.js';
import type { ProcedureDetail } from '../public-queries.js';
import { LevelTag, ServiceLayout, formatNumber, levelHintKey, nameIn, servicePaths } from './public-parts.js';

export function timeLimitText(t: Translate, limit: TimeLimit): string {
  const days = (n: number) => t(`dvc.days.${limit.unit}` as MessageKey, { days: formatNumber(n) });
  const main = days(limit.days);
  return limit.onlineDays !== undefined && limit.onlineDays !== limit.days ? `${main}; ${t('dvc.onlineDays', { limit: days(limit.onlineDays) })}` : main;
}

export const vnd = (t: Translate, amount: number) => t('dvc.amount', { amount: formatNumber(amount) });

function Row({ label, children, testId }: { label: string; children: ComponentChildren; testId?: string }) {
  return (
    <div class="govuk-summary-list__row" data-testid={testId}>
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

const fileSize = (bytes: number, locale: Locale) => `${new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 }).format(bytes / 1024)} KB`;

/** "/dich-vu-cong/thu-tuc/{code}": everything the procedure in force asks and gives, and the way to file it online. */
export function ProcedurePage({ page, p }: { page: PageCtx; p: ProcedureDetail }) {
  const { t, locale } = page;
  const d = p.version.definition;
  const name = nameIn(locale, p);
  const hasForm = d.form.sections.length > 0;
  return (
    <ServiceLayout
      page={page}
      title={name}
      crumbs={[
        { href: servicePaths.home, label: t('dvc.title') },
        { href: servicePaths.list, label: t('dvc.list') },
      ]}
    >
      <span class="govuk-caption-l">{p.code}</span>
      <h1 class="govuk-heading-l">{name}</h1>
      {p.level === 'offline' ? (
        <p class="govuk-inset-text">{t('dvc.offlineOnly')}</p>
      ) : (
        <a href={servicePaths.file(p.code)} role="button" draggable={false} class="govuk-button govuk-button--start" data-module="govuk-button" data-testid="apply">
          {t('dvc.applyOnline')}
          <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
          </svg>
        </a>
      )}
      <h2 class="govuk-heading-m">{t('dvc.facts')}</h2>
      <dl class="govuk-summary-list">
        <Row label={t('dvc.code')}>{p.code}</Row>
        <Row label={t('dvc.field')}>
          <a class="govuk-link" href={withQuery(servicePaths.list, { linh_vuc: p.field.code })}>
            {nameIn(locale, p.field)}
          </a>
        </Row>
        <Row label={t('dvc.level')} testId="level">
          <LevelTag t={t} level={p.level} /> <span class="govuk-body-s">{t(levelHintKey(p.level))}</span>
        </Row>
        <Row label={t('dvc.tier')}>{t(`dvc.tier.${p.tier}` as MessageKey)}</Row>
        <Row label={t('dvc.agency')} testId="agencies">
          <ul class="govuk-list govuk-!-margin-bottom-0">
            {p.agencies.map((a) => (
              <li>
                {nameIn(locale, a)}
                {a.desk.code !== a.code && ` (${t('dvc.receivedAt', { desk: nameIn(locale, a.desk) })})`}
              </li>
            ))}
          </ul>
        </Row>
        <Row label={t('dvc.applicants')}>{d.applicants.map((a) => t(`dvc.applicant.${a}` as MessageKey)).join(', ')}</Row>
        <Row label={t('dvc.timeLimit')} testId="time-limit">
          {timeLimitText(t, d.timeLimit)}
        </Row>
        <Row label={t('dvc.fees')} testId="fees">
          {d.fees.length === 0 ? (
            t('dvc.noFees')
          ) : (
            <ul class="govuk-list govuk-!-margin-bottom-0">
              {d.fees.map((f) => (
                <li>
                  {f.name}: <strong>{vnd(t, f.amount)}</strong>
                  {f.note && <span class="govuk-body-s"> ({f.note})</span>}
                </li>
              ))}
            </ul>
          )}
        </Row>
        <Row label={t('dvc.result')}>{d.result}</Row>
        <Row label={t('dvc.deliveries')}>{d.deliveries.map((x) => t(`dvc.delivery.${x}` as MessageKey)).join(', ')}</Row>
        {p.version.publishedAt && <Row label={t('dvc.inForce')}>{formatVnDate(p.version.publishedAt)}</Row>}
      </dl>

      <h2 class="govuk-heading-m">{t('dvc.documents')}</h2>
      {d.documents.length === 0 ? (
        <p class="govuk-body">{t('dvc.noDocuments')}</p>
      ) : (
        <TableWrap label={t('dvc.documents')}>
          <table class="govuk-table" data-testid="documents">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  {t('dvc.docName')}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t('dvc.docQuantity')}
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {d.documents.map((doc) => {
                const file = doc.templateFileId ? p.templates.get(doc.templateFileId) : undefined;
                const quantity = [doc.originals > 0 ? t('dvc.originals', { count: doc.originals }) : null, doc.copies > 0 ? t('dvc.copies', { count: doc.copies }) : null].filter(Boolean).join(', ');
                return (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell">
                      {nameIn(locale, doc)}
                      {!doc.required && <strong class="govuk-tag govuk-tag--grey govuk-!-margin-left-1">{t('dvc.docOptional')}</strong>}
                      {doc.note && <p class="govuk-body-s govuk-!-margin-bottom-0 congso-prewrap">{doc.note}</p>}
                      {doc.electronicCopyAccepted && p.level !== 'offline' && <p class="govuk-body-s govuk-!-margin-bottom-0">{t('dvc.docElectronic')}</p>}
                      {file && (
                        <p class="govuk-body-s govuk-!-margin-bottom-0">
                          <a class="govuk-link" href={filePath(file.id, file.name)} download>
                            {t('dvc.template', { name: file.name })}
                          </a>{' '}
                          ({fileSize(file.size, locale)})
                        </p>
                      )}
                    </td>
                    <td class="govuk-table__cell">{quantity}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}

      <h2 class="govuk-heading-m">{t('dvc.steps')}</h2>
      <TableWrap label={t('dvc.steps')}>
        <table class="govuk-table" data-testid="steps">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t('dvc.step')}
              </th>
              <th scope="col" class="govuk-table__header">
                {t('dvc.stepRole')}
              </th>
              <th scope="col" class="govuk-table__header">
                {t('dvc.stepShare')}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {d.steps.map((s, i) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  {i + 1}. {s.name}
                </td>
                <td class="govuk-table__cell">{t(`dvc.role.${s.role}` as MessageKey)}</td>
                <td class="govuk-table__cell">{t('dvc.share', { share: formatNumber(s.share) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      {d.legalBasis && (
        <>
          <h2 class="govuk-heading-m">{t('dvc.legalBasis')}</h2>
          <p class="govuk-body congso-prewrap" data-testid="legal-basis">
            {d.legalBasis}
          </p>
        </>
      )}

      <h2 class="govuk-heading-m">{t('dvc.form')}</h2>
      {hasForm ? (
        <details class="govuk-details" data-testid="form-preview">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">{t('dvc.formPreview')}</span>
          </summary>
          <div class="govuk-details__text">
            <p class="govuk-body">{t('eform.previewNote')}</p>
            <EForm definition={d.form} values={{}} errors={{}} t={t} locale={locale} headingLevel={3} />
          </div>
        </details>
      ) : (
        <p class="govuk-body">{t('dvc.noForm')}</p>
      )}
    </ServiceLayout>
  );
}
