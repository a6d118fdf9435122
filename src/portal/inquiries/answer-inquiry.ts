import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { parseInput, text } from '../../platform/validation.js';
import { inquiries } from '../schema.js';
import { type Inquiry, assertTransition, inquirySnapshot, loadInquiry, requireHandle } from './rules.js';

const input = z.object({ answer: text(20_000), version: z.coerce.number().int() });

/**
 * The handling unit writes the answer; it waits for an approver before the sender or the public sees it. An answer
 * may be rewritten until it is approved.
 */
export async function answerInquiry(ctx: Ctx, id: string, raw: unknown): Promise<Inquiry> {
  const data = parseInput(input, raw);
  const { inquiry, site } = await loadInquiry(ctx.db, id);
  await requireHandle(ctx, inquiry, site);
  return inTransaction(ctx, async (tx) => {
    const { inquiry: current } = await loadInquiry(tx.db, id, { lock: true });
    assertTransition(current, data.version, ['received', 'assigned', 'answered']);
    const [row] = await tx.db
      .update(inquiries)
      .set({
        answer: data.answer,
        answeredBy: ctx.actor!.userId,
        answeredAt: ctx.now(),
        status: 'answered',
        // Answered without routing: the site's own agency answered it.
        assignedAgencyId: current.assignedAgencyId ?? site.agencyId,
        version: current.version + 1,
        updatedAt: ctx.now(),
      })
      .where(eq(inquiries.id, id))
      .returning();
    await recordAudit(tx, {
      action: 'inquiry.answered',
      entityType: 'inquiry',
      entityId: id,
      agencyId: site.agencyId,
      before: { ...inquirySnapshot(current), answer: current.answer },
      after: { ...inquirySnapshot(row!), answer: row!.answer },
    });
    return row!;
  });
}
