import { formatVnDateTime } from '../../../platform/dates.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, Csrf, ErrorSummary, type FormState, SelectField, TextArea, emptyForm } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import type { InquiryDetail } from '../read-inquiry.js';
import { kindKey } from '../rules.js';
import { INBOX_PATH } from './inbox.js';
import { statusKey } from './status.js';

type Forms = { assign?: FormState; answer?: FormState; reject?: FormState };

export function InquiryPage({ page, d, forms = {} }: { page: PageCtx; d: InquiryDetail; forms?: Forms }) {
  const { t } = page;
  const i = d.inquiry;
  const open = i.status !== 'published' && i.status !== 'rejected';
  const base = `${INBOX_PATH}/${i.id}`;
  const row = (label: string, value: string | null | undefined) =>
    value ? (
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">{label}</dt>
        <dd class="govuk-summary-list__value">{value}</dd>
      </div>
    ) : null;
  const allForms = { ...forms.assign?.errors, ...forms.answer?.errors, ...forms.reject?.errors };
  return (
    <BackOfficeLayout page={page} title={i.subject}>
      <ErrorSummary form={{ values: {}, errors: allForms }} t={t} labels={{ agencyId: t('inquiry.unit'), answer: t('inquiry.answer'), reason: t('inquiry.rejectReason') }} />
      <span class="govuk-caption-l">
        {t(kindKey(i.kind))} · <code class="congso-mono">{i.code}</code>
      </span>
      <h1 class="govuk-heading-l">{i.subject}</h1>
      <p class="govuk-body">
        <strong class="govuk-tag">{t(statusKey(i.status))}</strong>
      </p>
      <dl class="govuk-summary-list">
        {row(t('inquiry.site'), d.site.name)}
        {row(t('inquiry.receivedAt'), formatVnDateTime(i.createdAt))}
        {row(t('inquiry.assignedTo'), d.assignedName)}
      </dl>
      <h2 class="govuk-heading-m">{t('inquiry.body')}</h2>
      <p class="govuk-body congso-prewrap">{i.body}</p>
      <h2 class="govuk-heading-m">{t('inquiry.contact')}</h2>
      <dl class="govuk-summary-list">
        {row(t('inquiry.askerName'), i.askerName)}
        {row(t('inquiry.askerEmail'), i.askerEmail)}
        {row(t('inquiry.askerPhone'), i.askerPhone)}
        {row(t('inquiry.askerAddress'), i.askerAddress)}
      </dl>
      {!i.publicConsent && (
        <div class="govuk-inset-text">{t('inquiry.notPublic')}</div>
      )}
      {i.answer && (
        <>
          <h2 class="govuk-heading-m">{t('inquiry.answer')}</h2>
          <p class="govuk-body congso-prewrap">{i.answer}</p>
          {d.answeredByName && i.answeredAt && (
            <p class="govuk-body-s">
              {d.answeredByName} · {formatVnDateTime(i.answeredAt)}
            </p>
          )}
        </>
      )}
      {i.rejectReason && row(t('inquiry.rejectReason'), i.rejectReason)}
      {open && d.may.handle && (
        <>
          <form method="post" action={`${base}/chuyen`} novalidate>
            <Csrf token={page.csrf} />
            <input type="hidden" name="version" value={String(i.version)} />
            <SelectField
              name="agencyId"
              label={t('inquiry.assign')}
              form={forms.assign ?? { values: { agencyId: i.assignedAgencyId ?? '' }, errors: {} }}
              t={t}
              options={d.units.map((u) => ({ value: u.id, label: u.name }))}
            />
            <Button secondary>{t('inquiry.assign')}</Button>
          </form>
          <form method="post" action={`${base}/tra-loi`} novalidate>
            <Csrf token={page.csrf} />
            <input type="hidden" name="version" value={String(i.version)} />
            <TextArea name="answer" label={t('inquiry.answer')} rows={8} form={forms.answer ?? { values: { answer: i.answer ?? '' }, errors: {} }} t={t} />
            <Button>{t('inquiry.saveAnswer')}</Button>
          </form>
        </>
      )}
      {i.status === 'answered' && d.may.approve && (
        <form method="post" action={`${base}/cong-bo`}>
          <Csrf token={page.csrf} />
          <input type="hidden" name="version" value={String(i.version)} />
          <Button>{t('inquiry.publish')}</Button>
        </form>
      )}
      {open && d.may.approve && (
        <form method="post" action={`${base}/tu-choi`} novalidate>
          <Csrf token={page.csrf} />
          <input type="hidden" name="version" value={String(i.version)} />
          <TextArea name="reason" label={t('inquiry.rejectReason')} rows={3} form={forms.reject ?? emptyForm} t={t} />
          <Button warning>{t('inquiry.reject')}</Button>
        </form>
      )}
    </BackOfficeLayout>
  );
}
