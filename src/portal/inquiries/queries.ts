import { and, count, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { permittedAgencyIds } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/client.js';
import { inquiries, sites } from '../schema.js';
import { type InquiryKind, type InquiryStatus, normaliseCode } from './rules.js';

export const INBOX_PAGE_SIZE = 20;

export type InboxFilters = { kind?: InquiryKind; status?: InquiryStatus; page: number };

/**
 * Items the official may handle: those sent to sites of agencies where they hold inquiry.handle or
 * inquiry.publish, and those routed to such agencies. The list carries no contact details of senders.
 */
export async function listInbox(ctx: Ctx, f: InboxFilters) {
  const [handle, publish] = await Promise.all([permittedAgencyIds(ctx, 'inquiry.handle'), permittedAgencyIds(ctx, 'inquiry.publish')]);
  const all = handle === 'all' || publish === 'all';
  const ids = all ? [] : [...new Set([...(handle as string[]), ...(publish as string[])])];
  if (!all && ids.length === 0) return { rows: [], total: 0 };
  const conds: (SQL | undefined)[] = [all ? undefined : or(inArray(sites.agencyId, ids), inArray(inquiries.assignedAgencyId, ids))];
  if (f.kind) conds.push(eq(inquiries.kind, f.kind));
  if (f.status) conds.push(eq(inquiries.status, f.status));
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: inquiries.id,
        code: inquiries.code,
        kind: inquiries.kind,
        subject: inquiries.subject,
        status: inquiries.status,
        createdAt: inquiries.createdAt,
        siteName: sites.name,
      })
      .from(inquiries)
      .innerJoin(sites, eq(sites.id, inquiries.siteId))
      .where(where)
      .orderBy(desc(inquiries.createdAt))
      .limit(INBOX_PAGE_SIZE)
      .offset((f.page - 1) * INBOX_PAGE_SIZE),
    ctx.db.select({ n: count() }).from(inquiries).innerJoin(sites, eq(sites.id, inquiries.siteId)).where(where),
  ]);
  return { rows, total: total!.n };
}

/**
 * What the sender sees when following their item by code: never contact details, and the answer only once an
 * approver has released it.
 */
export async function lookupInquiry(db: Queryable, rawCode: unknown) {
  const code = normaliseCode(rawCode);
  if (!/^(HD|PA)-\d{4}-[0-9A-Z]{4,12}$/.test(code)) return null;
  const [row] = await db
    .select({ inquiry: inquiries, siteName: sites.name })
    .from(inquiries)
    .innerJoin(sites, eq(sites.id, inquiries.siteId))
    .where(eq(inquiries.code, code));
  if (!row) return null;
  const i = row.inquiry;
  return {
    code: i.code,
    kind: i.kind,
    subject: i.subject,
    body: i.body,
    status: i.status,
    createdAt: i.createdAt,
    siteName: row.siteName,
    answer: i.status === 'published' ? i.answer : null,
    answeredAt: i.status === 'published' ? i.publishedAt : null,
    rejectReason: i.status === 'rejected' ? i.rejectReason : null,
  };
}
export type InquiryLookup = NonNullable<Awaited<ReturnType<typeof lookupInquiry>>>;

/** Shown to the public: released answers whose sender agreed to publication; never who sent them. */
const shownPublicly = (siteId: string, kind: InquiryKind) =>
  and(eq(inquiries.siteId, siteId), eq(inquiries.kind, kind), eq(inquiries.status, 'published'), eq(inquiries.publicConsent, true));

const publicColumns = {
  id: inquiries.id,
  subject: inquiries.subject,
  body: inquiries.body,
  answer: inquiries.answer,
  createdAt: inquiries.createdAt,
  publishedAt: inquiries.publishedAt,
};

export async function publishedInquiries(db: Queryable, siteId: string, kind: InquiryKind, page: number, pageSize: number) {
  const where = shownPublicly(siteId, kind);
  const [rows, [total]] = await Promise.all([
    db.select(publicColumns).from(inquiries).where(where).orderBy(desc(inquiries.publishedAt), desc(inquiries.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(inquiries).where(where),
  ]);
  return { rows, total: total!.n };
}
export type PublicInquiry = Awaited<ReturnType<typeof publishedInquiries>>['rows'][number];

export async function publishedInquiry(db: Queryable, siteId: string, kind: InquiryKind, id: string): Promise<PublicInquiry | null> {
  const [row] = await db.select(publicColumns).from(inquiries).where(and(shownPublicly(siteId, kind), eq(inquiries.id, id)));
  return row ?? null;
}
