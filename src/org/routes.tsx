import type { FastifyInstance } from 'fastify';

/** Administrative units and agencies in the back office. */
export async function orgRoutes(_app: FastifyInstance): Promise<void> {}
