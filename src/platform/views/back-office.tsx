import type { ComponentChildren } from 'preact';
import { Layout, type NavItem } from './layout.js';
import type { Permission } from '../auth/permissions.js';
import type { MessageKey } from '../i18n/index.js';
import type { PageCtx } from './page.js';

const portalNav: { href: string; label: MessageKey; permissions: Permission[] }[] = [
  { href: '/quan-tri/cong-thong-tin/bai-viet', label: 'nav.articles', permissions: ['article.write'] },
  { href: '/quan-tri/cong-thong-tin/van-ban', label: 'nav.legalDocuments', permissions: ['legal.manage'] },
  { href: '/quan-tri/cong-thong-tin/hoi-dap', label: 'nav.inquiries', permissions: ['inquiry.handle', 'inquiry.publish'] },
  { href: '/quan-tri/cong-thong-tin/trang', label: 'nav.sites', permissions: ['site.manage'] },
  { href: '/quan-tri/cong-thong-tin/thong-ke', label: 'nav.portalStats', permissions: ['portal.stats.read'] },
  { href: '/quan-tri/dich-vu-cong/thu-tuc', label: 'nav.procedures', permissions: ['procedure.manage'] },
  { href: '/quan-tri/ho-so/mot-cua', label: 'nav.deskInbox', permissions: ['dossier.receive'] },
  { href: '/quan-tri/ho-so/xu-ly', label: 'nav.processingInbox', permissions: ['dossier.process'] },
  { href: '/quan-tri/ho-so/phan-cong', label: 'nav.assignInbox', permissions: ['dossier.assign'] },
  { href: '/quan-tri/ho-so/xin-y-kien', label: 'nav.consultInbox', permissions: ['dossier.process'] },
  { href: '/quan-tri/thong-ke-ho-so', label: 'nav.dossierStats', permissions: ['dossier.stats.read'] },
];

export function backOfficeNav(page: PageCtx): NavItem[] {
  const { t } = page;
  return [
    { href: '/quan-tri', label: t('nav.dashboard') },
    { href: '/quan-tri/co-quan', label: t('nav.agencies') },
    // Portal entries only for those whose roles act there; the pages check again, per site.
    ...portalNav.filter((item) => item.permissions.some((p) => page.user?.holds(p))).map((item) => ({ href: item.href, label: t(item.label) })),
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
