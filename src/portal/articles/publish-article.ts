import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { Invalid } from '../../platform/errors.js';
import { enqueue } from '../../platform/jobs/enqueue.js';
import { optionalText, parseInput } from '../../platform/validation.js';
import { type Article, indexArticle, requireNotLastAuthor, versionField } from './article-rules.js';
import { changeStatus } from './change-status.js';
import { publishScheduledJob } from './publish-scheduled.js';
import { parseVnDateTime } from '../../platform/dates.js';

const input = z.object({ version: versionField, scheduledAt: optionalText(40) });

/**
 * An approver of the site publishes a submitted article (or a draft someone else wrote) now, or schedules it for a
 * later moment; a job publishes it then. Whoever saved the latest revision may not approve it.
 */
export async function publishArticle(ctx: Ctx, id: string, raw: unknown): Promise<Article> {
  const data = parseInput(input, raw);
  let at: Date | null = null;
  if (data.scheduledAt !== undefined) {
    at = parseVnDateTime(data.scheduledAt);
    if (!at) throw new Invalid({ scheduledAt: { key: 'article.scheduledAtInvalid' } });
    if (at.getTime() <= ctx.now().getTime()) throw new Invalid({ scheduledAt: { key: 'article.scheduledAtPast' } });
  }
  const scheduledAt = at;
  return changeStatus(ctx, id, {
    permission: 'article.publish',
    from: ['draft', 'submitted', 'unpublished'],
    action: scheduledAt ? 'article.scheduled' : 'article.published',
    version: data.version,
    check: requireNotLastAuthor,
    changes: (_a, now) =>
      scheduledAt
        ? { status: 'scheduled', scheduledAt, publishedBy: ctx.actor?.userId ?? null }
        : { status: 'published', scheduledAt: null, publishedAt: now, publishedBy: ctx.actor?.userId ?? null },
    then: async (tx, _before, after) => {
      if (scheduledAt) await enqueue(tx, publishScheduledJob, { articleId: after.id, version: after.version, scheduledAt: scheduledAt.toISOString() }, { runAt: scheduledAt });
      else await indexArticle(tx.db, after);
    },
  });
}
