import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { parseInput, text } from '../../platform/validation.js';
import type { Article } from './article-rules.js';
import { changeStatus } from './change-status.js';

const input = z.object({ note: text(1000) });

/** The approver sends a submitted or scheduled article back to its writer with a note saying what to change. */
export async function returnToDraft(ctx: Ctx, id: string, raw: unknown): Promise<Article> {
  const { note } = parseInput(input, raw);
  return changeStatus(ctx, id, {
    permission: 'article.publish',
    from: ['submitted', 'scheduled'],
    action: 'article.returned',
    note,
    changes: () => ({ status: 'draft', scheduledAt: null }),
  });
}
