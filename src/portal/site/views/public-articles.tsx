import { formatVnDate, showDate } from '../../../platform/dates.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { filePath, sitePaths } from '../../urls.js';
import type { ArticleView, Category, HomeData } from '../public-queries.js';
import type { SiteScope } from '../site-routes.js';
import { ArticleList, CoverImage, Pagination, articleHref, withQuery } from './parts.js';
import { SiteLayout, localisedFor, siteHref, siteName } from './site-layout.js';

const categoryName = (scope: SiteScope, c: Category) => (scope.locale === 'en' && c.nameEn ? c.nameEn : c.name);

export function SiteHomePage({ page, scope, data }: { page: PageCtx; scope: SiteScope; data: HomeData }) {
  const { t } = page;
  const name = siteName(scope);
  const tagline = scope.locale === 'en' ? (scope.site.taglineEn ?? scope.site.tagline) : scope.site.tagline;
  const [lead, ...others] = data.featured;
  const leadCover = lead?.coverFileId ? data.covers.get(lead.coverFileId) : undefined;
  return (
    <SiteLayout page={page} scope={scope} title={name} description={tagline ?? undefined} canonicalPath={scope.locale === 'en' ? '/en' : '/'} alternatePath={scope.locale === 'en' ? '/' : '/en'}>
      <h1 class="govuk-heading-l">{name}</h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {lead && (
            <section aria-labelledby="featured-heading" class="congso-featured">
              <h2 class="govuk-heading-m" id="featured-heading">
                {t('site.featured')}
              </h2>
              <article class="congso-featured__lead">
                {leadCover && <CoverImage cover={leadCover} alt={lead.coverAlt ?? ''} width={800} sizes="(min-width: 641px) 66vw, 100vw" />}
                <h3 class="govuk-heading-m govuk-!-margin-top-2">
                  <a class="govuk-link" href={articleHref(scope, lead)}>
                    {lead.title}
                  </a>
                </h3>
                {lead.summary && <p class="govuk-body">{lead.summary}</p>}
              </article>
              {others.length > 0 && <ArticleList scope={scope} t={t} articles={others} covers={data.covers} />}
            </section>
          )}
          <section aria-labelledby="latest-heading">
            <h2 class="govuk-heading-m" id="latest-heading">
              {t('site.latest')}
            </h2>
            <ArticleList scope={scope} t={t} articles={data.latest} covers={data.covers} />
          </section>
          {data.sections.map(({ category, articles }) => (
            <section aria-labelledby={`cat-${category.id}`}>
              <h2 class="govuk-heading-m" id={`cat-${category.id}`}>
                <a class="govuk-link govuk-link--no-visited-state" href={siteHref(scope, sitePaths.category(category.slug))}>
                  {categoryName(scope, category)}
                </a>
              </h2>
              <ArticleList scope={scope} t={t} articles={articles} covers={data.covers} />
            </section>
          ))}
        </div>
        <div class="govuk-grid-column-one-third">
          <section aria-labelledby="legal-heading">
            <h2 class="govuk-heading-m" id="legal-heading">
              {t('site.latestLegal')}
            </h2>
            <ul class="govuk-list">
              {data.legal.map((d) => (
                <li>
                  <a class="govuk-link" href={siteHref(scope, sitePaths.legalDocument(d.id))}>
                    {d.number}
                  </a>
                  <span class="govuk-body-s congso-secondary-text"> – {showDate(d.issuedOn)}</span>
                  <br />
                  <span class="govuk-body-s">{d.title}</span>
                </li>
              ))}
            </ul>
            <p class="govuk-body">
              <a class="govuk-link" href={siteHref(scope, sitePaths.legalDocuments())}>
                {t('site.allLegal')}
              </a>
            </p>
            <p class="govuk-body">
              <a class="govuk-link" href={siteHref(scope, sitePaths.questions())}>
                {t('site.questionsLink')}
              </a>
            </p>
          </section>
        </div>
      </div>
    </SiteLayout>
  );
}

