import { BackOfficeLayout } from '../../platform/views/back-office.js';
import { Button, Csrf, ErrorSummary, type FormState, TextField } from '../../platform/views/form.js';
import type { PageCtx } from '../../platform/views/page.js';

export function SignInPage({ page, form, next, notice }: { page: PageCtx; form: FormState; next: string; notice: string | null }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('signIn.title')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          {notice && (
            <div class="govuk-inset-text" role="status">
              {notice}
            </div>
          )}
          <ErrorSummary form={form} t={t} labels={{ username: t('signIn.username'), password: t('signIn.password') }} />
          <h1 class="govuk-heading-l">{t('signIn.title')}</h1>
          <form method="post" action="/quan-tri/dang-nhap" novalidate>
            <Csrf token={page.csrf} />
            <input type="hidden" name="next" value={next} />
            <TextField name="username" label={t('signIn.username')} form={form} t={t} autocomplete="username" spellcheck={false} />
            <TextField name="password" label={t('signIn.password')} form={form} t={t} type="password" autocomplete="current-password" />
            <Button>{t('signIn.submit')}</Button>
          </form>
        </div>
      </div>
    </BackOfficeLayout>
  );
}

export function MfaPage({ page, form, enrol, action = '/quan-tri/xac-thuc-2-buoc', enabledAt = null }: { page: PageCtx; form: FormState; enrol: { qrSvg: string; secret: string } | null; action?: string; enabledAt?: string | null }) {
  const { t } = page;
  const title = enrol ? t('mfa.enrolTitle') : t('mfa.title');
  return (
    <BackOfficeLayout page={page} title={title}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary form={form} t={t} labels={{ code: t('mfa.code') }} />
          <h1 class="govuk-heading-l">{title}</h1>
          {enrol && (
            <>
              <p class="govuk-body">{t('mfa.enrolIntro')}</p>
              <div class="govuk-!-margin-bottom-4" role="img" aria-label="QR" dangerouslySetInnerHTML={{ __html: enrol.qrSvg }} />
              <p class="govuk-body">
                {t('mfa.manualKey')}: <code class="congso-mono" data-testid="totp-secret">{enrol.secret}</code>
              </p>
            </>
          )}
          {enabledAt ? (
            <p class="govuk-body" data-testid="mfa-enabled">
              {t('mfa.enabledSince', { at: enabledAt })}
            </p>
          ) : (
          <form method="post" action={action} novalidate>
            <Csrf token={page.csrf} />
            <TextField name="code" label={t('mfa.code')} hint={t('mfa.codeHint')} form={form} t={t} autocomplete="one-time-code" inputmode="numeric" width="10" spellcheck={false} />
            <Button>{t('mfa.verify')}</Button>
          </form>
          )}
        </div>
      </div>
    </BackOfficeLayout>
  );
}

export function ChangePasswordPage({ page, form, forced, action }: { page: PageCtx; form: FormState; forced: boolean; action: string }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('password.changeTitle')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary form={form} t={t} labels={{ current: t('password.current'), password: t('password.new'), confirm: t('password.confirm') }} />
          <h1 class="govuk-heading-l">{t('password.changeTitle')}</h1>
          {forced && <p class="govuk-body">{t('password.changeIntro')}</p>}
          <form method="post" action={action} novalidate>
            <Csrf token={page.csrf} />
            <TextField name="current" label={t('password.current')} form={form} t={t} type="password" autocomplete="current-password" />
            <TextField name="password" label={t('password.new')} hint={t('password.newHint')} form={form} t={t} type="password" autocomplete="new-password" />
            <TextField name="confirm" label={t('password.confirm')} form={form} t={t} type="password" autocomplete="new-password" />
            <Button>{t('common.save')}</Button>
          </form>
        </div>
      </div>
    </BackOfficeLayout>
  );
}
