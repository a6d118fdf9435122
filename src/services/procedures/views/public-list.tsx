import type { PageCtx } from '../../../platform/views/page.js';
import { Pagination, withQuery } from '../../../portal/site/views/parts.js';
import { procedurePath } from '../index-procedure.js';
import { type Facets, type ProcedureCard, type ProcedureLevel, procedureLevels } from '../public-queries.js';
import { LevelTag, ServiceLayout, levelKey, levelSlugs, nameIn, servicePaths } from './public-parts.js';

export type ListParams = { q: string; field: string; agency: string; level: ProcedureLevel | undefined };

function Select({ id, label, value, options, any }: { id: string; label: string; value: string; options: { value: string; label: string }[]; any: string }) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label" for={`f-${id}`}>
        {label}
      </label>
      <select class="govuk-select congso-full-width" id={`f-${id}`} name={id}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "/dich-vu-cong/thu-tuc": the catalogue with its filters, as GET parameters so every result page has an address. */
export function ProcedureListPage(props: { page: PageCtx; params: ListParams; facets: Facets; rows: ProcedureCard[]; total: number; pageNo: number; pageSize: number }) {
  const { page, params: p, facets, rows, total, pageNo, pageSize } = props;
  const { t, locale } = page;
  const query = { q: p.q, linh_vuc: p.field, co_quan: p.agency, muc_do: p.level ? levelSlugs[p.level] : undefined };
  return (
    <ServiceLayout page={page} title={t('dvc.list')} crumbs={[{ href: servicePaths.home, label: t('dvc.title') }]}>
      <h1 class="govuk-heading-l">{t('dvc.list')}</h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <form method="get" action={servicePaths.list} role="search" aria-label={t('dvc.filter')}>
            <h2 class="govuk-heading-m">{t('dvc.filter')}</h2>
            <div class="govuk-form-group">
              <label class="govuk-label" for="f-q">
                {t('dvc.keyword')}
              </label>
              <div id="f-q-hint" class="govuk-hint">
                {t('dvc.searchHint')}
              </div>
              <input class="govuk-input" id="f-q" name="q" type="search" value={p.q} maxLength={200} aria-describedby="f-q-hint" spellcheck={false} />
            </div>
            <Select id="linh_vuc" label={t('dvc.field')} value={p.field} any={t('dvc.any')} options={facets.fields.map((f) => ({ value: f.code, label: nameIn(locale, f) }))} />
            <Select id="co_quan" label={t('dvc.agency')} value={p.agency} any={t('dvc.any')} options={facets.agencies.map((a) => ({ value: a.code, label: nameIn(locale, a) }))} />
            <Select id="muc_do" label={t('dvc.level')} value={p.level ? levelSlugs[p.level] : ''} any={t('dvc.any')} options={procedureLevels.map((l) => ({ value: levelSlugs[l], label: t(levelKey(l)) }))} />
            <button type="submit" class="govuk-button" data-module="govuk-button">
              {t('dvc.apply')}
            </button>
          </form>
        </div>
        <div class="govuk-grid-column-two-thirds">
          <p class="govuk-body" role="status" data-testid="result-count">
            {t('dvc.found', { count: total })}
          </p>
          {rows.length === 0 ? (
            <p class="govuk-body" data-testid="no-results">
              {t('dvc.none')}
            </p>
          ) : (
            <ul class="govuk-list govuk-list--spaced" data-testid="results">
              {rows.map((r) => (
                <li class="govuk-!-margin-bottom-5">
                  <h2 class="govuk-heading-s govuk-!-margin-bottom-1">
                    <a class="govuk-link" href={procedurePath(r.code)}>
                      {nameIn(locale, r)}
                    </a>
                  </h2>
                  <p class="govuk-body-s govuk-!-margin-bottom-1">
                    <LevelTag t={t} level={r.level} /> {t('dvc.code')}: {r.code} · {t('dvc.field')}: {nameIn(locale, r.field)}
                  </p>
                  {r.agencies.length > 0 && (
                    <p class="govuk-body-s govuk-!-margin-bottom-0">
                      {t('dvc.agency')}: {r.agencies.map((a) => nameIn(locale, a)).join('; ')}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
          <Pagination t={t} page={pageNo} total={total} pageSize={pageSize} href={(n) => withQuery(servicePaths.list, { ...query, trang: n })} />
        </div>
      </div>
    </ServiceLayout>
  );
}
