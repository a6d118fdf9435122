import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { type FieldErrors, Invalid, NotFound, pgConstraint, pgErrorCode } from '../../platform/errors.js';
import { idOrNotFound, optionalUuid, parseInput, uuidField } from '../../platform/validation.js';
import { articles, sites } from '../schema.js';
import { slugify, uniqueSlug } from '../text/slug.js';
import { type Article, articleFields, articleSnapshot, checkCategory, cleanBody, slugTaken, writeRevision } from './article-rules.js';

const input = z.object({
  siteId: uuidField,
  kind: z.enum(['news', 'page'], { error: 'field.invalid' }).default('news'),
  translationOfId: optionalUuid,
  ...articleFields,
});

/**
 * Starts a draft (revision 1). With translationOfId it is the English version of a Vietnamese article, on the same
 * site and of the same kind; the address comes from the title, unique among the site's articles of that kind and
 * language.
 */
export async function createArticle(ctx: Ctx, raw: unknown): Promise<Article> {
  const base = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  let siteId = typeof base.siteId === 'string' ? base.siteId : undefined;
  let kind = base.kind;
  let original: Article | undefined;
  if (typeof base.translationOfId === 'string' && base.translationOfId !== '') {
    [original] = await ctx.db.select().from(articles).where(eq(articles.id, idOrNotFound(base.translationOfId)));
    if (!original) throw new NotFound();
    siteId = original.siteId;
    kind = original.kind;
  }
  const data = parseInput(input, { ...base, siteId, kind });
  const [site] = await ctx.db.select().from(sites).where(eq(sites.id, data.siteId));
  if (!site) throw new Invalid({ siteId: { key: 'article.siteRequired' } });
  await requirePermission(ctx, 'article.write', site.agencyId);
  const locale = original ? 'en' : 'vi';
  const errors: FieldErrors = {};
  if (original) {
    if (original.locale !== 'vi') errors._form = { key: 'article.translationOfEnglish' };
    const [existing] = await ctx.db.select({ id: articles.id }).from(articles).where(and(eq(articles.translationOfId, original.id), eq(articles.locale, 'en')));
    if (existing) errors._form = { key: 'article.translationExists' };
  }
  if (!(await checkCategory(ctx.db, site.id, data.categoryId))) errors.categoryId = { key: 'article.categoryOtherSite' };
  if (Object.keys(errors).length) throw new Invalid(errors);
  const scope = { siteId: site.id, kind: data.kind, locale } as const;
  const slug = await uniqueSlug(slugify(data.title), (s) => slugTaken(ctx.db, scope, s));
  try {
    return await inTransaction(ctx, async (tx) => {
      const userId = tx.actor?.userId ?? null;
      const [a] = await tx.db
        .insert(articles)
        .values({
          ...scope,
          translationOfId: original?.id ?? null,
          categoryId: data.categoryId ?? null,
          slug,
          title: data.title,
          summary: data.summary ?? null,
          body: cleanBody(data.body),
          tags: data.tags,
          authorName: data.authorName ?? null,
          source: data.source ?? null,
          featured: data.featured,
          status: 'draft',
          version: 1,
          createdBy: userId,
          updatedBy: userId,
          createdAt: tx.now(),
          updatedAt: tx.now(),
        })
        .returning();
      await writeRevision(tx, a!);
      await recordAudit(tx, { action: 'article.created', entityType: 'article', entityId: a!.id, agencyId: site.agencyId, after: articleSnapshot(a!) });
      return a!;
    });
  } catch (err) {
    // Two writers picked the same address at the same moment; the unique index decided.
    if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'articles_site_kind_slug') throw new Invalid({ title: { key: 'article.slugTaken' } });
    if (pgErrorCode(err) === '23505' && pgConstraint(err) === 'articles_translation') throw new Invalid({ _form: { key: 'article.translationExists' } });
    throw err;
  }
}
