import type { ComponentChildren } from 'preact';
import type { PageCtx } from '../../../platform/views/page.js';
import { filePath, sitePath } from '../../urls.js';
import type { MenuItem } from '../chrome.js';
import type { SiteScope } from '../site-routes.js';
import { renderedOnce } from './chrome-html.js';
import { VisitorCounters } from './visitor-counters.js';

export type Crumb = { href: string; label: string };

type Props = {
  page: PageCtx;
  scope: SiteScope;
  title: string;
  description?: string;
  /** Site-relative path of this page's one address (see urls.ts); the requested path when absent. */
  canonicalPath?: string;
  /** Absolute or root-relative address of the sharing picture. */
  ogImage?: string;
  ogType?: string;
  breadcrumbs?: Crumb[];
  /**
   * Where the language switch leads (site-relative, with "/en" for English): the translation of this page. Null
   * when there is none, so the switch goes to the other language's home page.
   */
  alternatePath?: string | null;
  children: ComponentChildren;
};

export function siteName(scope: SiteScope): string {
  return scope.locale === 'en' && scope.site.nameEn ? scope.site.nameEn : scope.site.name;
}

/** A link of this site: the base the visitor came by, then the language, then the page. */
export function siteHref(scope: SiteScope, relative: string, locale: 'vi' | 'en' = scope.locale): string {
  return sitePath(scope.base, locale === 'en' ? (relative === '/' ? '/en' : `/en${relative}`) : relative);
}

/** Menu entries are either site-relative ("/van-ban") or full addresses of other portals. */
function menuHref(scope: SiteScope, item: MenuItem): string {
  return item.href.startsWith('/') && !item.href.startsWith('//') ? siteHref(scope, item.href) : item.href;
}

function menuLabel(scope: SiteScope, item: MenuItem): string {
  return scope.locale === 'en' && item.labelEn ? item.labelEn : item.label;
}

/** The page's own path without base and language, to find the same page in the other language. */
function relativeOf(page: PageCtx, scope: SiteScope): string {
  let rel = page.path.slice(scope.base.length) || '/';
  if (scope.locale === 'en') rel = rel.slice(3) || '/';
  return rel;
}

/** Files are served from the portal's own paths ("/tep/…"), which every host answers. */
function absolute(root: string, path: string): string {
  return /^https?:\/\//.test(path) ? path : `${new URL(root || 'http://localhost').origin}${path}`;
}

