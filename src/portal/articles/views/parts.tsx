import type { MessageKey } from '../../../platform/i18n/index.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { Tag } from '../../../org/views/shared.js';
import type { ArticleStatus } from '../article-rules.js';

export const ARTICLES = '/quan-tri/cong-thong-tin/bai-viet';
export const articleHref = (id: string, rest = '') => `${ARTICLES}/${id}${rest}`;

export const statusKey = (s: ArticleStatus) => `article.status.${s}` as MessageKey;

export function StatusTag({ page, status }: { page: PageCtx; status: ArticleStatus }) {
  const colour = status === 'published' ? 'green' : status === 'submitted' || status === 'scheduled' ? 'yellow' : 'grey';
  return <Tag colour={colour}>{page.t(statusKey(status))}</Tag>;
}

/** The fields' labels, for the error summary's links. */
export function articleLabels(page: PageCtx): Record<string, string> {
  const { t } = page;
  return {
    siteId: t('article.site'),
    kind: t('article.kind'),
    title: t('article.titleField'),
    slug: t('article.slug'),
    summary: t('article.summary'),
    body: t('article.body'),
    categoryId: t('article.category'),
    tags: t('article.tags'),
    authorName: t('article.authorName'),
    source: t('article.source'),
    coverAlt: t('article.coverAlt'),
    cover: t('article.coverFile'),
    attachment: t('article.attachmentFile'),
    scheduledAt: t('article.scheduledAt'),
    note: t('article.returnNote'),
  };
}
