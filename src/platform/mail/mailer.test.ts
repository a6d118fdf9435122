import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, test } from 'node:test';
import type { FastifyBaseLogger } from 'fastify';
import { createLogger } from '../logger.js';
import { composeMail } from './compose.js';
import { createMailer } from './mailer.js';

describe('mailer without an SMTP server', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congso-mail-'));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('writes each message as an .eml file in the outbox and logs only its path', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger('info', sink) as unknown as FastifyBaseLogger;
    const mailer = createMailer({ smtpUrl: undefined, from: 'congso <no-reply@congso.test>', dataDir }, log);
    assert.equal(mailer.mode, 'outbox');
    const message = composeMail('nguoi.nhan@example.vn', {
      subject: 'citizen.mail.verifySubject',
      params: { name: 'Đàm <i>Thị</i> Hà', province: 'Tỉnh Cao Bằng' },
      body: [{ text: 'citizen.mail.greeting' }, { link: 'citizen.mail.verifyAction', url: 'https://dichvu.test/xac-minh-email?token=abc&x=1' }],
    });
    await mailer.send(message);
    await mailer.send(message);

    const files = fs.readdirSync(path.join(dataDir, 'outbox'));
    assert.equal(files.length, 2, 'one file per message, never overwritten');
    const eml = fs.readFileSync(path.join(dataDir, 'outbox', files[0]!), 'utf8');
    assert.match(eml, /^To: nguoi\.nhan@example\.vn$/m);
    assert.match(eml, /^From: congso <no-reply@congso\.test>$/m);
    assert.match(eml, /multipart\/alternative/);
    assert.equal((fs.statSync(path.join(dataDir, 'outbox', files[0]!)).mode & 0o777).toString(8), '600');

    const logged = lines.map((l) => JSON.parse(l) as { msg: string; outboxFile?: string });
    assert.equal(logged.length, 2);
    assert.ok(logged.every((l) => l.outboxFile?.endsWith('.eml')));
    assert.ok(lines.every((l) => !l.includes('nguoi.nhan') && !l.includes('token=')), 'no address or link in the log');
  });

  test('puts Vietnamese first and English below, escaping names in the HTML and keeping them as typed in the text', () => {
    const m = composeMail('a@example.vn', {
      subject: 'citizen.mail.verifySubject',
      params: { name: 'Đàm <i>Thị</i> Hà', province: 'Tỉnh Cao Bằng' },
      body: [{ text: 'citizen.mail.greeting' }, { link: 'citizen.mail.verifyAction', url: 'https://dichvu.test/x?token=a&b="c"' }],
    });
    assert.equal(m.subject, 'Xác minh thư điện tử cho tài khoản Tỉnh Cao Bằng / Verify your email for your Tỉnh Cao Bằng account');
    assert.ok(m.text.indexOf('Xin chào Đàm <i>Thị</i> Hà,') < m.text.indexOf('Hello Đàm <i>Thị</i> Hà,'));
    assert.match(m.html, /Xin chào Đàm &#60;i&#62;Thị&#60;\/i&#62; Hà,/);
    assert.doesNotMatch(m.html, /<i>/);
    assert.match(m.html, /href="https:\/\/dichvu\.test\/x\?token=a&#38;b=&#34;c&#34;"/);
    assert.throws(() =>
      composeMail('a@example.vn', { subject: 'citizen.mail.verifySubject', params: {}, body: [{ link: 'citizen.mail.verifyAction', url: 'javascript:alert(1)' }] }),
    );
  });
});
