import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasSystemWideGrant, permittedAgencyIds } from '../../platform/auth/authorize.js';
import { Forbidden, Invalid } from '../../platform/errors.js';
import { setFlash } from '../../platform/http/cookies.js';
import { formValues, submitForm } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/views/form.js';
import { sendPage } from '../../platform/views/render.js';
import { idOrNotFound } from '../../platform/validation.js';
import { addMenuItem } from './admin/add-menu-item.js';
import { manageableCategory } from './admin/category-rules.js';
import { createCategory } from './admin/create-category.js';
import { createSite } from './admin/create-site.js';
import { editCategory } from './admin/edit-category.js';
import { editMenuItem } from './admin/edit-menu-item.js';
import { editSite } from './admin/edit-site.js';
import { manageableMenuItem } from './admin/menu-item-rules.js';
import { moveMenuItem } from './admin/move-menu-item.js';
import { agencyChoices, manageableSites, siteAdminDetail } from './admin/queries.js';
import { removeMenuItem } from './admin/remove-menu-item.js';
import { setCategoryActive } from './admin/set-category-active.js';
import { manageableSite } from './admin/site-rules.js';
import type { Site } from './chrome.js';
import { ADMIN_BASE, CategoryFormPage, MenuItemFormPage, SiteDetailPage, SiteFormPage, SiteListPage } from './views/admin-sites.js';

type Body = Record<string, string | undefined>;
type SiteParams = { Params: { id: string } };
type ItemParams = { Params: { id: string; itemId: string } };
type CategoryParams = { Params: { id: string; categoryId: string } };

function siteForm(s: Site): FormState {
  const v = (x: string | null) => x ?? '';
  return {
    values: {
      name: s.name,
      nameEn: v(s.nameEn),
      slug: s.slug,
      host: v(s.host),
      tagline: v(s.tagline),
      taglineEn: v(s.taglineEn),
      primaryColor: s.primaryColor,
      accentColor: s.accentColor,
      address: v(s.address),
      phone: v(s.phone),
      fax: v(s.fax),
      email: v(s.email),
      footerText: v(s.footerText),
      footerTextEn: v(s.footerTextEn),
      active: s.active ? 'on' : '',
      version: String(s.version),
    },
    errors: {},
  };
}

