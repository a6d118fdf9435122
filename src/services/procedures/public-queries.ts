import { type SQL, and, asc, count, countDistinct, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../platform/db/client.js';
import { files } from '../../platform/schema.js';
import { agencies } from '../../org/schema.js';
import { foldVietnamese, normaliseQuery } from '../../portal/text/search-text.js';
import type { VersionDefinition } from './definition.js';
import { procedureAgencies, procedureFields, procedureLevel, procedureVersions, procedures } from './schema.js';

/**
 * Read models of the public procedure pages and their JSON twin. A procedure is public when it is active and has a
 * published version in force; everything else (inactive, only a draft) is as if it did not exist.
 */

export const PUBLIC_PAGE_SIZE = 20;
export const procedureLevels = procedureLevel.enumValues;
export type ProcedureLevel = (typeof procedureLevels)[number];

const collator = new Intl.Collator('vi');

const isPublic = and(eq(procedures.active, true), isNotNull(procedures.currentVersionId), eq(procedureVersions.status, 'published'));

export type Named = { code: string; name: string; nameEn: string | null };
export type Facet = Named & { count: number };
export type Facets = { fields: Facet[]; agencies: Facet[]; levels: Record<ProcedureLevel, number>; total: number };

const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);

/** What the services home browses by: fields, competent agencies and levels with their counts, in three queries. */
export async function publicFacets(db: Queryable): Promise<Facets> {
  const [fieldRows, agencyRows, levelRows] = await Promise.all([
    db
      .select({ code: procedureFields.code, name: procedureFields.name, nameEn: procedureFields.nameEn, count: count() })
      .from(procedures)
      .innerJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId))
      .innerJoin(procedureFields, eq(procedureFields.id, procedures.fieldId))
      .where(isPublic)
      .groupBy(procedureFields.id),
    db
      .select({ code: agencies.code, name: agencies.name, nameEn: agencies.nameEn, count: countDistinct(procedures.id) })
      .from(procedures)
      .innerJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId))
      .innerJoin(procedureAgencies, eq(procedureAgencies.procedureId, procedures.id))
      .innerJoin(agencies, eq(agencies.id, procedureAgencies.agencyId))
      .where(isPublic)
      .groupBy(agencies.id),
    db
      .select({ level: procedures.level, count: count() })
      .from(procedures)
      .innerJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId))
      .where(isPublic)
      .groupBy(procedures.level),
  ]);
  const levels = Object.fromEntries(procedureLevels.map((l) => [l, 0])) as Record<ProcedureLevel, number>;
  for (const r of levelRows) levels[r.level] = Number(r.count);
  const num = <T extends { count: unknown }>(r: T) => ({ ...r, count: Number(r.count) });
  return {
    fields: fieldRows.map(num).sort(byName),
    agencies: agencyRows.map(num).sort(byName),
    levels,
    total: Object.values(levels).reduce((a, b) => a + b, 0),
  };
}

export type ProcedureFilters = {
  q?: string;
  /** Field code, as the browse links carry it. */
  field?: string;
  /** Agency code. */
  agency?: string;
  level?: ProcedureLevel;
  page: number;
  pageSize?: number;
};

export type ProcedureCard = Named & {
  id: string;
  level: ProcedureLevel;
  tier: 'province' | 'commune';
  field: Named;
  agencies: Named[];
};

const likeWord = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Every word of the query must appear in the name (either language) or the code, compared folded on both sides as
 * the portal's search does, so "cap giay phep" finds "cấp giấy phép" and "đ" is "d".
 */
function textCondition(q: string): SQL | undefined {
  const words = foldVietnamese(normaliseQuery(q)).toLowerCase().split(' ').filter(Boolean).slice(0, 10);
  if (words.length === 0) return undefined;
  const haystack = sql`f_unaccent(lower(${procedures.name} || ' ' || coalesce(${procedures.nameEn}, '') || ' ' || ${procedures.code}))`;
  return and(...words.map((w) => sql`${haystack} like ${likeWord(w)}`));
}

function filterConditions(f: ProcedureFilters): SQL | undefined {
  const conds: (SQL | undefined)[] = [isPublic];
  if (f.field) conds.push(eq(procedureFields.code, f.field));
  if (f.level) conds.push(eq(procedures.level, f.level));
  if (f.agency) {
    conds.push(sql`exists (select 1 from ${procedureAgencies} pa join ${agencies} a on a.id = pa.agency_id where pa.procedure_id = ${procedures.id} and a.code = ${f.agency})`);
  }
  if (f.q) conds.push(textCondition(f.q));
  return and(...conds);
}

