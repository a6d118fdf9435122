import type { Ctx } from '../../platform/context.js';
import { type Article, unindexArticle } from './article-rules.js';
import { changeStatus } from './change-status.js';

/** Takes a published article off the site and out of search; it can be edited and submitted again. */
export function unpublishArticle(ctx: Ctx, id: string): Promise<Article> {
  return changeStatus(ctx, id, {
    permission: 'article.publish',
    from: ['published'],
    action: 'article.unpublished',
    changes: () => ({ status: 'unpublished' }),
    then: (tx, before) => unindexArticle(tx.db, before),
  });
}
