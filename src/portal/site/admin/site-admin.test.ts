import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import { TestClient, type TestEnv, makeTestEnv } from '../../../../test/support/app.js';
import { actorFor, makeAgency, makeOfficial } from '../../../../test/support/factories.js';
import { makeCategory, makeSite } from '../../../../test/support/portal-factories.js';
import type { Ctx } from '../../../platform/context.js';
import { Conflict, Invalid } from '../../../platform/errors.js';
import { auditLog } from '../../../platform/schema.js';
import { categories, siteMenuItems, sites } from '../../schema.js';
import { addMenuItem } from './add-menu-item.js';
import { createCategory } from './create-category.js';
import { createSite } from './create-site.js';
import { editCategory } from './edit-category.js';
import { editSite } from './edit-site.js';
import { moveMenuItem } from './move-menu-item.js';
import { contrastWithWhite } from './site-rules.js';

const good = { name: 'Trang thông tin Sở Thử', slug: 'so-thu', primaryColor: '#0F4C81', accentColor: '#b7312c' };

async function invalid(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof Invalid, `expected Invalid, got ${String(err)}`);
    return Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v.key]));
  }
  assert.fail('expected the input to be refused');
}

describe('site administration', () => {
  let env: TestEnv;
  let sys: Ctx;
  let sysUserId: string;
  const db = () => env.database.db;

  before(async () => {
    env = await makeTestEnv();
    const u = await makeOfficial(db(), { roles: ['system_admin'] });
    sysUserId = u.id;
    sys = env.ctx(await actorFor(db(), u));
  });
  after(() => env.close());

  test('contrast with white follows WCAG: the default blue passes, yellow does not', () => {
    assert.ok(contrastWithWhite('#0f4c81') > 8);
    assert.ok(contrastWithWhite('#ffdd00') < 2);
    assert.equal(Math.round(contrastWithWhite('#000000')), 21);
  });

  test('creates a site with its colours lower-cased and audits it', async () => {
    const agency = await makeAgency(db());
    const site = await createSite(sys, { ...good, agencyId: agency.id, phone: '+84 233 3852 000', email: 'VanPhong@Thu.gov.vn' });
    assert.equal(site.primaryColor, '#0f4c81');
    assert.equal(site.phone, '02333852000');
    assert.equal(site.email, 'vanphong@thu.gov.vn');
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.entityId, site.id));
    assert.equal(entry!.action, 'site.created');
  });

  test('refuses bad input with a message per field and saves nothing', async () => {
    const agency = await makeAgency(db());
    const errors = await invalid(createSite(sys, { agencyId: agency.id, name: '', slug: 'Quản Trị', host: 'not a host', primaryColor: '#ffdd00', accentColor: 'red', email: 'x@', phone: '12' }));
    assert.deepEqual(errors, {
      name: 'field.required',
      slug: 'site.admin.slugFormat',
      host: 'site.admin.hostFormat',
      primaryColor: 'site.admin.colourContrast',
      accentColor: 'site.admin.colourFormat',
      email: 'field.email',
      phone: 'field.phone',
    });
    assert.deepEqual(await invalid(createSite(sys, { ...good, agencyId: agency.id, slug: 'quan-tri' })), { slug: 'site.admin.slugReserved' });
    assert.deepEqual(await invalid(createSite(sys, { ...good, agencyId: agency.id, slug: 'van-ban' })), { slug: 'site.admin.slugReserved' });
    assert.equal((await db().select().from(sites).where(eq(sites.agencyId, agency.id))).length, 0);
  });

  test('a slug, host or agency already taken is a field error, not a crash', async () => {
    const first = await makeSite(db(), { slug: 'da-co', host: 'daco.thu.gov.vn' });
    const agency = await makeAgency(db());
    assert.deepEqual(await invalid(createSite(sys, { ...good, agencyId: agency.id, slug: 'da-co' })), { slug: 'site.admin.slugTaken' });
    assert.deepEqual(await invalid(createSite(sys, { ...good, agencyId: agency.id, slug: 'khac', host: 'DACO.thu.gov.vn' })), { host: 'site.admin.hostTaken' });
    assert.deepEqual(await invalid(createSite(sys, { ...good, agencyId: first.agencyId, slug: 'khac-nua' })), { agencyId: 'site.admin.agencyHasSite' });
  });

  test('editing with an old version is refused with a conflict and changes nothing', async () => {
    const site = await makeSite(db(), { slug: 'sua-thu' });
    await editSite(sys, site.id, { ...good, slug: 'sua-thu', name: 'Tên mới', version: '1', active: 'on' });
    await assert.rejects(editSite(sys, site.id, { ...good, slug: 'sua-thu', name: 'Tên cũ hơn', version: '1', active: 'on' }), Conflict);
    const [row] = await db().select().from(sites).where(eq(sites.id, site.id));
    assert.equal(row!.name, 'Tên mới');
    assert.equal(row!.version, 2);
  });

  test('menu links must be site paths or web addresses; moving renumbers the menu', async () => {
    const site = await makeSite(db());
    assert.deepEqual(await invalid(addMenuItem(sys, site.id, { area: 'main', label: 'Xấu', href: 'javascript:alert(1)' })), { href: 'site.admin.hrefFormat' });
    assert.deepEqual(await invalid(addMenuItem(sys, site.id, { area: 'sidebar', label: '', href: '//evil.example' })), { label: 'field.required', href: 'site.admin.hrefFormat', area: 'field.invalid' });
    const a = await addMenuItem(sys, site.id, { area: 'main', label: 'Một', href: '/trang/mot' });
    const b = await addMenuItem(sys, site.id, { area: 'main', label: 'Hai', href: 'https://chinhphu.vn' });
    await addMenuItem(sys, site.id, { area: 'footer', label: 'Chân', href: '/lien-he' });
    await moveMenuItem(sys, site.id, b.id, 'up');
    const main = await db().select().from(siteMenuItems).where(eq(siteMenuItems.siteId, site.id)).orderBy(asc(siteMenuItems.area), asc(siteMenuItems.position));
    assert.deepEqual(main.filter((i) => i.area === 'main').map((i) => [i.label, i.position]), [['Hai', 1], ['Một', 2]]);
    await moveMenuItem(sys, site.id, b.id, 'up');
    assert.equal((await db().select().from(siteMenuItems).where(eq(siteMenuItems.id, a.id)))[0]!.position, 2, 'moving the first item up changes nothing');
  });

  test('a category gets its slug from the name; a taken slug and a bad parent are refused', async () => {
    const site = await makeSite(db());
    const c = await createCategory(sys, site.id, { name: 'Tin tức – Sự kiện' });
    assert.equal(c.slug, 'tin-tuc-su-kien');
    assert.deepEqual(await invalid(createCategory(sys, site.id, { name: 'Tin tức sự kiện' })), { name: 'site.admin.categorySlugTaken' });
    const child = await createCategory(sys, site.id, { name: 'Tin xã', parentId: c.id });
    assert.deepEqual(await invalid(createCategory(sys, site.id, { name: 'Cháu', parentId: child.id })), { parentId: 'site.admin.parentInvalid' });
    const other = await makeCategory(db(), (await makeSite(db())).id);
    assert.deepEqual(await invalid(createCategory(sys, site.id, { name: 'Lạc', parentId: other.id })), { parentId: 'site.admin.parentInvalid' });
    const renamed = await editCategory(sys, site.id, c.id, { name: 'Tin tức', version: '1' });
    assert.equal(renamed.slug, 'tin-tuc-su-kien', 'a blank slug keeps the address');
    await assert.rejects(editCategory(sys, site.id, c.id, { name: 'Lần nữa', version: '1' }), Conflict);
    assert.equal((await db().select().from(categories).where(eq(categories.id, c.id)))[0]!.name, 'Tin tức');
  });

  test('the back-office pages create a site, show errors in Vietnamese, and changes reach the public site at once', async () => {
    const admin = await new TestClient(env).signInAs(sysUserId);
    const agency = await makeAgency(db(), { name: 'Xã Hòa Thử' });
    const bad = await admin.post('/quan-tri/cong-thong-tin/trang/moi', { agencyId: agency.id, name: 'Xã Hòa Thử', slug: 'xa-hoa', primaryColor: '#eeeeee', accentColor: '#b7312c' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Màu quá sáng/);
    assert.equal((await db().select().from(sites).where(eq(sites.agencyId, agency.id))).length, 0);
    const ok = await admin.post('/quan-tri/cong-thong-tin/trang/moi', { agencyId: agency.id, name: 'Xã Hòa Thử', slug: 'xa-hoa', primaryColor: '#1d4d2b', accentColor: '#b7312c' });
    assert.equal(ok.statusCode, 303);
    const id = String(ok.headers.location).split('/').pop()!;
    assert.equal((await admin.get('/quan-tri/cong-thong-tin/trang')).statusCode, 200);
    assert.equal((await admin.get(`/quan-tri/cong-thong-tin/trang/${id}`)).statusCode, 200);
    assert.equal((await admin.get(`/quan-tri/cong-thong-tin/trang/${id}/sua`)).statusCode, 200);
    assert.equal((await admin.get(`/quan-tri/cong-thong-tin/trang/${id}/chuyen-muc/moi`)).statusCode, 200);
    const anon = new TestClient(env);
    assert.doesNotMatch((await anon.get('/xa-hoa')).body, /Bản đồ xã/);
    const badItem = await admin.post(`/quan-tri/cong-thong-tin/trang/${id}/menu`, { area: 'main', label: 'Bản đồ xã', href: 'ftp://x' });
    assert.equal(badItem.statusCode, 422);
    assert.match(badItem.body, /Liên kết phải bắt đầu bằng/);
    const cachedHome = () => [...env.app.pageCache.keys()].some((k) => k.endsWith('|/xa-hoa'));
    assert.ok(cachedHome(), 'the anonymous home page was kept');
    assert.equal((await admin.post(`/quan-tri/cong-thong-tin/trang/${id}/menu`, { area: 'main', label: 'Bản đồ xã', href: '/trang/ban-do' })).statusCode, 303);
    // The answer waits until this process has heard its own invalidation, so the next page opened shows the change.
    assert.ok(!cachedHome(), 'the kept page was dropped before the answer');
    assert.match((await anon.get('/xa-hoa')).body, /href="\/xa-hoa\/trang\/ban-do"[^>]*>Bản đồ xã/, 'the cached chrome was dropped');
    assert.match((await anon.get('/xa-hoa/theme.css')).body, /#1d4d2b/);
    const cat = await admin.post(`/quan-tri/cong-thong-tin/trang/${id}/chuyen-muc/moi`, { name: 'Thông báo' });
    assert.equal(cat.statusCode, 303);
    assert.equal((await anon.get('/xa-hoa/chuyen-muc/thong-bao')).statusCode, 200);
  });

  test('an editor is refused the site pages', async () => {
    const editor = await new TestClient(env).signInAs((await makeOfficial(db(), { roles: ['editor'] })).id);
    assert.equal((await editor.get('/quan-tri/cong-thong-tin/trang')).statusCode, 403);
    assert.equal((await editor.get('/quan-tri/cong-thong-tin/trang/moi')).statusCode, 403);
  });
});
