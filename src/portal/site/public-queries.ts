import { and, asc, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Queryable, queryRows } from '../../platform/db/client.js';
import { files } from '../../platform/schema.js';
import { articles, categories, legalDocuments, legalStatus } from '../schema.js';

export type Category = typeof categories.$inferSelect;
export type LegalDocument = typeof legalDocuments.$inferSelect;
export type Cover = { id: string; width: number | null; height: number | null; widths: number[] };

/** What a list shows of an article: no body. */
export type ArticleCard = {
  id: string;
  kind: 'news' | 'page';
  slug: string;
  title: string;
  summary: string | null;
  categoryId: string | null;
  coverFileId: string | null;
  coverAlt: string | null;
  publishedAt: Date;
};

const cardColumns = {
  id: articles.id,
  kind: articles.kind,
  slug: articles.slug,
  title: articles.title,
  summary: articles.summary,
  categoryId: articles.categoryId,
  coverFileId: articles.coverFileId,
  coverAlt: articles.coverAlt,
  publishedAt: articles.publishedAt,
};

const asCard = (r: { publishedAt: Date | null } & Omit<ArticleCard, 'publishedAt'>): ArticleCard => ({ ...r, publishedAt: r.publishedAt ?? new Date(0) });

/** Only published things are public; everything else is as if it did not exist. */
const visible = (siteId: string, locale: 'vi' | 'en', kind: 'news' | 'page' = 'news') =>
  and(eq(articles.siteId, siteId), eq(articles.status, 'published'), eq(articles.locale, locale), eq(articles.kind, kind));

/** The cover pictures of many articles in one query. */
export async function loadCovers(db: Queryable, ids: (string | null)[]): Promise<Map<string, Cover>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: files.id, width: files.width, height: files.height, variants: files.variants }).from(files).where(inArray(files.id, wanted));
  return new Map(rows.map((r) => [r.id, { id: r.id, width: r.width, height: r.height, widths: r.variants.map((v) => v.width).sort((a, b) => a - b) }]));
}

export async function activeCategories(db: Queryable, siteId: string): Promise<Category[]> {
  return db
    .select()
    .from(categories)
    .where(and(eq(categories.siteId, siteId), eq(categories.active, true)))
    .orderBy(asc(categories.position), asc(categories.name));
}

export type HomeData = {
  featured: ArticleCard[];
  sections: { category: Category; articles: ArticleCard[] }[];
  latest: ArticleCard[];
  legal: LegalDocument[];
  covers: Map<string, Cover>;
};

const PER_SECTION = 4;

/** The site home in five queries, whatever the number of categories. */
export async function homeData(db: Queryable, siteId: string, locale: 'vi' | 'en'): Promise<HomeData> {
  const [featured, latest, cats, legal] = await Promise.all([
    db.select(cardColumns).from(articles).where(and(visible(siteId, locale), eq(articles.featured, true))).orderBy(desc(articles.publishedAt)).limit(5),
    db.select(cardColumns).from(articles).where(visible(siteId, locale)).orderBy(desc(articles.publishedAt)).limit(8),
    activeCategories(db, siteId),
    db
      .select()
      .from(legalDocuments)
      .where(and(eq(legalDocuments.siteId, siteId), eq(legalDocuments.published, true)))
      .orderBy(desc(legalDocuments.issuedOn), desc(legalDocuments.createdAt))
      .limit(5),
  ]);
  const topLevel = cats.filter((c) => !c.parentId);
  // The newest few of every category at once: a window over the site's published news, cut per category.
  const perCategory = topLevel.length
    ? await queryRows<{ id: string }>(
        db,
        sql`select id from (
          select a.id, row_number() over (partition by a.category_id order by a.published_at desc) as n
          from articles a
          where a.site_id = ${siteId} and a.status = 'published' and a.locale = ${locale} and a.kind = 'news'
            and a.category_id in ${topLevel.map((c) => c.id)}
        ) ranked where n <= ${PER_SECTION}`,
      )
    : [];
  const sectionRows = perCategory.length
    ? await db
        .select(cardColumns)
        .from(articles)
        .where(inArray(articles.id, perCategory.map((r) => r.id)))
        .orderBy(desc(articles.publishedAt))
    : [];
  const sections = topLevel
    .map((category) => ({ category, articles: sectionRows.filter((a) => a.categoryId === category.id).map(asCard) }))
    .filter((s) => s.articles.length > 0);
  const all = [...featured, ...latest, ...sectionRows];
  return { featured: featured.map(asCard), latest: latest.map(asCard), sections, legal, covers: await loadCovers(db, all.map((a) => a.coverFileId)) };
}

