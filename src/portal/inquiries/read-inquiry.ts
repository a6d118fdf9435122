import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { can } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { queryRows } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Forbidden, Unauthenticated } from '../../platform/errors.js';
import { agencies } from '../../org/schema.js';
import { users } from '../../accounts/schema.js';
import { canHandle, loadInquiry } from './rules.js';

/**
 * One item in full for the officials who handle or approve it. It shows the sender's contact details, so each
 * reading is recorded (Decree 13/2023).
 */
export async function readInquiry(ctx: Ctx, id: string) {
  if (!ctx.actor) throw new Unauthenticated();
  const { inquiry, site } = await loadInquiry(ctx.db, id);
  const handle = await canHandle(ctx, inquiry, site);
  const approve = await can(ctx, 'inquiry.publish', site.agencyId);
  if (!handle && !approve) throw new Forbidden();
  await inTransaction(ctx, (tx) =>
    recordAudit(tx, { action: 'personal_data.read', entityType: 'inquiry', entityId: inquiry.id, agencyId: site.agencyId, after: { fields: ['askerName', 'askerEmail', 'askerPhone', 'askerAddress'] } }),
  );
  // The units it may be routed to: the site's agency and everything under it.
  const units = await queryRows<{ id: string; name: string }>(ctx.db, sql`
    with recursive down(id, depth) as (
      select id, 0 from agencies where id = ${site.agencyId}
      union all
      select a.id, down.depth + 1 from agencies a join down on a.parent_id = down.id where down.depth < 50 and a.active
    )
    select a.id, a.name from agencies a join down on down.id = a.id order by down.depth, a.name`);
  const [assigned] = inquiry.assignedAgencyId ? await ctx.db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, inquiry.assignedAgencyId)) : [];
  const [answeredBy] = inquiry.answeredBy ? await ctx.db.select({ name: users.fullName }).from(users).where(eq(users.id, inquiry.answeredBy)) : [];
  return {
    inquiry,
    site,
    units,
    assignedName: assigned?.name ?? null,
    answeredByName: answeredBy?.name ?? null,
    may: { handle, approve: approve && inquiry.answeredBy !== ctx.actor.userId },
  };
}
export type InquiryDetail = Awaited<ReturnType<typeof readInquiry>>;
