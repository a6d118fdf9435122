import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClient, makeTestEnv, type TestEnv } from '../../../test/support/app.js';
import { makeOfficial } from '../../../test/support/factories.js';

describe('platform HTTP behaviour', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());

  test('switches the interface to English and back, and keeps the page', async () => {
    const c = new TestClient(env);
    const res = await c.get('/ngon-ngu/en?next=%2Fquan-tri%2Fdang-nhap');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/quan-tri/dang-nhap');
    const page = await c.get('/quan-tri/dang-nhap');
    assert.match(page.body, /<html lang="en"/);
    assert.match(page.body, /Back-office sign-in/);
    await c.get('/ngon-ngu/vi?next=/');
    assert.match((await c.get('/quan-tri/dang-nhap')).body, /Đăng nhập quản trị/);
  });

  test('never redirects to another site after a language switch', async () => {
    const c = new TestClient(env);
    for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const res = await c.get(`/ngon-ngu/en?next=${encodeURIComponent(next)}`);
      assert.equal(res.headers.location, '/');
    }
  });

  test('answers an unknown page with a Vietnamese 404 page, and an unknown API path with JSON', async () => {
    const c = new TestClient(env);
    const page = await c.get('/khong-co-trang-nay');
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /Không tìm thấy trang/);
    const api = await c.get('/api/v1/khong-co');
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.code, 'not_found');
  });

  test('refuses an oversized form body with 413 and a clear message', async () => {
    const c = new TestClient(env);
    const res = await c.post('/quan-tri/dang-nhap', { username: 'x'.repeat(300 * 1024), password: 'y' });
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /quá lớn/);
  });

  test('sends security headers and a strict content security policy', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/' });
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['x-request-id']);
    // A page without a form gives a new visitor no cookie; one with a form binds its token to a cookie.
    assert.equal(res.headers['set-cookie'], undefined);
    const form = await env.app.inject({ method: 'GET', url: '/dang-nhap' });
    const cookie = String(form.headers['set-cookie']);
    assert.match(cookie, /congso_anon=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
  });

  test('reports the signed-in person and a CSRF token through the API, which then accepts it', async () => {
    const user = await makeOfficial(env.database.db, { roles: ['clerk'], fullName: 'Bế Thị Mai' });
    const c = await new TestClient(env).signInAs(user.id);
    const res = await c.get('/api/v1/session');
    const body = res.json();
    assert.equal(body.user.fullName, 'Bế Thị Mai');
    assert.equal(body.csrfToken, c.csrf);
    assert.equal((await c.json('POST', '/phien/gia-han', {})).statusCode, 303);
    const forged = await env.app.inject({ method: 'POST', url: '/phien/gia-han', headers: { cookie: `congso_sid=${c.cookies.get('congso_sid')}`, 'x-csrf-token': 'nope', 'content-type': 'application/json' }, payload: '{}' });
    assert.equal(forged.statusCode, 403);
    const anon = (await new TestClient(env).get('/api/v1/session')).json();
    assert.equal(anon.user, null);
  });

  test('documents the JSON API, and only the API, in OpenAPI', async () => {
    const res = await new TestClient(env).get('/api/docs/json');
    const paths = Object.keys(res.json().paths);
    assert.ok(paths.includes('/api/v1/session'));
    assert.ok(paths.every((p) => p.startsWith('/api/v1/')), paths.join(', '));
  });
});
