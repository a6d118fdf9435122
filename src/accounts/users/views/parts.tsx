import type { ComponentChildren } from 'preact';
import type { Permission, Role } from '../../../platform/auth/permissions.js';
import { type Translate, isMessageKey } from '../../../platform/i18n/index.js';


export function roleLabel(t: Translate, role: Role): string {
  return t(`role.${role}`);
}

/** A permission added to the catalogue before its label still shows, by its code. */
export function permissionLabel(t: Translate, p: Permission): string {
  const key = `perm.${p}`;
  return isMessageKey(key) ? t(key) : p;
}

export function Tag({ colour, children }: { colour?: 'grey' | 'red' | 'green' | 'yellow'; children: string }) {
  return <strong class={`govuk-tag${colour ? ` govuk-tag--${colour}` : ''}`}>{children}</strong>;
}

/** Previous/next links that keep the list's filters; a page number alone is all that changes. */
export function Pagination({ t, page, pages, base, query }: { t: Translate; page: number; pages: number; base: string; query: Record<string, string | undefined> }) {
  if (pages <= 1) return null;
  const href = (n: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
    q.set('trang', String(n));
    return `${base}?${q.toString()}`;
  };
  return (
    <nav class="govuk-pagination govuk-pagination--block" aria-label={t('users.pageOf', { page, pages })}>
      {page > 1 && (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={href(page - 1)} rel="prev">
            <span class="govuk-pagination__link-title">{t('common.previous')}</span>
          </a>
        </div>
      )}
      <p class="govuk-body govuk-!-margin-0">{t('users.pageOf', { page, pages })}</p>
      {page < pages && (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={href(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">{t('common.next')}</span>
          </a>
        </div>
      )}
    </nav>
  );
}

export function SummaryRow({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}
