import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'congso_sid';
export const ANON_COOKIE = 'congso_anon';
export const LANG_COOKIE = 'congso_lang';
export const FLASH_COOKIE = 'congso_flash';

/** Secure when the site is served over TLS, directly or behind a trusted proxy. */
export function cookieOptions(req: FastifyRequest, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: req.protocol === 'https',
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(req));
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
}

/** A one-shot message shown on the next page, e.g. "changes saved" after a redirect. */
export function setFlash(req: FastifyRequest, reply: FastifyReply, message: string): void {
  reply.setCookie(FLASH_COOKIE, encodeURIComponent(message.slice(0, 300)), cookieOptions(req, 60));
}

/** Only same-site relative paths, so a crafted "next" cannot send people elsewhere. */
export function safeNext(next: unknown, fallback: string): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  return next;
}
