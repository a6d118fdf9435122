import { sql } from 'drizzle-orm';
import type { Actor, Ctx } from '../context.js';
import { type Queryable, queryRows } from '../db/client.js';
import { Forbidden, Unauthenticated } from '../errors.js';
import { type Permission, roleGrants } from './permissions.js';

/** The agency and its ancestors, nearest first. */
export async function agencyAncestry(db: Queryable, agencyId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from agencies where id = ${agencyId}
      union all
      select a.id, a.parent_id, up.depth + 1 from agencies a join up on a.id = up.parent_id where up.depth < 50
    )
    select id from up order by depth`);
  return rows.map((r) => r.id);
}

/** Whether the actor holds the permission through a grant without agency, i.e. across the whole province. */
export function hasSystemWideGrant(actor: Actor | null, permission: Permission): boolean {
  return !!actor && actor.kind === 'official' && actor.grants.some((g) => g.agencyId === null && roleGrants(g.role, permission));
}

/**
 * For things that belong to no agency (administrative units, top-level agencies, the working calendar): only a
 * grant held system-wide counts, whereas can(ctx, p, null) answers "anywhere".
 */
export function requireSystemWide(ctx: Ctx, permission: Permission): void {
  if (!ctx.actor) throw new Unauthenticated();
  if (!hasSystemWideGrant(ctx.actor, permission)) throw new Forbidden();
}

/**
 * Whether the actor holds the permission for records of the agency: a role held in that agency,
 * a role held with includeDescendants in one of its ancestors, or a role held without agency (system-wide).
 * With agencyId null the question is "anywhere", which list pages use before filtering by scope.
 */
export async function can(ctx: Ctx, permission: Permission, agencyId: string | null): Promise<boolean> {
  const actor = ctx.actor;
  if (!actor || actor.kind !== 'official') return false;
  if (hasSystemWideGrant(actor, permission)) return true;
  const relevant = actor.grants.filter((g) => roleGrants(g.role, permission));
  if (relevant.length === 0) return false;
  if (agencyId === null) return true;
  if (relevant.some((g) => g.agencyId === agencyId)) return true;
  const inherited = relevant.filter((g) => g.includeDescendants);
  if (inherited.length === 0) return false;
  const ancestry = await agencyAncestry(ctx.db, agencyId);
  return inherited.some((g) => g.agencyId !== null && ancestry.includes(g.agencyId));
}

export async function requirePermission(ctx: Ctx, permission: Permission, agencyId: string | null): Promise<Actor> {
  if (!ctx.actor) throw new Unauthenticated();
  if (!(await can(ctx, permission, agencyId))) throw new Forbidden();
  return ctx.actor;
}

/**
 * The agencies in which the actor holds the permission, for filtering lists: 'all' for a system-wide grant.
 */
export async function permittedAgencyIds(ctx: Ctx, permission: Permission): Promise<'all' | string[]> {
  const actor = ctx.actor;
  if (!actor || actor.kind !== 'official') return [];
  if (hasSystemWideGrant(actor, permission)) return 'all';
  const relevant = actor.grants.filter((g) => roleGrants(g.role, permission) && g.agencyId !== null);
  const direct = relevant.filter((g) => !g.includeDescendants).map((g) => g.agencyId as string);
  const roots = relevant.filter((g) => g.includeDescendants).map((g) => g.agencyId as string);
  if (roots.length === 0) return [...new Set(direct)];
  const rows = await queryRows<{ id: string }>(ctx.db, sql`
    with recursive down(id, depth) as (
      select id, 0 from agencies where id in ${roots}
      union all
      select a.id, down.depth + 1 from agencies a join down on a.parent_id = down.id where down.depth < 50
    )
    select distinct id from down`);
  return [...new Set([...direct, ...rows.map((r) => r.id)])];
}
