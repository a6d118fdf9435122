import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { agencies } from '../../org/schema.js';
import { SYSTEM_ACTOR_ID } from '../../platform/auth/system-actor.js';
import type { Ctx } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/client.js';
import { formatVnDateTime } from '../../platform/dates.js';
import { Conflict, type FieldErrors, NotFound } from '../../platform/errors.js';
import { idOrNotFound, optionalField, optionalText, text } from '../../platform/validation.js';
import type { VersionDefinition } from './definition.js';
import { procedureAgencies, procedureFields, procedureLevel, procedureTier, procedureVersions, procedures } from './schema.js';

export type Procedure = typeof procedures.$inferSelect;
export type ProcedureVersion = typeof procedureVersions.$inferSelect;
export type ProcedureField = typeof procedureFields.$inferSelect;
export type CompetentAgency = { agencyId: string; deskAgencyId: string };

export const LEVELS = procedureLevel.enumValues;
export const TIERS = procedureTier.enumValues;
export const LEGACY_LEVELS = [1, 2, 3, 4] as const;

/**
 * National codes look like 1.000656 or 2.002154; a province's own variants add a suffix (1.000656.000.00.00.H13).
 * Anything of that shape is accepted: the national database is the authority, not a pattern here.
 */
export const CODE_PATTERN = /^\d{1,2}\.\d{6}(\.[0-9A-Za-z]+)*$/;

export const versionField = z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(1, { error: 'field.invalid' });

/** Blank rows of competent agencies shown under the filled ones. */
export const AGENCY_BLANK_ROWS = 2;
export const MAX_AGENCY_ROWS = 50;

export const catalogueFields = {
  code: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).regex(CODE_PATTERN, { error: 'proc.nationalCodeFormat' })),
  name: text(500),
  nameEn: optionalText(500),
  fieldId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ error: 'proc.fieldRequired' })),
  level: z.enum(LEVELS, { error: 'proc.levelRequired' }),
  legacyLevel: optionalField(z.coerce.number().int().min(1).max(4)),
  tier: z.enum(TIERS, { error: 'proc.tierRequired' }),
  ownerAgencyId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ error: 'proc.ownerRequired' })),
};

/** The competent agencies posted as rows `agency.N` / `desk.N`; blank rows are skipped. */
export function readAgencyRows(body: Record<string, unknown>, errors: FieldErrors): CompetentAgency[] {
  const n = Math.min(MAX_AGENCY_ROWS, Number.parseInt(String(body['rows.agency'] ?? ''), 10) || AGENCY_BLANK_ROWS);
  const rows: CompetentAgency[] = [];
  const seen = new Set<string>();
  const uuid = z.uuid();
  for (let i = 0; i < n; i++) {
    const agencyId = typeof body[`agency.${i}`] === 'string' ? (body[`agency.${i}`] as string).trim().toLowerCase() : '';
    const deskAgencyId = typeof body[`desk.${i}`] === 'string' ? (body[`desk.${i}`] as string).trim().toLowerCase() : '';
    if (agencyId === '' && deskAgencyId === '') continue;
    if (!uuid.safeParse(agencyId).success) errors[`agency.${i}`] = { key: 'proc.agencyRequired' };
    else if (!uuid.safeParse(deskAgencyId).success) errors[`desk.${i}`] = { key: 'proc.deskRequired' };
    else if (seen.has(agencyId)) errors[`agency.${i}`] = { key: 'proc.agencyTwice' };
    else {
      seen.add(agencyId);
      rows.push({ agencyId, deskAgencyId });
    }
  }
  if (rows.length === 0 && !Object.keys(errors).some((k) => k.startsWith('agency.') || k.startsWith('desk.'))) errors['agency.0'] = { key: 'proc.agencyRequired' };
  return rows;
}

/** Competent agencies must exist and be active; desks must keep a one-stop desk. */
export async function checkAgencyRows(db: Queryable, rows: CompetentAgency[], errors: FieldErrors, name: (i: number, col: 'agency' | 'desk') => string): Promise<void> {
  const ids = [...new Set(rows.flatMap((r) => [r.agencyId, r.deskAgencyId]))];
  const found = ids.length ? await db.select({ id: agencies.id, active: agencies.active, desk: agencies.hasOneStopDesk }).from(agencies).where(inArray(agencies.id, ids)) : [];
  const byId = new Map(found.map((a) => [a.id, a]));
  rows.forEach((r, i) => {
    if (!byId.get(r.agencyId)?.active) errors[name(i, 'agency')] ??= { key: 'proc.agencyUnknown' };
    const desk = byId.get(r.deskAgencyId);
    if (!desk?.active || !desk.desk) errors[name(i, 'desk')] ??= { key: 'proc.deskNotOneStop' };
  });
}

