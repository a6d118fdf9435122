import type { FormState } from '../../platform/views/form.js';
import { ErrorSummary } from '../../platform/views/form.js';
import type { PageCtx } from '../../platform/views/page.js';

/** Field errors link to their fields; an error about the whole form is a message of its own. */
export function Problems({ page, form, labels }: { page: PageCtx; form: FormState; labels: Record<string, string> }) {
  const { _form: whole, ...fields } = form.errors;
  return (
    <>
      {whole && (
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">{page.t('error.summary')}</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body" data-testid="form-error">
                {page.t(whole.key, whole.params)}
              </p>
            </div>
          </div>
        </div>
      )}
      <ErrorSummary form={{ values: form.values, errors: fields }} t={page.t} labels={labels} />
    </>
  );
}

export function Tag({ colour, children }: { colour: 'green' | 'grey' | 'yellow'; children: string }) {
  return <strong class={`govuk-tag govuk-tag--${colour}`}>{children}</strong>;
}

export function SummaryRow({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** GOV.UK pagination with previous/next links that keep the current filters. */
export function Pagination({ page, current, pages, href }: { page: PageCtx; current: number; pages: number; href: (n: number) => string }) {
  if (pages <= 1) return null;
  const { t } = page;
  return (
    <nav class="govuk-pagination" aria-label={t('unit.pageOf', { page: current, pages })}>
      {current > 1 && (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={href(current - 1)} rel="prev">
            <span class="govuk-pagination__link-title">{t('common.previous')}</span>
          </a>
        </div>
      )}
      <ul class="govuk-pagination__list">
        <li class="govuk-pagination__item govuk-pagination__item--current">
          <span class="govuk-body govuk-!-margin-0">{t('unit.pageOf', { page: current, pages })}</span>
        </li>
      </ul>
      {current < pages && (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={href(current + 1)} rel="next">
            <span class="govuk-pagination__link-title">{t('common.next')}</span>
          </a>
        </div>
      )}
    </nav>
  );
}

export function BackLink({ href, page }: { href: string; page: PageCtx }) {
  return (
    <a href={href} class="govuk-back-link">
      {page.t('common.back')}
    </a>
  );
}
