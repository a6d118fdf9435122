import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden } from '../errors.js';

/** Back-office pages reachable before a full sign-in. */
const openPaths = new Set(['/quan-tri/dang-nhap', '/quan-tri/xac-thuc-2-buoc', '/quan-tri/doi-mat-khau', '/quan-tri/dang-xuat']);

/**
 * Sends anyone without a complete official session to the step they still owe: sign in, second factor,
 * or a new password. Use cases check permissions again; this only keeps half-signed-in people out.
 */
export const backOfficeGuard = fp(async (app: FastifyInstance) => {
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path !== '/quan-tri' && !path.startsWith('/quan-tri/')) return;
    if (openPaths.has(path.replace(/\/$/, ''))) return;
    const s = req.session;
    if (!s) {
      const q = req.sessionExpired ? '?het-han=1' : `?next=${encodeURIComponent(req.url)}`;
      return reply.redirect(`/quan-tri/dang-nhap${q}`, 303);
    }
    if (s.user.kind !== 'official') throw new Forbidden();
    if (s.stage === 'mfa') return reply.redirect('/quan-tri/xac-thuc-2-buoc', 303);
    if (s.stage === 'password') return reply.redirect('/quan-tri/doi-mat-khau', 303);
  });
});
