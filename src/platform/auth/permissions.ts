/**
 * Roles are fixed in code; who holds which role in which agency is data (role_assignments).
 * A module adds its permissions here and grants them to the roles that act in it.
 */
export const roles = [
  'system_admin',
  'agency_admin',
  'editor',
  'approver',
  'desk_officer',
  'specialist',
  'leader',
  'clerk',
] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'unit.manage',
  'agency.read',
  'agency.create',
  'agency.update',
  'agency.deactivate',
  'user.read',
  'user.manage',
  'role.assign',
  'audit.read',
  'calendar.manage',
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  system_admin: permissions,
  agency_admin: ['agency.read', 'agency.create', 'agency.update', 'agency.deactivate', 'user.read', 'user.manage', 'role.assign', 'audit.read'],
  editor: ['agency.read'],
  approver: ['agency.read'],
  desk_officer: ['agency.read'],
  specialist: ['agency.read'],
  leader: ['agency.read', 'user.read'],
  clerk: ['agency.read', 'user.read'],
};

export function roleGrants(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

/** Roles whose holders must sign in with a second factor. */
export const rolesRequiringMfa: readonly Role[] = ['system_admin', 'agency_admin'];

/** Roles that make sense held over an agency's whole subtree. */
export const inheritableRoles: readonly Role[] = ['system_admin', 'agency_admin', 'leader'];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
