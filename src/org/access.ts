import type { Ctx } from '../platform/context.js';
import { Forbidden, NotFound, Unauthenticated } from '../platform/errors.js';
import { type Permission, roleGrants } from '../platform/auth/permissions.js';

/**
 * For things that belong to no agency (administrative units, top-level agencies): only a grant held
 * system-wide counts, whereas can(ctx, p, null) answers "anywhere".
 */
export function requireSystemWide(ctx: Ctx, permission: Permission): void {
  const actor = ctx.actor;
  if (!actor) throw new Unauthenticated();
  if (actor.kind !== 'official' || !actor.grants.some((g) => g.agencyId === null && roleGrants(g.role, permission))) throw new Forbidden();
}

export function hasSystemWide(ctx: Ctx, permission: Permission): boolean {
  const actor = ctx.actor;
  return !!actor && actor.kind === 'official' && actor.grants.some((g) => g.agencyId === null && roleGrants(g.role, permission));
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id in a URL names nothing, so it is a 404 like an unknown one. */
export function idOrNotFound(id: string): string {
  if (!uuidPattern.test(id)) throw new NotFound();
  return id.toLowerCase();
}

export function isUuid(id: string): boolean {
  return uuidPattern.test(id);
}
