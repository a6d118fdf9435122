import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../platform/db/client.js';
import { alias } from 'drizzle-orm/pg-core';
import { adminUnitSuccessors, adminUnits, agencies } from './schema.js';
import type { Agency } from './agency-rules.js';
import { type Unit, type UnitLevel, validOn } from './unit-rules.js';

export const collator = new Intl.Collator('vi');

/** LIKE pattern for "contains", with the user's wildcards taken literally. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Name or code contains the text, with or without Vietnamese diacritics (đ ≡ d). */
function matches(nameCol: SQL | typeof adminUnits.name | typeof agencies.name, codeCol: typeof adminUnits.code | typeof agencies.code, q: string): SQL {
  const p = containsPattern(q.normalize('NFC').toLowerCase());
  return sql`(f_unaccent(lower(${nameCol})) like f_unaccent(${p}) or lower(${codeCol}) like ${p})`;
}

export type UnitRow = Unit & { parentCode: string | null; parentName: string | null };

export type UnitFilter = {
  level?: UnitLevel;
  q?: string;
  /** Only units valid on this day; absent means every version. */
  on?: string;
  parentId?: string;
  limit: number;
  offset: number;
};

/** A page of units ordered by code (the statistics office order people know), with the total for paging. */
export async function listUnits(db: Queryable, f: UnitFilter): Promise<{ rows: UnitRow[]; total: number }> {
  const parent = alias(adminUnits, 'parent');
  const where = and(
    f.level ? eq(adminUnits.level, f.level) : undefined,
    f.on ? validOn(f.on) : undefined,
    f.parentId ? eq(adminUnits.parentId, f.parentId) : undefined,
    f.q ? matches(adminUnits.name, adminUnits.code, f.q) : undefined,
  );
  const [totalRow] = await db.select({ n: count() }).from(adminUnits).where(where);
  const rows = await db
    .select({ u: adminUnits, parentCode: parent.code, parentName: parent.name })
    .from(adminUnits)
    .leftJoin(parent, eq(parent.id, adminUnits.parentId))
    .where(where)
    .orderBy(asc(adminUnits.code), asc(adminUnits.validFrom))
    .limit(f.limit)
    .offset(f.offset);
  return { rows: rows.map((r) => ({ ...r.u, parentCode: r.parentCode, parentName: r.parentName })), total: Number(totalRow?.n ?? 0) };
}

export type Link = { unit: Unit; part: 'full' | 'partial' };

export async function unitDetail(db: Queryable, id: string) {
  const [unit] = await db.select().from(adminUnits).where(eq(adminUnits.id, id));
  if (!unit) return null;
  const [parent] = unit.parentId ? await db.select().from(adminUnits).where(eq(adminUnits.id, unit.parentId)) : [];
  const [children] = await db.select({ n: count() }).from(adminUnits).where(eq(adminUnits.parentId, id));
  const preds = await db
    .select({ unit: adminUnits, part: adminUnitSuccessors.part })
    .from(adminUnitSuccessors)
    .innerJoin(adminUnits, eq(adminUnits.id, adminUnitSuccessors.predecessorId))
    .where(eq(adminUnitSuccessors.successorId, id))
    .orderBy(asc(adminUnits.code));
  const succs = await db
    .select({ unit: adminUnits, part: adminUnitSuccessors.part })
    .from(adminUnitSuccessors)
    .innerJoin(adminUnits, eq(adminUnits.id, adminUnitSuccessors.successorId))
    .where(eq(adminUnitSuccessors.predecessorId, id))
    .orderBy(asc(adminUnits.code));
  return { unit, parent: parent ?? null, childCount: Number(children?.n ?? 0), predecessors: preds as Link[], successors: succs as Link[] };
}

export type AgencyStatus = 'active' | 'inactive' | 'all';

/** Agencies for the tree page; few enough (hundreds) to sort by Vietnamese name in the app. */
export async function listAgencies(db: Queryable, f: { status: AgencyStatus; q?: string }): Promise<Agency[]> {
  const rows = await db
    .select()
    .from(agencies)
    .where(and(f.status === 'all' ? undefined : eq(agencies.active, f.status === 'active'), f.q ? matches(agencies.name, agencies.code, f.q) : undefined));
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/** Every agency's id, name and parent, for showing where a search hit sits in the tree. */
export async function agencyNames(db: Queryable): Promise<Map<string, { name: string; parentId: string | null }>> {
  const rows = await db.select({ id: agencies.id, name: agencies.name, parentId: agencies.parentId }).from(agencies);
  return new Map(rows.map((r) => [r.id, { name: r.name, parentId: r.parentId }]));
}

export async function agencyDetail(db: Queryable, id: string) {
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, id));
  if (!agency) return null;
  const [parent] = agency.parentId ? await db.select().from(agencies).where(eq(agencies.id, agency.parentId)) : [];
  const children = (await db.select().from(agencies).where(eq(agencies.parentId, id))).sort((a, b) => collator.compare(a.name, b.name));
  const [unit] = agency.adminUnitId ? await db.select().from(adminUnits).where(eq(adminUnits.id, agency.adminUnitId)) : [];
  return { agency, parent: parent ?? null, children, unit: unit ?? null };
}

/** Active agencies for the public API, optionally the children of one. */
export async function activeAgencies(db: Queryable, parentId?: string): Promise<Agency[]> {
  const rows = await db
    .select()
    .from(agencies)
    .where(and(eq(agencies.active, true), parentId ? eq(agencies.parentId, parentId) : undefined));
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

export async function unitCodes(db: Queryable, ids: string[]): Promise<Map<string, { code: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: adminUnits.id, code: adminUnits.code, name: adminUnits.name }).from(adminUnits).where(inArray(adminUnits.id, ids));
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}
