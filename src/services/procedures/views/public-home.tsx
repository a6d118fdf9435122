import type { PageCtx } from '../../../platform/views/page.js';
import { withQuery } from '../../../portal/site/views/parts.js';
import { type Facet, type Facets, procedureLevels } from '../public-queries.js';
import { SearchBox, ServiceLayout, levelHintKey, levelKey, levelSlugs, nameIn, servicePaths } from './public-parts.js';

function FacetList({ page, items, param, testId }: { page: PageCtx; items: Facet[]; param: string; testId: string }) {
  return (
    <ul class="govuk-list" data-testid={testId}>
      {items.map((x) => (
        <li>
          <a class="govuk-link" href={withQuery(servicePaths.list, { [param]: x.code })}>
            {nameIn(page.locale, x)}
          </a>{' '}
          <span class="govuk-body-s congso-secondary-text">({page.t('dvc.procedureCount', { count: x.count })})</span>
        </li>
      ))}
    </ul>
  );
}

/** "/dich-vu-cong": search, browse by level, field and agency, and the ways to one's own dossiers. */
export function ServicesHomePage({ page, facets }: { page: PageCtx; facets: Facets }) {
  const { t } = page;
  return (
    <ServiceLayout page={page} title={t('dvc.title')}>
      <h1 class="govuk-heading-xl">{t('dvc.title')}</h1>
      <p class="govuk-body-l">{t('dvc.intro')}</p>
      <SearchBox t={t} q="" />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-s govuk-!-margin-bottom-1">
            <a class="govuk-link" href={servicePaths.lookup}>
              {t('dvc.lookup')}
            </a>
          </h2>
          <p class="govuk-body">{t('dvc.lookupHint')}</p>
        </div>
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-s govuk-!-margin-bottom-1">
            <a class="govuk-link" href={servicePaths.myDossiers}>
              {t('dvc.myDossiers')}
            </a>
          </h2>
          <p class="govuk-body">{t('dvc.myDossiersHint')}</p>
        </div>
      </div>
      <h2 class="govuk-heading-l">{t('dvc.byLevel')}</h2>
      <ul class="govuk-list govuk-list--spaced" data-testid="by-level">
        {procedureLevels
          .filter((l) => facets.levels[l] > 0)
          .map((l) => (
            <li>
              <a class="govuk-link govuk-!-font-weight-bold" href={withQuery(servicePaths.list, { muc_do: levelSlugs[l] })}>
                {t(levelKey(l))}
              </a>{' '}
              <span class="govuk-body-s">({t('dvc.procedureCount', { count: facets.levels[l] })})</span>
              <br />
              <span class="govuk-body-s">{t(levelHintKey(l))}</span>
            </li>
          ))}
      </ul>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-l">{t('dvc.byField')}</h2>
          <FacetList page={page} items={facets.fields} param="linh_vuc" testId="by-field" />
        </div>
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-l">{t('dvc.byAgency')}</h2>
          <FacetList page={page} items={facets.agencies} param="co_quan" testId="by-agency" />
        </div>
      </div>
      <p class="govuk-body">
        <a class="govuk-link" href={servicePaths.list}>
          {t('dvc.all', { count: facets.total })}
        </a>
      </p>
    </ServiceLayout>
  );
}