/** Site administration in the back office: sites, their menus and categories, for whoever holds site.manage. */
export async function siteAdminRoutes(app: FastifyInstance): Promise<void> {
  const canCreate = async (req: FastifyRequest) => {
    const ids = await permittedAgencyIds(req.ctx, 'site.manage');
    return ids === 'all' || ids.length > 0;
  };

  app.get(ADMIN_BASE, async (req, reply) => {
    if (!(await canCreate(req))) throw new Forbidden();
    return sendPage(reply, <SiteListPage page={req.page()} rows={await manageableSites(req.ctx)} canCreate />);
  });

  const newForm = async (req: FastifyRequest, form: FormState) =>
    <SiteFormPage page={req.page()} form={form} site={null} agencies={await agencyChoices(req.ctx)} canMakeMain={hasSystemWideGrant(req.ctx.actor, 'site.manage')} />;

  app.get(`${ADMIN_BASE}/moi`, async (req, reply) => {
    if (!(await canCreate(req))) throw new Forbidden();
    return sendPage(reply, await newForm(req, { values: { primaryColor: '#0f4c81', accentColor: '#b7312c' }, errors: {} }));
  });

  app.post<{ Body: Body }>(`${ADMIN_BASE}/moi`, async (req, reply) => {
    const agencies = await agencyChoices(req.ctx);
    return submitForm(
      reply,
      req.body,
      async () => {
        const site = await createSite(req.ctx, req.body);
        setFlash(req, reply, req.t('site.admin.created'));
        return reply.redirect(`${ADMIN_BASE}/${site.id}`, 303);
      },
      (form) => <SiteFormPage page={req.page()} form={form} site={null} agencies={agencies} canMakeMain={hasSystemWideGrant(req.ctx.actor, 'site.manage')} />,
    );
  });

  async function detail(req: FastifyRequest<SiteParams>, reply: FastifyReply, menuForm: FormState, status = 200) {
    const site = await manageableSite(req.ctx, idOrNotFound(req.params.id));
    const d = await siteAdminDetail(req.ctx, site.id);
    return sendPage(reply, <SiteDetailPage page={req.page(status === 200 ? undefined : null)} site={site} items={d.items} categories={d.categories} menuForm={menuForm} />, status);
  }

  app.get<SiteParams>(`${ADMIN_BASE}/:id`, async (req, reply) => detail(req, reply, emptyForm));

  app.get<SiteParams>(`${ADMIN_BASE}/:id/sua`, async (req, reply) => {
    const site = await manageableSite(req.ctx, idOrNotFound(req.params.id));
    return sendPage(reply, <SiteFormPage page={req.page()} form={siteForm(site)} site={site} agencies={[]} canMakeMain={false} />);
  });

  app.post<SiteParams & { Body: Body }>(`${ADMIN_BASE}/:id/sua`, async (req, reply) => {
    const site = await manageableSite(req.ctx, idOrNotFound(req.params.id));
    return submitForm(
      reply,
      req.body,
      async () => {
        await editSite(req.ctx, site.id, req.body);
        setFlash(req, reply, req.t('common.saved'));
        return reply.redirect(`${ADMIN_BASE}/${site.id}`, 303);
      },
      (form) => <SiteFormPage page={req.page()} form={form} site={site} agencies={[]} canMakeMain={false} />,
    );
  });

  app.post<SiteParams & { Body: Body }>(`${ADMIN_BASE}/:id/menu`, async (req, reply) => {
    try {
      await addMenuItem(req.ctx, req.params.id, req.body);
    } catch (err) {
      // The add form lives on the site's page, so that page comes back with the errors.
      if (err instanceof Invalid) return detail(req, reply, { values: formValues(req.body), errors: err.fields }, 422);
      throw err;
    }
    setFlash(req, reply, req.t('site.admin.itemAdded'));
    return reply.redirect(`${ADMIN_BASE}/${idOrNotFound(req.params.id)}`, 303);
  });

  app.get<ItemParams>(`${ADMIN_BASE}/:id/menu/:itemId/sua`, async (req, reply) => {
    const { site, item } = await manageableMenuItem(req.ctx, req.params.id, req.params.itemId);
    const form = { values: { label: item.label, labelEn: item.labelEn ?? '', href: item.href }, errors: {} };
    return sendPage(reply, <MenuItemFormPage page={req.page()} site={site} item={item} form={form} />);
  });

  app.post<ItemParams & { Body: Body }>(`${ADMIN_BASE}/:id/menu/:itemId/sua`, async (req, reply) => {
    const { site, item } = await manageableMenuItem(req.ctx, req.params.id, req.params.itemId);
    return submitForm(
      reply,
      req.body,
      async () => {
        await editMenuItem(req.ctx, site.id, item.id, req.body);
        setFlash(req, reply, req.t('common.saved'));
        return reply.redirect(`${ADMIN_BASE}/${site.id}`, 303);
      },
      (form) => <MenuItemFormPage page={req.page()} site={site} item={item} form={form} />,
    );
  });

  for (const [path, work] of [
    ['len', (req: FastifyRequest<ItemParams>) => moveMenuItem(req.ctx, req.params.id, req.params.itemId, 'up')],
    ['xuong', (req: FastifyRequest<ItemParams>) => moveMenuItem(req.ctx, req.params.id, req.params.itemId, 'down')],
    ['xoa', (req: FastifyRequest<ItemParams>) => removeMenuItem(req.ctx, req.params.id, req.params.itemId)],
  ] as const) {
    app.post<ItemParams>(`${ADMIN_BASE}/:id/menu/:itemId/${path}`, async (req, reply) => {
      await work(req);
      if (path === 'xoa') setFlash(req, reply, req.t('site.admin.itemRemoved'));
      return reply.redirect(`${ADMIN_BASE}/${idOrNotFound(req.params.id)}#menu`, 303);
    });
  }

  const categoryPage = async (req: FastifyRequest, site: Site, category: Parameters<typeof CategoryFormPage>[0]['category'], form: FormState) => {
    const d = await siteAdminDetail(req.ctx, site.id);
    return <CategoryFormPage page={req.page()} site={site} category={category} parents={d.categories} form={form} />;
  };

  app.get<SiteParams>(`${ADMIN_BASE}/:id/chuyen-muc/moi`, async (req, reply) => {
    const site = await manageableSite(req.ctx, idOrNotFound(req.params.id));
    return sendPage(reply, await categoryPage(req, site, null, emptyForm));
  });

  app.post<SiteParams & { Body: Body }>(`${ADMIN_BASE}/:id/chuyen-muc/moi`, async (req, reply) => {
    const site = await manageableSite(req.ctx, idOrNotFound(req.params.id));
    const d = await siteAdminDetail(req.ctx, site.id);
    return submitForm(
      reply,
      req.body,
      async () => {
        await createCategory(req.ctx, site.id, req.body);
        setFlash(req, reply, req.t('site.admin.categoryCreated'));
        return reply.redirect(`${ADMIN_BASE}/${site.id}`, 303);
      },
      (form) => <CategoryFormPage page={req.page()} site={site} category={null} parents={d.categories} form={form} />,
    );
  });

  app.get<CategoryParams>(`${ADMIN_BASE}/:id/chuyen-muc/:categoryId/sua`, async (req, reply) => {
    const { site, category } = await manageableCategory(req.ctx, req.params.id, req.params.categoryId);
    const values = { name: category.name, nameEn: category.nameEn ?? '', slug: category.slug, description: category.description ?? '', parentId: category.parentId ?? '', version: String(category.version) };
    return sendPage(reply, await categoryPage(req, site, category, { values, errors: {} }));
  });

  app.post<CategoryParams & { Body: Body }>(`${ADMIN_BASE}/:id/chuyen-muc/:categoryId/sua`, async (req, reply) => {
    const { site, category } = await manageableCategory(req.ctx, req.params.id, req.params.categoryId);
    const d = await siteAdminDetail(req.ctx, site.id);
    return submitForm(
      reply,
      req.body,
      async () => {
        await editCategory(req.ctx, site.id, category.id, req.body);
        setFlash(req, reply, req.t('common.saved'));
        return reply.redirect(`${ADMIN_BASE}/${site.id}`, 303);
      },
      (form) => <CategoryFormPage page={req.page()} site={site} category={category} parents={d.categories} form={form} />,
    );
  });

  for (const [path, active] of [
    ['ngung', false],
    ['hien-thi', true],
  ] as const) {
    app.post<CategoryParams & { Body: Body }>(`${ADMIN_BASE}/:id/chuyen-muc/:categoryId/${path}`, async (req, reply) => {
      await setCategoryActive(req.ctx, req.params.id, req.params.categoryId, active, req.body);
      setFlash(req, reply, req.t('common.saved'));
      return reply.redirect(`${ADMIN_BASE}/${idOrNotFound(req.params.id)}`, 303);
    });
  }
}
