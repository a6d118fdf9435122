import { Button, Csrf, ErrorSummary, type FormState, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { CitizenLayout } from './citizen-layout.js';

function ForgotForm({ page, form, secondary }: { page: PageCtx; form: FormState; secondary?: boolean }) {
  const { t } = page;
  return (
    <form method="post" action="/quen-mat-khau" novalidate>
      <Csrf token={page.csrf} />
      <TextField name="email" label={t('citizen.forgot.email')} form={form} t={t} type="email" autocomplete="email" spellcheck={false} />
      <Button secondary={secondary}>{secondary ? t('citizen.forgot.again') : t('citizen.forgot.submit')}</Button>
    </form>
  );
}

/** Asks for the address; `sent` shows the answer every address gets, with the form again to ask once more. */
export function ForgotPasswordPage({ page, form, provider, sent }: { page: PageCtx; form: FormState; provider: string | null; sent: boolean }) {
  const { t } = page;
  const title = sent ? t('citizen.forgot.sentTitle') : t('citizen.forgot.title');
  return (
    <CitizenLayout page={page} title={title}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary t={t} form={form} labels={{ email: t('citizen.forgot.email') }} />
          <h1 class="govuk-heading-l">{title}</h1>
          {sent ? (
            <>
              <div class="govuk-inset-text" role="status" data-testid="forgot-sent">
                {t('citizen.forgot.sent')}
              </div>
              <p class="govuk-body">{t('citizen.forgot.noMail')}</p>
            </>
          ) : (
            <>
              <p class="govuk-body">{t('citizen.forgot.intro')}</p>
              {provider && <p class="govuk-body">{t('citizen.forgot.providerHint', { provider })}</p>}
              <p class="govuk-body">{t('citizen.forgot.phoneOnly')}</p>
            </>
          )}
          <ForgotForm page={page} form={form} secondary={sent} />
          <p class="govuk-body">
            <a class="govuk-link" href="/dang-nhap">
              {t('citizen.forgot.backToSignIn')}
            </a>
          </p>
        </div>
      </div>
    </CitizenLayout>
  );
}

/** The form behind a usable reset link; the token travels in a hidden field, never echoed from the form state. */
export function ResetPasswordPage({ page, form, token }: { page: PageCtx; form: FormState; token: string }) {
  const { t } = page;
  const labels = { password: t('password.new'), confirm: t('password.confirm') };
  return (
    <CitizenLayout page={page} title={t('citizen.reset.title')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary t={t} form={form} labels={labels} />
          <h1 class="govuk-heading-l">{t('citizen.reset.title')}</h1>
          <p class="govuk-body">{t('citizen.reset.intro')}</p>
          <form method="post" action="/dat-lai-mat-khau" novalidate>
            <Csrf token={page.csrf} />
            <input type="hidden" name="token" value={token} />
            <TextField name="password" label={labels.password} hint={t('citizen.register.passwordHint')} form={form} t={t} type="password" autocomplete="new-password" required />
            <TextField name="confirm" label={labels.confirm} form={form} t={t} type="password" autocomplete="new-password" required />
            <Button>{t('citizen.reset.submit')}</Button>
          </form>
        </div>
      </div>
    </CitizenLayout>
  );
}

/** Why a reset link cannot be used, with the way to a new one. */
export function ResetLinkProblemPage({ page, message }: { page: PageCtx; message: string }) {
  const { t } = page;
  return (
    <CitizenLayout page={page} title={t('citizen.reset.title')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{t('citizen.reset.title')}</h1>
          <p class="govuk-body" data-testid="reset-problem">
            {message}
          </p>
          <a class="govuk-button" data-module="govuk-button" role="button" draggable={false} href="/quen-mat-khau">
            {t('citizen.reset.newLink')}
          </a>
        </div>
      </div>
    </CitizenLayout>
  );
}
