import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/client.js';
import { Conflict, Forbidden, NotFound } from '../../platform/errors.js';
import { checkbox, idOrNotFound, optionalText, optionalUuid, text } from '../../platform/validation.js';
import { articleRevisions, articles, categories, sites } from '../schema.js';
import { indexSearchEntry, removeSearchEntry } from '../search/search-index.js';
import { invalidatePages, pageTags } from '../cache/invalidate-pages.js';
import { htmlToText, sanitizeArticleHtml } from '../text/sanitize.js';
import { isSlug } from '../text/slug.js';
import { sitePaths } from '../urls.js';

export type Article = typeof articles.$inferSelect;
export type Site = typeof sites.$inferSelect;
export type ArticleStatus = Article['status'];

export const BODY_MAX = 500_000;

/** Comma-separated tags, trimmed, without duplicates or blanks. */
const tagsField = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? [...new Set(v.normalize('NFC').split(',').map((s) => s.trim()).filter((s) => s !== ''))]
      : v === undefined
        ? []
        : v,
  z.array(z.string().max(60, { error: 'field.tooLong' })).max(20, { error: 'field.invalid' }),
);

/** What both the new-article and the edit form carry. */
export const articleFields = {
  title: text(300),
  summary: optionalText(1000),
  body: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().max(BODY_MAX, { error: 'field.tooLong' })),
  categoryId: optionalUuid,
  tags: tagsField,
  authorName: optionalText(200),
  source: optionalText(300),
  featured: checkbox,
  coverAlt: optionalText(300),
};

export const versionField = z.coerce.number({ error: 'field.invalid' }).int().min(1);

export const slugField = optionalText(80).refine((s) => s === undefined || isSlug(s), { error: 'field.invalid' });

export const editable = ['draft', 'submitted', 'scheduled', 'published', 'unpublished'] as const;

export async function loadArticle(db: Queryable, id: string): Promise<{ article: Article; site: Site }> {
  const [row] = await db.select({ article: articles, site: sites }).from(articles).innerJoin(sites, eq(sites.id, articles.siteId)).where(eq(articles.id, idOrNotFound(id)));
  if (!row) throw new NotFound();
  return row;
}

/** The article locked for the change, re-read inside the transaction so status checks see the latest state. */
export async function lockArticle(tx: { db: Tx }, id: string): Promise<Article> {
  const [a] = await tx.db.select().from(articles).where(eq(articles.id, id)).for('update');
  if (!a) throw new NotFound();
  return a;
}

export function requireStatus(a: Article, allowed: readonly ArticleStatus[]): void {
  if (!allowed.includes(a.status)) throw new Conflict('article.wrongStatus', { status: a.status });
}

/** Who saved the latest revision (the text an approver would publish). */
export async function lastAuthorId(db: Queryable, a: Article): Promise<string | null> {
  const [rev] = await db
    .select({ createdBy: articleRevisions.createdBy })
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, a.id), eq(articleRevisions.number, a.version)));
  return rev?.createdBy ?? a.updatedBy ?? a.createdBy;
}

/** Approving needs a second pair of eyes: whoever saved the latest revision may not publish it. */
export async function requireNotLastAuthor(ctx: Ctx, a: Article): Promise<void> {
  const author = await lastAuthorId(ctx.db, a);
  if (author && author === ctx.actor?.userId) throw new Forbidden('article.ownArticle');
}

export async function checkCategory(db: Queryable, siteId: string, categoryId: string | undefined): Promise<boolean> {
  if (!categoryId) return true;
  const [c] = await db.select({ siteId: categories.siteId }).from(categories).where(eq(categories.id, categoryId));
  return !!c && c.siteId === siteId;
}

export async function slugTaken(db: Queryable, a: { siteId: string; kind: Article['kind']; locale: Article['locale'] }, slug: string, exceptId?: string): Promise<boolean> {
  const conds = [eq(articles.siteId, a.siteId), eq(articles.kind, a.kind), eq(articles.locale, a.locale), eq(articles.slug, slug)];
  if (exceptId) conds.push(ne(articles.id, exceptId));
  const [row] = await db.select({ id: articles.id }).from(articles).where(and(...conds)).limit(1);
  return !!row;
}

export function cleanBody(body: string): string {
  return sanitizeArticleHtml(body);
}

/** The fields other than title, summary and body, kept in each revision for the diff view. */
export function revisionFields(a: Article): Record<string, unknown> {
  return {
    slug: a.slug,
    categoryId: a.categoryId,
    tags: a.tags,
    coverFileId: a.coverFileId,
    coverAlt: a.coverAlt,
    authorName: a.authorName,
    source: a.source,
    featured: a.featured,
  };
}

export async function writeRevision(tx: Ctx & { db: Tx }, a: Article): Promise<void> {
  await tx.db.insert(articleRevisions).values({
    articleId: a.id,
    number: a.version,
    title: a.title,
    summary: a.summary,
    body: a.body,
    fields: revisionFields(a),
    createdBy: tx.actor?.userId ?? null,
    createdAt: tx.now(),
  });
}

/** What the audit log keeps of an article: enough to tell versions apart without copying whole bodies. */
export function articleSnapshot(a: Article): Record<string, unknown> {
  return { status: a.status, version: a.version, title: a.title, slug: a.slug, scheduledAt: a.scheduledAt, publishedAt: a.publishedAt };
}

export function searchType(a: Article): 'article' | 'page' {
  return a.kind === 'page' ? 'page' : 'article';
}

export function publicPath(a: Pick<Article, 'kind' | 'slug' | 'locale'>): string {
  return a.kind === 'page' ? sitePaths.page(a.slug, a.locale) : sitePaths.article(a.slug, a.locale);
}

/**
 * The cached pages that show an article: its own (and its translation's, whose language switch points at it), the
 * site's lists (home, feeds) and its category's pages.
 */
function articlePageTags(a: Article): string[] {
  const tags = [pageTags.article(a.id), pageTags.siteLists(a.siteId)];
  if (a.translationOfId) tags.push(pageTags.article(a.translationOfId));
  if (a.categoryId) tags.push(pageTags.category(a.categoryId));
  return tags;
}

export async function indexArticle(db: Queryable, a: Article): Promise<void> {
  await invalidatePages(db, articlePageTags(a));
  await indexSearchEntry(db, {
    entityType: searchType(a),
    entityId: a.id,
    siteId: a.siteId,
    locale: a.locale,
    categoryId: a.categoryId,
    title: a.title,
    summary: a.summary,
    body: htmlToText(a.body),
    url: publicPath(a),
    publishedAt: a.publishedAt ?? new Date(0),
  });
}

export async function unindexArticle(db: Queryable, a: Article): Promise<void> {
  await invalidatePages(db, articlePageTags(a));
  await removeSearchEntry(db, searchType(a), a.id);
}
