import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { composeMail } from '../../platform/mail/compose.js';
import { enqueueMail } from '../../platform/mail/mail-job.js';
import type { Secrets } from '../../platform/secrets.js';
import { parseInput, text } from '../../platform/validation.js';
import { inquiries } from '../schema.js';
import { type Inquiry, type InquiryMailDeps, assertTransition, inquiryMail, inquirySnapshot, loadInquiry } from './rules.js';

const input = z.object({ reason: text(2000), version: z.coerce.number().int() });

/**
 * Declines an item (outside the agency's remit, abusive, a duplicate) with a reason the sender is told. Closing a
 * person's request is an approver's decision, not the handling unit's.
 */
export async function rejectInquiry(ctx: Ctx, id: string, raw: unknown, deps: InquiryMailDeps & { secrets: Secrets }): Promise<Inquiry> {
  const data = parseInput(input, raw);
  const { site } = await loadInquiry(ctx.db, id);
  await requirePermission(ctx, 'inquiry.publish', site.agencyId);
  return inTransaction(ctx, async (tx) => {
    const { inquiry: current } = await loadInquiry(tx.db, id, { lock: true });
    assertTransition(current, data.version, ['received', 'assigned', 'answered']);
    const [row] = await tx.db
      .update(inquiries)
      .set({ status: 'rejected', rejectReason: data.reason, version: current.version + 1, updatedAt: ctx.now() })
      .where(eq(inquiries.id, id))
      .returning();
    const inquiry = row!;
    await recordAudit(tx, { action: 'inquiry.rejected', entityType: 'inquiry', entityId: id, agencyId: site.agencyId, before: inquirySnapshot(current), after: { ...inquirySnapshot(inquiry), reason: data.reason } });
    if (inquiry.askerEmail) await enqueueMail(tx, deps.secrets, composeMail(inquiry.askerEmail, inquiryMail(deps, inquiry, site, 'rejected')));
    return inquiry;
  });
}
