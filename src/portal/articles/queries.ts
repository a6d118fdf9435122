import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { users } from '../../accounts/schema.js';
import { permittedAgencyIds } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/client.js';
import { auditLog, files } from '../../platform/schema.js';
import { isUuid } from '../../platform/validation.js';
import { foldVietnamese } from '../text/search-text.js';
import { articleAttachments, articleRevisions, articles, categories, sites } from '../schema.js';
import type { ArticleStatus } from './article-rules.js';

export const PAGE_SIZE = 25;

export type SiteOption = { id: string; name: string; agencyId: string };

const collator = new Intl.Collator('vi');

/** The sites the person may write for: those of agencies where they hold article.write. */
export async function writableSites(ctx: Ctx): Promise<SiteOption[]> {
  const scope = await permittedAgencyIds(ctx, 'article.write');
  if (scope !== 'all' && scope.length === 0) return [];
  const rows = await ctx.db
    .select({ id: sites.id, name: sites.name, agencyId: sites.agencyId })
    .from(sites)
    .where(scope === 'all' ? undefined : inArray(sites.agencyId, scope));
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

export async function siteCategories(db: Queryable, siteIds: string[]): Promise<{ id: string; name: string; siteId: string }[]> {
  if (siteIds.length === 0) return [];
  const rows = await db.select({ id: categories.id, name: categories.name, siteId: categories.siteId }).from(categories).where(and(inArray(categories.siteId, siteIds), eq(categories.active, true)));
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

export type ArticleFilters = { siteId?: string; status?: ArticleStatus; categoryId?: string; q?: string; page: number };

export type ArticleListRow = {
  id: string;
  title: string;
  status: ArticleStatus;
  kind: 'news' | 'page';
  locale: 'vi' | 'en';
  siteName: string;
  categoryName: string | null;
  updatedAt: Date;
  publishedAt: Date | null;
  scheduledAt: Date | null;
};

/** One page of the articles on the person's sites, newest change first; archived ones only when asked for. */
export async function listArticles(ctx: Ctx, siteOptions: SiteOption[], f: ArticleFilters): Promise<{ rows: ArticleListRow[]; total: number }> {
  const siteIds = siteOptions.map((s) => s.id);
  if (siteIds.length === 0) return { rows: [], total: 0 };
  const conds: SQL[] = [inArray(articles.siteId, f.siteId && siteIds.includes(f.siteId) ? [f.siteId] : siteIds)];
  if (f.status) conds.push(eq(articles.status, f.status));
  else conds.push(inArray(articles.status, ['draft', 'submitted', 'scheduled', 'published', 'unpublished']));
  if (f.categoryId && isUuid(f.categoryId)) conds.push(eq(articles.categoryId, f.categoryId));
  // Folded on both sides, so "tong ket" finds "tổng kết" as the public search does.
  if (f.q) conds.push(sql`f_unaccent(lower(${articles.title})) like ${`%${foldVietnamese(f.q).toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const where = and(...conds);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(articles).where(where);
  const rows = await ctx.db
    .select({
      id: articles.id,
      title: articles.title,
      status: articles.status,
      kind: articles.kind,
      locale: articles.locale,
      siteName: sites.name,
      categoryName: categories.name,
      updatedAt: articles.updatedAt,
      publishedAt: articles.publishedAt,
      scheduledAt: articles.scheduledAt,
    })
    .from(articles)
    .innerJoin(sites, eq(sites.id, articles.siteId))
    .leftJoin(categories, eq(categories.id, articles.categoryId))
    .where(where)
    .orderBy(desc(articles.updatedAt), asc(articles.id))
    .limit(PAGE_SIZE)
    .offset((f.page - 1) * PAGE_SIZE);
  return { rows, total: Number(n) };
}

export type RevisionRow = { number: number; title: string; createdAt: Date; savedBy: string | null };

export async function listRevisions(db: Queryable, articleId: string): Promise<RevisionRow[]> {
  return db
    .select({ number: articleRevisions.number, title: articleRevisions.title, createdAt: articleRevisions.createdAt, savedBy: users.fullName })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.createdBy))
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.number));
}

export async function getRevision(db: Queryable, articleId: string, n: number) {
  const [r] = await db.select().from(articleRevisions).where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, n)));
  return r ?? null;
}

export type AttachmentRow = { fileId: string; label: string | null; name: string; contentType: string; size: number };

export async function listAttachments(db: Queryable, articleId: string): Promise<AttachmentRow[]> {
  return db
    .select({ fileId: files.id, label: articleAttachments.label, name: files.name, contentType: files.contentType, size: files.size })
    .from(articleAttachments)
    .innerJoin(files, eq(files.id, articleAttachments.fileId))
    .where(eq(articleAttachments.articleId, articleId))
    .orderBy(asc(articleAttachments.position));
}

export async function coverFile(db: Queryable, fileId: string | null) {
  if (!fileId) return null;
  const [f] = await db.select().from(files).where(eq(files.id, fileId));
  return f ?? null;
}

/** The approver's note from the last time the article was sent back, shown to the writer. */
export async function lastReturnNote(db: Queryable, articleId: string): Promise<{ note: string; by: string; at: Date } | null> {
  const [row] = await db
    .select({ after: auditLog.after, by: auditLog.actorLabel, at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'article'), eq(auditLog.entityId, articleId), eq(auditLog.action, 'article.returned')))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const note = (row?.after as { note?: unknown } | null)?.note;
  return row && typeof note === 'string' ? { note, by: row.by, at: row.at } : null;
}

export async function translationOf(db: Queryable, articleId: string) {
  const [t] = await db.select({ id: articles.id, title: articles.title }).from(articles).where(and(eq(articles.translationOfId, articleId), eq(articles.locale, 'en')));
  return t ?? null;
}
