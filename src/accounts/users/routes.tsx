import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, requirePermission } from '../../platform/auth/authorize.js';
import { type Role, roles } from '../../platform/auth/permissions.js';
import type { Ctx } from '../../platform/context.js';
import { Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import { setFlash } from '../../platform/http/cookies.js';
import { formValues } from '../../platform/http/forms.js';
import { type FormState, emptyForm } from '../../platform/views/form.js';
import { sendPage } from '../../platform/views/render.js';
import { assignRole } from './assign-role.js';
import { detailAccess, requireCitizenAccess, requireForUser, requireManageUser } from './authority.js';
import { hasSystemWideGrant } from '../../platform/auth/authorize.js';
import { createOfficial } from './create-official.js';
import { type ListFilters, type OfficialDetail, agencyOptions, listCitizens, listOfficials, officialDetail, parseCitizenFilters, parseListFilters } from './queries.js';
import { readCitizen } from './read-citizen.js';
import { removeRole } from './remove-role.js';
import { resetOfficialPassword } from './reset-password.js';
import { resetTwoFactor } from './reset-two-factor.js';
import { unlockOfficial } from './unlock-official.js';
import { updateOfficial } from './update-official.js';
import { CitizenDetailPage, CitizensListPage } from './views/citizens.js';
import { RolesPage } from './views/roles.js';
import { TemporaryPasswordPage } from './views/temporary-password.js';
import { UserDetailPage } from './views/user-detail.js';
import { CreateUserPage, EditUserPage } from './views/user-form.js';
import { UsersListPage } from './views/users-list.js';

type Body = Record<string, string | string[] | undefined>;
type IdParams = { Params: { id: string } };

/** Roles this actor may offer in a select: system_admin only to holders of a system-wide grant. */
async function grantableRoles(ctx: Ctx): Promise<readonly Role[]> {
  if (!(await can(ctx, 'role.assign', null))) return [];
  return hasSystemWideGrant(ctx.actor, 'role.assign') ? roles : roles.filter((r) => r !== 'system_admin');
}

function selectedRoles(body: Body | undefined): string[] {
  const v = body?.roles;
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** Officials and their roles, the role catalogue, and citizens' accounts in the back office. */
export async function usersRoutes(app: FastifyInstance): Promise<void> {
  async function detailView(req: FastifyRequest, id: string, roleForm: FormState) {
    const ctx = req.ctx;
    const user = await officialDetail(ctx.db, id);
    if (!user) throw new NotFound();
    await requireForUser(ctx, 'user.read', user.agencyId);
    const access = await detailAccess(ctx, user, user.assignments);
    const [roleChoices, roleAgencies] = access.canAssign ? await Promise.all([grantableRoles(ctx), agencyOptions(ctx, 'role.assign', { activeOnly: true })]) : [[], []];
    return <UserDetailPage page={req.page()} user={user} now={ctx.now()} access={access} roleForm={roleForm} roleChoices={roleChoices} roleAgencies={roleAgencies} />;
  }

  async function createView(req: FastifyRequest, form: FormState, chosen: string[]) {
    const [agencies, offered] = await Promise.all([agencyOptions(req.ctx, 'user.manage', { activeOnly: true }), grantableRoles(req.ctx)]);
    return <CreateUserPage page={req.page()} form={form} agencies={agencies} offeredRoles={offered} selectedRoles={chosen} />;
  }

  async function editView(req: FastifyRequest, id: string, form: ((u: OfficialDetail) => FormState) | FormState) {
    const user = await officialDetail(req.ctx.db, id);
    if (!user) throw new NotFound();
    await requireManageUser(req.ctx, user, user.assignments);
    const agencies = await agencyOptions(req.ctx, 'user.manage', { activeOnly: true });
    // The current agency stays selectable even when it is outside the list, so saving other fields keeps it.
    if (user.agencyId && !agencies.some((a) => a.id === user.agencyId)) agencies.unshift({ id: user.agencyId, name: user.agencyName ?? '', code: user.agencyCode ?? '' });
    const state = typeof form === 'function' ? form(user) : form;
    return <EditUserPage page={req.page()} form={state} userId={user.id} username={user.username ?? ''} agencies={agencies} />;
  }

  app.get<{ Querystring: Record<string, string> }>('/quan-tri/nguoi-dung', async (req, reply) => {
    const ctx = req.ctx;
    await requirePermission(ctx, 'user.read', null);
    const values = formValues(req.query);
    let filters: ListFilters | null = null;
    let errors = {};
    try {
      filters = parseListFilters(req.query);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      errors = err.fields;
    }
    const [list, agencies, canCreate] = await Promise.all([
      filters ? listOfficials(ctx, filters) : { rows: [], total: 0, page: 1, pages: 1 },
      agencyOptions(ctx, 'user.read'),
      can(ctx, 'user.manage', null),
    ]);
    const page = <UsersListPage page={req.page()} filters={{ values, errors }} list={list} agencies={agencies} canCreate={canCreate} canSeeCitizens={hasSystemWideGrant(ctx.actor, 'user.manage')} now={ctx.now()} />;
    return sendPage(reply, page, filters ? 200 : 422);
  });

  app.get('/quan-tri/nguoi-dung/moi', async (req, reply) => {
    if (!(await can(req.ctx, 'user.manage', null))) throw new Forbidden();
    return sendPage(reply, await createView(req, emptyForm, []));
  });

  app.post<{ Body: Body }>('/quan-tri/nguoi-dung/moi', async (req, reply) => {
    if (!(await can(req.ctx, 'user.manage', null))) throw new Forbidden();
    const chosen = selectedRoles(req.body);
    let created;
    try {
      created = await createOfficial(req.ctx, { ...req.body, roles: chosen });
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      return sendPage(reply, await createView(req, { values: formValues(req.body), errors: err.fields }, chosen), 422);
    }
    const page = <TemporaryPasswordPage page={req.page()} title={req.t('users.createdTitle')} userId={created.userId} username={created.username} password={created.temporaryPassword} />;
    return sendPage(reply, page, 201);
  });

  app.get<IdParams>('/quan-tri/nguoi-dung/:id', async (req, reply) => sendPage(reply, await detailView(req, req.params.id, emptyForm)));

  app.get<IdParams>('/quan-tri/nguoi-dung/:id/sua', async (req, reply) => {
    const view = await editView(req, req.params.id, (u) => ({
      values: { fullName: u.fullName, title: u.title ?? '', email: u.email ?? '', phone: u.phone ?? '', agencyId: u.agencyId ?? '', active: u.active ? 'on' : '', version: String(u.version) },
      errors: {},
    }));
    return sendPage(reply, view);
  });

  app.post<IdParams & { Body: Body }>('/quan-tri/nguoi-dung/:id/sua', async (req, reply) => {
    const { id } = req.params;
    try {
      await updateOfficial(req.ctx, id, req.body);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      return sendPage(reply, await editView(req, id, { values: formValues(req.body), errors: err.fields }), 422);
    }
    setFlash(req, reply, req.t('users.saved'));
    return reply.redirect(`/quan-tri/nguoi-dung/${id}`, 303);
  });

  app.post<IdParams>('/quan-tri/nguoi-dung/:id/dat-lai-mat-khau', async (req, reply) => {
    const { id } = req.params;
    const reset = await resetOfficialPassword(req.ctx, id);
    return sendPage(reply, <TemporaryPasswordPage page={req.page(null)} title={req.t('users.passwordResetTitle')} userId={id} username={reset.username} password={reset.temporaryPassword} />);
  });

  app.post<IdParams>('/quan-tri/nguoi-dung/:id/dat-lai-xac-thuc', async (req, reply) => {
    await resetTwoFactor(req.ctx, req.params.id);
    setFlash(req, reply, req.t('users.twoFactorReset'));
    return reply.redirect(`/quan-tri/nguoi-dung/${req.params.id}`, 303);
  });

  app.post<IdParams>('/quan-tri/nguoi-dung/:id/mo-khoa', async (req, reply) => {
    await unlockOfficial(req.ctx, req.params.id);
    setFlash(req, reply, req.t('users.unlocked'));
    return reply.redirect(`/quan-tri/nguoi-dung/${req.params.id}`, 303);
  });

  app.post<IdParams & { Body: Body }>('/quan-tri/nguoi-dung/:id/vai-tro', async (req, reply) => {
    const { id } = req.params;
    try {
      await assignRole(req.ctx, id, req.body);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      return sendPage(reply, await detailView(req, id, { values: formValues(req.body), errors: err.fields }), 422);
    }
    setFlash(req, reply, req.t('roles.added'));
    return reply.redirect(`/quan-tri/nguoi-dung/${id}#vai-tro`, 303);
  });

  app.post<{ Params: { id: string; assignmentId: string } }>('/quan-tri/nguoi-dung/:id/vai-tro/:assignmentId/xoa', async (req, reply) => {
    const { id, assignmentId } = req.params;
    await removeRole(req.ctx, id, assignmentId);
    setFlash(req, reply, req.t('roles.removed'));
    return reply.redirect(`/quan-tri/nguoi-dung/${id}#vai-tro`, 303);
  });

  app.get('/quan-tri/vai-tro', async (req, reply) => sendPage(reply, <RolesPage page={req.page()} />));

  app.get<{ Querystring: Record<string, string> }>('/quan-tri/cong-dan', async (req, reply) => {
    requireCitizenAccess(req.ctx);
    const values = formValues(req.query);
    try {
      const list = await listCitizens(req.ctx.db, parseCitizenFilters(req.query));
      return sendPage(reply, <CitizensListPage page={req.page()} filters={{ values, errors: {} }} list={list} />);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      return sendPage(reply, <CitizensListPage page={req.page()} filters={{ values, errors: err.fields }} list={{ rows: [], total: 0, page: 1, pages: 1 }} />, 422);
    }
  });

  app.get<IdParams>('/quan-tri/cong-dan/:id', async (req, reply) => {
    const citizen = await readCitizen(req.ctx, req.params.id);
    return sendPage(reply, <CitizenDetailPage page={req.page()} citizen={citizen} />);
  });
}