export function CategoryPage(props: { page: PageCtx; scope: SiteScope; category: Category; data: { articles: HomeData['latest']; total: number; covers: HomeData['covers'] }; pageNo: number; pageSize: number }) {
  const { page, scope, category, data, pageNo, pageSize } = props;
  const { t } = page;
  const name = categoryName(scope, category);
  const path = siteHref(scope, sitePaths.category(category.slug));
  return (
    <SiteLayout page={page} scope={scope} title={name} description={category.description ?? undefined} canonicalPath={withQuery(localisedFor(scope.locale, sitePaths.category(category.slug)), { trang: pageNo })} breadcrumbs={[{ href: path, label: name }]}>
      <h1 class="govuk-heading-l">{name}</h1>
      {category.description && <p class="govuk-body-l">{category.description}</p>}
      <p class="govuk-body-s">
        <a class="govuk-link" href={siteHref(scope, sitePaths.categoryRss(category.slug))}>
          {t('site.rss')}
        </a>
      </p>
      <ArticleList scope={scope} t={t} articles={data.articles} covers={data.covers} headingLevel={2} />
      <Pagination t={t} page={pageNo} total={data.total} pageSize={pageSize} href={(p) => withQuery(path, { trang: p })} />
    </SiteLayout>
  );
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** A news article or a fixed page; the body was sanitised when it was saved and is shown as it is. */
export function ArticlePage({ page, scope, view }: { page: PageCtx; scope: SiteScope; view: ArticleView }) {
  const { t } = page;
  const { article: a, category, cover, attachments, related, translation } = view;
  const own = a.kind === 'page' ? sitePaths.page(a.slug, a.locale) : sitePaths.article(a.slug, a.locale);
  const other = translation ? (a.kind === 'page' ? sitePaths.page(translation.slug, translation.locale) : sitePaths.article(translation.slug, translation.locale)) : null;
  const crumbs = category ? [{ href: siteHref(scope, sitePaths.category(category.slug)), label: categoryName(scope, category) }] : [];
  const published = a.publishedAt ?? a.createdAt;
  return (
    <SiteLayout
      page={page}
      scope={scope}
      title={a.title}
      description={a.summary ?? undefined}
      canonicalPath={own}
      ogType={a.kind === 'news' ? 'article' : 'website'}
      ogImage={cover ? `${filePath(cover.id)}?w=${cover.widths.at(-1) ?? 1200}` : undefined}
      breadcrumbs={crumbs}
      alternatePath={other}
    >
      <article class="congso-article" lang={a.locale}>
        <h1 class="govuk-heading-l">{a.title}</h1>
        {a.kind === 'news' && (
          <p class="govuk-body-s congso-secondary-text">
            <time dateTime={published.toISOString()}>{t('site.published', { date: formatVnDate(published) })}</time>
          </p>
        )}
        {other && (
          <p class="govuk-body congso-no-print">
            <a class="govuk-link" href={`${scope.base}${other}`} lang={translation!.locale} hreflang={translation!.locale}>
              {translation!.locale === 'en' ? t('site.readInEnglish') : t('site.readInVietnamese')}
            </a>
          </p>
        )}
        {a.summary && <p class="govuk-body-l congso-article__summary">{a.summary}</p>}
        {cover && (
          <figure class="congso-article__cover">
            <CoverImage cover={cover} alt={a.coverAlt ?? ''} width={Math.min(960, cover.widths.at(-1) ?? 960)} sizes="(min-width: 641px) 66vw, 100vw" />
          </figure>
        )}
        <div class="congso-article__body govuk-body" dangerouslySetInnerHTML={{ __html: a.body }} />
        {(a.authorName || a.source) && (
          <dl class="govuk-summary-list govuk-summary-list--no-border">
            {a.authorName && (
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{t('site.author')}</dt>
                <dd class="govuk-summary-list__value">{a.authorName}</dd>
              </div>
            )}
            {a.source && (
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{t('site.source')}</dt>
                <dd class="govuk-summary-list__value">{a.source}</dd>
              </div>
            )}
          </dl>
        )}
        {attachments.length > 0 && (
          <section aria-labelledby="attachments-heading">
            <h2 class="govuk-heading-m" id="attachments-heading">
              {t('site.attachments')}
            </h2>
            <ul class="govuk-list">
              {attachments.map((f) => (
                <li>
                  <a class="govuk-link" href={filePath(f.fileId, f.name)}>
                    {f.label ?? f.name}
                  </a>{' '}
                  <span class="govuk-body-s">({sizeText(f.size)})</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        {a.tags.length > 0 && (
          <p class="govuk-body-s">
            <strong>{t('site.tags')}:</strong>{' '}
            {a.tags.map((tag, i) => (
              <>
                {i > 0 && ', '}
                <a class="govuk-link" href={withQuery(siteHref(scope, sitePaths.search()), { q: tag })}>
                  {tag}
                </a>
              </>
            ))}
          </p>
        )}
        <div class="congso-actions-inline congso-no-print">
          <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-0" data-congso-print hidden>
            {t('site.print')}
          </button>
          <a class="govuk-link" href={`${scope.base}${own}?luu=html`} download>
            {t('site.save')}
          </a>
        </div>
      </article>
      {related.length > 0 && (
        <aside class="congso-no-print" aria-labelledby="related-heading">
          <h2 class="govuk-heading-m govuk-!-margin-top-6" id="related-heading">
            {t('site.related')}
          </h2>
          <ul class="govuk-list">
            {related.map((r) => (
              <li>
                <a class="govuk-link" href={articleHref(scope, r)}>
                  {r.title}
                </a>{' '}
                <span class="govuk-body-s congso-secondary-text">({formatVnDate(r.publishedAt)})</span>
              </li>
            ))}
          </ul>
        </aside>
      )}
    </SiteLayout>
  );
}

/**
 * The article as one file to keep: no menus, no scripts, styles from the portal so it still reads well offline
 * as plain HTML. The browser's "save as PDF" works from the print view of the page itself.
 */
export function SavedArticle({ scope, view }: { scope: SiteScope; view: ArticleView }) {
  const a = view.article;
  const own = a.kind === 'page' ? sitePaths.page(a.slug, a.locale) : sitePaths.article(a.slug, a.locale);
  return (
    <html lang={a.locale}>
      <head>
        <meta charset="utf-8" />
        <title>{a.title}</title>
        <link rel="canonical" href={`${scope.canonicalRoot ?? ''}${own}`} />
      </head>
      <body>
        <p>{siteName(scope)}</p>
        <h1>{a.title}</h1>
        {a.publishedAt && <p>{formatVnDate(a.publishedAt)}</p>}
        {a.summary && (
          <p>
            <strong>{a.summary}</strong>
          </p>
        )}
        <div dangerouslySetInnerHTML={{ __html: a.body }} />
        {a.authorName && <p>{a.authorName}</p>}
        <p>
          <a href={`${scope.canonicalRoot ?? ''}${own}`}>{`${scope.canonicalRoot ?? ''}${own}`}</a>
        </p>
      </body>
    </html>
  );
}
