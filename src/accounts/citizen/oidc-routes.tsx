import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Conflict, Forbidden, NotFound } from '../../platform/errors.js';
import { cookieOptions, safeNext, setFlash } from '../../platform/http/cookies.js';
import { sendPage } from '../../platform/views/render.js';
import { linkIdentity } from './link-identity.js';
import { type OidcClient, OidcFailure } from './oidc-client.js';
import { startCitizenSession } from './session.js';
import { signInWithOidc } from './sign-in-with-oidc.js';
import { OidcErrorPage } from './views/sign-in.js';

const OIDC_COOKIE = 'congso_oidc';
const OIDC_PATH = '/dang-nhap/oidc';
const ATTEMPT_MINUTES = 10;

/** What the browser carries between the redirect and the callback, sealed so it can be neither read nor forged. */
const attempt = z.object({
  verifier: z.string().min(43),
  state: z.string().min(16),
  nonce: z.string().min(16),
  mode: z.enum(['signin', 'link']),
  userId: z.uuid().nullable(),
  next: z.string(),
  at: z.number(),
});
type Attempt = z.infer<typeof attempt>;

/** Sends the browser to the provider, remembering the PKCE verifier, state and nonce in a short-lived cookie. */
export async function beginOidc(req: FastifyRequest, reply: FastifyReply, oidc: OidcClient, intent: { mode: Attempt['mode']; userId: string | null; next: string }) {
  const { secrets } = req.server.deps;
  try {
    const { url, checks } = await oidc.start();
    const sealed = secrets.encrypt(JSON.stringify({ ...checks, ...intent, at: req.ctx.now().getTime() } satisfies Attempt));
    // Lax, not strict: the provider sends the person back with a top-level GET from its own site.
    reply.setCookie(OIDC_COOKIE, sealed, { ...cookieOptions(req, ATTEMPT_MINUTES * 60), path: OIDC_PATH });
    return reply.redirect(url, 303);
  } catch (err) {
    return failurePage(req, reply, oidc, err);
  }
}

function failurePage(req: FastifyRequest, reply: FastifyReply, oidc: OidcClient, err: unknown) {
  if (!(err instanceof OidcFailure || err instanceof Forbidden || err instanceof Conflict)) throw err;
  const message = req.t(err.messageKey, { provider: oidc.displayName, ...err.params });
  return sendPage(reply, <OidcErrorPage page={req.page()} message={message} />, err.status);
}

function openAttempt(req: FastifyRequest): Attempt {
  const raw = req.cookies[OIDC_COOKIE];
  if (!raw) throw new OidcFailure('citizen.oidc.badState');
  let parsed: Attempt;
  try {
    parsed = attempt.parse(JSON.parse(req.server.deps.secrets.decrypt(raw)));
  } catch {
    throw new OidcFailure('citizen.oidc.badState');
  }
  const age = req.ctx.now().getTime() - parsed.at;
  if (age < 0 || age > ATTEMPT_MINUTES * 60_000) throw new OidcFailure('citizen.oidc.badState');
  return parsed;
}

/** Sign-in (and account linking) through the configured OpenID Connect provider. */
export async function oidcRoutes(app: FastifyInstance, opts: { oidc: OidcClient | null }): Promise<void> {
  const { oidc } = opts;

  app.get<{ Querystring: { next?: string } }>(OIDC_PATH, { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (req, reply) => {
    if (!oidc) throw new NotFound();
    return beginOidc(req, reply, oidc, { mode: 'signin', userId: null, next: safeNext(req.query.next, '/tai-khoan') });
  });

  app.get(`${OIDC_PATH}/callback`, { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (req, reply) => {
    if (!oidc) throw new NotFound();
    // One attempt, one callback: a replayed or second callback finds no cookie.
    reply.clearCookie(OIDC_COOKIE, { ...cookieOptions(req), path: OIDC_PATH });
    try {
      const intent = openAttempt(req);
      const claims = await oidc.finish(new URLSearchParams(req.url.split('?')[1] ?? ''), intent);
      if (intent.mode === 'link') {
        const s = req.session;
        if (!s || s.stage !== 'active' || s.user.id !== intent.userId) throw new OidcFailure('citizen.oidc.badState');
        const result = await linkIdentity(req.ctx, oidc.settings.issuer, claims);
        setFlash(req, reply, req.t(result === 'linked' ? 'citizen.oidc.linked' : 'citizen.oidc.alreadyLinked', { provider: oidc.displayName }));
        return reply.redirect('/tai-khoan', 303);
      }
      const { userId } = await signInWithOidc(req.ctx, oidc.settings.issuer, claims);
      await startCitizenSession(req, reply, userId);
      return reply.redirect(safeNext(intent.next, '/tai-khoan'), 303);
    } catch (err) {
      return failurePage(req, reply, oidc, err);
    }
  });
}
