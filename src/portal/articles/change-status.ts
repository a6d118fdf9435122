import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Permission } from '../../platform/auth/permissions.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict } from '../../platform/errors.js';
import { articles } from '../schema.js';
import { type Article, type ArticleStatus, type Site, articleSnapshot, loadArticle, lockArticle, requireStatus } from './article-rules.js';

export type StatusChange = {
  permission: Permission;
  from: readonly ArticleStatus[];
  action: string;
  /** The version the person saw; when given, a newer one is a Conflict (they would act on words they have not read). */
  version?: number;
  /** Further checks after the permission, before anything is written. */
  check?: (ctx: Ctx, a: Article) => Promise<void>;
  changes: (a: Article, now: Date) => Partial<typeof articles.$inferInsert>;
  /** Search index and jobs, in the same transaction. */
  then?: (tx: Ctx & { db: Tx }, before: Article, after: Article, site: Site) => Promise<void>;
  note?: string;
};

/**
 * The workflow steps share one shape: permission on the site's agency, the article locked and in an allowed status,
 * the row changed, the side effects and the audit entry in the same transaction. A status change is not a save of
 * the text, so the version (the number of the latest revision) stays.
 */
export async function changeStatus(ctx: Ctx, id: string, step: StatusChange): Promise<Article> {
  const { article, site } = await loadArticle(ctx.db, id);
  await requirePermission(ctx, step.permission, site.agencyId);
  return inTransaction(ctx, async (tx) => {
    const before = await lockArticle(tx, article.id);
    if (step.version !== undefined && step.version !== before.version) throw new Conflict('article.versionChanged', { version: before.version });
    requireStatus(before, step.from);
    await step.check?.(tx, before);
    const [after] = await tx.db
      .update(articles)
      .set({ ...step.changes(before, tx.now()), updatedAt: tx.now() })
      .where(eq(articles.id, before.id))
      .returning();
    await step.then?.(tx, before, after!, site);
    await recordAudit(tx, {
      action: step.action,
      entityType: 'article',
      entityId: before.id,
      agencyId: site.agencyId,
      before: articleSnapshot(before),
      after: { ...articleSnapshot(after!), ...(step.note !== undefined && { note: step.note }) },
    });
    return after!;
  });
}
