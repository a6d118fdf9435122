import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { sessions } from '../schema.js';
import { migrationStatus } from '../db/migrations.js';
import { LANG_COOKIE, cookieOptions, safeNext } from './cookies.js';

export async function platformRoutes(app: FastifyInstance): Promise<void> {
  const { database } = app.deps;

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await database.db.execute(sql`select 1`);
      const m = await migrationStatus(database.db);
      if (m.applied < m.expected) return reply.status(503).send({ status: 'migrations pending', ...m });
      return { status: 'ready', engine: database.engine, migrations: m.applied };
    } catch {
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });

  app.get(
    '/api/v1/session',
    {
      schema: {
        summary: 'The signed-in person and the CSRF token for state-changing API calls',
        tags: ['session'],
        response: {
          200: {
            type: 'object',
            properties: {
              csrfToken: { type: 'string' },
              user: {
                type: 'object',
                nullable: true,
                properties: { id: { type: 'string' }, kind: { type: 'string', enum: ['official', 'citizen'] }, fullName: { type: 'string' }, agencyId: { type: 'string', nullable: true } },
              },
            },
          },
        },
      },
    },
    async (req) => {
      const s = req.session?.stage === 'active' ? req.session : null;
      return { csrfToken: req.csrf, user: s ? { id: s.user.id, kind: s.user.kind, fullName: s.user.fullName, agencyId: s.user.agencyId } : null };
    },
  );

  app.get<{ Params: { lang: string }; Querystring: { next?: string } }>('/ngon-ngu/:lang', { schema: { hide: true } }, async (req, reply) => {
    const lang = req.params.lang === 'en' ? 'en' : 'vi';
    reply.setCookie(LANG_COOKIE, lang, { ...cookieOptions(req, 365 * 24 * 3600), httpOnly: false });
    return reply.redirect(safeNext(req.query.next, '/'), 303);
  });

  /** "Stay signed in" from the idle warning: any request refreshes the session, this one forces the write. */
  app.post<{ Body: { next?: string } }>('/phien/gia-han', { schema: { hide: true } }, async (req, reply) => {
    if (req.session) await database.db.update(sessions).set({ lastSeenAt: req.ctx.now() }).where(eq(sessions.id, req.session.id));
    return reply.redirect(safeNext(req.body?.next, '/'), 303);
  });
}
