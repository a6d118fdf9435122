import type { FastifyInstance } from 'fastify';
import { clearSessionCookie, safeNext } from '../../platform/http/cookies.js';
import { submitForm } from '../../platform/http/forms.js';
import { emptyForm } from '../../platform/views/form.js';
import { sendPage } from '../../platform/views/render.js';
import { accountRoutes } from './account-routes.js';
import { OidcClient } from './oidc-client.js';
import { oidcRoutes } from './oidc-routes.js';
import { passwordResetRoutes } from './password-reset-routes.js';
import { registerCitizen } from './register-citizen.js';
import { resendVerification } from './resend-verification.js';
import { startCitizenSession } from './session.js';
import { signInCitizen } from './sign-in-citizen.js';
import type { MailDeps } from './verification.js';
import { type VerifyEmailOutcome, checkEmailVerification, verifyEmail } from './verify-email.js';
import { CheckEmailPage, RegisterPage, VerifyConfirmPage, VerifyResultPage } from './views/register.js';
import { CitizenSignInPage } from './views/sign-in.js';
import { signOut } from '../sign-out.js';

type Body = Record<string, string | undefined>;

const verifyKey = {
  verified: 'citizen.verify.done',
  already_verified: 'citizen.verify.already',
  expired: 'citizen.verify.expired',
  invalid: 'citizen.verify.invalid',
} as const satisfies Record<VerifyEmailOutcome, string>;

/** Citizen accounts: registration with email verification, sign-in by password or the national SSO, the account page. */
export async function citizenRoutes(app: FastifyInstance): Promise<void> {
  const { config, secrets } = app.deps;
  // Messages are sealed and filed for the `mail.send` job; the worker holds the mailer.
  const mail: MailDeps = { secrets, baseUrl: config.baseUrl, provinceName: config.provinceName };
  const oidc = config.oidc ? new OidcClient(config.oidc, `${config.baseUrl}/dang-nhap/oidc/callback`, app.log) : null;
  const providerName = oidc?.displayName ?? null;

  app.get('/dang-ky', async (req, reply) => {
    if (req.session?.stage === 'active' && req.session.user.kind === 'citizen') return reply.redirect('/tai-khoan', 303);
    return sendPage(reply, <RegisterPage page={req.page()} form={emptyForm} />);
  });

  app.post<{ Body: Body }>('/dang-ky', { config: { rateLimit: { max: 20, timeWindow: '10 minutes' } } }, async (req, reply) =>
    submitForm(
      reply,
      req.body,
      async () => {
        const result = await registerCitizen(req.ctx, req.body, mail);
        if (result.channel === 'phone') return reply.redirect('/dang-nhap?da-dang-ky=1', 303);
        // Shown in place rather than after a redirect, so the address never travels in a URL.
        return sendPage(reply, <CheckEmailPage page={req.page()} email={result.email} form={emptyForm} notice={null} />);
      },
      (form) => <RegisterPage page={req.page()} form={form} />,
    ),
  );

  app.get<{ Querystring: { token?: string } }>('/xac-minh-email', async (req, reply) => {
    const state = await checkEmailVerification(req.ctx, req.query.token);
    if (state === 'pending') return sendPage(reply, <VerifyConfirmPage page={req.page()} token={req.query.token ?? ''} />);
    return sendPage(reply, <VerifyResultPage page={req.page()} message={req.t(verifyKey[state])} ok={state === 'already_verified'} />, state === 'already_verified' ? 200 : 400);
  });

  app.post<{ Body: Body }>('/xac-minh-email', { config: { rateLimit: { max: 20, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const outcome = await verifyEmail(req.ctx, req.body?.token);
    const ok = outcome === 'verified' || outcome === 'already_verified';
    return sendPage(reply, <VerifyResultPage page={req.page()} message={req.t(verifyKey[outcome])} ok={ok} />, ok ? 200 : 400);
  });

  app.post<{ Body: Body }>('/xac-minh-email/gui-lai', { config: { rateLimit: { max: 5, timeWindow: '15 minutes' } } }, async (req, reply) =>
    submitForm(
      reply,
      req.body,
      async () => {
        await resendVerification(req.ctx, req.body, mail);
        return sendPage(reply, <CheckEmailPage page={req.page()} email="" form={{ values: { email: req.body?.email ?? '' }, errors: {} }} notice={req.t('citizen.resend.done')} />);
      },
      (form) => <CheckEmailPage page={req.page()} email="" form={form} notice={null} />,
    ),
  );

  app.get<{ Querystring: { next?: string; 'het-han'?: string; 'da-dang-xuat'?: string; 'da-dang-ky'?: string; 'mat-khau-moi'?: string } }>('/dang-nhap', async (req, reply) => {
    if (req.session?.stage === 'active' && req.session.user.kind === 'citizen') return reply.redirect('/tai-khoan', 303);
    const q = req.query;
    const notice = q['het-han'] || req.sessionExpired ? req.t('signIn.expired') : q['da-dang-xuat'] ? req.t('signIn.signedOut') : q['da-dang-ky'] ? req.t('citizen.register.phoneDone') : q['mat-khau-moi'] ? req.t('citizen.reset.done') : null;
    return sendPage(reply, <CitizenSignInPage page={req.page()} form={emptyForm} next={safeNext(q.next, '/tai-khoan')} notice={notice} provider={providerName} />);
  });

  app.post<{ Body: Body }>('/dang-nhap', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (req, reply) =>
    submitForm(
      reply,
      req.body,
      async () => {
        const { userId } = await signInCitizen(req.ctx, req.body);
        await startCitizenSession(req, reply, userId);
        return reply.redirect(safeNext(req.body?.next, '/tai-khoan'), 303);
      },
      (form) => <CitizenSignInPage page={req.page()} form={form} next={safeNext(req.body?.next, '/tai-khoan')} notice={null} provider={providerName} />,
    ),
  );

  app.post('/dang-xuat', async (req, reply) => {
    const s = req.session;
    if (s) await signOut(req.ctx, s);
    clearSessionCookie(req, reply);
    return reply.redirect('/dang-nhap?da-dang-xuat=1', 303);
  });

  await app.register(accountRoutes, { oidc });
  await app.register(oidcRoutes, { oidc });
  await app.register(passwordResetRoutes, { mail, provider: providerName });
}
