import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit/record-audit.js';
import { requirePermission } from '../platform/auth/authorize.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction } from '../platform/db/transaction.js';
import { Conflict, type FieldErrors, Invalid, NotFound, pgErrorCode } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { idOrNotFound } from '../platform/validation.js';
import { type Agency, agencyFields, agencySnapshot, codeTaken, resolveUnit, versionField, agencyColumns } from './agency-rules.js';
import { agencies } from './schema.js';

const input = z.object({ ...agencyFields, version: versionField });

/** Changes an agency's details; the form's version must still be current. */
export async function editAgency(ctx: Ctx, id: string, raw: unknown): Promise<Agency> {
  const agencyId = idOrNotFound(id);
  const [current] = await ctx.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId));
  if (!current) throw new NotFound();
  await requirePermission(ctx, 'agency.update', agencyId);
  const data = parseInput(input, raw);
  const errors: FieldErrors = {};
  const adminUnitId = await resolveUnit(ctx, data.unitCode, errors);
  if (await codeTaken(ctx.db, data.code, agencyId)) errors.code = { key: 'agency.codeTaken' };
  if (Object.keys(errors).length) throw new Invalid(errors);
  try {
    return await inTransaction(ctx, async (tx) => {
      const [before] = await tx.db.select().from(agencies).where(eq(agencies.id, agencyId)).for('update');
      if (!before) throw new NotFound();
      if (before.version !== data.version) throw new Conflict();
      const [after] = await tx.db
        .update(agencies)
        .set({
          ...agencyColumns(data, adminUnitId),
          version: before.version + 1,
          updatedAt: ctx.now(),
        })
        .where(and(eq(agencies.id, agencyId), eq(agencies.version, data.version)))
        .returning();
      if (!after) throw new Conflict();
      await recordAudit(tx, { action: 'agency.updated', entityType: 'agency', entityId: agencyId, agencyId, before: agencySnapshot(before), after: agencySnapshot(after) });
      return after;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Invalid({ code: { key: 'agency.codeTaken' } });
    throw err;
  }
}
