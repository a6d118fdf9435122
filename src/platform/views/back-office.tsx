import type { ComponentChildren } from 'preact';
import { Layout, type NavItem } from './layout.js';
import type { PageCtx } from './page.js';

export function backOfficeNav(page: PageCtx): NavItem[] {
  const { t } = page;
  return [
    { href: '/quan-tri', label: t('nav.dashboard') },
    { href: '/quan-tri/co-quan', label: t('nav.agencies') },
    { href: '/quan-tri/don-vi-hanh-chinh', label: t('nav.units') },
    { href: '/quan-tri/nguoi-dung', label: t('nav.users') },
    { href: '/quan-tri/vai-tro', label: t('nav.roles') },
    { href: '/quan-tri/nhat-ky', label: t('nav.audit') },
    { href: '/quan-tri/lich-lam-viec', label: t('nav.calendar') },
  ];
}

/** Every back-office page: the header names the back office, and signed-in pages get the menu. */
export function BackOfficeLayout({ page, title, children }: { page: PageCtx; title: string; children: ComponentChildren }) {
  return (
    <Layout page={page} title={title} serviceName={page.t('app.backOffice')} serviceHref="/quan-tri" nav={page.user ? backOfficeNav(page) : []}>
      {children}
    </Layout>
  );
}
