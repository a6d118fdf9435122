import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit/record-audit.js';
import { requirePermission } from '../platform/auth/authorize.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction } from '../platform/db/transaction.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import { optionalUuid, parseInput } from '../platform/validation.js';
import { requireSystemWide } from '../platform/auth/authorize.js';
import { idOrNotFound } from '../platform/validation.js';
import { agencyAncestry } from '../platform/auth/authorize.js';
import { type Agency, agencySnapshot, versionField } from './agency-rules.js';
import { agencies } from './schema.js';

const input = z.object({ parentId: optionalUuid, version: versionField });

/**
 * Moves an agency (with its subtree) under another parent. Needs the right to change the agency and the
 * right to create agencies under the new parent; no agency may end up under itself.
 */
export async function moveAgency(ctx: Ctx, id: string, raw: unknown): Promise<Agency> {
  const agencyId = idOrNotFound(id);
  const [current] = await ctx.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId));
  if (!current) throw new NotFound();
  await requirePermission(ctx, 'agency.update', agencyId);
  const data = parseInput(input, raw);
  const parentId = data.parentId ?? null;
  if (parentId) {
    const [parent] = await ctx.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, parentId));
    if (!parent) throw new Invalid({ parentId: { key: 'agency.parentNotFound' } });
    await requirePermission(ctx, 'agency.create', parentId);
  } else {
    requireSystemWide(ctx, 'agency.create');
  }
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(agencies).where(eq(agencies.id, agencyId)).for('update');
    if (!before) throw new NotFound();
    if (before.version !== data.version) throw new Conflict();
    if (before.parentId === parentId) throw new Invalid({ parentId: { key: 'agency.sameParent' } });
    if (parentId) {
      if ((await agencyAncestry(tx.db, parentId)).includes(agencyId)) throw new Invalid({ parentId: { key: 'agency.cycle' } });
      const [parent] = await tx.db.select({ active: agencies.active }).from(agencies).where(eq(agencies.id, parentId));
      if (before.active && !parent?.active) throw new Invalid({ parentId: { key: 'agency.parentInactive' } });
    }
    const [after] = await tx.db
      .update(agencies)
      .set({ parentId, version: before.version + 1, updatedAt: ctx.now() })
      .where(and(eq(agencies.id, agencyId), eq(agencies.version, data.version)))
      .returning();
    if (!after) throw new Conflict();
    await recordAudit(tx, { action: 'agency.moved', entityType: 'agency', entityId: agencyId, agencyId, before: agencySnapshot(before), after: agencySnapshot(after) });
    return after;
  });
}