export const PAGE_SIZE = 20;

export async function categoryBySlug(db: Queryable, siteId: string, slug: string): Promise<Category | null> {
  const [c] = await db
    .select()
    .from(categories)
    .where(and(eq(categories.siteId, siteId), eq(categories.slug, slug), eq(categories.active, true)));
  return c ?? null;
}

/** One page of a category's news, newest first, and how many there are. */
export async function categoryArticles(db: Queryable, siteId: string, categoryId: string, locale: 'vi' | 'en', page: number) {
  const where = and(visible(siteId, locale), eq(articles.categoryId, categoryId));
  const [rows, [total]] = await Promise.all([
    db
      .select(cardColumns)
      .from(articles)
      .where(where)
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(articles).where(where),
  ]);
  return { articles: rows.map(asCard), total: total!.n, covers: await loadCovers(db, rows.map((r) => r.coverFileId)) };
}

export type Article = typeof articles.$inferSelect;
export type Attachment = { fileId: string; label: string | null; name: string; contentType: string; size: number };

export type ArticleView = {
  article: Article;
  category: Category | null;
  cover: Cover | null;
  attachments: Attachment[];
  related: ArticleCard[];
  /** The published page in the other language, if any. */
  translation: { slug: string; locale: 'vi' | 'en' } | null;
};

type ArticleCardJson = Omit<ArticleCard, 'publishedAt'> & { publishedAt: string };

/** A JSON column as it comes back: parsed by node-postgres and PGlite, a string on a driver that does not. */
const fromJson = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/**
 * The article page's one statement, built once per database and locale and prepared (a named statement on
 * PostgreSQL): the article with its category, cover and translation, and as JSON its attachments and up to five
 * related news of its category. An uncached render is the first view after a change; building this query through
 * Drizzle on every request, and three round trips, were most of its cost (docs/benchmarks.md, portal-uncached).
 */
function articleStatement(db: Queryable, locale: 'vi' | 'en') {
  const tr = alias(articles, 'translation');
  const siteId = sql.placeholder('siteId');
  // The English page points back at its original; the original finds its published English version.
  const translationOn =
    locale === 'en'
      ? and(eq(tr.id, articles.translationOfId), eq(tr.status, 'published'), eq(tr.siteId, siteId))
      : and(eq(tr.translationOfId, articles.id), eq(tr.locale, 'en'), eq(tr.status, 'published'), eq(tr.siteId, siteId));
  const attachments = sql<Attachment[] | string>`(
    select coalesce(json_agg(json_build_object('fileId', aa.file_id, 'label', aa.label, 'name', af.name, 'contentType', af.content_type, 'size', af.size)
      order by aa.position), '[]'::json)
    from article_attachments aa join files af on af.id = aa.file_id where aa.article_id = ${articles.id})`;
  const related = sql<ArticleCardJson[] | string>`(
    select coalesce(json_agg(r order by r."publishedAt" desc), '[]'::json) from (
      select ra.id, ra.kind, ra.slug, ra.title, ra.summary, ra.category_id as "categoryId", ra.cover_file_id as "coverFileId",
        ra.cover_alt as "coverAlt", ra.published_at as "publishedAt"
      from articles ra
      where ${articles.kind} = 'news' and ra.site_id = ${articles.siteId} and ra.status = 'published' and ra.locale = ${articles.locale}
        and ra.kind = 'news' and ra.category_id = ${articles.categoryId} and ra.id <> ${articles.id}
      order by ra.published_at desc limit 5) r)`;
  return db
    .select({
      article: articles,
      category: categories,
      cover: { id: files.id, width: files.width, height: files.height, variants: files.variants },
      translation: { slug: tr.slug, locale: tr.locale },
      attachments,
      related,
    })
    .from(articles)
    .leftJoin(categories, eq(categories.id, articles.categoryId))
    .leftJoin(files, eq(files.id, articles.coverFileId))
    .leftJoin(tr, translationOn)
    .where(
      and(
        eq(articles.siteId, siteId),
        eq(articles.status, 'published'),
        eq(articles.locale, locale),
        eq(articles.kind, sql.placeholder('kind')),
        eq(articles.slug, sql.placeholder('slug')),
      ),
    )
    .limit(1)
    .prepare(`portal_article_${locale}`);
}

