import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid } from '../../platform/errors.js';
import { parseInput, uuidField } from '../../platform/validation.js';
import { agencies } from '../../org/schema.js';
import { inquiries } from '../schema.js';
import { type Inquiry, assertTransition, inquirySnapshot, isWithinSiteAgency, loadInquiry, requireHandle } from './rules.js';

const input = z.object({ agencyId: uuidField, version: z.coerce.number().int() });

/** Routes an item to the unit that knows the answer: the site's agency or one of its subordinate units. */
export async function assignInquiry(ctx: Ctx, id: string, raw: unknown): Promise<Inquiry> {
  const data = parseInput(input, raw);
  const { inquiry, site } = await loadInquiry(ctx.db, id);
  await requireHandle(ctx, inquiry, site);
  const [unit] = await ctx.db.select({ id: agencies.id, active: agencies.active }).from(agencies).where(eq(agencies.id, data.agencyId));
  if (!unit || !unit.active || !(await isWithinSiteAgency(ctx.db, site, unit.id))) throw new Invalid({ agencyId: { key: 'inquiry.error.unitOutside' } });
  return inTransaction(ctx, async (tx) => {
    const { inquiry: current } = await loadInquiry(tx.db, id, { lock: true });
    assertTransition(current, data.version, ['received', 'assigned']);
    const [row] = await tx.db
      .update(inquiries)
      .set({ assignedAgencyId: unit.id, status: 'assigned', version: current.version + 1, updatedAt: ctx.now() })
      .where(eq(inquiries.id, id))
      .returning();
    await recordAudit(tx, { action: 'inquiry.assigned', entityType: 'inquiry', entityId: id, agencyId: site.agencyId, before: inquirySnapshot(current), after: inquirySnapshot(row!) });
    return row!;
  });
}
