import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { agencies } from '../../org/schema.js';
import { permittedAgencyIds } from '../../platform/auth/authorize.js';
import type { Ctx } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/client.js';
import { files } from '../../platform/schema.js';
import { foldVietnamese } from '../../portal/text/search-text.js';
import type { CompetentAgency, Procedure, ProcedureField, ProcedureVersion } from './rules.js';
import { procedureAgencies, procedureFields, procedureVersions, procedures } from './schema.js';

export const PAGE_SIZE = 25;

const collator = new Intl.Collator('vi');

export type AgencyOption = { id: string; code: string; name: string; oneStop: boolean };

export async function listFields(db: Queryable): Promise<(ProcedureField & { procedures: number })[]> {
  const rows = await db
    .select({ f: procedureFields, n: count(procedures.id) })
    .from(procedureFields)
    .leftJoin(procedures, eq(procedures.fieldId, procedureFields.id))
    .groupBy(procedureFields.id);
  return rows.map((r) => ({ ...r.f, procedures: Number(r.n) })).sort((a, b) => collator.compare(a.name, b.name));
}

/** Every active agency, for choosing competent agencies and desks (one list, since any may be competent). */
export async function agencyOptions(db: Queryable): Promise<AgencyOption[]> {
  const rows = await db.select({ id: agencies.id, code: agencies.code, name: agencies.name, oneStop: agencies.hasOneStopDesk }).from(agencies).where(eq(agencies.active, true));
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/** The agencies whose catalogue entries the person keeps: where they hold procedure.manage. */
export async function ownerOptions(ctx: Ctx, all: AgencyOption[]): Promise<AgencyOption[]> {
  const scope = await permittedAgencyIds(ctx, 'procedure.manage');
  if (scope === 'all') return all;
  const allowed = new Set(scope);
  return all.filter((a) => allowed.has(a.id));
}

export type ProcedureFilters = { fieldId?: string; level?: Procedure['level']; ownerAgencyId?: string; q?: string; page: number };

export type ProcedureListRow = {
  id: string;
  code: string;
  name: string;
  fieldName: string;
  level: Procedure['level'];
  ownerName: string;
  active: boolean;
  currentNumber: number | null;
  hasDraft: boolean;
};

/** One page of the procedures the person keeps, by code. */
export async function listProcedures(ctx: Ctx, f: ProcedureFilters): Promise<{ rows: ProcedureListRow[]; total: number }> {
  const scope = await permittedAgencyIds(ctx, 'procedure.manage');
  if (scope !== 'all' && scope.length === 0) return { rows: [], total: 0 };
  const conds: SQL[] = [];
  if (scope !== 'all') conds.push(inArray(procedures.ownerAgencyId, scope));
  if (f.fieldId) conds.push(eq(procedures.fieldId, f.fieldId));
  if (f.level) conds.push(eq(procedures.level, f.level));
  if (f.ownerAgencyId) conds.push(eq(procedures.ownerAgencyId, f.ownerAgencyId));
  if (f.q) {
    const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`(f_unaccent(lower(${procedures.name})) like ${like(foldVietnamese(f.q).toLowerCase())} or ${procedures.code} like ${like(f.q)})`);
  }
  const where = conds.length ? and(...conds) : undefined;
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(procedures).where(where);
  const draft = sql<boolean>`exists (select 1 from ${procedureVersions} dv where dv.procedure_id = ${procedures.id} and dv.status = 'draft')`;
  const rows = await ctx.db
    .select({
      id: procedures.id,
      code: procedures.code,
      name: procedures.name,
      fieldName: procedureFields.name,
      level: procedures.level,
      ownerName: agencies.name,
      active: procedures.active,
      currentNumber: procedureVersions.number,
      hasDraft: draft,
    })
    .from(procedures)
    .innerJoin(procedureFields, eq(procedureFields.id, procedures.fieldId))
    .innerJoin(agencies, eq(agencies.id, procedures.ownerAgencyId))
    .leftJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId))
    .where(where)
    .orderBy(asc(procedures.code))
    .limit(PAGE_SIZE)
    .offset((f.page - 1) * PAGE_SIZE);
  return { rows: rows.map((r) => ({ ...r, hasDraft: r.hasDraft === true || String(r.hasDraft) === 'true' })), total: Number(n) };
}

export type VersionRow = Pick<ProcedureVersion, 'id' | 'number' | 'status' | 'note' | 'revision' | 'createdAt' | 'updatedAt' | 'publishedAt'>;

export type ProcedureDetail = {
  procedure: Procedure;
  field: ProcedureField;
  ownerName: string;
  agencies: (CompetentAgency & { agencyName: string; deskName: string })[];
  versions: VersionRow[];
};

export async function procedureDetail(db: Queryable, p: Procedure): Promise<ProcedureDetail> {
  const [field] = await db.select().from(procedureFields).where(eq(procedureFields.id, p.fieldId));
  const rows = await db.select({ agencyId: procedureAgencies.agencyId, deskAgencyId: procedureAgencies.deskAgencyId }).from(procedureAgencies).where(eq(procedureAgencies.procedureId, p.id));
  const ids = [...new Set([p.ownerAgencyId, ...rows.flatMap((r) => [r.agencyId, r.deskAgencyId])])];
  const names = new Map((await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, ids))).map((a) => [a.id, a.name]));
  const versions = await db
    .select({
      id: procedureVersions.id,
      number: procedureVersions.number,
      status: procedureVersions.status,
      note: procedureVersions.note,
      revision: procedureVersions.revision,
      createdAt: procedureVersions.createdAt,
      updatedAt: procedureVersions.updatedAt,
      publishedAt: procedureVersions.publishedAt,
    })
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, p.id))
    .orderBy(desc(procedureVersions.number));
  return {
    procedure: p,
    field: field!,
    ownerName: names.get(p.ownerAgencyId) ?? '',
    agencies: rows.map((r) => ({ ...r, agencyName: names.get(r.agencyId) ?? '', deskName: names.get(r.deskAgencyId) ?? '' })).sort((a, b) => collator.compare(a.agencyName, b.agencyName)),
    versions,
  };
}

/** Names of the template files a definition links to. */
export async function templateFiles(db: Queryable, ids: string[]): Promise<Map<string, { id: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: files.id, name: files.name }).from(files).where(inArray(files.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}
