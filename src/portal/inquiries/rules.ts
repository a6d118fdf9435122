import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { agencyAncestry, can } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/client.js';
import { vnToday } from '../../platform/dates.js';
import { Conflict, Forbidden, NotFound, Unauthenticated } from '../../platform/errors.js';
import type { MailContent } from '../../platform/mail/compose.js';
import type { MessageKey } from '../../platform/i18n/index.js';
import { isUuid } from '../../platform/validation.js';
import { inquiries, sites } from '../schema.js';

export type Inquiry = typeof inquiries.$inferSelect;
export type InquiryKind = Inquiry['kind'];
export type InquiryStatus = Inquiry['status'];
type SiteRow = typeof sites.$inferSelect;

// Crockford's alphabet: no I, L, O or U, so a code read over the phone is not mistaken.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * "HD-2026-7K3M9Q2P" (hỏi đáp) or "PA-…" (phản ánh): the year helps people, the eight random characters (40 bits)
 * keep anyone from walking through other people's questions by trying codes.
 */
export function newInquiryCode(kind: InquiryKind, now: Date): string {
  let tail = '';
  for (let i = 0; i < 8; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `${kind === 'question' ? 'HD' : 'PA'}-${vnToday(now).slice(0, 4)}-${tail}`;
}

/** Codes are typed by people: case, spaces and the look-alike letters are forgiven. */
export function normaliseCode(raw: unknown): string {
  return String(raw ?? '')
    .trim()
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0')
    .slice(0, 40);
}

/**
 * With lock (inside the transaction that changes it) the row is held until commit, so of two officials acting on
 * the same version the second waits, then sees the new version and gets a conflict.
 */
export async function loadInquiry(db: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<{ inquiry: Inquiry; site: SiteRow }> {
  if (!isUuid(id)) throw new NotFound();
  const q = db.select({ inquiry: inquiries, site: sites }).from(inquiries).innerJoin(sites, eq(sites.id, inquiries.siteId)).where(eq(inquiries.id, id));
  const [row] = await (opts.lock ? q.for('update', { of: inquiries }) : q);
  if (!row) throw new NotFound();
  return row;
}

/** The site's agency handles everything sent to it; the unit it was routed to handles that item too. */
export async function canHandle(ctx: Ctx, inquiry: Inquiry, site: SiteRow): Promise<boolean> {
  if (await can(ctx, 'inquiry.handle', site.agencyId)) return true;
  return inquiry.assignedAgencyId !== null && (await can(ctx, 'inquiry.handle', inquiry.assignedAgencyId));
}

export async function requireHandle(ctx: Ctx, inquiry: Inquiry, site: SiteRow): Promise<void> {
  if (!ctx.actor) throw new Unauthenticated();
  if (!(await canHandle(ctx, inquiry, site))) throw new Forbidden();
}

/** A unit may be given the item only inside the site's agency: its own or one of its subordinate units. */
export async function isWithinSiteAgency(db: Queryable, site: SiteRow, agencyId: string): Promise<boolean> {
  return (await agencyAncestry(db, agencyId)).includes(site.agencyId);
}

/** Guards a transition: the form's version must be the current one, and the item in one of the given states. */
export function assertTransition(inquiry: Inquiry, version: number, from: readonly InquiryStatus[]): void {
  if (inquiry.version !== version) throw new Conflict('inquiry.error.stale');
  if (!from.includes(inquiry.status)) throw new Conflict('inquiry.error.wrongStatus');
}

/** What the audit log keeps: the item's state, never the sender's contact details. */
export function inquirySnapshot(i: Inquiry) {
  return { kind: i.kind, code: i.code, status: i.status, subject: i.subject, assignedAgencyId: i.assignedAgencyId, version: i.version };
}

export function kindKey(kind: InquiryKind): MessageKey {
  return kind === 'question' ? 'inquiry.kind.question' : 'inquiry.kind.feedback';
}

export type InquiryMailDeps = { baseUrl: string };

/** A message to the sender about their item, with the follow-up link; the body's words come from the catalogue. */
export function inquiryMail(deps: InquiryMailDeps, i: Inquiry, site: SiteRow, which: 'received' | 'answered' | 'rejected'): MailContent {
  const keys = {
    received: ['inquiry.mail.receivedSubject', 'inquiry.mail.receivedBody'],
    answered: ['inquiry.mail.answeredSubject', 'inquiry.mail.answeredBody'],
    rejected: ['inquiry.mail.rejectedSubject', 'inquiry.mail.rejectedBody'],
  } as const satisfies Record<string, readonly [MessageKey, MessageKey]>;
  const [subject, body] = keys[which];
  const followUrl = `${deps.baseUrl}${site.isMain ? '' : `/${site.slug}`}${i.kind === 'question' ? '/hoi-dap' : '/phan-anh'}/tra-cuu?ma=${encodeURIComponent(i.code)}`;
  return {
    subject,
    body: [{ text: body }, { link: 'inquiry.mail.follow', url: followUrl }],
    params: { name: i.askerName, site: site.name, subject: i.subject, code: i.code, reason: i.rejectReason ?? '' },
  };
}
