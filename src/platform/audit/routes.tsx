import type { FastifyInstance } from 'fastify';

/** The audit log search page in the back office. */
export async function auditRoutes(_app: FastifyInstance): Promise<void> {}
