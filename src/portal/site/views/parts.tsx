import { formatVnDate } from '../../../platform/dates.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { filePath, sitePaths } from '../../urls.js';
import type { ArticleCard, Cover } from '../public-queries.js';
import type { SiteScope } from '../site-routes.js';
import { siteHref } from './site-layout.js';

/** The picture of an article in a list: a 480 px wide variant, the browser picks larger ones on wide screens. */
export function CoverImage({ cover, alt, sizes = '(min-width: 641px) 33vw, 100vw', width = 480 }: { cover: Cover; alt: string; sizes?: string; width?: number }) {
  const srcset = cover.widths.map((w) => `${filePath(cover.id)}?w=${w} ${w}w`).join(', ');
  const height = cover.width && cover.height ? Math.round((cover.height / cover.width) * width) : undefined;
  return <img class="congso-cover" src={`${filePath(cover.id)}?w=${width}`} srcset={srcset || undefined} sizes={srcset ? sizes : undefined} alt={alt} width={width} height={height} loading="lazy" />;
}

export function articleHref(scope: SiteScope, a: { kind: 'news' | 'page'; slug: string }): string {
  return siteHref(scope, a.kind === 'page' ? sitePaths.page(a.slug) : sitePaths.article(a.slug));
}

export function ArticleList({ scope, t, articles, covers, headingLevel = 3 }: { scope: SiteScope; t: Translate; articles: ArticleCard[]; covers: Map<string, Cover>; headingLevel?: 2 | 3 }) {
  if (articles.length === 0) return <p class="govuk-body">{t('site.noArticles')}</p>;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="govuk-list congso-article-list">
      {articles.map((a) => {
        const cover = a.coverFileId ? covers.get(a.coverFileId) : undefined;
        return (
          <li class="congso-article-card">
            {cover && <CoverImage cover={cover} alt={a.coverAlt ?? ''} />}
            <div>
              <H class="govuk-heading-s govuk-!-margin-bottom-1">
                <a class="govuk-link" href={articleHref(scope, a)}>
                  {a.title}
                </a>
              </H>
              <p class="govuk-body-s congso-secondary-text govuk-!-margin-bottom-1">
                <time dateTime={a.publishedAt.toISOString()}>{formatVnDate(a.publishedAt)}</time>
              </p>
              {a.summary && <p class="govuk-body-s">{a.summary}</p>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** GOV.UK pagination over "?trang=N" links, keeping the other query parameters. */
export function Pagination({ t, page, total, pageSize, href }: { t: Translate; page: number; total: number; pageSize: number; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav class="govuk-pagination congso-no-print" aria-label={t('site.pagination')}>
      {page > 1 && (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={href(page - 1)} rel="prev">
            <span class="govuk-pagination__link-title">{t('site.previous')}</span>
          </a>
        </div>
      )}
      <ul class="govuk-pagination__list">
        {shown.map((p, i) => (
          <>
            {i > 0 && shown[i - 1]! < p - 1 && <li class="govuk-pagination__item govuk-pagination__item--ellipses">⋯</li>}
            <li class={`govuk-pagination__item${p === page ? ' govuk-pagination__item--current' : ''}`}>
              <a class="govuk-link govuk-pagination__link" href={href(p)} aria-label={t('site.pageOf', { page: p })} aria-current={p === page ? 'page' : undefined}>
                {p}
              </a>
            </li>
          </>
        ))}
      </ul>
      {page < pages && (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={href(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">{t('site.next')}</span>
          </a>
        </div>
      )}
    </nav>
  );
}

/** "?trang=" read leniently: anything that is not a sensible page number is page 1. */
export function pageNumber(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && !(k === 'trang' && v === 1)) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
