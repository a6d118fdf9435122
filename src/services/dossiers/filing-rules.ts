import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../accounts/schema.js';
import type { Ctx } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/client.js';
import { Forbidden, NotFound, Unauthenticated } from '../../platform/errors.js';
import { IMAGE_TYPES } from '../../platform/storage/save-upload.js';
import { optionalEmail, optionalField, optionalPhone, optionalText, text } from '../../platform/validation.js';
import { formValuesFromAnswers } from '../forms/render-form.js';
import type { UploadKind, VersionDefinition } from '../procedures/definition.js';
import { procedureAgencies, procedureVersions, procedures } from '../procedures/schema.js';
import type { Dossier } from './append-action.js';
import { dossiers } from './schema.js';

export type Procedure = typeof procedures.$inferSelect;
export type ProcedureVersion = typeof procedureVersions.$inferSelect;

/** A citizen or business account: officials file in person through the desk, not here. */
export function requireCitizen(ctx: Ctx): { userId: string } {
  if (!ctx.actor) throw new Unauthenticated();
  if (ctx.actor.kind !== 'citizen') throw new Forbidden();
  return { userId: ctx.actor.userId };
}

/** The procedure in force under a national code, open to online filing. */
export async function procedureForFiling(db: Queryable, code: string): Promise<{ procedure: Procedure; version: ProcedureVersion }> {
  const [row] = await db
    .select({ procedure: procedures, version: procedureVersions })
    .from(procedures)
    .innerJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId))
    .where(and(eq(procedures.code, code), eq(procedures.active, true)));
  if (!row || row.procedure.level === 'offline') throw new NotFound();
  return row;
}

export async function competentAgencies(db: Queryable, procedureId: string) {
  return db
    .select({ agencyId: procedureAgencies.agencyId, deskAgencyId: procedureAgencies.deskAgencyId })
    .from(procedureAgencies)
    .where(eq(procedureAgencies.procedureId, procedureId));
}

/**
 * The applicant's own dossier, read for a change. Someone else's is a 404 rather than a 403: a dossier id must not
 * confirm that a dossier exists. `forUpdate` takes the row lock so concurrent requests of the same person queue.
 */
export async function ownDossier(ctx: Ctx, id: string, forUpdate = false): Promise<Dossier> {
  const { userId } = requireCitizen(ctx);
  const q = ctx.db.select().from(dossiers).where(and(eq(dossiers.id, id), eq(dossiers.applicantId, userId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw new NotFound();
  return row;
}

export async function versionOf(db: Queryable, dossier: Pick<Dossier, 'procedureVersionId'>): Promise<ProcedureVersion> {
  const [v] = await db.select().from(procedureVersions).where(eq(procedureVersions.id, dossier.procedureVersionId));
  return v!;
}

export async function accountContacts(db: Queryable, userId: string) {
  const [u] = await db.select({ fullName: users.fullName, email: users.email, phone: users.phone }).from(users).where(eq(users.id, userId));
  return u!;
}

/** CCCD has 12 digits, the old CMND 9; enterprises give their 10- or 13-digit tax code (0123456789-001). */
export const idNumberPattern = /^(?:\d{9}|\d{12}|\d{10}(?:-\d{3})?)$/;
export const idNumberField = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/[\s.]/g, '') : v),
  z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).regex(idNumberPattern, { error: 'dossier.error.idNumber' }),
);

/** The applicant block of the filing form; in a draft everything may still be missing. */
export const applicantFields = {
  applicantName: text(200),
  applicantIdNumber: optionalField(z.string().regex(idNumberPattern, { error: 'dossier.error.idNumber' }), (s) => s.replace(/[\s.]/g, '')),
  applicantEmail: optionalEmail,
  applicantPhone: optionalPhone,
  applicantAddress: optionalText(300),
  applicantKind: z.enum(['citizen', 'enterprise', 'organisation'], { error: 'field.invalid' }).default('citizen'),
  delivery: z.enum(['counter', 'post', 'electronic'], { error: 'field.invalid' }).optional(),
  summary: optionalText(1000),
};

const MIME_BY_KIND: Record<UploadKind, readonly string[]> = {
  pdf: ['application/pdf'],
  image: IMAGE_TYPES,
  office: [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/msword',
    'application/vnd.ms-excel',
    'application/x-cfb',
  ],
};

/** Content types a required document accepts, judged from the bytes. */
export function allowedTypes(kinds: readonly UploadKind[]): string[] {
  return [...new Set(kinds.flatMap((k) => MIME_BY_KIND[k]))];
}

/** The document a code names in the version the dossier was filed under. */
export function documentOf(definition: VersionDefinition, code: string) {
  const doc = definition.documents.find((d) => d.code === code);
  if (!doc) throw new NotFound();
  return doc;
}

/** Fees are fixed by the version: the dossier carries their total for the payment and the 766 indicators. */
export function feeTotal(definition: VersionDefinition): number {
  return definition.fees.reduce((s, f) => s + f.amount, 0);
}

/** A draft as the filing form's fields: what submission validates when the last page sends only the key. */
export function draftAsForm(d: Dossier, definition: VersionDefinition): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = { ...formValuesFromAnswers(definition.form, d.answers), applicantName: d.applicantName, applicantKind: d.applicantKind, delivery: d.delivery };
  for (const [k, v] of Object.entries({ applicantIdNumber: d.applicantIdNumber, applicantEmail: d.applicantEmail, applicantPhone: d.applicantPhone, applicantAddress: d.applicantAddress, summary: d.summary })) {
    if (v) out[k] = v;
  }
  return out;
}
