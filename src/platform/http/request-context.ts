import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Permission, roleGrants } from '../auth/permissions.js';
import { loadSession, touchSession } from '../auth/sessions.js';
import type { Actor } from '../context.js';
import { AppError } from '../errors.js';
import { type Locale, translator } from '../i18n/index.js';
import { randomToken } from '../secrets.js';
import { ANON_COOKIE, FLASH_COOKIE, LANG_COOKIE, SESSION_COOKIE, clearSessionCookie, cookieOptions } from './cookies.js';

export class CsrfError extends AppError {
  readonly status = 403;
  readonly code = 'csrf';
  constructor() {
    super('error.csrf');
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function pickLocale(req: FastifyRequest): Locale {
  const cookie = req.cookies[LANG_COOKIE];
  if (cookie === 'en' || cookie === 'vi') return cookie;
  return 'vi';
}

/**
 * Builds the request context every route and use case reads: session, actor, language, form token.
 * CSRF tokens are bound to the session, or for anonymous forms to a random cookie (double submit, signed).
 */
export const requestContext = fp(async (app: FastifyInstance) => {
  const { config, database, secrets } = app.deps;
  const now = app.deps.now ?? (() => new Date());
  const policy = { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };

  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const at = now();
    req.session = null;
    req.sessionExpired = false;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const s = await loadSession(database.db, token, at, policy);
      if (s === 'expired' || s === null) {
        req.sessionExpired = s === 'expired';
        clearSessionCookie(req, reply);
      } else {
        req.session = s;
        await touchSession(database.db, s, at);
      }
    }
    if (req.session) {
      req.csrf = secrets.csrfToken(`sid:${req.session.id}`);
    } else {
      // Made on first use: a page without a form (most public pages, all cached ones) sets no cookie and costs no
      // HMAC, so shared caches may keep it and a new visitor is not given an identifier for nothing.
      let token: string | null = null;
      Object.defineProperty(req, 'csrf', {
        configurable: true,
        get: () => {
          if (token === null) {
            let anon = req.cookies[ANON_COOKIE];
            if (!anon || anon.length < 20) {
              anon = randomToken(18);
              reply.setCookie(ANON_COOKIE, anon, cookieOptions(req));
            }
            token = secrets.csrfToken(`anon:${anon}`);
          }
          return token;
        },
      });
    }
    req.locale = pickLocale(req);
    req.t = translator(req.locale);
    req.ctx = {
      db: database.db,
      actor: req.session && req.session.stage === 'active' ? req.session.actor : null,
      now,
      ip: req.ip ?? null,
      requestId: req.id,
      locale: req.locale,
      log: req.log,
    };
    const flashRaw = req.cookies[FLASH_COOKIE];
    let flash: string | null = null;
    if (flashRaw) {
      try {
        flash = decodeURIComponent(flashRaw);
      } catch {
        flash = null;
      }
      reply.clearCookie(FLASH_COOKIE, cookieOptions(req));
    }
    req.page = (override) => ({
      t: req.t,
      locale: req.locale,
      path: req.url.split('?')[0] ?? '/',
      get csrf() {
        return req.csrf;
      },
      provinceName: config.provinceName,
      user:
        req.session && req.session.stage === 'active'
          ? { fullName: req.session.user.fullName, kind: req.session.user.kind, holds: holdsAnywhere(req.session.actor) }
          : null,
      sessionIdleExpiresAt: req.session && req.session.stage === 'active' ? req.session.idleExpiresAt : null,
      flash: override === undefined ? flash : override,
    });
  });

  app.addHook('preHandler', async (req: FastifyRequest) => {
    if (!unsafeMethods.has(req.method)) return;
    if (req.routeOptions.config.csrf === false) return;
    const body = req.body as Record<string, unknown> | undefined;
    const fromBody = body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
    const header = req.headers['x-csrf-token'];
    const given = fromBody ?? (typeof header === 'string' ? header : undefined);
    const binding = req.session ? `sid:${req.session.id}` : `anon:${req.cookies[ANON_COOKIE] ?? ''}`;
    if (!given || !secrets.verifyCsrf(binding, given)) throw new CsrfError();
  });
});

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set false only on endpoints that cannot carry a token and change nothing a person owns. */
    csrf?: boolean;
  }
}

/** Whether a role of the actor grants the permission in some agency: enough to offer a menu entry, never to act. */
function holdsAnywhere(actor: Actor): (permission: Permission) => boolean {
  return (permission) => actor.kind === 'official' && actor.grants.some((g) => roleGrants(g.role, permission));
}
