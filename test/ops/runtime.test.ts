import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { type CongsoProcess, EMBEDDED_RUN_ONLY, cookieHeader, cookiesFrom, openSignInForm, request, runCli, startCongso, tempDataDir } from './process.js';

const PHONE = '0912345678';
const ID_NUMBER = '001099012345';
const WRONG_PASSWORD = 'Sai-Mật-Khẩu-7781';

/** Sends the headers and half the body now; the rest when told, so the request is in flight meanwhile. */
function slowPost(url: string, headers: Record<string, string>, body: string) {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  let finish!: () => void;
  const response = new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(bytes.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on('error', reject);
    req.flushHeaders();
    req.write(bytes.subarray(0, half));
    finish = () => req.end(bytes.subarray(half));
  });
  return { response, finish: () => finish() };
}

describe('a running server: logs and graceful shutdown', { skip: EMBEDDED_RUN_ONLY }, () => {
  let dataDir: string;
  const procs: CongsoProcess[] = [];
  let server: CongsoProcess;
  let base: string;
  const secrets: string[] = [DEMO_PASSWORD, WRONG_PASSWORD, PHONE, ID_NUMBER];

  before(async () => {
    // Seeded beforehand by the CLI, so the server's own output never has a reason to print the demo password.
    dataDir = tempDataDir();
    const seed = runCli(['db', 'seed-demo'], { CONGSO_DATA_DIR: dataDir });
    procs.push(seed);
    assert.equal((await seed.exited).code, 0, seed.output());
    server = startCongso({ CONGSO_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    procs.push(server);
    base = await server.url();
  });

  after(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('serves sign-ins and personal data in URLs, then finishes a request in flight when stopped', async () => {
    const probe = await request(`${base}/healthz?phone=${PHONE}&cccd=${ID_NUMBER}`, { headers: { 'x-request-id': 'ops-probe-0001' } });
    assert.equal(probe.status, 200);
    assert.equal(probe.headers['x-request-id'], 'ops-probe-0001');

    const form = await openSignInForm(base);
    secrets.push(form.csrf, ...Object.values(form.cookies));
    const post = (password: string) =>
      request(`${base}/quan-tri/dang-nhap`, {
        method: 'POST',
        headers: { cookie: cookieHeader(form.cookies), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: form.csrf, username: 'chuyenvien', password, phone: PHONE }).toString(),
      });
    assert.equal((await post(WRONG_PASSWORD)).status, 422);
    const ok = await post(DEMO_PASSWORD);
    assert.equal(ok.status, 303);
    const session = cookiesFrom(ok.headers);
    assert.ok(session.congso_sid, 'a session cookie was set');
    secrets.push(session.congso_sid!);
    const dash = await request(`${base}/quan-tri?phone=${PHONE}`, { headers: { cookie: cookieHeader({ ...form.cookies, ...session }) } });
    assert.equal(dash.status, 200);

    const again = await openSignInForm(base);
    const slow = slowPost(
      `${base}/quan-tri/dang-nhap`,
      { cookie: cookieHeader(again.cookies), 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': 'ops-slow-request-0001' },
      new URLSearchParams({ _csrf: again.csrf, username: 'chuyenvien', password: DEMO_PASSWORD }).toString(),
    );
    // The server has the request once it logs it; only then does the stop signal arrive.
    await server.waitForLine(/"reqId":"ops-slow-request-0001".*"msg":"incoming request"/);
    server.child.kill('SIGTERM');
    await server.waitForLine(/shutting down: finishing in-flight requests/);
    slow.finish();
    const res = await slow.response;
    assert.equal(res.status, 303, server.output());
    assert.equal(res.location, '/quan-tri');
    assert.deepEqual(await server.exited, { code: 0, signal: null }, server.output());
  });

  test('logs are JSON lines with a request id and no password, cookie, token, phone or ID number', () => {
    assert.ok(server.stderr.some((l) => l.startsWith('Trang quản trị: ')), server.output());
    const logs = server.stdout.filter((l) => l.trim() !== '');
    assert.ok(logs.length > 10, server.output());
    const parsed = logs.map((l) => {
      assert.doesNotThrow(() => JSON.parse(l), `not JSON: ${l}`);
      return JSON.parse(l) as { reqId?: string; msg?: string; req?: { path?: string; queryKeys?: string[] } };
    });
    const requestLogs = parsed.filter((p) => p.msg === 'incoming request' || p.msg === 'request completed');
    // Reads are logged once, when answered; changes also when they arrive.
    assert.ok(requestLogs.filter((p) => p.msg === 'request completed').length >= 7, 'every request was logged');
    assert.equal(requestLogs.filter((p) => p.msg === 'incoming request').length, 3, 'the three sign-in posts were logged on arrival');
    assert.ok(requestLogs.some((p) => p.reqId === 'ops-slow-request-0001' && p.msg === 'request completed'), 'the request in flight was logged when answered');
    for (const p of requestLogs) assert.match(p.reqId ?? '', /^[\w.-]{8,64}$/);
    const probe = parsed.find((p) => p.reqId === 'ops-probe-0001' && p.msg === 'request completed');
    assert.deepEqual(probe?.req?.queryKeys, ['phone', 'cccd'], 'query names are kept, their values are not');
    const all = [...server.stdout, ...server.stderr].join('\n');
    for (const s of secrets) assert.ok(!all.includes(s), `the output contains a secret: ${s.slice(0, 4)}…`);
  });
});
