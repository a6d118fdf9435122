import type { FastifyInstance } from 'fastify';
import { clearSessionCookie } from '../../platform/http/cookies.js';
import { submitForm } from '../../platform/http/forms.js';
import { emptyForm } from '../../platform/views/form.js';
import { sendPage } from '../../platform/views/render.js';
import { requestPasswordReset } from './request-password-reset.js';
import { type ResetLinkState, checkPasswordResetLink, resetPassword } from './reset-password.js';
import type { MailDeps } from './verification.js';
import { ForgotPasswordPage, ResetLinkProblemPage, ResetPasswordPage } from './views/password-reset.js';

type Body = Record<string, string | undefined>;

const problemKey = { invalid: 'citizen.reset.invalid', expired: 'citizen.reset.expired', used: 'citizen.reset.used' } as const satisfies Record<Exclude<ResetLinkState, 'usable'>, string>;

/** Forgotten password: a one-time link by email, then a new password. */
export async function passwordResetRoutes(app: FastifyInstance, opts: { mail: MailDeps; provider: string | null }): Promise<void> {
  const { mail, provider } = opts;

  app.get('/quen-mat-khau', async (req, reply) => sendPage(reply, <ForgotPasswordPage page={req.page()} form={emptyForm} provider={provider} sent={false} />));

  app.post<{ Body: Body }>('/quen-mat-khau', { config: { rateLimit: { max: 5, timeWindow: '15 minutes' } } }, async (req, reply) =>
    submitForm(
      reply,
      req.body,
      async () => {
        await requestPasswordReset(req.ctx, req.body, mail);
        return sendPage(reply, <ForgotPasswordPage page={req.page()} form={{ values: { email: req.body?.email ?? '' }, errors: {} }} provider={provider} sent />);
      },
      (form) => <ForgotPasswordPage page={req.page()} form={form} provider={provider} sent={false} />,
    ),
  );

  app.get<{ Querystring: { token?: string } }>('/dat-lai-mat-khau', async (req, reply) => {
    const state = await checkPasswordResetLink(req.ctx, req.query.token);
    if (state === 'usable') return sendPage(reply, <ResetPasswordPage page={req.page()} form={emptyForm} token={req.query.token ?? ''} />);
    return sendPage(reply, <ResetLinkProblemPage page={req.page()} message={req.t(problemKey[state])} />, 400);
  });

  app.post<{ Body: Body }>('/dat-lai-mat-khau', { config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } }, async (req, reply) =>
    submitForm(
      reply,
      req.body,
      async () => {
        const result = await resetPassword(req.ctx, req.body);
        if (result.outcome !== 'reset') return sendPage(reply, <ResetLinkProblemPage page={req.page()} message={req.t(problemKey[result.outcome])} />, 400);
        // The reset ended this browser's session too when it was the same account's.
        if (req.session?.user.id === result.userId) clearSessionCookie(req, reply);
        return reply.redirect('/dang-nhap?mat-khau-moi=1', 303);
      },
      (form) => <ResetPasswordPage page={req.page()} form={form} token={typeof req.body?.token === 'string' ? req.body.token : ''} />,
    ),
  );
}
