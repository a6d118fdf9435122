import type { FastifyInstance } from 'fastify';
import { agencyRoutes } from './agency-routes.js';
import { orgApiRoutes } from './api-routes.js';
import { unitRoutes } from './unit-routes.js';

/** Administrative units and agencies: back-office pages and the public read-only API. */
export async function orgRoutes(app: FastifyInstance): Promise<void> {
  await app.register(unitRoutes);
  await app.register(agencyRoutes);
  await app.register(orgApiRoutes);
}
