import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict } from '../../platform/errors.js';
import { composeMail } from '../../platform/mail/compose.js';
import { enqueueMail } from '../../platform/mail/mail-job.js';
import type { Secrets } from '../../platform/secrets.js';
import { parseInput } from '../../platform/validation.js';
import { invalidatePages, pageTags } from '../cache/invalidate-pages.js';
import { inquiries } from '../schema.js';
import { indexSearchEntry } from '../search/search-index.js';
import { sitePaths } from '../urls.js';
import { type Inquiry, type InquiryMailDeps, assertTransition, inquiryMail, inquirySnapshot, loadInquiry } from './rules.js';

const input = z.object({ version: z.coerce.number().int() });

/**
 * An approver of the site releases the answer: the sender is told, and when they agreed to publication the
 * question and answer appear on the site and in search. The approver must not be the one who answered.
 */
export async function publishInquiry(ctx: Ctx, id: string, raw: unknown, deps: InquiryMailDeps & { secrets: Secrets }): Promise<Inquiry> {
  const data = parseInput(input, raw);
  const { site } = await loadInquiry(ctx.db, id);
  const actor = await requirePermission(ctx, 'inquiry.publish', site.agencyId);
  return inTransaction(ctx, async (tx) => {
    const { inquiry: current } = await loadInquiry(tx.db, id, { lock: true });
    assertTransition(current, data.version, ['answered']);
    if (current.answeredBy === actor.userId) throw new Conflict('inquiry.error.ownAnswer');
    const now = ctx.now();
    const [row] = await tx.db
      .update(inquiries)
      .set({ status: 'published', publishedAt: now, publishedBy: actor.userId, version: current.version + 1, updatedAt: now })
      .where(eq(inquiries.id, id))
      .returning();
    const inquiry = row!;
    if (inquiry.publicConsent) {
      const url = inquiry.kind === 'question' ? sitePaths.question(inquiry.id) : sitePaths.feedbackItem(inquiry.id);
      await indexSearchEntry(tx.db, { entityType: 'question', entityId: inquiry.id, siteId: site.id, title: inquiry.subject, summary: inquiry.body, body: inquiry.answer, url, publishedAt: now });
      await invalidatePages(tx.db, [pageTags.questions(site.id)]);
    }
    await recordAudit(tx, { action: 'inquiry.published', entityType: 'inquiry', entityId: id, agencyId: site.agencyId, before: inquirySnapshot(current), after: inquirySnapshot(inquiry) });
    if (inquiry.askerEmail) await enqueueMail(tx, deps.secrets, composeMail(inquiry.askerEmail, inquiryMail(deps, inquiry, site, 'answered')));
    return inquiry;
  });
}
