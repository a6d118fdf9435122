import type { Ctx } from '../../platform/context.js';
import { type Article, unindexArticle } from './article-rules.js';
import { changeStatus } from './change-status.js';

/** Keeps an article for the record but off the site, out of search and out of the working lists. */
export function archiveArticle(ctx: Ctx, id: string): Promise<Article> {
  return changeStatus(ctx, id, {
    permission: 'article.publish',
    from: ['draft', 'submitted', 'scheduled', 'published', 'unpublished'],
    action: 'article.archived',
    changes: () => ({ status: 'archived', scheduledAt: null }),
    then: (tx, before) => unindexArticle(tx.db, before),
  });
}
