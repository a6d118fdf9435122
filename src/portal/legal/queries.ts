import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { permittedAgencyIds } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/client.js';
import { files } from '../../platform/schema.js';
import { legalDocuments, sites } from '../schema.js';
import { foldVietnamese } from '../text/search-text.js';
import type { LegalStatus } from './legal-rules.js';

export const PAGE_SIZE = 25;

export type SiteOption = { id: string; name: string; agencyId: string; slug: string; isMain: boolean };

const collator = new Intl.Collator('vi');

/** The sites whose documents the person manages: those of agencies where they hold legal.manage. */
export async function managedSites(ctx: Ctx): Promise<SiteOption[]> {
  const scope = await permittedAgencyIds(ctx, 'legal.manage');
  if (scope !== 'all' && scope.length === 0) return [];
  const rows = await ctx.db
    .select({ id: sites.id, name: sites.name, agencyId: sites.agencyId, slug: sites.slug, isMain: sites.isMain })
    .from(sites)
    .where(scope === 'all' ? undefined : inArray(sites.agencyId, scope));
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

export type LegalFilters = { siteId?: string; docType?: string; status?: LegalStatus; q?: string; page: number };

export type LegalListRow = {
  id: string;
  siteName: string;
  docType: string;
  number: string;
  title: string;
  issuedOn: string;
  status: LegalStatus;
  isDraft: boolean;
  published: boolean;
};

/** One page of the documents of the person's sites, latest issued first. */
export async function listLegal(ctx: Ctx, siteOptions: SiteOption[], f: LegalFilters): Promise<{ rows: LegalListRow[]; total: number }> {
  const siteIds = siteOptions.map((s) => s.id);
  if (siteIds.length === 0) return { rows: [], total: 0 };
  const conds: SQL[] = [inArray(legalDocuments.siteId, f.siteId && siteIds.includes(f.siteId) ? [f.siteId] : siteIds)];
  if (f.docType) conds.push(eq(legalDocuments.docType, f.docType));
  if (f.status) conds.push(eq(legalDocuments.status, f.status));
  if (f.q) {
    // Folded on both sides, so "quy che" finds "quy chế"; the number is matched as typed, whatever its case.
    const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`(f_unaccent(lower(${legalDocuments.title})) like ${like(foldVietnamese(f.q).toLowerCase())} or lower(${legalDocuments.number}) like ${like(f.q.toLowerCase())})`);
  }
  const where = and(...conds);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(legalDocuments).where(where);
  const rows = await ctx.db
    .select({
      id: legalDocuments.id,
      siteName: sites.name,
      docType: legalDocuments.docType,
      number: legalDocuments.number,
      title: legalDocuments.title,
      issuedOn: legalDocuments.issuedOn,
      status: legalDocuments.status,
      isDraft: legalDocuments.isDraft,
      published: legalDocuments.published,
    })
    .from(legalDocuments)
    .innerJoin(sites, eq(sites.id, legalDocuments.siteId))
    .where(where)
    .orderBy(desc(legalDocuments.issuedOn), desc(legalDocuments.createdAt), asc(legalDocuments.id))
    .limit(PAGE_SIZE)
    .offset((f.page - 1) * PAGE_SIZE);
  return { rows, total: Number(n) };
}

export async function pdfFile(db: Queryable, fileId: string | null): Promise<{ id: string; name: string; size: number } | null> {
  if (!fileId) return null;
  const [f] = await db.select({ id: files.id, name: files.name, size: files.size }).from(files).where(eq(files.id, fileId));
  return f ?? null;
}
