import { type SQL, and, eq, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { permittedAgencyIds } from '../../platform/auth/authorize.js';
import { type Permission, type Role, isRole, roles } from '../../platform/auth/permissions.js';
import type { Ctx } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/client.js';
import { optionalText, optionalUuid, parseInput } from '../../platform/validation.js';
import { agencies } from '../../org/schema.js';
import { roleAssignments, users } from '../schema.js';

export const PAGE_SIZE = 50;

const collator = new Intl.Collator('vi');
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from a URL are checked before they reach a uuid column, where a malformed one would be a database error. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

export type UserRow = typeof users.$inferSelect;
export type Assignment = { id: string; role: Role; agencyId: string | null; agencyName: string | null; includeDescendants: boolean };

export async function findOfficial(db: Queryable, id: string): Promise<UserRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(users).where(and(eq(users.id, id), eq(users.kind, 'official')));
  return row ?? null;
}

/** Role assignments of several users in one query, with their agencies' names. */
export async function assignmentsOf(db: Queryable, userIds: string[]): Promise<Map<string, Assignment[]>> {
  const out = new Map<string, Assignment[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await db
    .select({ id: roleAssignments.id, userId: roleAssignments.userId, role: roleAssignments.role, agencyId: roleAssignments.agencyId, agencyName: agencies.name, includeDescendants: roleAssignments.includeDescendants })
    .from(roleAssignments)
    .leftJoin(agencies, eq(agencies.id, roleAssignments.agencyId))
    .where(inArray(roleAssignments.userId, userIds));
  const order = (r: string) => roles.indexOf(r as Role);
  rows.sort((a, b) => order(a.role) - order(b.role) || collator.compare(a.agencyName ?? '', b.agencyName ?? ''));
  for (const r of rows) {
    if (!isRole(r.role)) continue;
    out.get(r.userId)?.push({ id: r.id, role: r.role, agencyId: r.agencyId, agencyName: r.agencyName, includeDescendants: r.includeDescendants });
  }
  return out;
}

export async function assignmentsOfUser(db: Queryable, userId: string): Promise<Assignment[]> {
  return (await assignmentsOf(db, [userId])).get(userId) ?? [];
}

export type AgencyOption = { id: string; name: string; code: string };

/** Agencies where the actor holds the permission, for form selects, in Vietnamese order. */
export async function agencyOptions(ctx: Ctx, permission: Permission, opts: { activeOnly?: boolean } = {}): Promise<AgencyOption[]> {
  const scope = await permittedAgencyIds(ctx, permission);
  if (scope !== 'all' && scope.length === 0) return [];
  const conds: SQL[] = [];
  if (scope !== 'all') conds.push(inArray(agencies.id, scope));
  if (opts.activeOnly) conds.push(eq(agencies.active, true));
  const rows = await ctx.db.select({ id: agencies.id, name: agencies.name, code: agencies.code }).from(agencies).where(and(...conds));
  return rows.sort((a, b) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code));
}

const pageNumber = z.preprocess((v) => (v === undefined || v === '' ? 1 : Number(v)), z.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(1, { error: 'field.invalid' }).max(100_000, { error: 'field.invalid' }));

const listFilters = z.object({
  'co-quan': optionalUuid,
  'vai-tro': z.preprocess((v) => (v === '' ? undefined : v), z.enum(roles, { error: 'roles.unknown' }).optional()),
  'trang-thai': z.preprocess((v) => (v === '' ? undefined : v), z.enum(['hoat-dong', 'ngung'], { error: 'field.invalid' }).optional()),
  q: optionalText(100),
  trang: pageNumber,
});
export type ListFilters = z.output<typeof listFilters>;

export function parseListFilters(query: unknown): ListFilters {
  return parseInput(listFilters, query);
}

/** Turns typed text into a LIKE pattern over unaccented lower-case text; the person's % and _ match literally. */
export function searchPattern(q: string): SQL {
  const escaped = q.normalize('NFC').replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`'%' || f_unaccent(lower(${escaped})) || '%'`;
}

export type OfficialListRow = {
  id: string;
  username: string | null;
  fullName: string;
  title: string | null;
  agencyName: string | null;
  active: boolean;
  lockedUntil: Date | null;
  roles: Assignment[];
};

export type Paged<T> = { rows: T[]; total: number; page: number; pages: number };

