import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../platform/context.js';
import { advanceSession, createSession, destroySession } from '../platform/auth/sessions.js';
import { clearSessionCookie, safeNext, setFlash, setSessionCookie } from '../platform/http/cookies.js';
import { submitForm } from '../platform/http/forms.js';
import { emptyForm } from '../platform/views/form.js';
import { sendPage } from '../platform/views/render.js';
import { changeOwnPassword } from './change-password.js';
import { signInOfficial } from './sign-in.js';
import { totpQrSvg } from './totp.js';
import { pendingTotpSecret, verifySecondFactor } from './verify-second-factor.js';
import { ChangePasswordPage, MfaPage, SignInPage } from './views/sign-in.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { signOut, signOutEverywhere } from './sign-out.js';
import { eq } from 'drizzle-orm';
import { formatVnDateTime } from '../platform/dates.js';
import { enableTwoFactor } from './enable-two-factor.js';
import { users } from './schema.js';

type Body = Record<string, string | undefined>;

export async function accountsRoutes(app: FastifyInstance): Promise<void> {
  const { config, secrets, database } = app.deps;
  const policy = { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };

  app.get<{ Querystring: { next?: string; 'het-han'?: string; 'da-dang-xuat'?: string } }>('/quan-tri/dang-nhap', async (req, reply) => {
    if (req.session?.stage === 'active' && req.session.user.kind === 'official') return reply.redirect('/quan-tri', 303);
    const notice = req.query['het-han'] || req.sessionExpired ? req.t('signIn.expired') : req.query['da-dang-xuat'] ? req.t('signIn.signedOut') : null;
    return sendPage(reply, <SignInPage page={req.page()} form={emptyForm} next={safeNext(req.query.next, '/quan-tri')} notice={notice} />);
  });

  app.post<{ Body: Body }>(
    '/quan-tri/dang-nhap',
    { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) =>
      submitForm(
        reply,
        req.body,
        async () => {
          const result = await signInOfficial(req.ctx, req.body);
          if (req.session) await destroySession(database.db, req.session.id);
          // A new session id at every sign-in, so a token planted before sign-in is worthless after it.
          const s = await createSession(database.db, {
            userId: result.userId,
            stage: result.stage,
            mfaVerified: false,
            ip: req.ip,
            userAgent: req.headers['user-agent'] ?? null,
            now: req.ctx.now(),
            policy,
          });
          setSessionCookie(req, reply, s.token);
          const next = safeNext(req.body?.next, '/quan-tri');
          const target = result.stage === 'mfa' ? '/quan-tri/xac-thuc-2-buoc' : result.stage === 'password' ? '/quan-tri/doi-mat-khau' : next;
          return reply.redirect(target, 303);
        },
        (form) => <SignInPage page={req.page()} form={form} next={safeNext(req.body?.next, '/quan-tri')} notice={null} />,
      ),
  );

  async function mfaPage(ctx: Ctx, userId: string, login: string) {
    const pending = await pendingTotpSecret(ctx, secrets, userId);
    return pending.enrolled ? null : { secret: pending.secret, qrSvg: await totpQrSvg(pending.secret, login, `congso ${config.provinceName}`) };
  }

  app.get('/quan-tri/xac-thuc-2-buoc', async (req, reply) => {
    const s = req.session;
    if (!s || s.stage !== 'mfa') return reply.redirect('/quan-tri/dang-nhap', 303);
    const enrol = await mfaPage(req.ctx, s.user.id, s.user.username ?? s.user.fullName);
    return sendPage(reply, <MfaPage page={req.page()} form={emptyForm} enrol={enrol} />);
  });

  app.post<{ Body: Body }>('/quan-tri/xac-thuc-2-buoc', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (req, reply) => {
    const s = req.session;
    if (!s || s.stage !== 'mfa') return reply.redirect('/quan-tri/dang-nhap', 303);
    const enrol = await mfaPage(req.ctx, s.user.id, s.user.username ?? s.user.fullName);
    return submitForm(
      reply,
      req.body,
      async () => {
        const { mustChangePassword } = await verifySecondFactor(req.ctx, secrets, s.user.id, req.body);
        await advanceSession(database.db, s.id, mustChangePassword ? 'password' : 'active', true);
        return reply.redirect(mustChangePassword ? '/quan-tri/doi-mat-khau' : '/quan-tri', 303);
      },
      (form) => <MfaPage page={req.page()} form={form} enrol={enrol} />,
    );
  });

  app.get('/quan-tri/tai-khoan/xac-thuc-2-buoc', async (req, reply) => {
    const s = req.session!;
    const enrol = await mfaPage(req.ctx, s.user.id, s.user.username ?? s.user.fullName);
    const [row] = await req.ctx.db.select({ at: users.totpEnabledAt }).from(users).where(eq(users.id, s.user.id));
    const enabledAt = row?.at ? formatVnDateTime(row.at) : null;
    return sendPage(reply, <MfaPage page={req.page()} form={emptyForm} enrol={enrol} action="/quan-tri/tai-khoan/xac-thuc-2-buoc" enabledAt={enabledAt} />);
  });

  app.post<{ Body: Body }>('/quan-tri/tai-khoan/xac-thuc-2-buoc', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (req, reply) => {
    const s = req.session!;
    const enrol = await mfaPage(req.ctx, s.user.id, s.user.username ?? s.user.fullName);
    return submitForm(
      reply,
      req.body,
      async () => {
        await enableTwoFactor(req.ctx, secrets, req.body);
        setFlash(req, reply, req.t('mfa.enabled'));
        return reply.redirect('/quan-tri/tai-khoan/xac-thuc-2-buoc', 303);
      },
      (form) => <MfaPage page={req.page()} form={form} enrol={enrol} action="/quan-tri/tai-khoan/xac-thuc-2-buoc" />,
    );
  });

  app.get('/quan-tri/doi-mat-khau', async (req, reply) => {
    const s = req.session;
    if (!s || s.stage === 'mfa') return reply.redirect('/quan-tri/dang-nhap', 303);
    return sendPage(reply, <ChangePasswordPage page={req.page()} form={emptyForm} forced={s.stage === 'password'} action="/quan-tri/doi-mat-khau" />);
  });

  app.post<{ Body: Body }>('/quan-tri/doi-mat-khau', async (req, reply) => {
    const s = req.session;
    if (!s || s.stage === 'mfa') return reply.redirect('/quan-tri/dang-nhap', 303);
    return submitForm(
      reply,
      req.body,
      async () => {
        await changeOwnPassword(req.ctx, s.user.id, req.body, s.id);
        await advanceSession(database.db, s.id, 'active', s.mfaVerified);
        setFlash(req, reply, req.t('password.changed'));
        return reply.redirect('/quan-tri', 303);
      },
      (form) => <ChangePasswordPage page={req.page()} form={form} forced={s.stage === 'password'} action="/quan-tri/doi-mat-khau" />,
    );
  });

  app.post('/quan-tri/dang-xuat', async (req, reply) => {
    const s = req.session;
    if (s) await signOut(req.ctx, s);
    clearSessionCookie(req, reply);
    return reply.redirect('/quan-tri/dang-nhap?da-dang-xuat=1', 303);
  });

  app.post('/quan-tri/dang-xuat-tat-ca', async (req, reply) => {
    const s = req.session;
    if (s) await signOutEverywhere(req.ctx, s);
    clearSessionCookie(req, reply);
    return reply.redirect('/quan-tri/dang-nhap?da-dang-xuat=1', 303);
  });

  await app.register(dashboardRoutes);
}
