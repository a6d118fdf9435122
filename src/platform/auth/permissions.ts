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
  // Portal: a site belongs to an agency, so these are checked against the site's agency.
  'site.manage',
  'article.write',
  'article.publish',
  'legal.manage',
  'inquiry.handle',
  'inquiry.publish',
  'portal.stats.read',
  // Online public services: a procedure is checked against the agency keeping it in the catalogue; a dossier
  // against its competent agency (processing) or its desk agency (reception and return).
  'procedure.manage',
  'dossier.read',
  'dossier.receive',
  'dossier.process',
  'dossier.assign',
  'dossier.approve',
  'dossier.stats.read',
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  system_admin: permissions,
  agency_admin: [
    'agency.read',
    'agency.create',
    'agency.update',
    'agency.deactivate',
    'user.read',
    'user.manage',
    'role.assign',
    'audit.read',
    'site.manage',
    'portal.stats.read',
    'procedure.manage',
    'dossier.stats.read',
  ],
  editor: ['agency.read', 'article.write', 'legal.manage', 'inquiry.handle', 'portal.stats.read'],
  // Approvers write too (they fix a typo before publishing), but never publish their own article: see publish-article.ts.
  approver: ['agency.read', 'article.write', 'article.publish', 'legal.manage', 'inquiry.handle', 'inquiry.publish', 'portal.stats.read'],
  desk_officer: ['agency.read', 'dossier.read', 'dossier.receive'],
  // The unit a question is routed to answers it.
  specialist: ['agency.read', 'inquiry.handle', 'dossier.read', 'dossier.process'],
  leader: ['agency.read', 'user.read', 'portal.stats.read', 'dossier.read', 'dossier.process', 'dossier.assign', 'dossier.approve', 'dossier.stats.read'],
  // The clerk numbers and releases results (the release step of a process).
  clerk: ['agency.read', 'user.read', 'dossier.read', 'dossier.process'],
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
