import type { ComponentChildren } from 'preact';
import type { FormState } from '../../../platform/views/form.js';
import { Layout } from '../../../platform/views/layout.js';
import type { PageCtx } from '../../../platform/views/page.js';

/** Public pages for citizens: the province's name in the header, and the account link once signed in. */
export function CitizenLayout({ page, title, children }: { page: PageCtx; title: string; children: ComponentChildren }) {
  const nav = page.user?.kind === 'citizen' ? [{ href: '/', label: page.t('citizen.nav.home') }, { href: '/tai-khoan', label: page.t('citizen.nav.account') }] : [];
  return (
    <Layout page={page} title={title} serviceName={page.provinceName} serviceHref="/" nav={nav}>
      {children}
    </Layout>
  );
}

/**
 * The error summary for citizen forms: field errors link to their field, and a whole-form error (wrong
 * password, locked account) is shown as text.
 */
export function CitizenErrorSummary({ page, form, labels }: { page: PageCtx; form: FormState; labels: Record<string, string> }) {
  const entries = Object.entries(form.errors);
  if (entries.length === 0) return null;
  const { t } = page;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">{t('error.summary')}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {entries.map(([name, e]) =>
              name === '_form' ? (
                <li data-testid="form-error">{t(e.key, e.params)}</li>
              ) : (
                <li>
                  <a href={`#f-${name}`}>
                    {labels[name] ? `${labels[name]}: ` : ''}
                    {t(e.key, e.params)}
                  </a>
                </li>
              ),
            )}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div class="govuk-inset-text" role="status">
      {text}
    </div>
  );
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });

/** dd/MM/yyyy in Vietnam time, whatever the page language. */
export function formatVnDate(at: Date): string {
  return dateFormat.format(at);
}
