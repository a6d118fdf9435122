import { formatVnDate } from '../../../platform/dates.js';
import type { Translate } from '../../../platform/i18n/index.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { ErrorSummary, type FormState } from '../../../platform/views/form.js';
import type { Segment } from '../../text/search-text.js';
import type { SiteScope } from '../../site/site-routes.js';
import { Pagination, withQuery } from '../../site/views/parts.js';
import { SiteLayout, siteHref, siteName } from '../../site/views/site-layout.js';
import { SEARCH_TYPES, type SearchResult } from '../search.js';

/** The search form's fields as they appear in the address (what a person can bookmark or share). */
export type SearchParams = { q: string; loai: string; tu_ngay: string; den_ngay: string; pham_vi: 'site' | 'all' };

type Props = {
  page: PageCtx;
  scope: SiteScope;
  params: SearchParams;
  /** Null when the form had errors and no search ran. */
  result: SearchResult | null;
  form: FormState;
};

function Marked({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s) => (s.hit ? <mark>{s.text}</mark> : s.text))}</>;
}

function fieldError(form: FormState, name: string, t: Translate) {
  const e = form.errors[name];
  return e ? t(e.key, e.params) : null;
}

function DateInput({ name, label, params, form, t }: { name: 'tu_ngay' | 'den_ngay'; label: string; params: SearchParams; form: FormState; t: Translate }) {
  const error = fieldError(form, name, t);
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={`f-${name}`}>
        {label}
      </label>
      <div id={`f-${name}-hint`} class="govuk-hint">
        {t('search.dateHint')}
      </div>
      {error && (
        <p id={`f-${name}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{label}: </span>
          {error}
        </p>
      )}
      <input
        class={`govuk-input govuk-input--width-10${error ? ' govuk-input--error' : ''}`}
        id={`f-${name}`}
        name={name}
        type="text"
        inputMode="numeric"
        value={params[name]}
        aria-describedby={error ? `f-${name}-hint f-${name}-error` : `f-${name}-hint`}
      />
    </div>
  );
}

function SearchForm({ page, scope, params, form }: Omit<Props, 'result'>) {
  const { t } = page;
  const qError = fieldError(form, 'q', t);
  const filtered = params.loai !== '' || params.tu_ngay !== '' || params.den_ngay !== '' || Object.keys(form.errors).some((k) => k !== 'q');
  return (
    <form method="get" action={siteHref(scope, '/tim-kiem')} role="search" novalidate data-testid="search-form">
      <div class={`govuk-form-group${qError ? ' govuk-form-group--error' : ''}`}>
        <label class="govuk-label govuk-label--s" for="f-q">
          {t('search.q')}
        </label>
        <div id="f-q-hint" class="govuk-hint">
          {t('search.qHint')}
        </div>
        {qError && (
          <p id="f-q-error" class="govuk-error-message">
            <span class="govuk-visually-hidden">{t('search.q')}: </span>
            {qError}
          </p>
        )}
        <input class={`govuk-input${qError ? ' govuk-input--error' : ''}`} id="f-q" name="q" type="search" value={params.q} aria-describedby={qError ? 'f-q-hint f-q-error' : 'f-q-hint'} />
      </div>
      <details class="govuk-details" open={filtered}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">{t('search.filters')}</span>
        </summary>
        <div class="govuk-details__text">
          <div class="govuk-form-group">
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('search.scope')}</legend>
              <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                {(['site', 'all'] as const).map((v) => (
                  <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id={`f-pham_vi-${v}`} name="pham_vi" type="radio" value={v} checked={params.pham_vi === v} />
                    <label class="govuk-label govuk-radios__label" for={`f-pham_vi-${v}`}>
                      {v === 'site' ? t('search.scope.site', { site: siteName(scope) }) : t('search.scope.all')}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label" for="f-loai">
              {t('search.type')}
            </label>
            <select class="govuk-select" id="f-loai" name="loai">
              <option value="">{t('search.type.any')}</option>
              {SEARCH_TYPES.map((type) => (
                <option value={type} selected={params.loai === type}>
                  {t(`search.type.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <DateInput name="tu_ngay" label={t('search.from')} params={params} form={form} t={t} />
          <DateInput name="den_ngay" label={t('search.to')} params={params} form={form} t={t} />
        </div>
      </details>
      <button type="submit" class="govuk-button" data-module="govuk-button">
        {t('search.submit')}
      </button>
    </form>
  );
}

function NoResults({ t, scope, result, params }: { t: Translate; scope: SiteScope; result: SearchResult; params: SearchParams }) {
  const s = result.suggestions;
  const href = (q: string) => withQuery(siteHref(scope, '/tim-kiem'), { ...params, q });
  return (
    <div data-testid="no-results">
      <p class="govuk-body govuk-!-font-weight-bold">{t('search.noResults', { q: result.query.text })}</p>
      {s?.didYouMean && (
        <p class="govuk-body" data-testid="did-you-mean">
          {t('search.didYouMean')}{' '}
          <a class="govuk-link" href={href(s.didYouMean)}>
            {s.didYouMean}
          </a>
        </p>
      )}
      {s && s.titles.length > 0 && (
        <>
          <p class="govuk-body">{t('search.similarTitles')}</p>
          <ul class="govuk-list govuk-list--bullet">
            {s.titles.map((x) => (
              <li>
                <a class="govuk-link" href={x.url}>
                  {x.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="govuk-body">{t('search.tips')}</p>
      <ul class="govuk-list govuk-list--bullet">
        <li>{t('search.tip.spelling')}</li>
        <li>{t('search.tip.fewer')}</li>
        <li>{t('search.tip.filters')}</li>
      </ul>
    </div>
  );
}

function Results({ t, scope, result, params }: { t: Translate; scope: SiteScope; result: SearchResult; params: SearchParams }) {
  const { input } = result;
  const path = siteHref(scope, '/tim-kiem');
  const facets = SEARCH_TYPES.filter((type) => (result.facets[type] ?? 0) > 0);
  return (
    <>
      <p class="govuk-body" data-testid="result-count" role="status">
        {result.totalAtLeast
          ? t('search.countMore', { n: new Intl.NumberFormat('vi-VN').format(result.total), page: input.page })
          : result.pages > 1 ? t('search.countPage', { n: result.total, page: input.page, pages: result.pages }) : t('search.count', { n: result.total })}
      </p>
      {facets.length > 1 && (
        <ul class="govuk-list congso-search-facets">
          {facets.map((type) => (
            <li>
              {params.loai === type ? (
                <strong>{`${t(`search.type.${type}`)} (${result.facets[type]})`}</strong>
              ) : (
                <a class="govuk-link" href={withQuery(path, { ...params, loai: type })}>{`${t(`search.type.${type}`)} (${result.facets[type]})`}</a>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2 class="govuk-visually-hidden">{t('search.resultsHeading')}</h2>
      <ol class="govuk-list congso-search-results" start={(input.page - 1) * input.pageSize + 1} data-testid="results">
        {result.hits.map((h) => (
          <li class="govuk-!-margin-bottom-6">
            <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
              <a class="govuk-link" href={h.url}>
                <Marked segments={h.titleSegments} />
              </a>
            </h3>
            <p class="govuk-body-s congso-secondary-text govuk-!-margin-bottom-1">
              {t(`search.type.${h.type}`)}
              {h.site && params.pham_vi === 'all' ? ` · ${scope.locale === 'en' && h.site.nameEn ? h.site.nameEn : h.site.name}` : ''}
              {' · '}
              <time dateTime={h.publishedAt.toISOString()}>{t('search.published', { date: formatVnDate(h.publishedAt) })}</time>
            </p>
            {h.summary && (
              <p class="govuk-body">
                <Marked segments={h.snippet} />
              </p>
            )}
          </li>
        ))}
      </ol>
      <Pagination t={t} page={input.page} total={Math.min(result.total, result.pages * input.pageSize)} pageSize={input.pageSize} href={(p) => withQuery(path, { ...params, trang: p })} />
    </>
  );
}

/** The search page of a site: the form (works without JavaScript), the results or help when there are none. */
export function SearchResultsPage(props: Props) {
  const { page, scope, params, result, form } = props;
  const { t } = page;
  const title = result?.query.searchable ? t('search.resultsFor', { q: result.query.text }) : t('search.title');
  return (
    <SiteLayout page={page} scope={scope} title={title} description={t('search.description')} canonicalPath="/tim-kiem">
      <h1 class="govuk-heading-l">{t('search.title')}</h1>
      <ErrorSummary form={form} t={t} labels={{ q: t('search.q'), tu_ngay: t('search.from'), den_ngay: t('search.to') }} />
      <SearchForm page={page} scope={scope} params={params} form={form} />
      {result &&
        (!result.query.searchable ? (
          <p class="govuk-body">{t('search.enterQuery')}</p>
        ) : result.total === 0 ? (
          <NoResults t={t} scope={scope} result={result} params={params} />
        ) : (
          <Results t={t} scope={scope} result={result} params={params} />
        ))}
    </SiteLayout>
  );
}
