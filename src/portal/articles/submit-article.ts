import type { Ctx } from '../../platform/context.js';
import type { Article } from './article-rules.js';
import { changeStatus } from './change-status.js';

/** The writer hands a draft (or a withdrawn article) to the site's approvers. */
export function submitArticle(ctx: Ctx, id: string): Promise<Article> {
  return changeStatus(ctx, id, {
    permission: 'article.write',
    from: ['draft', 'unpublished'],
    action: 'article.submitted',
    changes: (_a, now) => ({ status: 'submitted', submittedAt: now, submittedBy: ctx.actor?.userId ?? null }),
  });
}
