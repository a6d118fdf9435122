import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../platform/db/client.js';
import { formatVnDateTime } from '../../platform/dates.js';
import { Conflict, NotFound } from '../../platform/errors.js';
import { optionalText, text } from '../../platform/validation.js';
import type { ProcedureField } from './rules.js';
import { procedureFields } from './schema.js';

/** Field codes as the national database writes them (e.g. G09-TP07, H17): letters, digits, dots and hyphens. */
export const fieldInput = {
  code: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).regex(/^[A-Za-z0-9._-]{1,40}$/, { error: 'proc.codeFormat' })),
  name: text(300),
  nameEn: optionalText(300),
};

export async function lockField(tx: { db: Tx }, id: string): Promise<ProcedureField> {
  const [f] = await tx.db.select().from(procedureFields).where(eq(procedureFields.id, id)).for('update');
  if (!f) throw new NotFound();
  return f;
}

export function fieldConflict(f: ProcedureField): Conflict {
  return new Conflict('proc.fieldConflict', { at: formatVnDateTime(f.updatedAt), version: f.version });
}

export function fieldSnapshot(f: ProcedureField) {
  return { code: f.code, name: f.name, nameEn: f.nameEn, active: f.active, version: f.version };
}
