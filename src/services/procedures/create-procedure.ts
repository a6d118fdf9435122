import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { requirePermission } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { type FieldErrors, Invalid, pgErrorCode } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { parseDecimal } from './draft-form.js';
import { actorUserId, type Procedure, catalogueFields, checkAgencyRows, fieldById, procedureSnapshot, readAgencyRows, saveAgencyRows, starterDefinition, versionSnapshot } from './rules.js';
import { procedureVersions, procedures } from './schema.js';

const input = z.object({
  ...catalogueFields,
  result: z.preprocess((v) => (typeof v === 'string' ? v.normalize('NFC').trim() : v), z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).max(1000, { error: 'field.tooLong' })),
  timeDays: z.preprocess(
    // Unreadable text becomes -1, which the bound refuses with the same message.
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : (parseDecimal(v) ?? -1)) : v),
    z.number({ error: 'field.required' }).min(0.125, { error: 'proc.notNumber' }).max(3650, { error: 'proc.notNumber' }),
  ),
});

/**
 * Adds a procedure to the catalogue with its competent agencies and a first draft (one step, the time limit and
 * result typed here). Nothing is public until a version is published.
 */
export async function createProcedure(ctx: Ctx, raw: unknown): Promise<Procedure> {
  // The owner comes first: whether the person may keep procedures there decides before what they typed is judged.
  const owner = z.object({ ownerAgencyId: z.uuid() }).safeParse(raw ?? {});
  if (!owner.success) throw new Invalid({ ownerAgencyId: { key: 'proc.ownerRequired' } });
  await requirePermission(ctx, 'procedure.manage', owner.data.ownerAgencyId);
  const errors: FieldErrors = {};
  const rows = readAgencyRows((raw ?? {}) as Record<string, unknown>, errors);
  let data: z.output<typeof input> | null = null;
  try {
    data = parseInput(input, raw);
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    Object.assign(errors, err.fields);
  }
  await checkAgencyRows(ctx.db, rows, errors, (i, col) => `${col}.${i}`);
  if (data) {
    const field = await fieldById(ctx.db, data.fieldId);
    if (!field?.active) errors.fieldId = { key: 'proc.fieldRequired' };
  }
  if (!data || Object.keys(errors).length) throw new Invalid(errors);
  const d = data;
  try {
    return await inTransaction(ctx, async (tx) => {
      const [p] = await tx.db
        .insert(procedures)
        .values({ code: d.code, name: d.name, nameEn: d.nameEn ?? null, fieldId: d.fieldId, level: d.level, legacyLevel: d.legacyLevel ?? null, tier: d.tier, ownerAgencyId: d.ownerAgencyId, createdAt: tx.now(), updatedAt: tx.now() })
        .returning();
      await saveAgencyRows(tx.db, p!.id, rows);
      const [v] = await tx.db
        .insert(procedureVersions)
        .values({ procedureId: p!.id, number: 1, definition: starterDefinition(d.result, d.timeDays), createdBy: actorUserId(tx), createdAt: tx.now(), updatedAt: tx.now() })
        .returning();
      await recordAudit(tx, { action: 'procedure.created', entityType: 'procedure', entityId: p!.id, agencyId: d.ownerAgencyId, after: { ...procedureSnapshot(p!, rows), draft: versionSnapshot(v!) } });
      return p!;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Invalid({ code: { key: 'proc.codeTaken' } });
    throw err;
  }
}
