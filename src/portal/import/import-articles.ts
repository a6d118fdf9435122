import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { can } from '../../platform/auth/authorize.js';
import { SYSTEM_ACTOR_ID } from '../../platform/auth/system-actor.js';
import type { Ctx } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Unauthenticated } from '../../platform/errors.js';
import { articleRevisions, articles, categories, sites } from '../schema.js';
import { slugify, uniqueSlug } from '../text/slug.js';
import { type ArticleLine, type RejectedLine, readArticleLines } from './article-import-file.js';
import { articleSearchRow, indexSearchRows, insertPublishedArticles, revisionFields } from './publish-rows.js';

export type ArticleImportSummary = {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Changed in the file but edited in congso since it was imported: the editors' version is kept. */
  kept: number;
  rejected: RejectedLine[];
  dryRun: boolean;
};

export type ArticleImportOptions = {
  /** Shown in the audit log; only its base name is kept. */
  fileName?: string;
  dryRun?: boolean;
  /** Lines per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
};

const DEFAULT_BATCH = 500;

type Resolved = ArticleLine & { siteId: string; categoryId: string | null };
type Existing = typeof articles.$inferSelect;

/** Sites and categories named in the file, and whether the actor may publish on each site. */
async function resolve(ctx: Ctx, records: ArticleLine[], rejected: RejectedLine[]): Promise<Resolved[]> {
  const slugs = [...new Set(records.map((r) => r.site))];
  const siteRows = slugs.length ? await ctx.db.select().from(sites).where(inArray(sites.slug, slugs)) : [];
  const siteBySlug = new Map(siteRows.map((s) => [s.slug, s]));
  const allowed = new Map<string, boolean>();
  for (const s of siteRows) allowed.set(s.id, await can(ctx, 'article.publish', s.agencyId));
  const categoryRows = siteRows.length ? await ctx.db.select().from(categories).where(inArray(categories.siteId, siteRows.map((s) => s.id))) : [];
  const categoryId = new Map(categoryRows.map((c) => [`${c.siteId}|${c.slug}`, c.id]));
  const out: Resolved[] = [];
  for (const r of records) {
    const site = siteBySlug.get(r.site);
    if (!site) rejected.push({ line: r.line, key: 'portal.import.unknownSite', params: { site: r.site } });
    else if (!allowed.get(site.id)) rejected.push({ line: r.line, key: 'portal.import.siteForbidden', params: { site: r.site } });
    else if (r.category !== null && !categoryId.has(`${site.id}|${r.category}`)) rejected.push({ line: r.line, key: 'portal.import.unknownCategory', params: { site: r.site, category: r.category } });
    else out.push({ ...r, siteId: site.id, categoryId: r.category === null ? null : categoryId.get(`${site.id}|${r.category}`)! });
  }
  return out;
}

const same = (a: Existing, r: Resolved) =>
  a.title === r.title &&
  a.summary === r.summary &&
  a.body === r.body &&
  a.categoryId === r.categoryId &&
  a.publishedAt?.getTime() === r.publishedAt.getTime() &&
  a.authorName === r.author &&
  a.source === r.source;

/** Free news slugs for new articles: one query for the batch's plain slugs, one more per clash. */
async function assignSlugs(db: Queryable, batch: Resolved[], claimed: Set<string>): Promise<Map<Resolved, string>> {
  const bases = batch.map((r) => slugify(r.title));
  const siteIds = [...new Set(batch.map((r) => r.siteId))];
  const rows = bases.length
    ? await db
        .select({ siteId: articles.siteId, slug: articles.slug })
        .from(articles)
        .where(and(inArray(articles.siteId, siteIds), eq(articles.kind, 'news'), eq(articles.locale, 'vi'), inArray(articles.slug, [...new Set(bases)])))
    : [];
  for (const r of rows) claimed.add(`${r.siteId}|${r.slug}`);
  const out = new Map<Resolved, string>();
  for (const [i, r] of batch.entries()) {
    const slug = await uniqueSlug(bases[i]!, async (s) => {
      if (claimed.has(`${r.siteId}|${s}`)) return true;
      const [hit] = await db
        .select({ id: articles.id })
        .from(articles)
        .where(and(eq(articles.siteId, r.siteId), eq(articles.kind, 'news'), eq(articles.locale, 'vi'), eq(articles.slug, s)))
        .limit(1);
      return hit !== undefined;
    });
    claimed.add(`${r.siteId}|${slug}`);
    out.set(r, slug);
  }
  return out;
}

/** A changed article: its content replaced, a new revision, and its search entry refreshed when it is public. */
async function updateArticle(db: Queryable, a: Existing, r: Resolved, by: string | null, now: Date): Promise<void> {
  const number = a.version + 1;
  const fields = { categoryId: r.categoryId, title: r.title, summary: r.summary, body: r.body, publishedAt: r.publishedAt, authorName: r.author, source: r.source };
  await db.update(articles).set({ ...fields, version: number, updatedBy: by, updatedAt: now }).where(eq(articles.id, a.id));
  await db.insert(articleRevisions).values({
    articleId: a.id,
    number,
    title: r.title,
    summary: r.summary,
    body: r.body,
    fields: revisionFields({ ...a, ...fields, slug: a.slug }),
    createdBy: by,
    createdAt: now,
  });
  if (a.status === 'published') {
    await indexSearchRows(db, [articleSearchRow({ ...a, ...fields, id: a.id, text: r.text, kind: a.kind, locale: a.locale })]);
  }
}

/**
 * Imports published news articles from a JSON Lines file (see article-import-file.ts), for moving an old portal's
 * news into congso. Articles are matched on (site, source_id): a new one is created published with revision 1
 * and a search entry; a changed one gets a new revision (its address stays); an identical one is left alone, so
 * importing the same file again changes nothing. An article an official has edited or withdrawn since is not
 * overwritten: the portal's version has become the authority.
 *
 * Each batch is one transaction with one audit entry naming the articles it created and updated: an entry per
 * article would multiply the audit chain's single-writer lock for no more information (the revisions hold the
 * content). A failure part-way keeps the batches already written; running the file again finishes the rest.
 */
export async function importArticles(ctx: Ctx, content: string, opts: ArticleImportOptions = {}): Promise<ArticleImportSummary> {
  if (!ctx.actor) throw new Unauthenticated();
  const parsed = readArticleLines(content);
  const rejected = [...parsed.rejected];
  const summary: ArticleImportSummary = { total: parsed.total, created: 0, updated: 0, unchanged: 0, kept: 0, rejected, dryRun: opts.dryRun ?? false };
  const records = await resolve(ctx, parsed.records, rejected);
  rejected.sort((a, b) => a.line - b.line);
  const by = ctx.actor.userId === SYSTEM_ACTOR_ID ? null : ctx.actor.userId;
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const claimed = new Set<string>();
  let done = 0;
  opts.onProgress?.(0, records.length);
  for (let i = 0; i < records.length; i += batchSize) {
    const batch = records.slice(i, i + batchSize);
    await inTransaction(ctx, async (tx) => {
      const now = ctx.now();
      const existing = await tx.db
        .select()
        .from(articles)
        .where(and(inArray(articles.siteId, [...new Set(batch.map((r) => r.siteId))]), inArray(articles.sourceId, batch.map((r) => r.sourceId))));
      const bySource = new Map(existing.map((a) => [`${a.siteId}|${a.sourceId}`, a]));
      const fresh: Resolved[] = [];
      const changed: [Existing, Resolved][] = [];
      for (const r of batch) {
        const a = bySource.get(`${r.siteId}|${r.sourceId}`);
        if (!a) fresh.push(r);
        else if (same(a, r)) summary.unchanged++;
        else if (a.updatedBy !== null && a.updatedBy !== by) summary.kept++;
        else changed.push([a, r]);
      }
      summary.created += fresh.length;
      summary.updated += changed.length;
      if (summary.dryRun || (fresh.length === 0 && changed.length === 0)) return;
      const slugs = await assignSlugs(tx.db, fresh, claimed);
      const created = await insertPublishedArticles(
        tx.db,
        fresh.map((r) => ({ siteId: r.siteId, categoryId: r.categoryId, slug: slugs.get(r)!, title: r.title, summary: r.summary, body: r.body, text: r.text, authorName: r.author, source: r.source, publishedAt: r.publishedAt, sourceId: r.sourceId })),
        { by, now },
      );
      for (const [a, r] of changed) await updateArticle(tx.db, a, r, by, now);
      await recordAudit(tx, {
        action: 'portal.articles_imported',
        entityType: 'article_import',
        entityId: opts.fileName ? path.basename(opts.fileName) : undefined,
        after: { lines: [batch[0]!.line, batch.at(-1)!.line], created: created.map((c) => c.id), updated: changed.map(([a]) => a.id) },
      });
    });
    done += batch.length;
    opts.onProgress?.(done, records.length);
  }
  return summary;
}

