import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../src/platform/db/client.js';
import { articles, categories, inquiries, sites } from '../../src/portal/schema.js';
import { indexArticle } from '../../src/portal/articles/article-rules.js';
import { makeAgency } from './factories.js';

let seq = 0;
const next = () => `${++seq}${randomBytes(2).toString('hex')}`;

/** A site of its own agency (made when not given); pass isMain for the provincial portal. */
export async function makeSite(db: Queryable, over: Partial<typeof sites.$inferInsert> = {}) {
  const agencyId = over.agencyId ?? (await makeAgency(db)).id;
  const [row] = await db
    .insert(sites)
    .values({ slug: `trang-${next()}`, name: `Trang thông tin thử ${next()}`, ...over, agencyId })
    .returning();
  return row!;
}

export async function makeCategory(db: Queryable, siteId: string, over: Partial<typeof categories.$inferInsert> = {}) {
  const [row] = await db
    .insert(categories)
    .values({ siteId, slug: `chuyen-muc-${next()}`, name: `Chuyên mục ${next()}`, ...over })
    .returning();
  return row!;
}

type ArticleOver = Partial<typeof articles.$inferInsert> & { siteId: string };

/**
 * An article as the workflow would leave it; a published one (the default) is also put in the search index, as
 * publishing does, so search and listing tests can start from it.
 */
export async function makeArticle(db: Queryable, over: ArticleOver) {
  const status = over.status ?? 'published';
  const publishedAt = over.publishedAt ?? (status === 'published' ? new Date('2026-03-01T02:00:00Z') : null);
  const n = next();
  const [row] = await db
    .insert(articles)
    .values({ slug: `bai-viet-${n}`, title: `Bài viết thử ${n}`, summary: 'Tóm tắt bài viết thử.', body: '<p>Nội dung bài viết thử.</p>', ...over, status, publishedAt })
    .returning();
  const a = row!;
  if (status === 'published') await indexArticle(db, a);
  return a;
}

/** A question (or feedback) as a visitor would have sent it; pass status and answer fields for later stages. */
export async function makeInquiry(db: Queryable, over: Partial<typeof inquiries.$inferInsert> & { siteId: string }) {
  const n = next();
  const kind = over.kind ?? 'question';
  const [row] = await db
    .insert(inquiries)
    .values({
      kind,
      code: `${kind === 'question' ? 'HD' : 'PA'}-2026-${n.toUpperCase().replace(/[^0-9A-Z]/g, '').padEnd(8, '0').slice(0, 8)}`,
      askerName: 'Người Hỏi Thử',
      askerEmail: `hoi${n}@example.vn`,
      subject: `Câu hỏi thử ${n}`,
      body: 'Nội dung câu hỏi thử.',
      ...over,
    })
    .returning();
  return row!;
}
