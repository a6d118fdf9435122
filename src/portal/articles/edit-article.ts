import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../accounts/schema.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { formatVnDateTime } from '../../platform/dates.js';
import { Conflict, type FieldErrors, Invalid, pgConstraint, pgErrorCode } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { articleRevisions, articles } from '../schema.js';
import {
  type Article,
  articleFields,
  articleSnapshot,
  checkCategory,
  cleanBody,
  editable,
  indexArticle,
  loadArticle,
  lockArticle,
  requireStatus,
  slugField,
  slugTaken,
  unindexArticle,
  versionField,
  writeRevision,
} from './article-rules.js';

const input = z.object({ ...articleFields, slug: slugField, version: versionField });

/** Who saved the version the editor did not see, so the conflict message can name them. */
export async function editConflict(db: Queryable, articleId: string, version: number): Promise<Conflict> {
  const [rev] = await db
    .select({ name: users.fullName, at: articleRevisions.createdAt })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.createdBy))
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.number))
    .limit(1);
  return new Conflict('article.editConflict', { name: rev?.name ?? '—', at: rev ? formatVnDateTime(rev.at) : '—', version });
}

/**
 * Saves a new revision. The form's version must be the current one: the second of two editors gets a Conflict
 * naming who saved in between, and the route shows their text again. A published article stays published and its
 * search entry follows the new text; a scheduled one goes back to draft, since the approver approved other words.
 */
export async function editArticle(ctx: Ctx, id: string, raw: unknown): Promise<Article> {
  const { article, site } = await loadArticle(ctx.db, id);
  await requirePermission(ctx, 'article.write', site.agencyId);
  const data = parseInput(input, raw);
  const errors: FieldErrors = {};
  if (!(await checkCategory(ctx.db, site.id, data.categoryId))) errors.categoryId = { key: 'article.categoryOtherSite' };
  const slug = data.slug ?? article.slug;
  if (slug !== article.slug && (await slugTaken(ctx.db, article, slug, article.id))) errors.slug = { key: 'article.slugTaken' };
  if (article.coverFileId && !data.coverAlt) errors.coverAlt = { key: 'article.coverAltRequired' };
  if (Object.keys(errors).length) throw new Invalid(errors);
  try {
    return await inTransaction(ctx, async (tx) => {
      const before = await lockArticle(tx, article.id);
      if (before.version !== data.version) throw await editConflict(tx.db, before.id, before.version);
      requireStatus(before, editable);
      const [after] = await tx.db
        .update(articles)
        .set({
          title: data.title,
          summary: data.summary ?? null,
          body: cleanBody(data.body),
          categoryId: data.categoryId ?? null,
          slug,
          tags: data.tags,
          authorName: data.authorName ?? null,
          source: data.source ?? null,
          featured: data.featured,
          coverAlt: before.coverFileId ? (data.coverAlt ?? null) : null,
          ...(before.status === 'scheduled' && { status: 'draft' as const, scheduledAt: null }),
          version: before.version + 1,
          updatedBy: tx.actor?.userId ?? null,
          updatedAt: tx.now(),
        })
        .where(and(eq(articles.id, before.id), eq(articles.version, data.version)))
        .returning();
      if (!after) throw await editConflict(tx.db, before.id, before.version + 1);
      await writeRevision(tx, after);
      if (after.status === 'published') {
        // The address may have changed: the old entry goes and the new one carries the new URL.
        await unindexArticle(tx.db, before);
        await indexArticle(tx.db, after);
      }
      await recordAudit(tx, { action: 'article.updated', entityType: 'article', entityId: after.id, agencyId: site.agencyId, before: articleSnapshot(before), after: articleSnapshot(after) });
      return after;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'articles_site_kind_slug') throw new Invalid({ slug: { key: 'article.slugTaken' } });
    throw err;
  }
}
