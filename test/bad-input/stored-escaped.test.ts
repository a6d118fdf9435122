import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '../../src/accounts/schema.js';
import { verifyPassword } from '../../src/platform/auth/password.js';
import { TestClient, type TestEnv, makeTestEnv } from '../support/app.js';
import { makeOfficial } from '../support/factories.js';
import { type Fixtures, type FormSpec, PAYLOAD, assertNoRawMarkup, assertShowsEscaped, makeFixtures } from './forms.js';

/**
 * SQL-ish and script text in every text field of every form: either a field error with nothing written, or
 * stored exactly as typed and shown escaped wherever it appears afterwards.
 */
describe('SQL-ish and script text in every form field', () => {
  let env: TestEnv;
  let f: Fixtures;
  before(async () => {
    env = await makeTestEnv();
    f = await makeFixtures(env);
  });
  after(() => env.close());

  async function probe(spec: FormSpec, field: string): Promise<'refused' | 'stored'> {
    const before = await f.snapshot();
    const form = { ...(await spec.valid()), [field]: PAYLOAD };
    const res = await spec.client.post(await spec.url(), form);
    const where = `${spec.name}, ${field}`;
    assertNoRawMarkup(res.body, where);
    if (res.statusCode === 422) {
      assert.match(res.body, /Có lỗi cần sửa/, `${where}: the error summary`);
      assert.deepEqual(await f.snapshot(), before, `${where}: nothing written`);
      return 'refused';
    }
    assert.ok([200, 201, 303].includes(res.statusCode), `${where}: answered ${res.statusCode}`);
    const stored = await spec.stored(form, field);
    assert.equal(stored.value, PAYLOAD, `${where}: stored verbatim`);
    for (const url of stored.pages) {
      const page = await f.sys.get(url);
      assert.equal(page.statusCode, 200, `${where}: ${url}`);
      assertShowsEscaped(page.body, `${where}: ${url}`);
    }
    return 'stored';
  }

  const names = ['agency creation', 'agency edit', 'administrative unit creation', 'administrative unit edit', 'official creation', 'official edit', 'role assignment', 'password change', 'citizen registration'];
  for (const name of names) {
    test(`${name}: each text field refuses the payload with a field error or stores it verbatim and shows it escaped`, async () => {
      const spec = f.forms.find((s) => s.name === name)!;
      const refused: string[] = [];
      for (const field of spec.fields) if ((await probe(spec, field)) === 'refused') refused.push(field);
      assert.deepEqual(refused, spec.refused);
    });
  }

  test('a password made of the payload is accepted as typed and never shown back', async () => {
    const owner = await makeOfficial(env.database.db);
    const c = await new TestClient(env).signInAs(owner.id);
    const mismatch = await c.post('/quan-tri/doi-mat-khau', { current: 'Mật-khẩu-Thử-2025', password: PAYLOAD, confirm: `${PAYLOAD}x` });
    assert.equal(mismatch.statusCode, 422);
    assert.ok(!mismatch.body.includes('DROP TABLE'), 'the typed password is not echoed');
    const res = await c.post('/quan-tri/doi-mat-khau', { current: 'Mật-khẩu-Thử-2025', password: PAYLOAD, confirm: PAYLOAD });
    assert.equal(res.statusCode, 303);
    const [row] = await env.database.db.select().from(users).where(eq(users.id, owner.id));
    assert.ok(await verifyPassword(row!.passwordHash, PAYLOAD));
  });

  test('search boxes echo the payload escaped and find nothing through it', async () => {
    const q = encodeURIComponent(PAYLOAD);
    for (const url of [`/quan-tri/co-quan?q=${q}`, `/quan-tri/don-vi-hanh-chinh?q=${q}`, `/quan-tri/nguoi-dung?q=${q}`, `/quan-tri/cong-dan?q=${q}`, `/quan-tri/nhat-ky?nguoi=${q}&hanh-dong=${q}`]) {
      const res = await f.sys.get(url);
      assert.equal(res.statusCode, 200, url);
      assertShowsEscaped(res.body, url);
    }
  });

  test('objects and arrays in a JSON body are field errors, not server errors', async () => {
    const before = await f.snapshot();
    const res = await f.sys.json('POST', '/quan-tri/co-quan/moi', { code: ['000.00.00.H99'], name: { $ne: null }, type: 'division', parentId: { id: f.agencyA.id } });
    assert.equal(res.statusCode, 422);
    for (const field of ['code', 'name', 'parentId']) assert.match(res.body, new RegExp(`href="#f-${field}"`), field);
    assert.deepEqual(await f.snapshot(), before);
  });
});
