import type { FastifyBaseLogger } from 'fastify';
import type { Queryable } from './db/client.js';
import type { Role } from './auth/permissions.js';
import type { Locale } from './i18n/index.js';

export type RoleGrant = { role: Role; agencyId: string | null; includeDescendants: boolean };

export type Actor = {
  userId: string;
  kind: 'official' | 'citizen';
  label: string;
  agencyId: string | null;
  grants: RoleGrant[];
};

/**
 * What a use case needs to know about the request, passed explicitly so tests can give a fixed clock,
 * any actor and a test database.
 */
export type Ctx = {
  db: Queryable;
  actor: Actor | null;
  now: () => Date;
  ip: string | null;
  requestId: string | null;
  locale: Locale;
  log: FastifyBaseLogger;
};

export function withDb(ctx: Ctx, db: Queryable): Ctx {
  return { ...ctx, db };
}
