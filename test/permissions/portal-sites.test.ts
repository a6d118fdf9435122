import { after, before, describe } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { addMenuItem } from '../../src/portal/site/admin/add-menu-item.js';
import { createCategory } from '../../src/portal/site/admin/create-category.js';
import { createSite } from '../../src/portal/site/admin/create-site.js';
import { editCategory } from '../../src/portal/site/admin/edit-category.js';
import { editMenuItem } from '../../src/portal/site/admin/edit-menu-item.js';
import { editSite } from '../../src/portal/site/admin/edit-site.js';
import { moveMenuItem } from '../../src/portal/site/admin/move-menu-item.js';
import { removeMenuItem } from '../../src/portal/site/admin/remove-menu-item.js';
import { setCategoryActive } from '../../src/portal/site/admin/set-category-active.js';
import { categories, siteMenuItems, sites } from '../../src/portal/schema.js';
import type { Ctx } from '../../src/platform/context.js';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { makeAgency } from '../support/factories.js';
import { makeCategory, makeSite } from '../support/portal-factories.js';
import { type Action, type World, makeWorld, matrixTests } from './world.js';

// Checked against src/platform/auth/permissions.ts: site.manage belongs to system_admin and agency_admin and is
// asked of the site's agency (the admin of A holds it over A's sub-agencies too); only a system-wide grant may
// make the provincial portal.

