import type { ComponentChildren } from 'preact';
import type { PageCtx } from './page.js';

export type NavItem = { href: string; label: string };

type Props = {
  page: PageCtx;
  title: string;
  /** The service name in the header: the back office or the public site. */
  serviceName: string;
  serviceHref: string;
  /** The line under the service name; the province by default. */
  subtitle?: string;
  nav?: NavItem[];
  children: ComponentChildren;
};

function languageHref(page: PageCtx): string {
  const other = page.locale === 'vi' ? 'en' : 'vi';
  return `/ngon-ngu/${other}?next=${encodeURIComponent(page.path)}`;
}

export function Layout({ page, title, serviceName, serviceHref, subtitle, nav = [], children }: Props) {
  const { t } = page;
  const other = page.locale === 'vi' ? 'en' : 'vi';
  return (
    <html lang={page.locale} class="govuk-template govuk-template--rebranded">
      <head>
        <meta charset="utf-8" />
        <title>{`${title} – ${serviceName}`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#0f4c81" />
        <link rel="stylesheet" href="/assets/congso.css" />
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
          {t('app.skipToContent')}
        </a>
        <header class="govuk-generic-header" role="banner">
          <div class="govuk-generic-header__container govuk-width-container">
            <div class="govuk-generic-header__logo">
              <a href={serviceHref} class="govuk-generic-header__homepage-link">
                {serviceName}
                <span class="congso-header__agency">{subtitle ?? page.provinceName}</span>
              </a>
            </div>
          </div>
        </header>
        <section aria-label={serviceName} class="govuk-service-navigation" data-module="govuk-service-navigation">
          <div class="govuk-width-container">
            <div class="govuk-service-navigation__container">
              {nav.length > 0 && (
                <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                  <button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden>
                    Menu
                  </button>
                  <ul class="govuk-service-navigation__list" id="navigation">
                    {nav.map((item) => {
                      const active = item.href === page.path || (item.href !== '/quan-tri' && page.path.startsWith(item.href + '/'));
                      return (
                        <li class={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}>
                          <a class="govuk-service-navigation__link" href={item.href} aria-current={active ? 'page' : undefined}>
                            {active ? <strong class="govuk-service-navigation__active-fallback">{item.label}</strong> : item.label}
                          </a>
                        </li>
                      );
                    })}
                  </ul>
                </nav>
              )}
              <div class="govuk-service-navigation__end congso-actions-inline">
                <a class="govuk-link govuk-link--no-visited-state" href={languageHref(page)} lang={other} hreflang={other} aria-label={t('app.language.switchLabel')}>
                  {t('app.language.switch')}
                </a>
                {page.user && (
                  <>
                    <span class="govuk-body-s govuk-!-margin-0">{t('app.signedInAs', { name: page.user.fullName })}</span>
                    <form method="post" action={page.user.kind === 'official' ? '/quan-tri/dang-xuat' : '/dang-xuat'}>
                      <input type="hidden" name="_csrf" value={page.csrf} />
                      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-0">
                        {t('app.signOut')}
                      </button>
                    </form>
                  </>
                )}
              </div>
            </div>
          </div>
        </section>
        <div class="govuk-width-container">
          <main class="govuk-main-wrapper" id="main-content">
            {page.flash && (
              <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="flash-title" data-module="govuk-notification-banner">
                <div class="govuk-notification-banner__header">
                  <h2 class="govuk-notification-banner__title" id="flash-title">
                    {t('common.status')}
                  </h2>
                </div>
                <div class="govuk-notification-banner__content">
                  <p class="govuk-notification-banner__heading">{page.flash}</p>
                </div>
              </div>
            )}
            {children}
          </main>
        </div>
        <footer class="govuk-footer">
          <div class="govuk-width-container">
            <div class="govuk-footer__meta">
              <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <p class="govuk-body-s">{t('app.footer.operator', { operator: page.provinceName })}</p>
                <p class="govuk-body-s">{t('app.footer.openSource')}</p>
              </div>
            </div>
          </div>
        </footer>
        {page.sessionIdleExpiresAt && (
          <div class="govuk-notification-banner congso-session-warning" role="alertdialog" aria-labelledby="session-warning-title" hidden data-session-expires={page.sessionIdleExpiresAt.toISOString()}>
            <div class="govuk-notification-banner__header">
              <h2 class="govuk-notification-banner__title" id="session-warning-title">
                {t('session.warningTitle')}
              </h2>
            </div>
            <div class="govuk-notification-banner__content">
              <p class="govuk-body">{t('session.warningText')}</p>
              <form method="post" action="/phien/gia-han">
                <input type="hidden" name="_csrf" value={page.csrf} />
                <input type="hidden" name="next" value={page.path} />
                <button type="submit" class="govuk-button govuk-!-margin-0">
                  {t('session.extend')}
                </button>
              </form>
            </div>
          </div>
        )}
        <script type="module" src="/assets/congso.js"></script>
      </body>
    </html>
  );
}
