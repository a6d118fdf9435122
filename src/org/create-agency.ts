import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit/record-audit.js';
import { requirePermission } from '../platform/auth/authorize.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction } from '../platform/db/transaction.js';
import { type FieldErrors, Invalid, pgErrorCode } from '../platform/errors.js';
import { optionalUuid, parseInput } from '../platform/validation.js';
import { requireSystemWide } from '../platform/auth/authorize.js';
import { type Agency, agencyFields, agencySnapshot, codeTaken, resolveUnit, agencyColumns } from './agency-rules.js';
import { agencies } from './schema.js';

const input = z.object({ ...agencyFields, parentId: optionalUuid });

/**
 * Adds an agency under a parent, for whoever may create agencies there; a top-level agency (a provincial
 * People's Committee) needs a system-wide grant.
 */
export async function createAgency(ctx: Ctx, raw: unknown): Promise<Agency> {
  const data = parseInput(input, raw);
  const parentId = data.parentId ?? null;
  if (parentId) {
    const [parent] = await ctx.db.select({ id: agencies.id, active: agencies.active }).from(agencies).where(eq(agencies.id, parentId));
    if (!parent) throw new Invalid({ parentId: { key: 'agency.parentNotFound' } });
    await requirePermission(ctx, 'agency.create', parentId);
    if (!parent.active) throw new Invalid({ parentId: { key: 'agency.parentInactive' } });
  } else {
    requireSystemWide(ctx, 'agency.create');
  }
  const errors: FieldErrors = {};
  const adminUnitId = await resolveUnit(ctx, data.unitCode, errors);
  if (await codeTaken(ctx.db, data.code)) errors.code = { key: 'agency.codeTaken' };
  if (Object.keys(errors).length) throw new Invalid(errors);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(agencies)
        .values({
          ...agencyColumns(data, adminUnitId),
          parentId,
          createdAt: ctx.now(),
          updatedAt: ctx.now(),
        })
        .returning();
      await recordAudit(tx, { action: 'agency.created', entityType: 'agency', entityId: row!.id, agencyId: row!.id, after: agencySnapshot(row!) });
      return row!;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Invalid({ code: { key: 'agency.codeTaken' } });
    throw err;
  }
}
