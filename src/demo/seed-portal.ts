import { eq, inArray } from 'drizzle-orm';
import { agencies } from '../org/schema.js';
import { recordAudit } from '../platform/audit/record-audit.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction } from '../platform/db/transaction.js';
import { legalSearchRow } from '../portal/legal/legal-rules.js';
import { type NewPublishedArticle, type SearchRow, indexSearchRows, insertPublishedArticles } from '../portal/import/publish-rows.js';
import { categories, inquiries, legalDocuments, siteMenuItems, sites } from '../portal/schema.js';
import { htmlToText } from '../portal/text/sanitize.js';
import { slugify } from '../portal/text/slug.js';
import { sitePaths } from '../portal/urls.js';
import { demoAgencies } from './demo-data.js';
import { demoArticles } from './portal-articles.js';
import { demoPages } from './portal-pages.js';
import { demoInquiries, demoLegalDocuments } from './portal-records.js';
import { type DemoMenuItem, demoSites, footerMenu, linksMenu, mainMenu } from './portal-sites.js';

export const MAIN_SITE_SLUG = 'cong-thong-tin';
/** Fixed pages count as published when the new local government started. */
const PAGES_PUBLISHED_AT = new Date('2025-07-01T08:00:00+07:00');
const DAY_MS = 86_400_000;

const vnTime = (at: string) => new Date(`${at.replace(' ', 'T')}:00+07:00`);
const morningOf = (day: string) => new Date(`${day}T08:00:00+07:00`);

/**
 * Adds the demo portal (sites, menus, categories, fixed pages with English versions, news, legal documents,
 * questions and feedback) to the demo province, in one transaction, everything published already in the search
 * index. It needs the demo agencies, and does nothing when the provincial portal's site is already there, so
 * running the seed again changes nothing.
 */
