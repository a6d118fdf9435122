import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoadedSession } from '../../platform/auth/sessions.js';
import { createSession, destroySession } from '../../platform/auth/sessions.js';
import { safeNext, setSessionCookie } from '../../platform/http/cookies.js';

/** A new session token at every sign-in, so a token planted before sign-in is worthless after it. */
export async function startCitizenSession(req: FastifyRequest, reply: FastifyReply, userId: string): Promise<void> {
  const { database, config } = req.server.deps;
  if (req.session) await destroySession(database.db, req.session.id);
  const s = await createSession(database.db, {
    userId,
    stage: 'active',
    mfaVerified: false,
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    now: req.ctx.now(),
    policy: { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours },
  });
  setSessionCookie(req, reply, s.token);
}

/**
 * The signed-in citizen, or a redirect: to the sign-in page (coming back here after), or to the back office for
 * an official, whose account is managed there.
 */
export function citizenSession(req: FastifyRequest, reply: FastifyReply): LoadedSession | null {
  const s = req.session;
  if (!s || s.stage !== 'active') {
    const q = req.sessionExpired ? 'het-han=1' : `next=${encodeURIComponent(safeNext(req.url, '/tai-khoan'))}`;
    void reply.redirect(`/dang-nhap?${q}`, 303);
    return null;
  }
  if (s.user.kind !== 'citizen') {
    void reply.redirect('/quan-tri', 303);
    return null;
  }
  return s;
}