/**
 * One page of public procedures and how many match, in three queries whatever the page size: the count, the page,
 * and the competent agencies of its rows. Sorted by the folded name in byte order, which both engines agree on
 * (their collations differ, see docs/architecture.md); close to Vietnamese order, and stable across pages.
 */
export async function listPublicProcedures(db: Queryable, f: ProcedureFilters): Promise<{ rows: ProcedureCard[]; total: number }> {
  const size = f.pageSize ?? PUBLIC_PAGE_SIZE;
  const where = filterConditions(f);
  const [[counted], page] = await Promise.all([
    db
      .select({ n: count() })
      .from(procedures)
      .innerJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId))
      .innerJoin(procedureFields, eq(procedureFields.id, procedures.fieldId))
      .where(where),
    db
      .select({
        id: procedures.id,
        code: procedures.code,
        name: procedures.name,
        nameEn: procedures.nameEn,
        level: procedures.level,
        tier: procedures.tier,
        fieldCode: procedureFields.code,
        fieldName: procedureFields.name,
        fieldNameEn: procedureFields.nameEn,
      })
      .from(procedures)
      .innerJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId))
      .innerJoin(procedureFields, eq(procedureFields.id, procedures.fieldId))
      .where(where)
      .orderBy(sql`f_unaccent(lower(${procedures.name})) collate "C"`, asc(procedures.code))
      .limit(size)
      .offset((f.page - 1) * size),
  ]);
  const agencyRows = page.length
    ? await db
        .select({ procedureId: procedureAgencies.procedureId, code: agencies.code, name: agencies.name, nameEn: agencies.nameEn })
        .from(procedureAgencies)
        .innerJoin(agencies, eq(agencies.id, procedureAgencies.agencyId))
        .where(inArray(procedureAgencies.procedureId, page.map((r) => r.id)))
    : [];
  const rows = page.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    level: r.level,
    tier: r.tier,
    field: { code: r.fieldCode, name: r.fieldName, nameEn: r.fieldNameEn },
    agencies: agencyRows
      .filter((a) => a.procedureId === r.id)
      .map(({ code, name, nameEn }) => ({ code, name, nameEn }))
      .sort(byName),
  }));
  return { rows, total: Number(counted?.n ?? 0) };
}

export type TemplateFile = { id: string; name: string; size: number; contentType: string };

export type ProcedureDetail = Omit<ProcedureCard, 'agencies'> & {
  version: { number: number; publishedAt: Date | null; definition: VersionDefinition };
  /** Competent agencies with the one-stop desk that receives their dossiers. */
  agencies: (Named & { desk: Named })[];
  /** Blank forms to download, by file id. */
  templates: Map<string, TemplateFile>;
};

/** The procedure in force with this code, or null: inactive, only a draft, or unknown are all a 404. Three queries. */
export async function publicProcedure(db: Queryable, code: string): Promise<ProcedureDetail | null> {
  const [row] = await db
    .select({ p: procedures, field: procedureFields, v: procedureVersions })
    .from(procedures)
    .innerJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId))
    .innerJoin(procedureFields, eq(procedureFields.id, procedures.fieldId))
    .where(and(isPublic, eq(procedures.code, code)));
  if (!row) return null;
  const { p, field, v } = row;
  const desk = alias(agencies, 'desk');
  const templateIds = [...new Set(v.definition.documents.map((d) => d.templateFileId).filter((id): id is string => !!id))];
  const [agencyRows, fileRows] = await Promise.all([
    db
      .select({ code: agencies.code, name: agencies.name, nameEn: agencies.nameEn, deskCode: desk.code, deskName: desk.name, deskNameEn: desk.nameEn })
      .from(procedureAgencies)
      .innerJoin(agencies, eq(agencies.id, procedureAgencies.agencyId))
      .innerJoin(desk, eq(desk.id, procedureAgencies.deskAgencyId))
      .where(eq(procedureAgencies.procedureId, p.id)),
    templateIds.length
      ? db.select({ id: files.id, name: files.name, size: files.size, contentType: files.contentType }).from(files).where(inArray(files.id, templateIds))
      : Promise.resolve([]),
  ]);
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    level: p.level,
    tier: p.tier,
    field: { code: field.code, name: field.name, nameEn: field.nameEn },
    agencies: agencyRows
      .map((a) => ({ code: a.code, name: a.name, nameEn: a.nameEn, desk: { code: a.deskCode, name: a.deskName, nameEn: a.deskNameEn } }))
      .sort(byName),
    version: { number: v.number, publishedAt: v.publishedAt, definition: v.definition },
    templates: new Map(fileRows.map((f) => [f.id, f])),
  };
}
