import { formatVnDateTime } from '../../../platform/dates.js';
import { Button, Csrf, type FormState, TextArea } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import type { Dossier } from '../../dossiers/append-action.js';
import { dossierPath } from '../../dossiers/views/filing.js';
import type { PaymentPanel } from '../queries.js';
import { PAYABLE_STATES } from '../payment-rules.js';
import { RATING_LEVELS } from '../rate-dossier.js';

/** Whole đồng with "." between thousands. */
export const money = (amount: number) => String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** Whether the dossier waits for a financial obligation: then the pay button pays that, not the fees. */
export const obligationOpen = (d: Dossier) => d.state === 'financial' && d.obligationAmount > 0;

/** The financial obligation asked for during processing (status 6): how much, why, and how to pay it. */
export function ObligationSection({ page, dossier: d, panel, payKey, reason }: { page: PageCtx; dossier: Dossier; panel: PaymentPanel; payKey: string; reason: string }) {
  const { t } = page;
  if (!obligationOpen(d)) return null;
  const pending = panel.latest?.status === 'pending' && panel.latest.purpose === 'obligation' ? panel.latest : null;
  return (
    <section aria-labelledby="obligation-heading" data-testid="obligation">
      <h2 class="govuk-heading-m" id="obligation-heading">
        {t('obligation.section.title')}
      </h2>
      <p class="govuk-body">{t('obligation.section.body', { amount: money(d.obligationAmount), reason })}</p>
      <p class="govuk-body">{t('obligation.section.desk')}</p>
      {!panel.enabled ? (
        <div class="govuk-inset-text">{t('payment.section.disabled')}</div>
      ) : (
        <>
          {pending && <div class="govuk-inset-text">{t('payment.section.pending', { reference: pending.reference })}</div>}
          <form method="post" action={dossierPath(d.id, '/thanh-toan')} novalidate>
            <Csrf token={page.csrf} />
            <input type="hidden" name="key" value={payKey} />
            <Button>{t('obligation.section.pay')}</Button>
          </form>
        </>
      )}
    </section>
  );
}

/** Fees of the dossier: paid (with the receipt), payable online, or to be paid at the desk. */
export function FeeSection({ page, dossier: d, panel, payKey }: { page: PageCtx; dossier: Dossier; panel: PaymentPanel; payKey: string }) {
  const { t } = page;
  if (d.feeTotal <= 0) return null;
  const latest = panel.latest;
  return (
    <section aria-labelledby="fees-heading">
      <h2 class="govuk-heading-m" id="fees-heading">
        {t('payment.section.title')}
      </h2>
      <p class="govuk-body">{t('payment.section.amount', { amount: money(d.feeTotal) })}</p>
      {d.paidAt ? (
        <>
          <p class="govuk-body">
            <strong class="govuk-tag govuk-tag--green">{t('payment.section.paid')}</strong> {t(d.paidOnline ? 'payment.section.paidOnlineAt' : 'payment.section.paidAt', { at: formatVnDateTime(d.paidAt) })}
          </p>
          {panel.receipt && (
            <p class="govuk-body">
              <a class="govuk-link" href={dossierPath(d.id, `/bien-lai/${panel.receipt.id}`)}>
                {t('payment.section.receipt')}
              </a>
            </p>
          )}
        </>
      ) : !PAYABLE_STATES.includes(d.state) || obligationOpen(d) ? null : !panel.enabled ? (
        <div class="govuk-inset-text">{t('payment.section.disabled')}</div>
      ) : (
        <>
          {latest?.status === 'pending' && <div class="govuk-inset-text">{t('payment.section.pending', { reference: latest.reference })}</div>}
          {(latest?.status === 'failed' || latest?.status === 'expired') && (
            <div class="govuk-warning-text">
              <span class="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">{t('payment.section.warning')}</span>
                {t('payment.section.failed')}
              </strong>
            </div>
          )}
          <form method="post" action={dossierPath(d.id, '/thanh-toan')} novalidate>
            <Csrf token={page.csrf} />
            <input type="hidden" name="key" value={payKey} />
            <Button>{t('payment.section.pay')}</Button>
          </form>
        </>
      )}
    </section>
  );
}

/** Result files are the applicant's once the dossier is processed; before that they are drafts of the agency. */
export function resultsVisible(d: Dossier): boolean {
  return d.state === 'processed' || d.state === 'returned';
}

/** The applicant's rating of a returned dossier: the form until they rate, their rating after. */
export function RatingSection({ page, dossier: d, panel, form, rateKey }: { page: PageCtx; dossier: Dossier; panel: PaymentPanel; form: FormState; rateKey: string }) {
  const { t } = page;
  if (d.state !== 'returned') return null;
  if (panel.rating) {
    return (
      <section aria-labelledby="rating-heading">
        <h2 class="govuk-heading-m" id="rating-heading">
          {t('rating.title')}
        </h2>
        <p class="govuk-body">{t('rating.given', { level: t(`rating.level.${panel.rating.level as 1 | 2 | 3 | 4 | 5}`) })}</p>
        {panel.rating.comment && <p class="govuk-body">{panel.rating.comment}</p>}
      </section>
    );
  }
  const error = form.errors.level;
  return (
    <section aria-labelledby="rating-heading">
      <form method="post" action={dossierPath(d.id, '/danh-gia')} novalidate>
        <Csrf token={page.csrf} />
        <input type="hidden" name="key" value={form.values.key ?? rateKey} />
        <input type="hidden" name="seq" value={String(d.lastSeq)} />
        <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <fieldset class="govuk-fieldset" aria-describedby={error ? 'f-level-error' : undefined}>
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 class="govuk-fieldset__heading" id="rating-heading">
                {t('rating.title')}
              </h2>
            </legend>
            {error && (
              <p id="f-level-error" class="govuk-error-message">
                <span class="govuk-visually-hidden">{t('rating.title')}: </span>
                {t(error.key, error.params)}
              </p>
            )}
            <div class="govuk-radios" data-module="govuk-radios">
              {RATING_LEVELS.map((n) => (
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id={n === 5 ? 'f-level' : `f-level-${n}`} name="level" type="radio" value={String(n)} checked={form.values.level === String(n)} />
                  <label class="govuk-label govuk-radios__label" for={n === 5 ? 'f-level' : `f-level-${n}`}>
                    {t(`rating.level.${n}`)}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <TextArea name="comment" label={t('rating.comment')} hint={t('rating.commentHint')} form={form} t={t} rows={3} />
        <Button>{t('rating.submit')}</Button>
      </form>
    </section>
  );
}
