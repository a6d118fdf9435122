import type { ComponentChildren } from 'preact';
import { CitizenLayout } from '../../../accounts/citizen/views/citizen-layout.js';
import type { Locale, MessageKey, Translate } from '../../../platform/i18n/index.js';
import type { PageCtx } from '../../../platform/views/page.js';
import type { ProcedureLevel } from '../public-queries.js';

/** Where the public service pages live; filing and lookup belong to the dossier pages. */
export const servicePaths = {
  home: '/dich-vu-cong',
  list: '/dich-vu-cong/thu-tuc',
  lookup: '/dich-vu-cong/tra-cuu',
  myDossiers: '/dich-vu-cong/ho-so-cua-toi',
  file: (code: string) => `/dich-vu-cong/nop/${encodeURIComponent(code)}`,
};

/** Levels in addresses are Vietnamese words, like every other public address. */
export const levelSlugs: Record<ProcedureLevel, string> = { full_online: 'toan-trinh', partial: 'mot-phan', offline: 'cung-cap-thong-tin' };
export const levelOfSlug = (slug: string | undefined): ProcedureLevel | undefined =>
  (Object.entries(levelSlugs) as [ProcedureLevel, string][]).find(([, s]) => s === slug)?.[0];

export const levelKey = (l: ProcedureLevel) => `dvc.level.${l}` as MessageKey;
export const levelHintKey = (l: ProcedureLevel) => `dvc.levelHint.${l}` as MessageKey;

/** The English name where there is one, else the Vietnamese. */
export const nameIn = (locale: Locale, x: { name: string; nameEn?: string | null }) => (locale === 'en' && x.nameEn ? x.nameEn : x.name);

/** Numbers as people here read them: "1.500.000", "0,5". */
export const formatNumber = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 }).format(n);

export type Crumb = { href: string; label: string };

/**
 * The citizen pages' layout: procedures belong to the province rather than to a portal site, and these pages must
 * work before any portal site exists; the filing and dossier pages use the same one.
 */
export function ServiceLayout({ page, title, crumbs = [], children }: { page: PageCtx; title: string; crumbs?: Crumb[]; children: ComponentChildren }) {
  const { t } = page;
  return (
    <CitizenLayout page={page} title={title}>
      {crumbs.length > 0 && (
        <nav class="govuk-breadcrumbs govuk-!-margin-top-0 govuk-!-margin-bottom-6" aria-label={t('dvc.breadcrumbs')}>
          <ol class="govuk-breadcrumbs__list">
            {crumbs.map((c) => (
              <li class="govuk-breadcrumbs__list-item">
                <a class="govuk-breadcrumbs__link" href={c.href}>
                  {c.label}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      {children}
    </CitizenLayout>
  );
}

export function LevelTag({ t, level }: { t: Translate; level: ProcedureLevel }) {
  const colour = level === 'full_online' ? 'govuk-tag--green' : level === 'partial' ? 'govuk-tag--blue' : 'govuk-tag--grey';
  return <strong class={`govuk-tag ${colour}`}>{t(levelKey(level))}</strong>;
}

/** The search box of the services home and list: a GET form, so it works without JavaScript. */
export function SearchBox({ t, q, id = 'dvc-q' }: { t: Translate; q: string; id?: string }) {
  return (
    <form method="get" action={servicePaths.list} role="search" class="govuk-!-margin-bottom-6">
      <div class="govuk-form-group govuk-!-margin-bottom-0">
        <label class="govuk-label govuk-label--m" for={id}>
          {t('dvc.search')}
        </label>
        <div id={`${id}-hint`} class="govuk-hint">
          {t('dvc.searchHint')}
        </div>
        <div class="congso-site-search">
          <input class="govuk-input congso-site-search__input" id={id} name="q" type="search" value={q} maxLength={200} aria-describedby={`${id}-hint`} spellcheck={false} />
          <button type="submit" class="govuk-button congso-site-search__button" data-module="govuk-button">
            {t('dvc.searchButton')}
          </button>
        </div>
      </div>
    </form>
  );
}