/** Replaces the competent agencies of a procedure. */
export async function saveAgencyRows(db: Tx, procedureId: string, rows: CompetentAgency[]): Promise<void> {
  await db.delete(procedureAgencies).where(eq(procedureAgencies.procedureId, procedureId));
  if (rows.length) await db.insert(procedureAgencies).values(rows.map((r) => ({ procedureId, ...r })));
}

export async function agencyRowsOf(db: Queryable, procedureId: string): Promise<CompetentAgency[]> {
  return db.select({ agencyId: procedureAgencies.agencyId, deskAgencyId: procedureAgencies.deskAgencyId }).from(procedureAgencies).where(eq(procedureAgencies.procedureId, procedureId));
}

/** A new procedure's first draft: enough to pass the schema, so the draft editor opens on something valid. */
export function starterDefinition(result: string, days: number): VersionDefinition {
  return {
    documents: [],
    timeLimit: { unit: 'working_days', days },
    fees: [],
    result,
    legalBasis: '',
    applicants: ['citizen'],
    deliveries: ['counter'],
    steps: [{ code: 'XL', name: 'Thẩm định, xử lý hồ sơ', role: 'specialist', share: 100 }],
    form: { sections: [] },
  };
}

export async function loadProcedure(db: Queryable, id: string): Promise<Procedure> {
  const [p] = await db.select().from(procedures).where(eq(procedures.id, idOrNotFound(id)));
  if (!p) throw new NotFound();
  return p;
}

/** Re-read under a row lock inside the transaction, so version checks see the latest save. */
export async function lockProcedure(tx: { db: Tx }, id: string): Promise<Procedure> {
  const [p] = await tx.db.select().from(procedures).where(eq(procedures.id, id)).for('update');
  if (!p) throw new NotFound();
  return p;
}

export async function loadVersion(db: Queryable, procedureId: string, versionId: string): Promise<ProcedureVersion> {
  const [v] = await db
    .select()
    .from(procedureVersions)
    .where(and(eq(procedureVersions.id, idOrNotFound(versionId)), eq(procedureVersions.procedureId, procedureId)));
  if (!v) throw new NotFound();
  return v;
}

export async function lockVersion(tx: { db: Tx }, id: string): Promise<ProcedureVersion> {
  const [v] = await tx.db.select().from(procedureVersions).where(eq(procedureVersions.id, id)).for('update');
  if (!v) throw new NotFound();
  return v;
}

export async function draftOf(db: Queryable, procedureId: string): Promise<ProcedureVersion | null> {
  const [v] = await db
    .select()
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedureId), eq(procedureVersions.status, 'draft')));
  return v ?? null;
}

export function procedureConflict(p: Procedure): Conflict {
  return new Conflict('proc.editConflict', { at: formatVnDateTime(p.updatedAt), version: p.version });
}

export function draftConflict(v: ProcedureVersion): Conflict {
  return new Conflict('proc.draftConflict', { at: formatVnDateTime(v.updatedAt), revision: v.revision });
}

/** The audit entry's view of a catalogue entry. */
export function procedureSnapshot(p: Procedure, agencyRows?: CompetentAgency[]) {
  const { createdAt: _c, updatedAt: _u, ...rest } = p;
  return agencyRows ? { ...rest, agencies: agencyRows } : rest;
}

export function versionSnapshot(v: ProcedureVersion) {
  return { id: v.id, number: v.number, status: v.status, revision: v.revision, note: v.note, definition: v.definition };
}

export async function fieldById(db: Queryable, id: string): Promise<ProcedureField | null> {
  const [f] = await db.select().from(procedureFields).where(eq(procedureFields.id, id));
  return f ?? null;
}

/** The user to name in created_by / published_by: none for the operator's tools, which are no row of users. */
export function actorUserId(ctx: Ctx): string | null {
  return ctx.actor && ctx.actor.userId !== SYSTEM_ACTOR_ID ? ctx.actor.userId : null;
}
