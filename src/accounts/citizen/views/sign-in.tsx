import { Button, ErrorSummary, Csrf, type FormState, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { CitizenLayout, Notice } from './citizen-layout.js';
import { ResendForm } from './register.js';

type Props = { page: PageCtx; form: FormState; next: string; notice: string | null; provider: string | null };

export function CitizenSignInPage({ page, form, next, notice, provider }: Props) {
  const { t } = page;
  const labels = { login: t('citizen.signIn.login'), password: t('citizen.signIn.password') };
  const unverified = form.errors._form?.key === 'citizen.signIn.unverified';
  const login = form.values.login ?? '';
  return (
    <CitizenLayout page={page} title={t('citizen.signIn.title')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <Notice text={notice} />
          <ErrorSummary t={page.t} form={form} labels={labels} />
          <h1 class="govuk-heading-l">{t('citizen.signIn.title')}</h1>
          {unverified && <ResendForm page={page} form={{ values: {}, errors: {} }} email={login.includes('@') ? login : ''} />}
          <form method="post" action="/dang-nhap" novalidate>
            <Csrf token={page.csrf} />
            <input type="hidden" name="next" value={next} />
            <TextField name="login" label={labels.login} form={form} t={t} autocomplete="username" spellcheck={false} />
            <TextField name="password" label={labels.password} form={form} t={t} type="password" autocomplete="current-password" />
            <Button>{t('citizen.signIn.submit')}</Button>
          </form>
          <p class="govuk-body">
            <a class="govuk-link" href="/quen-mat-khau">
              {t('citizen.signIn.forgot')}
            </a>
          </p>
          {provider && (
            <>
              <p class="govuk-body">{t('citizen.signIn.or')}</p>
              <a class="govuk-button govuk-button--secondary" data-module="govuk-button" role="button" draggable={false} href={`/dang-nhap/oidc?next=${encodeURIComponent(next)}`}>
                {t('citizen.signIn.withProvider', { provider })}
              </a>
            </>
          )}
          <h2 class="govuk-heading-m">{t('citizen.signIn.noAccount')}</h2>
          <p class="govuk-body">
            <a class="govuk-link" href="/dang-ky">
              {t('citizen.signIn.register')}
            </a>
          </p>
          <p class="govuk-body-s">
            <a class="govuk-link" href="/quan-tri/dang-nhap">
              {t('citizen.signIn.officials')}
            </a>
          </p>
        </div>
      </div>
    </CitizenLayout>
  );
}

/** Why a sign-in through the provider did not complete, with the way back. */
export function OidcErrorPage({ page, message }: { page: PageCtx; message: string }) {
  const { t } = page;
  return (
    <CitizenLayout page={page} title={t('citizen.oidc.errorTitle')}>
      <h1 class="govuk-heading-l">{t('citizen.oidc.errorTitle')}</h1>
      <p class="govuk-body" data-testid="error-message">
        {message}
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={page.user ? '/tai-khoan' : '/dang-nhap'}>
          {page.user ? t('citizen.nav.account') : t('citizen.oidc.tryAgain')}
        </a>
      </p>
    </CitizenLayout>
  );
}
