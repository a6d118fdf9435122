import type { MessageKey } from '../../../platform/i18n/index.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { Tag } from '../../../org/views/shared.js';
import type { LegalStatus } from '../legal-rules.js';

export const LEGAL = '/quan-tri/cong-thong-tin/van-ban';
export const legalHref = (id: string, rest = '') => `${LEGAL}/${id}${rest}`;

/** The public page's words for the status, so both sides say the same. */
export const legalStatusKey = (s: LegalStatus) => `site.legal.status.${s}` as MessageKey;

export function PublicationTag({ page, published }: { page: PageCtx; published: boolean }) {
  return <Tag colour={published ? 'green' : 'grey'}>{page.t(published ? 'legal.published' : 'legal.notYetPublished')}</Tag>;
}

/** The fields' labels, for the error summary's links. */
export function legalLabels(page: PageCtx): Record<string, string> {
  const { t } = page;
  return {
    siteId: t('legal.site'),
    docType: t('legal.docType'),
    number: t('legal.number'),
    title: t('legal.titleField'),
    issuingBody: t('legal.issuingBody'),
    signer: t('legal.signer'),
    field: t('legal.field'),
    issuedOn: t('legal.issuedOn'),
    effectiveOn: t('legal.effectiveOn'),
    expiresOn: t('legal.expiresOn'),
    status: t('legal.status'),
    commentUntil: t('legal.commentUntil'),
    summary: t('legal.summary'),
    pdf: t('legal.pdf'),
  };
}
