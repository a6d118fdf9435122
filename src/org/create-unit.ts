import { z } from 'zod';
import { recordAudit } from '../platform/audit/record-audit.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction } from '../platform/db/transaction.js';
import { type FieldErrors, Invalid, pgErrorCode } from '../platform/errors.js';
import { parseInput, text } from '../platform/validation.js';
import { requireSystemWide } from '../platform/auth/authorize.js';
import { dateField } from '../platform/dates.js';
import { adminUnits } from './schema.js';
import {
  type Unit,
  codeDigits,
  codeFits,
  kindField,
  kindFits,
  levelField,
  levelRank,
  optionalCode,
  overlapsSameCode,
  unitByCodeOn,
  unitCodeField,
  unitKinds,
  unitSnapshot,
} from './unit-rules.js';

const input = z.object({
  code: unitCodeField,
  name: text(200),
  kind: kindField,
  level: levelField,
  parentCode: optionalCode,
  validFrom: dateField,
});

/** Adds one administrative unit valid from a day, under a parent valid on that day. */
export async function createUnit(ctx: Ctx, raw: unknown): Promise<Unit> {
  requireSystemWide(ctx, 'unit.manage');
  const data = parseInput(input, raw);
  const errors: FieldErrors = {};
  if (!codeFits(data.level, data.code)) errors.code = { key: 'unit.codeFormat', params: { digits: codeDigits[data.level] } };
  if (!kindFits(data.level, data.kind)) errors.kind = { key: 'unit.kindInvalid', params: { kinds: unitKinds[data.level].join(', ') } };
  let parentId: string | null = null;
  if (data.level === 'province' && data.parentCode) errors.parentCode = { key: 'unit.provinceNoParent' };
  if (data.level !== 'province') {
    if (!data.parentCode) errors.parentCode = { key: 'unit.parentRequired' };
    else {
      const parent = await unitByCodeOn(ctx.db, data.parentCode, data.validFrom);
      if (!parent) errors.parentCode = { key: 'unit.parentNotFound' };
      else if (levelRank[parent.level] >= levelRank[data.level]) errors.parentCode = { key: 'unit.parentLevel' };
      else parentId = parent.id;
    }
  }
  if (Object.keys(errors).length) throw new Invalid(errors);
  try {
    return await inTransaction(ctx, async (tx) => {
      if (await overlapsSameCode(tx.db, { code: data.code, level: data.level, validFrom: data.validFrom, validTo: null })) {
        throw new Invalid({ code: { key: 'unit.codeTaken' } });
      }
      const [row] = await tx.db
        .insert(adminUnits)
        .values({ code: data.code, name: data.name, kind: data.kind, level: data.level, parentId, validFrom: data.validFrom, createdAt: ctx.now(), updatedAt: ctx.now() })
        .returning();
      await recordAudit(tx, { action: 'unit.created', entityType: 'admin_unit', entityId: row!.id, after: unitSnapshot(row!) });
      return row!;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Invalid({ code: { key: 'unit.codeTaken' } });
    throw err;
  }
}