/**
 * Officials the actor may see. Names are sorted in the application because PGlite cannot collate
 * Vietnamese, so the first query fetches only ids and names of every match; the page's details and
 * roles then come in one query each.
 */
export async function listOfficials(ctx: Ctx, f: ListFilters): Promise<Paged<OfficialListRow>> {
  const scope = await permittedAgencyIds(ctx, 'user.read');
  const empty = { rows: [], total: 0, page: 1, pages: 1 };
  if (scope !== 'all' && scope.length === 0) return empty;
  const conds: SQL[] = [eq(users.kind, 'official')];
  if (scope !== 'all') conds.push(inArray(users.agencyId, scope));
  if (f['co-quan']) conds.push(eq(users.agencyId, f['co-quan']));
  if (f['vai-tro']) conds.push(sql`exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${users.id} and ${roleAssignments.role} = ${f['vai-tro']})`);
  if (f['trang-thai']) conds.push(eq(users.active, f['trang-thai'] === 'hoat-dong'));
  if (f.q) {
    const p = searchPattern(f.q);
    conds.push(or(sql`f_unaccent(lower(${users.fullName})) like ${p}`, sql`f_unaccent(lower(coalesce(${users.username}, ''))) like ${p}`)!);
  }
  const all = await ctx.db.select({ id: users.id, fullName: users.fullName, username: users.username }).from(users).where(and(...conds));
  all.sort((a, b) => collator.compare(a.fullName, b.fullName) || (a.username ?? '').localeCompare(b.username ?? ''));
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = Math.min(f.trang, pages);
  const ids = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((r) => r.id);
  if (ids.length === 0) return { ...empty, total: all.length };
  const details = await ctx.db
    .select({ id: users.id, username: users.username, fullName: users.fullName, title: users.title, agencyName: agencies.name, active: users.active, lockedUntil: users.lockedUntil })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(inArray(users.id, ids));
  const byId = new Map(details.map((d) => [d.id, d]));
  const assignments = await assignmentsOf(ctx.db, ids);
  const rows = ids.flatMap((id) => {
    const d = byId.get(id);
    return d ? [{ ...d, roles: assignments.get(id) ?? [] }] : [];
  });
  return { rows, total: all.length, page, pages };
}

export type OfficialDetail = UserRow & { agencyName: string | null; agencyCode: string | null; assignments: Assignment[] };

export async function officialDetail(db: Queryable, id: string): Promise<OfficialDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ u: users, agencyName: agencies.name, agencyCode: agencies.code })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(users.id, id), eq(users.kind, 'official')));
  if (!row) return null;
  return { ...row.u, agencyName: row.agencyName, agencyCode: row.agencyCode, assignments: await assignmentsOfUser(db, id) };
}

const citizenFilters = z.object({ q: optionalText(100), trang: pageNumber });
export type CitizenFilters = z.output<typeof citizenFilters>;

export function parseCitizenFilters(query: unknown): CitizenFilters {
  return parseInput(citizenFilters, query);
}

export type CitizenListRow = { id: string; fullName: string; email: string | null; phone: string | null; active: boolean; createdAt: Date };

/** Citizen accounts, sorted like the officials list; the caller masks contact data before showing it. */
export async function listCitizens(db: Queryable, f: CitizenFilters): Promise<Paged<CitizenListRow>> {
  const conds: SQL[] = [eq(users.kind, 'citizen')];
  if (f.q) conds.push(sql`f_unaccent(lower(${users.fullName})) like ${searchPattern(f.q)}`);
  const all = await db.select({ id: users.id, fullName: users.fullName, createdAt: users.createdAt }).from(users).where(and(...conds));
  all.sort((a, b) => collator.compare(a.fullName, b.fullName) || a.createdAt.getTime() - b.createdAt.getTime());
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = Math.min(f.trang, pages);
  const ids = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((r) => r.id);
  if (ids.length === 0) return { rows: [], total: all.length, page, pages };
  const details = await db
    .select({ id: users.id, fullName: users.fullName, email: users.email, phone: users.phone, active: users.active, createdAt: users.createdAt })
    .from(users)
    .where(inArray(users.id, ids));
  const byId = new Map(details.map((d) => [d.id, d]));
  return { rows: ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])), total: all.length, page, pages };
}
