import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { makeCitizen } from '../../../test/support/factories.js';
import { makeFiledDossier } from '../../../test/support/payment-factories.js';
import { createLogger } from '../logger.js';
import { inTransaction } from '../db/transaction.js';
import { notifyApplicant } from '../../services/dossiers/notify-applicant.js';
import { SMS_MAX_LENGTH, SmsDeliveryError, asciiFold, createSmsSender } from './sms.js';

const log = createLogger('silent');

describe('text messages', () => {
  test('Vietnamese is folded to plain ASCII, đ included', () => {
    assert.equal(asciiFold('Hồ sơ H56-260316-0007 đã được tiếp nhận. Đề nghị nộp phí'), 'Ho so H56-260316-0007 da duoc tiep nhan. De nghi nop phi');
    assert.equal(asciiFold('Tra cứu: “mã” → xong'), 'Tra cuu: ma xong');
  });

  test('the HTTP gateway gets JSON with the bearer token; a refusal is an error naming only the status', async () => {
    const seen: { auth?: string; body: string }[] = [];
    let status = 200;
    const server = http.createServer(async (req, res) => {
      let body = '';
      for await (const c of req) body += String(c);
      seen.push({ auth: req.headers.authorization, body });
      res.writeHead(status);
      res.end('{"error":"number 0912345678 blocked"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const sender = createSmsSender({ gateway: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, token: 'tok-123' }, dataDir: os.tmpdir() }, log);
      assert.equal(sender.mode, 'http');
      await sender.send('0912345678', 'Ho so da duoc tiep nhan');
      assert.deepEqual(seen[0], { auth: 'Bearer tok-123', body: JSON.stringify({ to: '0912345678', text: 'Ho so da duoc tiep nhan' }) });
      status = 503;
      await assert.rejects(sender.send('0912345678', 'x'), (e: unknown) => e instanceof SmsDeliveryError && e.status === 503 && !e.message.includes('0912345678'));
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('the applicant is told by SMS when they gave a phone number', () => {
  let env: TestEnv;
  before(async () => {
    env = await makeTestEnv();
  });
  after(() => env.close());

  test('a change of the dossier files one sealed sms.send job, and the outbox gets a short ASCII text', async () => {
    const db = env.database.db;
    const user = await makeCitizen(db);
    const { dossier } = await makeFiledDossier(db, { applicantId: user.id, phone: '0912345678' });
    const filed = await env.smsJobsFiled();
    await inTransaction(env.ctx(), (tx) => notifyApplicant(tx, { baseUrl: env.config.baseUrl, secrets: env.secrets }, dossier, 'received'));
    assert.equal(await env.smsJobsFiled(), filed + 1);
    const outbox = path.join(env.config.dataDir, 'sms-outbox');
    const written = () => (fs.existsSync(outbox) ? fs.readdirSync(outbox).map((f) => fs.readFileSync(path.join(outbox, f), 'utf8')).filter((c) => c.endsWith('\n')) : []);
    for (let i = 0; i < 100 && written().length === 0; i++) await delay(100);
    const sent = JSON.parse(written()[0]!) as { to: string; text: string };
    assert.equal(sent.to, '0912345678');
    assert.equal(sent.text, `Ho so ${dossier.code} da duoc tiep nhan. Tra cuu: ${env.config.baseUrl}/dich-vu-cong/tra-cuu`);
    assert.ok(sent.text.length <= SMS_MAX_LENGTH);
    assert.match(sent.text, /^[\x20-\x7e]+$/);

    const noPhone = await makeFiledDossier(db, { applicantId: user.id, phone: null });
    await inTransaction(env.ctx(), (tx) => notifyApplicant(tx, { baseUrl: env.config.baseUrl, secrets: env.secrets }, noPhone.dossier, 'received'));
    assert.equal(await env.smsJobsFiled(), filed + 1, 'no phone, no text');
  });
});
