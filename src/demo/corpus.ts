import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../platform/audit/record-audit.js';
import { requirePermission } from '../platform/auth/authorize.js';
import { SYSTEM_ACTOR_ID } from '../platform/auth/system-actor.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction } from '../platform/db/transaction.js';
import { NotFound, Unauthenticated } from '../platform/errors.js';
import { type NewPublishedArticle, insertPublishedArticles, ROWS_PER_STATEMENT } from '../portal/import/publish-rows.js';
import { categories, sites } from '../portal/schema.js';
import { slugify } from '../portal/text/slug.js';
import { type Slot, digitalSentences, digitalTopics, generalSentences, localSentences, summaryTemplates, titleTemplates, topics, words } from './corpus-words.js';

/** mulberry32: small, fast and the same on every machine, which is all a reproducible corpus needs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPIC_WEIGHT = topics.reduce((s, [, w]) => s + w, 0);
/** Publication dates are spread over the three years before this day, whatever day the corpus is made. */
const LATEST = Date.UTC(2026, 0, 1);
const SPAN_MS = 3 * 365 * 86_400_000;

export type CorpusArticle = { title: string; summary: string; paragraphs: string[]; publishedAt: Date; categoryIndex: number; author: string };

const authors = ['Hoàng Minh', 'Nông Thị Thu', 'Lục Văn Bình', 'Đàm Ngọc', 'Bế Hồng', 'Lương Thanh', 'Triệu Mai', 'Hà Phương', 'Ma Văn Tâm', 'Chu Hải'];

/** The i-th article of the corpus for a seed: the same seed and index always give the same article. */
export function corpusArticle(seed: number, i: number, categoryCount: number): CorpusArticle {
  const rand = prng((seed * 1_000_003 + i) | 0);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  // One topic per article, as a real article has; it decides which kind of sentences the body draws on.
  let r = rand() * TOPIC_WEIGHT;
  const topic = topics.find(([, w]) => (r -= w) < 0)?.[0] ?? topics[0]![0];
  const pool = [...generalSentences, ...(digitalTopics.has(topic) ? digitalSentences : localSentences)];
  const fill = (template: string) =>
    template.replace(/\{(\w+)\}/g, (_m, slot: Slot) => {
      if (slot === 'topic') return topic;
      if (slot === 'n') return String(Math.floor(rand() * 4_900) + 12);
      if (slot === 'pct') return String(Math.floor(rand() * 40) + 60);
      if (slot === 'year') return String(2023 + Math.floor(rand() * 3));
      return pick(words[slot]);
    });
  const title = fill(pick(titleTemplates));
  // Each sentence at most once per article: drawn without replacement from the pool.
  const unused = [...pool];
  const sentence = () => fill(unused.splice(Math.floor(rand() * unused.length), 1)[0]!);
  const paragraphs = Array.from({ length: 3 + Math.floor(rand() * 3) }, () => Array.from({ length: 2 + Math.floor(rand() * 2) }, sentence).join(' '));
  return {
    title: title.charAt(0).toUpperCase() + title.slice(1),
    summary: fill(pick(summaryTemplates)),
    paragraphs,
    publishedAt: new Date(LATEST - Math.floor(rand() * SPAN_MS)),
    categoryIndex: categoryCount ? Math.floor(rand() * categoryCount) : -1,
    author: pick(authors),
  };
}

export type CorpusOptions = {
  articles: number;
  seed: number;
  site?: string;
  /** Articles per transaction. */
  batch?: number;
  onProgress?: (done: number, total: number) => void;
};

/**
 * Adds N synthetic published articles to a site (the provincial portal unless named), each with revision 1 and
 * a search entry, 1,000 to a statement and a transaction, for the search benchmark and for trying the portal with
 * a realistic amount of news. Article i of seed S has source_id "corpus-S-i", so the same command run again adds
 * nothing and a larger N adds only the difference.
 */
export async function generateCorpus(ctx: Ctx, opts: CorpusOptions): Promise<{ created: number; skipped: number }> {
  if (!ctx.actor) throw new Unauthenticated();
  const [site] = await ctx.db
    .select()
    .from(sites)
    .where(opts.site ? eq(sites.slug, opts.site) : eq(sites.isMain, true));
  if (!site) throw opts.site ? new NotFound('portal.import.unknownSite', { site: opts.site }) : new NotFound('portal.import.noMainSite');
  await requirePermission(ctx, 'article.publish', site.agencyId);
  const cats = await ctx.db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.siteId, site.id), eq(categories.active, true)))
    .orderBy(categories.position, categories.slug);
  const by = ctx.actor.userId === SYSTEM_ACTOR_ID ? null : ctx.actor.userId;
  const batch = opts.batch ?? ROWS_PER_STATEMENT;
  let created = 0;
  opts.onProgress?.(0, opts.articles);
  for (let start = 0; start < opts.articles; start += batch) {
    const rows: NewPublishedArticle[] = [];
    for (let i = start; i < Math.min(opts.articles, start + batch); i++) {
      const a = corpusArticle(opts.seed, i, cats.length);
      rows.push({
        siteId: site.id,
        categoryId: a.categoryIndex >= 0 ? cats[a.categoryIndex]!.id : null,
        // The index makes the address unique without a lookup per article.
        slug: `${slugify(a.title, { maxLength: 60 })}-${opts.seed}-${i}`,
        title: a.title,
        summary: a.summary,
        body: a.paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
        text: a.paragraphs.join('\n'),
        authorName: a.author,
        source: 'Dữ liệu mẫu congso',
        publishedAt: a.publishedAt,
        sourceId: `corpus-${opts.seed}-${i}`,
      });
    }
    const written = await inTransaction(ctx, (tx) => insertPublishedArticles(tx.db, rows, { by, now: ctx.now(), skipExisting: true }));
    created += written.length;
    opts.onProgress?.(start + rows.length, opts.articles);
  }
  await inTransaction(ctx, (tx) =>
    recordAudit(tx, { action: 'demo.corpus_generated', entityType: 'site', entityId: site.id, agencyId: site.agencyId, after: { seed: opts.seed, requested: opts.articles, created } }),
  );
  return { created, skipped: opts.articles - created };
}
