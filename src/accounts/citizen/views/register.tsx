import { Button, ErrorSummary, CheckboxField, Csrf, type FormState, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { CitizenLayout, Notice } from './citizen-layout.js';

export function RegisterPage({ page, form }: { page: PageCtx; form: FormState }) {
  const { t } = page;
  const labels = {
    fullName: t('citizen.register.fullName'),
    email: t('citizen.register.email'),
    phone: t('citizen.register.phone'),
    password: t('citizen.register.password'),
    confirm: t('citizen.register.confirm'),
    consent: t('citizen.register.consent'),
  };
  return (
    <CitizenLayout page={page} title={t('citizen.register.title')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary t={page.t} form={form} labels={labels} />
          <h1 class="govuk-heading-l">{t('citizen.register.title')}</h1>
          <p class="govuk-body">{t('citizen.register.intro')}</p>
          <form method="post" action="/dang-ky" novalidate>
            <Csrf token={page.csrf} />
            <TextField name="fullName" label={labels.fullName} form={form} t={t} autocomplete="name" spellcheck={false} required />
            <TextField name="email" label={labels.email} hint={t('citizen.register.emailHint')} form={form} t={t} type="email" autocomplete="email" spellcheck={false} />
            <TextField name="phone" label={labels.phone} hint={t('citizen.register.phoneHint')} form={form} t={t} type="tel" autocomplete="tel" width="20" />
            <TextField name="password" label={labels.password} hint={t('citizen.register.passwordHint')} form={form} t={t} type="password" autocomplete="new-password" required />
            <TextField name="confirm" label={labels.confirm} form={form} t={t} type="password" autocomplete="new-password" required />
            <CheckboxField name="consent" label={labels.consent} hint={t('citizen.register.consentHint')} form={form} t={t} />
            <Button>{t('citizen.register.submit')}</Button>
          </form>
          <p class="govuk-body">
            <a class="govuk-link" href="/dang-nhap">
              {t('citizen.register.haveAccount')}
            </a>
          </p>
        </div>
      </div>
    </CitizenLayout>
  );
}

export function ResendForm({ page, form, email }: { page: PageCtx; form: FormState; email: string }) {
  const { t } = page;
  const state = form.values.email === undefined && email ? { ...form, values: { ...form.values, email } } : form;
  return (
    <form method="post" action="/xac-minh-email/gui-lai" novalidate>
      <Csrf token={page.csrf} />
      <TextField name="email" label={t('citizen.resend.email')} form={state} t={t} type="email" autocomplete="email" spellcheck={false} />
      <Button secondary>{t('citizen.resend.submit')}</Button>
    </form>
  );
}

/** After registering or asking for a new link: the same words whether or not the address has an account. */
export function CheckEmailPage({ page, email, form, notice }: { page: PageCtx; email: string; form: FormState; notice: string | null }) {
  const { t } = page;
  return (
    <CitizenLayout page={page} title={t('citizen.checkEmail.title')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary t={page.t} form={form} labels={{ email: t('citizen.resend.email') }} />
          <Notice text={notice} />
          <h1 class="govuk-heading-l">{t('citizen.checkEmail.title')}</h1>
          {email && <p class="govuk-body">{t('citizen.checkEmail.text', { email })}</p>}
          <h2 class="govuk-heading-m">{t('citizen.resend.title')}</h2>
          <p class="govuk-body">{t('citizen.checkEmail.noMail')}</p>
          <ResendForm page={page} form={form} email={email} />
        </div>
      </div>
    </CitizenLayout>
  );
}

/** What a verification link opens: a button to confirm, since opening a link alone must not verify anything. */
export function VerifyConfirmPage({ page, token }: { page: PageCtx; token: string }) {
  const { t } = page;
  return (
    <CitizenLayout page={page} title={t('citizen.verify.title')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{t('citizen.verify.title')}</h1>
          <p class="govuk-body">{t('citizen.verify.pending')}</p>
          <form method="post" action="/xac-minh-email">
            <Csrf token={page.csrf} />
            <input type="hidden" name="token" value={token} />
            <Button>{t('citizen.verify.confirm')}</Button>
          </form>
        </div>
      </div>
    </CitizenLayout>
  );
}

export function VerifyResultPage({ page, message, ok }: { page: PageCtx; message: string; ok: boolean }) {
  const { t } = page;
  return (
    <CitizenLayout page={page} title={t('citizen.verify.title')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{t('citizen.verify.title')}</h1>
          {ok ? (
            <div class="govuk-panel govuk-panel--confirmation">
              <div class="govuk-panel__body" data-testid="verify-result">
                {message}
              </div>
            </div>
          ) : (
            <p class="govuk-body" data-testid="verify-result">
              {message}
            </p>
          )}
          {ok ? (
            <a class="govuk-button" data-module="govuk-button" href="/dang-nhap">
              {t('citizen.signIn.submit')}
            </a>
          ) : (
            <>
              <h2 class="govuk-heading-m">{t('citizen.resend.title')}</h2>
              <ResendForm page={page} form={{ values: {}, errors: {} }} email="" />
            </>
          )}
        </div>
      </div>
    </CitizenLayout>
  );
}
