import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../context.js';
import { type Database, queryRows } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import { type Worker, startWorker } from '../jobs/worker.js';
import { createLogger } from '../logger.js';
import { makeSecrets } from '../secrets.js';
import { openTestDatabase } from '../../../test/support/db.js';
import { SmtpSink } from '../../../test/support/smtp-sink.js';
import { composeMail } from './compose.js';
import { MAIL_JOB_NAME, enqueueMail, mailJob } from './mail-job.js';
import { createMailer } from './mailer.js';

const secrets = makeSecrets('mail-job-test-secret-0123456789-abcdefghij');
const silent = createLogger('silent');

/** A reset mail like the real one: a greeting with a name and a one-time link. */
function resetMessage(to: string, token: string) {
  return composeMail(to, {
    subject: 'citizen.mail.resetSubject',
    params: { name: 'Nông Văn Dền', province: 'Tỉnh Cao Bằng' },
    body: [{ text: 'citizen.mail.greeting' }, { link: 'citizen.mail.resetAction', url: `https://dichvu.test/dat-lai-mat-khau?token=${token}` }],
  });
}

describe('the mail.send job', () => {
  let database: Database;
  const smtp = new SmtpSink();
  let smtpUrl: string;
  let worker: Worker | null = null;
  let seq = 0;
  const address = () => `nguoinhan${++seq}.${Date.now()}@example.vn`;
  const token = () => `tok${seq}_${Date.now()}_AbCdEfGhIjKlMnOpQrStUvWxYz`;
  const ctx = (): Ctx => ({ db: database.db, actor: null, now: () => new Date(), ip: null, requestId: 'test', locale: 'vi', log: silent as never });

  /** One worker at a time, each with the retry settings and log its test needs. */
  async function startMailWorker(overrides: Parameters<typeof mailJob>[1], log = silent): Promise<Worker> {
    await worker?.stop();
    const mailer = createMailer({ smtpUrl, from: 'Cổng dịch vụ <no-reply@caobang.test>', dataDir: '/nonexistent' }, silent);
    worker = await startWorker({ database, log, handlers: [mailJob({ secrets, mailer }, overrides)], pollMs: 100 });
    return worker;
  }

  before(async () => {
    smtpUrl = await smtp.start();
    database = await openTestDatabase();
  });
  after(async () => {
    await worker?.stop();
    await database.close();
    await smtp.close();
  });

  test('delivers a message the mail server refused once on the next attempt', async () => {
    const w = await startMailWorker({ retryDelaySeconds: 1 });
    const to = address();
    smtp.refuse(1);
    const id = await inTransaction(ctx(), (tx) => enqueueMail(tx, secrets, resetMessage(to, token())));
    const [mail] = await smtp.waitFor(to, 1, 20_000);
    assert.match(mail!.subject, /^Đặt lại mật khẩu/);
    assert.match(mail!.text, /Xin chào Nông Văn Dền/);
    // The message is in before the run records its success; stopping waits for the record.
    await w.stop();
    const [row] = await queryRows<{ state: string; retries: number }>(database.db, sql`select state::text as state, retry_count as retries from pgboss.job where id = ${id}::uuid`);
    assert.deepEqual(row, { state: 'completed', retries: 1 }, 'the first attempt was refused, the second delivered');
  });

  test('keeps no address, name or link in clear in the jobs table, and another instance key cannot open it', async () => {
    await startMailWorker({});
    const to = address();
    const secret = token();
    const id = await inTransaction(ctx(), (tx) => enqueueMail(tx, secrets, resetMessage(to, secret)));
    await smtp.waitFor(to);
    const rows = await queryRows<{ data: string; sealed: string }>(
      database.db,
      sql`select data::text as data, data->>'sealed' as sealed from pgboss.job where name = ${MAIL_JOB_NAME} and id = ${id}::uuid`,
    );
    assert.equal(rows.length, 1);
    for (const clear of [secret, to, 'Nông Văn Dền', 'dat-lai-mat-khau', 'Đặt lại']) {
      assert.ok(!rows[0]!.data.includes(clear), `the job row does not hold "${clear}"`);
    }
    assert.ok(secrets.decrypt(rows[0]!.sealed).includes(secret), 'the instance key opens it');
    assert.throws(() => makeSecrets('another-instance-secret-0123456789-abcdefgh').decrypt(rows[0]!.sealed));
  });

  test('sends nothing for a message filed in a transaction that rolled back', async () => {
    await startMailWorker({});
    const lost = address();
    const kept = address();
    const filed = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pgboss.job where name = ${MAIL_JOB_NAME}`))[0]!.n;
    const before = await filed();
    await assert.rejects(
      inTransaction(ctx(), async (tx) => {
        await enqueueMail(tx, secrets, resetMessage(lost, token()));
        throw new Error('the change fails after the message was filed');
      }),
      /the change fails/,
    );
    await inTransaction(ctx(), (tx) => enqueueMail(tx, secrets, resetMessage(kept, token())));
    // The queue delivers in filing order, so once the later message is here the earlier one would have been too.
    await smtp.waitFor(kept);
    assert.equal(smtp.to(lost).length, 0);
    assert.equal(await filed(), before + 1, 'only the committed message was ever filed');
  });

  test('fails a message the server keeps refusing after its last attempt, logging the SMTP codes without the address or link', async () => {
    const lines: string[] = [];
    let failed!: () => void;
    const failedLogged = new Promise<void>((resolve) => (failed = resolve));
    const sink = new Writable({
      write(chunk, _enc, done) {
        const line = String(chunk);
        lines.push(line);
        if ((JSON.parse(line) as { msg?: string }).msg === 'job failed') failed();
        done();
      },
    });
    const w = await startMailWorker({ retryLimit: 0 }, createLogger('info', sink));
    const to = address();
    const secret = token();
    smtp.refuse(1);
    const id = await inTransaction(ctx(), (tx) => enqueueMail(tx, secrets, resetMessage(to, secret)));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([failedLogged, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no "job failed" log line within 15 s')), 15_000)))]);
    clearTimeout(timer);

    // The failure is logged just before it is recorded; stopping waits for the record.
    await w.stop();
    const [row] = await queryRows<{ state: string; error: string; output: string }>(
      database.db,
      sql`select state::text as state, output->>'message' as error, output::text as output from pgboss.job where id = ${id}::uuid`,
    );
    assert.equal(row!.state, 'failed');
    assert.equal(row!.error, 'SMTP delivery failed (code EMESSAGE, reply 451, at DATA)');
    const logged = lines.join('\n');
    assert.match(logged, /SMTP delivery failed \(code EMESSAGE, reply 451/);
    for (const clear of [to, secret, 'Nông Văn Dền']) {
      assert.ok(!logged.includes(clear), `the log does not hold "${clear}"`);
      assert.ok(!row!.output.includes(clear), `the failed job's output does not hold "${clear}"`);
    }
    assert.equal(smtp.to(to).length, 0);
  });
});