/** The public pages of a portal site: its own header, colours, menus, contacts and links (Decree 42 art. 4). */
export function SiteLayout({ page, scope, title, description, canonicalPath, ogImage, ogType = 'website', breadcrumbs, alternatePath, children }: Props) {
  const { t } = page;
  const { site, chrome, base, locale } = scope;
  const root = scope.canonicalRoot ?? '';
  const name = siteName(scope);
  const other = locale === 'vi' ? 'en' : 'vi';
  const canonical = `${root}${canonicalPath ?? (relativeOf(page, scope) === '/' && locale === 'vi' ? '/' : localisedFor(locale, relativeOf(page, scope)))}`;
  const switchTo = alternatePath === null ? siteHref(scope, '/', other) : sitePath(base, alternatePath ?? localisedFor(other, relativeOf(page, scope)));
  const footerText = locale === 'en' ? (site.footerTextEn ?? site.footerText) : site.footerText;
  const tagline = locale === 'en' ? (site.taglineEn ?? site.tagline) : site.tagline;
  const home = siteHref(scope, '/');
  const current = page.path;
  return (
    <html lang={locale} class="govuk-template govuk-template--rebranded">
      <head>
        <meta charset="utf-8" />
        <title>{title === name ? name : `${title} – ${name}`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content={site.primaryColor} />
        {description && <meta name="description" content={description} />}
        <link rel="canonical" href={canonical} />
        <meta property="og:title" content={title} />
        {description && <meta property="og:description" content={description} />}
        <meta property="og:url" content={canonical} />
        <meta property="og:type" content={ogType} />
        <meta property="og:site_name" content={name} />
        <meta property="og:locale" content={locale === 'en' ? 'en_GB' : 'vi_VN'} />
        {(ogImage || site.logoFileId) && <meta property="og:image" content={absolute(root, ogImage ?? filePath(site.logoFileId!))} />}
        <link rel="alternate" type="application/rss+xml" title={`${name} – RSS`} href={sitePath(base, '/rss.xml')} />
        <link rel="stylesheet" href="/assets/congso.css" />
        <link rel="stylesheet" href={`${sitePath(base, '/theme.css')}?v=${site.version}`} />
      </head>
      <body class="govuk-template__body congso-site">
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
          {t('site.skip')}
        </a>
        <header
          class="govuk-generic-header congso-site-header"
          role="banner"
          dangerouslySetInnerHTML={{
            __html: renderedOnce(chrome, `header|${site.id}|${site.version}|${locale}|${base}`, () => (
              <>
                <div class="govuk-generic-header__container govuk-width-container congso-site-header__container">
                  <div class="govuk-generic-header__logo">
                    <a href={home} class="govuk-generic-header__homepage-link congso-site-header__home">
                      {site.logoFileId && <img class="congso-site-header__logo" src={`${filePath(site.logoFileId)}?w=120`} alt="" width={60} height={60} />}
                      <span>
                        {name}
                        {tagline && <span class="congso-header__agency">{tagline}</span>}
                      </span>
                    </a>
                  </div>
                  <form class="congso-site-search" method="get" action={siteHref(scope, '/tim-kiem')} role="search">
                    <label class="govuk-visually-hidden" for="site-search-q">
                      {t('site.searchLabel')}
                    </label>
                    <input class="govuk-input congso-site-search__input" id="site-search-q" name="q" type="search" maxLength={200} />
                    <button type="submit" class="govuk-button govuk-button--inverse congso-site-search__button" data-module="govuk-button">
                      {t('site.searchButton')}
                    </button>
                  </form>
                </div>
              </>
            )),
          }}
        />
        <section aria-label={t('site.mainMenu')} class="govuk-service-navigation congso-site-nav" data-module="govuk-service-navigation">
          <div class="govuk-width-container">
            <div class="govuk-service-navigation__container">
              <nav aria-label={t('site.mainMenu')} class="govuk-service-navigation__wrapper">
                <button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="site-navigation" hidden>
                  {t('site.menu')}
                </button>
                <ul class="govuk-service-navigation__list" id="site-navigation">
                  {[{ id: 'home', href: home, label: t('site.home') }, ...chrome.menus.main.map((m) => ({ id: m.id, href: menuHref(scope, m), label: menuLabel(scope, m) }))].map((item) => {
                    const active = item.href === current;
                    return (
                      <li class={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}>
                        <a class="govuk-service-navigation__link" href={item.href} aria-current={active ? 'page' : undefined}>
                          {item.label}
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </nav>
              <div class="govuk-service-navigation__end congso-actions-inline">
                <a class="govuk-link govuk-link--no-visited-state" href={switchTo} lang={other} hreflang={other}>
                  {other === 'en' ? 'English' : 'Tiếng Việt'}
                </a>
              </div>
            </div>
          </div>
        </section>
        <div class="govuk-width-container">
          {breadcrumbs && breadcrumbs.length > 0 && (
            <nav class="govuk-breadcrumbs congso-no-print" aria-label={t('site.breadcrumbs')}>
              <ol class="govuk-breadcrumbs__list">
                <li class="govuk-breadcrumbs__list-item">
                  <a class="govuk-breadcrumbs__link" href={home}>
                    {t('site.home')}
                  </a>
                </li>
                {breadcrumbs.map((c) => (
                  <li class="govuk-breadcrumbs__list-item">
                    <a class="govuk-breadcrumbs__link" href={c.href}>
                      {c.label}
                    </a>
                  </li>
                ))}
              </ol>
            </nav>
          )}
          <main class="govuk-main-wrapper" id="main-content" tabindex={-1}>
            {children}
          </main>
        </div>
        <footer class="govuk-footer congso-site-footer">
          <div class="govuk-width-container">
            <div
              class="govuk-footer__navigation"
              dangerouslySetInnerHTML={{
                __html: renderedOnce(chrome, `footer|${site.id}|${site.version}|${locale}|${base}`, () => (
                  <>
                    <div class="govuk-footer__section govuk-grid-column-one-third">
                      <h2 class="govuk-footer__heading govuk-heading-m">{t('site.contact')}</h2>
                      <p class="govuk-body-s">
                        <strong>{name}</strong>
                      </p>
                      <dl class="govuk-body-s congso-site-contact">
                        {site.address && <Contact label={t('site.address')}>{site.address}</Contact>}
                        {site.phone && (
                          <Contact label={t('site.phone')}>
                            <a class="govuk-footer__link" href={`tel:${site.phone.replace(/[^\d+]/g, '')}`}>
                              {site.phone}
                            </a>
                          </Contact>
                        )}
                        {site.fax && <Contact label={t('site.fax')}>{site.fax}</Contact>}
                        {site.email && (
                          <Contact label={t('site.email')}>
                            <a class="govuk-footer__link" href={`mailto:${site.email}`}>
                              {site.email}
                            </a>
                          </Contact>
                        )}
                      </dl>
                    </div>
                    <FooterList title={t('site.links')} items={chrome.menus.links.map((m) => ({ href: menuHref(scope, m), label: menuLabel(scope, m) }))} />
                    <FooterList
                      title={t('site.otherSites')}
                      items={chrome.otherSites.map((s) => ({
                        href: s.isMain ? (locale === 'en' ? '/en' : '/') : sitePath(`/${s.slug}`, locale === 'en' ? '/en' : '/'),
                        label: locale === 'en' && s.nameEn ? s.nameEn : s.name,
                      }))}
                    />
                  </>
                )),
              }}
            />
            <hr class="govuk-footer__section-break" />
            <div class="govuk-footer__meta">
              <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <div
                  dangerouslySetInnerHTML={{
                    __html: renderedOnce(chrome, `footer-menu|${site.id}|${site.version}|${locale}|${base}`, () => (
                      <>
                      <h2 class="govuk-visually-hidden">{t('site.footerMenu')}</h2>
                      <ul class="govuk-footer__inline-list">
                            {chrome.menus.footer.map((m) => (
                              <li class="govuk-footer__inline-list-item">
                                <a class="govuk-footer__link" href={menuHref(scope, m)}>
                                  {menuLabel(scope, m)}
                                </a>
                              </li>
                            ))}
                            <li class="govuk-footer__inline-list-item">
                              <a class="govuk-footer__link" href={sitePath(base, '/rss.xml')}>
                                {t('site.rss')}
                              </a>
                            </li>
                          </ul>
                      {footerText && <p class="govuk-body-s congso-site-footer__text">{footerText}</p>}
                      </>
                    )),
                  }}
                />
                <VisitorCounters scope={scope} t={t} />
                <p class="govuk-body-s">{t('site.openSource')}</p>
              </div>
            </div>
          </div>
        </footer>
        <script type="module" src="/assets/congso.js"></script>
        <script type="module" src="/cong-thong-tin.js"></script>
      </body>
    </html>
  );
}

/** A site-relative path in the given language ("/en" before English paths). */
export function localisedFor(locale: 'vi' | 'en', relative: string): string {
  return locale === 'en' ? (relative === '/' ? '/en' : `/en${relative}`) : relative;
}

function Contact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}:</dt> <dd>{children}</dd>
    </div>
  );
}

function FooterList({ title, items }: { title: string; items: { href: string; label: string }[] }) {
  if (items.length === 0) return null;
  return (
    <div class="govuk-footer__section govuk-grid-column-one-third">
      <h2 class="govuk-footer__heading govuk-heading-m">{title}</h2>
      <ul class="govuk-footer__list">
        {items.map((i) => (
          <li class="govuk-footer__list-item">
            <a class="govuk-footer__link" href={i.href}>
              {i.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
