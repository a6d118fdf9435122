import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { roleAssignments, users } from '../../src/accounts/schema.js';
import { agencies } from '../../src/org/schema.js';
import { recordAudit } from '../../src/platform/audit/record-audit.js';
import { inTransaction } from '../../src/platform/db/transaction.js';
import { auditLog } from '../../src/platform/schema.js';
import { TestClient, type TestEnv, makeTestEnv } from '../support/app.js';
import { agencyCode, makeAgency, makeCitizen, makeOfficial } from '../support/factories.js';
import { type World, auditCount, makeWorld } from './world.js';

/**
 * The routes refuse what the use cases refuse: pages and forms of another agency's records answer 403 (or
 * 404 where even their existence is withheld) and write nothing, whatever the form holds.
 */
describe('permission checks through the routes', () => {
  let env: TestEnv;
  let w: World;
  let officialOfB: Awaited<ReturnType<typeof makeOfficial>>;
  let officialOfA1: Awaited<ReturnType<typeof makeOfficial>>;
  let officialOfA: Awaited<ReturnType<typeof makeOfficial>>;
  let subAgencyOfB: { id: string; version: number };
  let entryOfB: number;
  const clients = new Map<string, TestClient>();
  const as = (key: 'admA' | 'clerk' | 'specialist' | 'citizen') => clients.get(key)!;

  before(async () => {
    env = await makeTestEnv();
    w = await makeWorld(env);
    const db = env.database.db;
    officialOfB = await makeOfficial(db, { agencyId: w.tree.B.id, roles: ['specialist'] });
    officialOfA1 = await makeOfficial(db, { agencyId: w.tree.A1.id, roles: ['specialist'] });
    officialOfA = await makeOfficial(db, { agencyId: w.tree.A.id, roles: ['specialist'] });
    subAgencyOfB = await makeAgency(db, { type: 'division', parentId: w.tree.B.id });
    await inTransaction(w.ctx('sys'), (tx) => recordAudit(tx, { action: 'agency.updated', entityType: 'agency', entityId: 'http-B', agencyId: w.tree.B.id }));
    entryOfB = (await db.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.entityId, 'http-B')))[0]!.seq;
    for (const key of ['admA', 'clerk', 'specialist', 'citizen'] as const) clients.set(key, await new TestClient(env).signInAs(w.actors[key]!.userId));
  });
  after(() => env.close());

  /** Everything a refused request could have touched. */
  const snapshot = async () => ({
    audits: await auditCount(env.database.db),
    users: await env.database.db.select().from(users).where(eq(users.id, officialOfB.id)),
    roles: await env.database.db.select().from(roleAssignments).where(eq(roleAssignments.userId, officialOfB.id)),
    agencies: await env.database.db.select().from(agencies).orderBy(agencies.id),
    userCount: (await env.database.db.select({ id: users.id }).from(users)).length,
  });

  test('agency_admin of A gets 403 for the edit page of an official of B, and the form writes nothing', async () => {
    const c = as('admA');
    assert.equal((await c.get(`/quan-tri/nguoi-dung/${officialOfB.id}/sua`)).statusCode, 403);
    const before = await snapshot();
    const good = { fullName: 'Chiếm Quyền', agencyId: w.tree.A.id, active: '', version: String(officialOfB.version) };
    assert.equal((await c.post(`/quan-tri/nguoi-dung/${officialOfB.id}/sua`, good)).statusCode, 403);
    // An invalid form must not turn into a 422 page showing B's official.
    const bad = await c.post(`/quan-tri/nguoi-dung/${officialOfB.id}/sua`, { fullName: '', agencyId: 'x', version: 'x' });
    assert.equal(bad.statusCode, 403);
    assert.ok(!bad.body.includes(officialOfB.username!));
    const refusals = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.access_denied'), eq(auditLog.actorId, w.actors.admA!.userId)));
    assert.ok(refusals.some((r) => r.entityId === `POST /quan-tri/nguoi-dung/${officialOfB.id}/sua`), 'each refusal is in the audit log');
    assert.deepEqual(await snapshot(), before);
  });

  test("agency_admin of A gets 403 for every action on an official of B and nothing is written", async () => {
    const c = as('admA');
    const before = await snapshot();
    const [assignment] = await env.database.db.select().from(roleAssignments).where(eq(roleAssignments.userId, officialOfB.id));
    const posts: [string, Record<string, string>][] = [
      [`/quan-tri/nguoi-dung/${officialOfB.id}/dat-lai-mat-khau`, {}],
      [`/quan-tri/nguoi-dung/${officialOfB.id}/dat-lai-xac-thuc`, {}],
      [`/quan-tri/nguoi-dung/${officialOfB.id}/mo-khoa`, {}],
      [`/quan-tri/nguoi-dung/${officialOfB.id}/vai-tro`, { role: 'clerk', agencyId: w.tree.B.id }],
      [`/quan-tri/nguoi-dung/${officialOfB.id}/vai-tro/${assignment!.id}/xoa`, {}],
      ['/quan-tri/nguoi-dung/moi', { username: 'chiem.quyen', fullName: 'Chiếm Quyền', agencyId: w.tree.B.id }],
    ];
    for (const [url, form] of posts) assert.equal((await c.post(url, form)).statusCode, 403, url);
    assert.equal((await c.get(`/quan-tri/nguoi-dung/${officialOfB.id}`)).statusCode, 403);
    assert.deepEqual(await snapshot(), before);
  });

  test("agency_admin of A gets 403 for B's agency pages and forms and nothing is written", async () => {
    const c = as('admA');
    const before = await snapshot();
    const B = w.tree.B.id;
    for (const url of [`/quan-tri/co-quan/${B}/sua`, `/quan-tri/co-quan/${B}/di-chuyen`, `/quan-tri/co-quan/moi?cha=${B}`]) assert.equal((await c.get(url)).statusCode, 403, url);
    const posts: [string, Record<string, string>][] = [
      [`/quan-tri/co-quan/${B}/sua`, { code: agencyCode(), name: 'Chiếm Quyền', type: 'department', version: '1' }],
      [`/quan-tri/co-quan/${subAgencyOfB.id}/di-chuyen`, { parentId: w.tree.A.id, version: String(subAgencyOfB.version) }],
      [`/quan-tri/co-quan/${subAgencyOfB.id}/ngung-hoat-dong`, { version: String(subAgencyOfB.version) }],
      ['/quan-tri/co-quan/moi', { code: agencyCode(), name: 'Chiếm Quyền', type: 'division', parentId: B }],
    ];
    for (const [url, form] of posts) assert.equal((await c.post(url, form)).statusCode, 403, url);
    assert.deepEqual(await snapshot(), before);
  });

  test("a clerk of A reads A's officials but not A1's or B's", async () => {
    const c = as('clerk');
    assert.equal((await c.get(`/quan-tri/nguoi-dung/${officialOfA.id}`)).statusCode, 200);
    assert.equal((await c.get(`/quan-tri/nguoi-dung/${officialOfA1.id}`)).statusCode, 403);
    assert.equal((await c.get(`/quan-tri/nguoi-dung/${officialOfB.id}`)).statusCode, 403);
    const list = await c.get('/quan-tri/nguoi-dung');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(officialOfA.username!));
    assert.ok(!list.body.includes(officialOfA1.username!));
    assert.ok(!list.body.includes(officialOfB.username!));
    assert.equal((await c.get(`/quan-tri/nguoi-dung/${officialOfA.id}/sua`)).statusCode, 403);
  });

  test('the audit log hides entries outside the reader and refuses those without audit.read', async () => {
    assert.equal((await as('admA').get(`/quan-tri/nhat-ky/${entryOfB}`)).statusCode, 404);
    assert.equal((await as('specialist').get('/quan-tri/nhat-ky')).statusCode, 403);
    assert.equal((await as('clerk').get(`/quan-tri/nhat-ky/${entryOfB}`)).statusCode, 403);
  });

  test("citizens' records and units stay with system administrators", async () => {
    const citizen = await makeCitizen(env.database.db);
    const before = await snapshot();
    assert.equal((await as('admA').get('/quan-tri/cong-dan')).statusCode, 403);
    assert.equal((await as('admA').get(`/quan-tri/cong-dan/${citizen.id}`)).statusCode, 403);
    assert.equal((await as('admA').post('/quan-tri/don-vi-hanh-chinh/moi', { code: '12345', name: 'Xã', kind: 'xã', level: 'commune', validFrom: '01/07/2025' })).statusCode, 403);
    assert.deepEqual(await snapshot(), before, 'a refused read of personal data leaves no audit entry either');
  });

  test('a citizen signed in cannot enter the back office, and an anonymous visitor is sent to sign in', async () => {
    const before = await snapshot();
    assert.equal((await as('citizen').get('/quan-tri/co-quan')).statusCode, 403);
    assert.equal((await as('citizen').post(`/quan-tri/co-quan/${w.tree.B.id}/sua`, { code: agencyCode(), name: 'X', type: 'department', version: '1' })).statusCode, 403);
    const anon = new TestClient(env);
    const res = await anon.get(`/quan-tri/nguoi-dung/${officialOfB.id}`);
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/quan-tri\/dang-nhap\?next=/);
    assert.equal((await anon.post(`/quan-tri/nguoi-dung/${officialOfB.id}/mo-khoa`)).statusCode, 303);
    assert.deepEqual(await snapshot(), before);
  });
});
