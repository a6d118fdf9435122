import type { FastifyInstance, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { can, requirePermission } from '../platform/auth/authorize.js';
import { Invalid, NotFound } from '../platform/errors.js';
import { setFlash } from '../platform/http/cookies.js';
import { formValues, submitForm } from '../platform/http/forms.js';
import { emptyForm, type FormState } from '../platform/views/form.js';
import { sendPage } from '../platform/views/render.js';
import { hasSystemWideGrant, requireSystemWide } from '../platform/auth/authorize.js';
import { idOrNotFound, isUuid } from '../platform/validation.js';
import type { Agency } from './agency-rules.js';
import { createAgency } from './create-agency.js';
import { deactivateAgency } from './deactivate-agency.js';
import { editAgency } from './edit-agency.js';
import { moveAgency } from './move-agency.js';
import { type AgencyStatus, agencyDetail, agencyNames, listAgencies, unitCodes } from './queries.js';
import { reactivateAgency } from './reactivate-agency.js';
import { agencies } from './schema.js';
import { AgencyDetailPage, AgencyFormPage, AgencyListPage, AgencyMovePage, type TreeNode } from './views/agencies.js';

type Body = Record<string, string | undefined>;
type IdParams = { Params: { id: string } };

async function loadAgency(req: FastifyRequest<IdParams>): Promise<Agency> {
  const [a] = await req.ctx.db.select().from(agencies).where(eq(agencies.id, idOrNotFound(req.params.id)));
  if (!a) throw new NotFound();
  return a;
}

/** Rows already sorted by name; a row whose parent is not in the list becomes a root. */
export function buildTree(rows: Agency[]): TreeNode[] {
  const nodes = new Map(rows.map((a) => [a.id, { agency: a, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const a of rows) {
    const node = nodes.get(a.id)!;
    const parent = a.parentId ? nodes.get(a.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

function flatten(nodes: TreeNode[], depth = 0, out: { agency: Agency; depth: number }[] = []) {
  for (const n of nodes) {
    out.push({ agency: n.agency, depth });
    flatten(n.children, depth + 1, out);
  }
  return out;
}

async function agencyForm(req: FastifyRequest, a: Agency): Promise<FormState> {
  const units = await unitCodes(req.ctx.db, a.adminUnitId ? [a.adminUnitId] : []);
  const v = (s: string | null) => s ?? '';
  return {
    values: {
      code: a.code,
      name: a.name,
      nameEn: v(a.nameEn),
      shortName: v(a.shortName),
      type: a.type,
      unitCode: a.adminUnitId ? (units.get(a.adminUnitId)?.code ?? '') : '',
      address: v(a.address),
      phone: v(a.phone),
      email: v(a.email),
      website: v(a.website),
      hasOneStopDesk: a.hasOneStopDesk ? 'on' : '',
      version: String(a.version),
    },
    errors: {},
  };
}

/** Agencies in the back office: a tree everyone signed in may read; changes need rights on the agency. */
export async function agencyRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: Record<string, string | undefined> }>('/quan-tri/co-quan', async (req, reply) => {
    const raw = req.query['trang-thai'];
    const status: AgencyStatus = raw === 'inactive' || raw === 'all' ? raw : 'active';
    const q = (req.query.q ?? '').trim().slice(0, 100);
    const rows = await listAgencies(req.ctx.db, { status, q: q || undefined });
    let tree: TreeNode[] | null = null;
    let flat: { agency: Agency; path: string[] }[] = [];
    if (!q && status !== 'inactive') tree = buildTree(rows);
    else {
      const names = await agencyNames(req.ctx.db);
      flat = rows.map((agency) => {
        const path: string[] = [];
        for (let p = agency.parentId, i = 0; p && i < 50; i++) {
          const n = names.get(p);
          if (!n) break;
          path.unshift(n.name);
          p = n.parentId;
        }
        return { agency, path };
      });
    }
    return sendPage(reply, <AgencyListPage page={req.page()} status={status} q={q} tree={tree} flat={flat} canCreateRoot={hasSystemWideGrant(req.ctx.actor, 'agency.create')} />);
  });

  async function parentFrom(req: FastifyRequest, id: string | undefined): Promise<Agency | null> {
    if (!id || !isUuid(id)) return null;
    const [p] = await req.ctx.db.select().from(agencies).where(eq(agencies.id, id.toLowerCase()));
    return p ?? null;
  }

  app.get<{ Querystring: { cha?: string } }>('/quan-tri/co-quan/moi', async (req, reply) => {
    const cha = req.query.cha;
    let parent: Agency | null = null;
    if (cha) {
      parent = await parentFrom(req, idOrNotFound(cha));
      if (!parent) throw new NotFound();
      await requirePermission(req.ctx, 'agency.create', parent.id);
    } else requireSystemWide(req.ctx, 'agency.create');
    const type = parent ? (parent.type === 'people_committee' ? 'department' : 'division') : 'people_committee';
    return sendPage(reply, <AgencyFormPage page={req.page()} form={{ values: { type }, errors: {} }} agency={null} parent={parent} />);
  });

  app.post<{ Body: Body }>('/quan-tri/co-quan/moi', async (req, reply) => {
    const parent = await parentFrom(req, req.body?.parentId);
    return submitForm(
      reply,
      req.body,
      async () => {
        const a = await createAgency(req.ctx, req.body);
        setFlash(req, reply, req.t('agency.created'));
        return reply.redirect(`/quan-tri/co-quan/${a.id}`, 303);
      },
      (form) => <AgencyFormPage page={req.page()} form={form} agency={null} parent={parent} />,
    );
  });

  async function detailPage(req: FastifyRequest<IdParams>, form: FormState) {
    const d = await agencyDetail(req.ctx.db, idOrNotFound(req.params.id));
    if (!d) throw new NotFound();
    const id = d.agency.id;
    const perms = {
      update: await can(req.ctx, 'agency.update', id),
      createChild: await can(req.ctx, 'agency.create', id),
      deactivate: await can(req.ctx, 'agency.deactivate', id),
    };
    return <AgencyDetailPage page={req.page()} d={d} perms={perms} form={form} />;
  }

  app.get<IdParams>('/quan-tri/co-quan/:id', async (req, reply) => sendPage(reply, await detailPage(req, emptyForm)));

  app.get<IdParams>('/quan-tri/co-quan/:id/sua', async (req, reply) => {
    const a = await loadAgency(req);
    await requirePermission(req.ctx, 'agency.update', a.id);
    return sendPage(reply, <AgencyFormPage page={req.page()} form={await agencyForm(req, a)} agency={a} parent={null} />);
  });

  app.post<IdParams & { Body: Body }>('/quan-tri/co-quan/:id/sua', async (req, reply) => {
    const a = await loadAgency(req);
    return submitForm(
      reply,
      req.body,
      async () => {
        await editAgency(req.ctx, a.id, req.body);
        setFlash(req, reply, req.t('common.saved'));
        return reply.redirect(`/quan-tri/co-quan/${a.id}`, 303);
      },
      (form) => <AgencyFormPage page={req.page()} form={form} agency={a} parent={null} />,
    );
  });

  async function moveOptions(req: FastifyRequest, a: Agency) {
    const all = await listAgencies(req.ctx.db, { status: 'active' });
    const within = new Set<string>([a.id]);
    // Parents come before children in the flattened tree, so one pass finds the whole subtree.
    const ordered = flatten(buildTree(all));
    for (const { agency } of ordered) if (agency.parentId && within.has(agency.parentId)) within.add(agency.id);
    return ordered.filter(({ agency }) => !within.has(agency.id)).map(({ agency, depth }) => ({ value: agency.id, label: `${'— '.repeat(depth)}${agency.name}` }));
  }

  app.get<IdParams>('/quan-tri/co-quan/:id/di-chuyen', async (req, reply) => {
    const a = await loadAgency(req);
    await requirePermission(req.ctx, 'agency.update', a.id);
    const form = { values: { parentId: a.parentId ?? '', version: String(a.version) }, errors: {} };
    return sendPage(reply, <AgencyMovePage page={req.page()} form={form} agency={a} options={await moveOptions(req, a)} />);
  });

  app.post<IdParams & { Body: Body }>('/quan-tri/co-quan/:id/di-chuyen', async (req, reply) => {
    const a = await loadAgency(req);
    const options = await moveOptions(req, a);
    return submitForm(
      reply,
      req.body,
      async () => {
        await moveAgency(req.ctx, a.id, req.body);
        setFlash(req, reply, req.t('agency.moved'));
        return reply.redirect(`/quan-tri/co-quan/${a.id}`, 303);
      },
      (form) => <AgencyMovePage page={req.page()} form={form} agency={a} options={options} />,
    );
  });

  for (const [path, work, done] of [
    ['ngung-hoat-dong', deactivateAgency, 'agency.deactivated'],
    ['hoat-dong-lai', reactivateAgency, 'agency.reactivated'],
  ] as const) {
    app.post<IdParams & { Body: Body }>(`/quan-tri/co-quan/:id/${path}`, async (req, reply) => {
      const a = await loadAgency(req);
      try {
        await work(req.ctx, a.id, req.body);
      } catch (err) {
        if (err instanceof Invalid) return sendPage(reply, await detailPage(req, { values: formValues(req.body), errors: err.fields }), 422);
        throw err;
      }
      setFlash(req, reply, req.t(done));
      return reply.redirect(`/quan-tri/co-quan/${a.id}`, 303);
    });
  }
}