describe('permission matrix: portal sites, menus and categories', () => {
  let env: TestEnv;
  let w: World;
  let siteOf: Record<'A' | 'A1' | 'B', { id: string }>;
  let seq = 0;

  before(async () => {
    env = await makeTestEnv();
    w = await makeWorld(env);
    siteOf = {
      A: await makeSite(env.database.db, { agencyId: w.tree.A.id, slug: 'trang-so-a' }),
      A1: await makeSite(env.database.db, { agencyId: w.tree.A1.id, slug: 'trang-phong-a1' }),
      B: await makeSite(env.database.db, { agencyId: w.tree.B.id, slug: 'trang-so-b' }),
    };
  });
  after(() => env.close());

  const db = () => env.database.db;
  type Run = (ctx: Ctx) => Promise<unknown>;
  const siteForm = (slug: string) => ({ name: 'Trang thông tin thử', slug, primaryColor: '#0f4c81', accentColor: '#b7312c' });
  const sitesOfAgency = (id: string) => async () => (await db().select({ n: count() }).from(sites).where(eq(sites.agencyId, id)))[0]!.n;
  const siteRow = (id: string) => () => db().select().from(sites).where(eq(sites.id, id));
  const menuRows = (siteId: string) => () => db().select().from(siteMenuItems).where(eq(siteMenuItems.siteId, siteId)).orderBy(siteMenuItems.id);
  const categoryRows = (siteId: string) => () => db().select().from(categories).where(eq(categories.siteId, siteId)).orderBy(categories.id);

  const createFor = (expect: string, label: string, parent: () => { id: string }, isMain = false): Action => ({
    name: `create ${isMain ? 'the provincial portal' : 'a site'} for a new agency under ${label}`,
    expect,
    effect: 'change',
    setup: async () => {
      const agency = await makeAgency(db(), { parentId: parent().id });
      const slug = `trang-moi-${++seq}`;
      return { run: (ctx) => createSite(ctx, { ...siteForm(slug), agencyId: agency.id, ...(isMain ? { isMain: 'on' } : {}) }), state: sitesOfAgency(agency.id) };
    },
  });

  const onSite = (expect: string, name: string, site: () => { id: string }, run: (siteId: string) => Run, state: 'site' | 'menu' | 'categories'): Action => ({
    name,
    expect,
    effect: 'change',
    setup: async () => {
      const id = site().id;
      const read = state === 'site' ? siteRow(id) : state === 'menu' ? menuRows(id) : categoryRows(id);
      return { run: run(id), state: read };
    },
  });

  /** Reads the version at the moment of the attempt: allowed edits in earlier cells have moved it on. */
  const editSiteRun = (siteId: string): Run => async (ctx) => {
    const [s] = await db().select().from(sites).where(eq(sites.id, siteId));
    return editSite(ctx, siteId, { ...siteForm(s!.slug), name: `Trang đã sửa ${++seq}`, active: 'on', version: String(s!.version) });
  };

  const withItem = (expect: string, name: string, site: () => { id: string }, run: (siteId: string, itemId: string) => Run): Action => ({
    name,
    expect,
    effect: 'change',
    setup: async () => {
      const siteId = site().id;
      await db().insert(siteMenuItems).values({ siteId, area: 'main', label: `Mục ${++seq}`, href: '/van-ban', position: 1 });
      const [b] = await db().insert(siteMenuItems).values({ siteId, area: 'main', label: `Mục ${++seq}`, href: '/hoi-dap', position: 2 }).returning();
      return { run: run(siteId, b!.id), state: menuRows(siteId) };
    },
  });

  const withCategory = (expect: string, name: string, site: () => { id: string }, run: (siteId: string, c: { id: string; version: number; name: string }) => Run): Action => ({
    name,
    expect,
    effect: 'change',
    setup: async () => {
      const siteId = site().id;
      const c = await makeCategory(db(), siteId, { slug: `cm-${++seq}` });
      return { run: run(siteId, c), state: categoryRows(siteId) };
    },
  });

  const t = () => w.tree;
  // One row per action, one column per actor (see actorKeys in world.ts).
  //   sys adA ad1 edi app dsk spe lea clk cit ano
  matrixTests(() => w, [
    createFor(
      'Y   Y   N   N   N   N   N   N   N   N   N', 'A', () => t().A),
    createFor(
      'Y   N   N   N   N   N   N   N   N   N   N', 'B', () => t().B),
    createFor(
      'Y   N   N   N   N   N   N   N   N   N   N', 'A', () => t().A, true),
    onSite(
      'Y   Y   N   N   N   N   N   N   N   N   N', "edit A's site", () => siteOf.A, editSiteRun, 'site'),
    onSite(
      'Y   Y   Y   N   N   N   N   N   N   N   N', "edit A1's site", () => siteOf.A1, editSiteRun, 'site'),
    onSite(
      'Y   N   N   N   N   N   N   N   N   N   N', "edit B's site", () => siteOf.B, editSiteRun, 'site'),
    onSite(
      'Y   Y   N   N   N   N   N   N   N   N   N', "add a menu link to A's site", () => siteOf.A,
      (id) => (ctx) => addMenuItem(ctx, id, { area: 'links', label: `Cổng Chính phủ ${++seq}`, href: 'https://chinhphu.vn' }), 'menu'),
    onSite(
      'Y   N   N   N   N   N   N   N   N   N   N', "add a menu link to B's site", () => siteOf.B,
      (id) => (ctx) => addMenuItem(ctx, id, { area: 'links', label: `Cổng Chính phủ ${++seq}`, href: 'https://chinhphu.vn' }), 'menu'),
    withItem(
      'Y   Y   N   N   N   N   N   N   N   N   N', "edit a menu link of A's site", () => siteOf.A,
      (siteId, itemId) => (ctx) => editMenuItem(ctx, siteId, itemId, { label: `Đã sửa ${++seq}`, href: '/van-ban' })),
    withItem(
      'Y   Y   N   N   N   N   N   N   N   N   N', "move a menu link of A's site up", () => siteOf.A,
      (siteId, itemId) => (ctx) => moveMenuItem(ctx, siteId, itemId, 'up')),
    withItem(
      'Y   Y   N   N   N   N   N   N   N   N   N', "remove a menu link of A's site", () => siteOf.A,
      (siteId, itemId) => (ctx) => removeMenuItem(ctx, siteId, itemId)),
    withItem(
      'Y   N   N   N   N   N   N   N   N   N   N', "remove a menu link of B's site", () => siteOf.B,
      (siteId, itemId) => (ctx) => removeMenuItem(ctx, siteId, itemId)),
    onSite(
      'Y   Y   N   N   N   N   N   N   N   N   N', "add a category to A's site", () => siteOf.A,
      (id) => (ctx) => createCategory(ctx, id, { name: `Chuyên mục mới ${++seq}` }), 'categories'),
    onSite(
      'Y   Y   Y   N   N   N   N   N   N   N   N', "add a category to A1's site", () => siteOf.A1,
      (id) => (ctx) => createCategory(ctx, id, { name: `Chuyên mục mới ${++seq}` }), 'categories'),
    withCategory(
      'Y   Y   N   N   N   N   N   N   N   N   N', "rename a category of A's site", () => siteOf.A,
      (siteId, c) => (ctx) => editCategory(ctx, siteId, c.id, { name: `${c.name} (sửa)`, version: String(c.version) })),
    withCategory(
      'Y   N   N   N   N   N   N   N   N   N   N', "rename a category of B's site", () => siteOf.B,
      (siteId, c) => (ctx) => editCategory(ctx, siteId, c.id, { name: `${c.name} (sửa)`, version: String(c.version) })),
    withCategory(
      'Y   Y   N   N   N   N   N   N   N   N   N', "hide a category of A's site", () => siteOf.A,
      (siteId, c) => (ctx) => setCategoryActive(ctx, siteId, c.id, false, { version: String(c.version) })),
  ]);
});
