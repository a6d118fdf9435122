import type { Actor, Ctx, RoleGrant } from '../../platform/context.js';
import { agencyAncestry, can, hasSystemWideGrant } from '../../platform/auth/authorize.js';
import { type Permission, roleGrants } from '../../platform/auth/permissions.js';
import { Forbidden, Unauthenticated } from '../../platform/errors.js';


/**
 * The permission for a user's records. An account without an agency belongs to no one's scope, so only a
 * system-wide grant reaches it (can() with null would mean "anywhere").
 */
export async function canForUser(ctx: Ctx, permission: Permission, agencyId: string | null): Promise<boolean> {
  return agencyId === null ? hasSystemWideGrant(ctx.actor, permission) : can(ctx, permission, agencyId);
}

export async function requireForUser(ctx: Ctx, permission: Permission, agencyId: string | null): Promise<Actor> {
  if (!ctx.actor) throw new Unauthenticated();
  if (!(await canForUser(ctx, permission, agencyId))) throw new Forbidden();
  return ctx.actor;
}

/** Whether the actor's permission covers the agency's whole subtree, not just the agency itself. */
async function coversSubtree(ctx: Ctx, permission: Permission, agencyId: string): Promise<boolean> {
  const actor = ctx.actor;
  if (!actor) return false;
  if (hasSystemWideGrant(actor, permission)) return true;
  const inherited = actor.grants.filter((g) => g.includeDescendants && g.agencyId !== null && roleGrants(g.role, permission));
  if (inherited.length === 0) return false;
  const ancestry = await agencyAncestry(ctx.db, agencyId);
  return inherited.some((g) => ancestry.includes(g.agencyId as string));
}

/**
 * Whether the actor may give (or take away) this grant: system_admin only through a system-wide grant,
 * any other role through role.assign in its agency, and over a subtree only if the actor's own power
 * covers that subtree — nobody hands out more than they hold.
 */
export async function canGrant(ctx: Ctx, grant: Omit<RoleGrant, 'role'> & { role: string }): Promise<boolean> {
  if (grant.role === 'system_admin' || grant.agencyId === null) return hasSystemWideGrant(ctx.actor, 'role.assign');
  if (!(await can(ctx, 'role.assign', grant.agencyId))) return false;
  return !grant.includeDescendants || coversSubtree(ctx, 'role.assign', grant.agencyId);
}

export async function requireCanGrant(ctx: Ctx, grant: Omit<RoleGrant, 'role'> & { role: string }): Promise<void> {
  if (!ctx.actor) throw new Unauthenticated();
  if (grant.role === 'system_admin' && !hasSystemWideGrant(ctx.actor, 'role.assign')) throw new Forbidden('roles.onlySystemGrant');
  if (!(await canGrant(ctx, grant))) throw new Forbidden();
}

/**
 * Managing an account (editing it, resetting its password or second factor) hands over its powers, so
 * the actor needs user.manage in its agency and must be able to give every role it holds: an agency
 * administrator cannot take over a system administrator who happens to sit in their agency.
 */
export async function canManageUser(ctx: Ctx, user: { agencyId: string | null }, grants: readonly (Omit<RoleGrant, 'role'> & { role: string })[]): Promise<boolean> {
  if (!(await canForUser(ctx, 'user.manage', user.agencyId))) return false;
  for (const g of grants) if (!(await canGrant(ctx, g))) return false;
  return true;
}

export async function requireManageUser(ctx: Ctx, user: { agencyId: string | null }, grants: readonly (Omit<RoleGrant, 'role'> & { role: string })[]): Promise<void> {
  await requireForUser(ctx, 'user.manage', user.agencyId);
  for (const g of grants) if (!(await canGrant(ctx, g))) throw new Forbidden('users.beyondYourScope');
}

/**
 * Citizens' accounts hold personal data (Decree 13/2023): least access means only a system-wide
 * administrator sees them, whatever agency roles others hold.
 */
export function requireCitizenAccess(ctx: Ctx): Actor {
  if (!ctx.actor) throw new Unauthenticated();
  if (!hasSystemWideGrant(ctx.actor, 'user.manage')) throw new Forbidden();
  return ctx.actor;
}

/** What the detail page may offer; the use cases check again when a form is sent. */
export async function detailAccess(ctx: Ctx, user: { agencyId: string | null }, assignments: readonly (Omit<RoleGrant, 'role'> & { role: string; id: string })[]) {
  const canManage = await canManageUser(ctx, user, assignments);
  const canAssign = await canForUser(ctx, 'role.assign', user.agencyId);
  const removable = new Set<string>();
  if (canAssign) for (const a of assignments) if (await canGrant(ctx, a)) removable.add(a.id);
  return { canManage, canAssign, removable };
}
