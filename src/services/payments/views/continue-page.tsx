import { CitizenLayout } from '../../../accounts/citizen/views/citizen-layout.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { dossierPath } from '../../dossiers/views/filing.js';
import type { Payment } from '../payment-rules.js';
import { money } from './sections.js';

/**
 * The step between congso and the platform's page. A link rather than a redirect from the form: the page's
 * Content-Security-Policy allows forms to post to congso only, and browsers apply that to a form's redirects too.
 */
export function ContinuePage({ page, payment, paymentUrl, dossierCode }: { page: PageCtx; payment: Payment; paymentUrl: string; dossierCode: string }) {
  const { t } = page;
  return (
    <CitizenLayout page={page} title={t('payment.continue.title')}>
      <h1 class="govuk-heading-l">{t('payment.continue.title')}</h1>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('payment.continue.dossier')}</dt>
          <dd class="govuk-summary-list__value">{dossierCode}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('payment.continue.amount')}</dt>
          <dd class="govuk-summary-list__value">{t('payment.money', { amount: money(payment.amount) })}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('payment.continue.reference')}</dt>
          <dd class="govuk-summary-list__value">{payment.reference}</dd>
        </div>
      </dl>
      <p class="govuk-body">{t('payment.continue.explain')}</p>
      <a class="govuk-button govuk-button--start" role="button" draggable={false} href={paymentUrl} data-module="govuk-button">
        {t('payment.continue.go')}
      </a>
      <p class="govuk-body">
        <a class="govuk-link" href={dossierPath(payment.dossierId)}>
          {t('payment.continue.back')}
        </a>
      </p>
    </CitizenLayout>
  );
}