export async function seedDemoPortal(ctx: Ctx): Promise<boolean> {
  const [existing] = await ctx.db.select({ id: sites.id }).from(sites).where(eq(sites.slug, MAIN_SITE_SLUG));
  if (existing) return false;
  const codes = demoAgencies.map((a) => a.code);
  const agencyRows = await ctx.db.select({ id: agencies.id, code: agencies.code }).from(agencies).where(inArray(agencies.code, codes));
  const idByCode = new Map(agencyRows.map((a) => [a.code, a.id]));
  const agencyId = new Map(demoAgencies.filter((a) => idByCode.has(a.code)).map((a) => [a.key, idByCode.get(a.code)!]));
  if (demoSites.some((s) => !agencyId.has(s.agency))) return false;
  return inTransaction(ctx, async (tx) => {
    const now = ctx.now();
    const siteRows = await tx.db
      .insert(sites)
      .values(demoSites.map(({ agency, categories: _c, duties: _d, units: _u, people: _p, ...s }) => ({ ...s, agencyId: agencyId.get(agency)!, createdAt: now, updatedAt: now })))
      .returning({ id: sites.id, slug: sites.slug });
    const siteId = new Map(siteRows.map((s) => [s.slug, s.id]));
    const menu = (site: string, area: 'main' | 'footer' | 'links', items: DemoMenuItem[]) => items.map((m, position) => ({ siteId: siteId.get(site)!, area, ...m, position }));
    await tx.db.insert(siteMenuItems).values(demoSites.flatMap((s) => [...menu(s.slug, 'main', mainMenu), ...menu(s.slug, 'footer', footerMenu), ...menu(s.slug, 'links', linksMenu)]));
    const categoryRows = await tx.db
      .insert(categories)
      .values(demoSites.flatMap((s) => s.categories.map((c, position) => ({ siteId: siteId.get(s.slug)!, ...c, position, createdAt: now, updatedAt: now }))))
      .returning({ id: categories.id, siteId: categories.siteId, slug: categories.slug });
    const categoryId = new Map(categoryRows.map((c) => [`${c.siteId}|${c.slug}`, c.id]));

    const pages = demoSites.flatMap((s, i) => demoPages(s, i).map((p) => ({ site: siteId.get(s.slug)!, ...p })));
    const page = (siteOf: string, p: { slug: string; title: string; body: string }, locale: 'vi' | 'en', translationOfId: string | null): NewPublishedArticle => ({
      siteId: siteOf,
      kind: 'page',
      locale,
      translationOfId,
      categoryId: null,
      slug: p.slug,
      title: p.title,
      summary: null,
      body: p.body,
      text: htmlToText(p.body),
      publishedAt: PAGES_PUBLISHED_AT,
      sourceId: `demo-page-${locale}-${p.slug}`,
    });
    const viPages = await insertPublishedArticles(tx.db, pages.map((p) => page(p.site, p, 'vi', null)), { by: null, now });
    const viPageId = new Map(viPages.map((p) => [`${p.siteId}|${p.sourceId}`, p.id]));
    await insertPublishedArticles(
      tx.db,
      pages.flatMap((p) => (p.en ? [page(p.site, p.en, 'en', viPageId.get(`${p.site}|demo-page-vi-${p.slug}`)!)] : [])),
      { by: null, now },
    );

    await insertPublishedArticles(
      tx.db,
      demoArticles.map((a) => {
        const site = siteId.get(a.site)!;
        const body = a.paragraphs.map((p) => `<p>${p}</p>`).join('\n');
        const slug = slugify(a.title);
        return { siteId: site, categoryId: categoryId.get(`${site}|${a.category}`)!, slug, title: a.title, summary: a.summary, body, text: a.paragraphs.join('\n'), authorName: a.author, source: a.source ?? null, featured: a.featured ?? false, publishedAt: vnTime(a.at), sourceId: `demo-${slug}` };
      }),
      { by: null, now },
    );

    const legalRows = await tx.db
      .insert(legalDocuments)
      .values(
        demoLegalDocuments.map((d) => ({
          siteId: siteId.get(d.site)!,
          docType: d.docType,
          number: d.number,
          title: d.title,
          issuingBody: d.issuingBody,
          signer: d.signer || null,
          field: d.field,
          issuedOn: d.issuedOn,
          effectiveOn: d.effectiveOn ?? null,
          expiresOn: d.expiresOn ?? null,
          status: d.status,
          isDraft: d.draftCommentUntil !== undefined,
          commentUntil: d.draftCommentUntil ?? null,
          summary: d.summary,
          published: true,
          publishedAt: morningOf(d.issuedOn),
          sourceId: `demo-${slugify(`${d.number} ${d.title}`)}`,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();

    const inquiryRows = await tx.db
      .insert(inquiries)
      .values(
        demoInquiries.map((q) => {
          const asked = new Date(q.askedAt);
          const answeredAt = q.answer && q.answeredAfterDays !== undefined ? new Date(asked.getTime() + q.answeredAfterDays * DAY_MS) : null;
          return {
            siteId: siteId.get(q.site)!,
            kind: q.kind,
            code: q.code,
            askerName: q.askerName,
            askerEmail: q.askerEmail ?? null,
            askerPhone: q.askerPhone ?? null,
            subject: q.subject,
            body: q.body,
            assignedAgencyId: q.assignedTo ? agencyId.get(q.assignedTo)! : null,
            status: q.status,
            answer: q.answer ?? null,
            answeredAt,
            publishedAt: q.status === 'published' && answeredAt ? new Date(answeredAt.getTime() + DAY_MS) : null,
            rejectReason: q.rejectReason ?? null,
            createdAt: asked,
            updatedAt: answeredAt ?? asked,
          };
        }),
      )
      .returning();

    const entries: SearchRow[] = [
      ...legalRows.map((d) => legalSearchRow({ ...d, publishedAt: d.publishedAt! })),
      ...inquiryRows
        .filter((q) => q.kind === 'question' && q.status === 'published')
        .map((q) => ({
          entityType: 'question' as const,
          entityId: q.id,
          siteId: q.siteId,
          locale: 'vi' as const,
          categoryId: null,
          title: q.subject,
          summary: null,
          body: `${q.body}\n${q.answer ?? ''}`,
          url: sitePaths.question(q.id),
          publishedAt: q.publishedAt!,
        })),
    ];
    await indexSearchRows(tx.db, entries);
    await recordAudit(tx, {
      action: 'demo.portal_seeded',
      actorLabel: 'system',
      after: { sites: siteRows.length, pages: pages.length, articles: demoArticles.length, legalDocuments: legalRows.length, inquiries: inquiryRows.length },
    });
    return true;
  });
}