const articleStatements = new WeakMap<Queryable, Record<'vi' | 'en', ReturnType<typeof articleStatement> | undefined>>();

/** An article page in one statement (see articleStatement). */
export async function publishedArticle(db: Queryable, siteId: string, kind: 'news' | 'page', locale: 'vi' | 'en', slug: string): Promise<ArticleView | null> {
  const prepared = articleStatements.get(db) ?? { vi: undefined, en: undefined };
  articleStatements.set(db, prepared);
  const statement = (prepared[locale] ??= articleStatement(db, locale));
  const [row] = await statement.execute({ siteId, kind, slug });
  if (!row) return null;
  const { article, category, cover, translation } = row;
  return {
    article,
    category: category && category.active ? category : null,
    cover: cover && cover.id ? { id: cover.id, width: cover.width, height: cover.height, widths: cover.variants.map((v) => v.width).sort((a, b) => a - b) } : null,
    attachments: fromJson(row.attachments),
    related: fromJson(row.related).map((r) => ({ ...r, publishedAt: new Date(r.publishedAt) })),
    translation: translation && translation.slug ? translation : null,
  };
}

export const legalStatuses = legalStatus.enumValues;
export type LegalFilter = { q?: string; type?: string; field?: string; body?: string; year?: number; status?: (typeof legalStatuses)[number] };

/** Published documents matching the filter, one page of them, newest issue first. */
export async function legalList(db: Queryable, siteId: string, f: LegalFilter, page: number) {
  const conds = [eq(legalDocuments.siteId, siteId), eq(legalDocuments.published, true)];
  if (f.type) conds.push(eq(legalDocuments.docType, f.type));
  if (f.field) conds.push(eq(legalDocuments.field, f.field));
  if (f.body) conds.push(eq(legalDocuments.issuingBody, f.body));
  if (f.status) conds.push(eq(legalDocuments.status, f.status));
  if (f.year) conds.push(sql`${legalDocuments.issuedOn} >= ${`${f.year}-01-01`}::date and ${legalDocuments.issuedOn} < ${`${f.year + 1}-01-01`}::date`);
  if (f.q) {
    // Folded on both sides, so "quyet dinh" finds "Quyết định" and "12/2025/qđ-ubnd" finds the number.
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(sql`f_unaccent(lower(${legalDocuments.number})) like f_unaccent(lower(${like}))`, sql`f_unaccent(lower(${legalDocuments.title})) like f_unaccent(lower(${like}))`)!);
  }
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(legalDocuments)
      .where(where)
      .orderBy(desc(legalDocuments.issuedOn), desc(legalDocuments.createdAt))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(legalDocuments).where(where),
  ]);
  return { rows, total: total!.n };
}

/** The values the filter's lists offer: what the site's published documents actually use. */
export async function legalFacets(db: Queryable, siteId: string) {
  const rows = await queryRows<{ doc_type: string; field: string | null; issuing_body: string; year: number }>(
    db,
    sql`select distinct doc_type, field, issuing_body, extract(year from issued_on)::int as year
        from legal_documents where site_id = ${siteId} and published`,
  );
  const collator = new Intl.Collator('vi');
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))].sort(collator.compare);
  return {
    types: uniq(rows.map((r) => r.doc_type)),
    fields: uniq(rows.map((r) => r.field)),
    bodies: uniq(rows.map((r) => r.issuing_body)),
    years: [...new Set(rows.map((r) => Number(r.year)))].sort((a, b) => b - a),
  };
}

export async function publishedLegal(db: Queryable, siteId: string, id: string) {
  const [row] = await db
    .select({ doc: legalDocuments, file: { id: files.id, name: files.name, size: files.size, contentType: files.contentType } })
    .from(legalDocuments)
    .leftJoin(files, eq(files.id, legalDocuments.fileId))
    .where(and(eq(legalDocuments.id, id), eq(legalDocuments.siteId, siteId), eq(legalDocuments.published, true)));
  return row ?? null;
}

