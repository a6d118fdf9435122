import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import type { PageCtx } from '../../../platform/views/page.js';

/**
 * Shown once, as the answer to the form that made the password: it is never stored in the clear,
 * and the page is sent with no-store so the browser keeps no copy.
 */
export function TemporaryPasswordPage({ page, title, userId, username, password }: { page: PageCtx; title: string; userId: string; username: string; password: string }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={title}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <div class="govuk-panel govuk-panel--confirmation">
            <h1 class="govuk-panel__title">{title}</h1>
            <div class="govuk-panel__body">{username}</div>
          </div>
          <h2 class="govuk-heading-m">{t('users.temporaryPassword')}</h2>
          <p class="govuk-body-l">
            <code class="congso-mono" data-testid="temporary-password">
              {password}
            </code>
          </p>
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">{t('users.temporaryPasswordOnce')}</strong>
          </div>
          <p class="govuk-body">
            <a class="govuk-link" href={`/quan-tri/nguoi-dung/${userId}`}>
              {t('users.viewAccount', { username })}
            </a>
          </p>
        </div>
      </div>
    </BackOfficeLayout>
  );
}
