import type { ComponentChildren } from 'preact';
import { Button, ErrorSummary, Csrf, type FormState, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import type { CitizenProfile } from '../queries.js';
import { formatVnDate } from '../../../platform/dates.js';
import { CitizenLayout } from './citizen-layout.js';

type Props = {
  page: PageCtx;
  profile: CitizenProfile;
  form: FormState;
  /** The configured provider, to offer linking; null when none is configured. */
  provider: { issuer: string; displayName: string } | null;
};

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

export function AccountPage({ page, profile, form, provider }: Props) {
  const { t } = page;
  const none = t('common.none');
  const providerName = (issuer: string) => (provider && issuer === provider.issuer ? provider.displayName : new URL(issuer).host);
  const linkedHere = provider !== null && profile.identities.some((i) => i.provider === provider.issuer);
  const pwLabels = { current: t('password.current'), password: t('password.new'), confirm: t('password.confirm') };
  return (
    <CitizenLayout page={page} title={t('citizen.account.title')}>
      <ErrorSummary t={page.t} form={form} labels={pwLabels} />
      <h1 class="govuk-heading-l">{t('citizen.account.title')}</h1>
      <h2 class="govuk-heading-m">{t('citizen.account.profile')}</h2>
      <dl class="govuk-summary-list">
        <Row label={t('citizen.account.fullName')}>
          <span data-testid="full-name">{profile.fullName}</span>
        </Row>
        <Row label={t('citizen.account.email')}>
          {profile.email ? (
            <>
              {profile.email}{' '}
              <strong class={`govuk-tag ${profile.emailVerified ? 'govuk-tag--green' : 'govuk-tag--yellow'}`}>
                {profile.emailVerified ? t('citizen.account.verified') : t('citizen.account.unverified')}
              </strong>
            </>
          ) : (
            none
          )}
        </Row>
        <Row label={t('citizen.account.phone')}>{profile.phone ?? none}</Row>
      </dl>

      <h2 class="govuk-heading-m">{t('citizen.account.identities')}</h2>
      {profile.identities.length === 0 ? (
        <p class="govuk-body">{t('citizen.account.noIdentities')}</p>
      ) : (
        <ul class="govuk-list govuk-list--bullet" data-testid="identities">
          {profile.identities.map((i) => (
            <li>
              {providerName(i.provider)} – {t('citizen.account.linkedOn', { date: formatVnDate(i.createdAt) })}
            </li>
          ))}
        </ul>
      )}
      {provider && !linkedHere && (
        <a class="govuk-button govuk-button--secondary" data-module="govuk-button" role="button" draggable={false} href="/tai-khoan/lien-ket">
          {t('citizen.account.link', { provider: provider.displayName })}
        </a>
      )}

      <h2 class="govuk-heading-m">{t('citizen.account.password')}</h2>
      {profile.hasPassword ? (
        <form method="post" action="/tai-khoan/mat-khau" novalidate>
          <Csrf token={page.csrf} />
          <TextField name="current" label={pwLabels.current} form={form} t={t} type="password" autocomplete="current-password" />
          <TextField name="password" label={pwLabels.password} hint={t('citizen.register.passwordHint')} form={form} t={t} type="password" autocomplete="new-password" />
          <TextField name="confirm" label={pwLabels.confirm} form={form} t={t} type="password" autocomplete="new-password" />
          <Button>{t('citizen.account.password')}</Button>
        </form>
      ) : (
        <>
          <p class="govuk-body">{t('citizen.account.noPassword')}</p>
          {profile.email && (
            <p class="govuk-body">
              <a class="govuk-link" href="/quen-mat-khau">
                {t('citizen.account.setPassword')}
              </a>
            </p>
          )}
        </>
      )}

      <h2 class="govuk-heading-m">{t('citizen.account.security')}</h2>
      <p class="govuk-body">{t('citizen.account.signOutEverywhereHint')}</p>
      <form method="post" action="/tai-khoan/dang-xuat-tat-ca">
        <Csrf token={page.csrf} />
        <Button warning>{t('citizen.account.signOutEverywhere')}</Button>
      </form>
    </CitizenLayout>
  );
}
