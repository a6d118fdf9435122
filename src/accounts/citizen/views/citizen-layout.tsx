import type { ComponentChildren } from 'preact';
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

export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div class="govuk-inset-text" role="status">
      {text}
    </div>
  );
}
