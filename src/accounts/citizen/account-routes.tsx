import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFound } from '../../platform/errors.js';
import { clearSessionCookie, setFlash } from '../../platform/http/cookies.js';
import { submitForm } from '../../platform/http/forms.js';
import { emptyForm } from '../../platform/views/form.js';
import { sendPage } from '../../platform/views/render.js';
import { changeOwnPassword } from '../change-password.js';
import type { OidcClient } from './oidc-client.js';
import { beginOidc } from './oidc-routes.js';
import { loadCitizenProfile } from './queries.js';
import { citizenSession } from './session.js';
import { AccountPage } from './views/account.js';
import { signOutEverywhere } from '../sign-out.js';

type Body = Record<string, string | undefined>;

/** The citizen's own account: details, linked identities, password, sessions. */
export async function accountRoutes(app: FastifyInstance, opts: { oidc: OidcClient | null }): Promise<void> {
  const { oidc } = opts;
  const provider = oidc ? { issuer: oidc.settings.issuer, displayName: oidc.displayName } : null;

  async function profileOf(req: FastifyRequest, userId: string) {
    const profile = await loadCitizenProfile(req.ctx.db, userId);
    if (!profile) throw new NotFound();
    return profile;
  }

  app.get('/tai-khoan', async (req, reply) => {
    const s = citizenSession(req, reply);
    if (!s) return reply;
    const profile = await profileOf(req, s.user.id);
    return sendPage(reply, <AccountPage page={req.page()} profile={profile} form={emptyForm} provider={provider} />);
  });

  app.post<{ Body: Body }>('/tai-khoan/mat-khau', { config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } }, async (req, reply) => {
    const s = citizenSession(req, reply);
    if (!s) return reply;
    const profile = await profileOf(req, s.user.id);
    return submitForm(
      reply,
      req.body,
      async () => {
        await changeOwnPassword(req.ctx, s.user.id, req.body, s.id);
        setFlash(req, reply, req.t('password.changed'));
        return reply.redirect('/tai-khoan', 303);
      },
      (form) => <AccountPage page={req.page()} profile={profile} form={form} provider={provider} />,
    );
  });

  app.post('/tai-khoan/dang-xuat-tat-ca', async (req, reply) => {
    const s = citizenSession(req, reply);
    if (!s) return reply;
    await signOutEverywhere(req.ctx, s);
    clearSessionCookie(req, reply);
    return reply.redirect('/dang-nhap?da-dang-xuat=1', 303);
  });

  // A link, not a form: browsers apply the CSP form-action rule to a form's redirect, which would stop the
  // redirect to the provider. Starting the flow changes nothing; only the callback, with this browser's sealed
  // attempt and session, links anything.
  app.get('/tai-khoan/lien-ket', async (req, reply) => {
    const s = citizenSession(req, reply);
    if (!s) return reply;
    if (!oidc) throw new NotFound();
    return beginOidc(req, reply, oidc, { mode: 'link', userId: s.user.id, next: '/tai-khoan' });
  });
}
