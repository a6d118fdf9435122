import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { defineJob } from '../../platform/jobs/define-job.js';
import { articles, sites } from '../schema.js';
import { articleSnapshot, indexArticle } from './article-rules.js';

export const PUBLISH_SCHEDULED_JOB = 'portal.publish-scheduled-article';

/**
 * Publishes a scheduled article at its time. It acts only on exactly what was scheduled (same version, same moment,
 * still scheduled): an article edited, sent back, unpublished or rescheduled meanwhile is left alone, and a second
 * run finds it already published and does nothing.
 */
export const publishScheduledJob = defineJob(
  PUBLISH_SCHEDULED_JOB,
  z.object({ articleId: z.uuid(), version: z.number().int().min(1), scheduledAt: z.iso.datetime() }),
  async ({ articleId, version, scheduledAt }, { ctx }) => {
    await inTransaction(ctx, async (tx) => {
      const [a] = await tx.db.select().from(articles).where(eq(articles.id, articleId)).for('update');
      if (!a || a.status !== 'scheduled' || a.version !== version || a.scheduledAt?.getTime() !== new Date(scheduledAt).getTime()) return;
      const [after] = await tx.db
        .update(articles)
        .set({ status: 'published', publishedAt: a.scheduledAt, scheduledAt: null, updatedAt: tx.now() })
        .where(and(eq(articles.id, a.id), eq(articles.status, 'scheduled')))
        .returning();
      await indexArticle(tx.db, after!);
      const [site] = await tx.db.select({ agencyId: sites.agencyId }).from(sites).where(eq(sites.id, a.siteId));
      await recordAudit(tx, { action: 'article.published_on_schedule', entityType: 'article', entityId: a.id, agencyId: site?.agencyId ?? null, before: articleSnapshot(a), after: articleSnapshot(after!) });
    });
  },
  { retryLimit: 5, retryDelaySeconds: 30 },
);

export const articleJobs = [publishScheduledJob];
